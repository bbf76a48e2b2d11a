import type { Db } from '../../db/client.js';
import { deleteAssignments, listAssignments, listDistricts, listReviewers, lockCycle, type AssignmentRow } from '../../db/repositories/reviews.js';
import type { DbOrTx } from '../../db/tx.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf, requireRole } from '../authz.js';
import { DomainError } from '../errors.js';
import { FLAG_DEFAULTS, reviewerDeviationFlags } from './reviewer-flags.js';
import {
  cycleOrThrow,
  qualitativeIndicators,
  requireReviewStage,
  requireRoundClosed,
  requireRoundOpen,
  reviewRoundState,
  ROUND_CLOSED,
} from './round-state.js';
import type { CloseResult, CloseRoundInput, Progress, Results } from '../../contract/reviews.js';
import { panelAggregate, TRIM_FROM } from './trimmed-mean.js';
import { reopenedItems } from './reopen.js';

interface Item {
  orgUnitCode: string;
  orgUnitName: string;
  indicatorCode: string;
  rows: AssignmentRow[];
}

const itemKey = (orgUnitCode: string, indicatorCode: string) => `${orgUnitCode}/${indicatorCode}`;

/**
 * Every district × qualitative indicator of the framework (in district, then framework order) with its
 * assignments, followed by items that have assignments but left the framework since.
 */
async function itemsOf(db: DbOrTx, year: number, rows: AssignmentRow[]): Promise<Item[]> {
  const [districts, indicators] = await Promise.all([listDistricts(db), qualitativeIndicators(db, year)]);
  const items = new Map<string, Item>();
  for (const d of districts) {
    for (const code of indicators.keys()) items.set(itemKey(d.code, code), { orgUnitCode: d.code, orgUnitName: d.name, indicatorCode: code, rows: [] });
  }
  for (const r of rows) {
    const k = itemKey(r.orgUnitCode, r.indicatorCode);
    const item = items.get(k) ?? { orgUnitCode: r.orgUnitCode, orgUnitName: r.orgUnitName, indicatorCode: r.indicatorCode, rows: [] };
    item.rows.push(r);
    items.set(k, item);
  }
  return [...items.values()];
}

const ref = (i: Pick<Item, 'orgUnitCode' | 'orgUnitName' | 'indicatorCode'>) => ({
  orgUnitCode: i.orgUnitCode,
  orgUnitName: i.orgUnitName,
  indicatorCode: i.indicatorCode,
});

/**
 * The panel's progress for the city admin and the auditor: per district × indicator how many reviewers are
 * assigned and who has submitted, and each reviewer's load. Never a score: the round stays blind until it closes.
 */
export async function reviewProgress(db: Db, principal: Principal | null, year: number): Promise<Progress> {
  requireRole(principal, 'city_admin', 'auditor');
  const cycle = await cycleOrThrow(db, year);
  const [rows, round, reviewers] = await Promise.all([listAssignments(db, cycle.id), reviewRoundState(db, year), listReviewers(db)]);
  const count = (s: AssignmentRow['status']) => rows.filter((r) => r.status === s).length;
  return {
    year,
    stage: cycle.status,
    round,
    totals: { assigned: count('assigned'), draft: count('draft'), submitted: count('submitted'), all: rows.length },
    items: (await itemsOf(db, year, rows)).map((i) => ({
      ...ref(i),
      assigned: i.rows.length,
      submitted: i.rows.filter((r) => r.status === 'submitted').length,
      reviewers: i.rows.map((r) => ({ username: r.reviewerUsername, displayName: r.reviewerDisplayName, status: r.status, submittedAt: r.submittedAt })),
    })),
    reviewers: reviewers.map((p) => {
      const mine = rows.filter((r) => r.reviewerId === p.id);
      return {
        username: p.username,
        displayName: p.displayName,
        tiedTo: p.tiedOrgUnitCodes,
        assigned: mine.length,
        submitted: mine.filter((r) => r.status === 'submitted').length,
      };
    }),
  };
}

/**
 * Closes the review round (city admin, review stage). Every assignment must be submitted and every item
 * scored; otherwise the admin overrides with a reason, and the unsubmitted assignments (drafts included) are
 * dropped. The closure is an audit event, which is the round's state from then on: no score or assignment
 * changes after it, and results and {@link panelScores} become available.
 */
export async function closeReviewRound(db: Db, principal: Principal | null, year: number, input: CloseRoundInput = {}): Promise<CloseResult> {
  requireRole(principal, 'city_admin');
  const actor = actorOf(principal);
  return db.transaction(async (tx) => {
    const cycle = await cycleOrThrow(tx, year);
    requireReviewStage((await lockCycle(tx, cycle.id, 'update')) ?? cycle, { ko: '정성 평가 마감은', en: 'The panel review can only be closed' });
    requireRoundOpen(await reviewRoundState(tx, year), year);
    const rows = await listAssignments(tx, cycle.id);
    if (rows.length === 0) {
      throw new DomainError('invalid', 'no_assignments', {
        ko: '배정된 평가가 없습니다. 먼저 평가위원을 배정하세요.',
        en: 'Nothing is assigned yet: assign reviewers first.',
      });
    }
    const open = rows.filter((r) => r.status !== 'submitted');
    const items = await itemsOf(tx, year, rows);
    const withoutScores = items.filter((i) => !i.rows.some((r) => r.status === 'submitted')).map(ref);
    const reason = input.overrideReason?.trim() || null;
    const dropped = open.map((r) => ({ ...ref(r), reviewer: r.reviewerUsername, status: r.status }));
    if ((open.length > 0 || withoutScores.length > 0) && !reason) {
      throw new DomainError(
        'conflict',
        'review_incomplete',
        {
          ko: `제출되지 않은 평가 ${open.length}건, 점수가 없는 항목 ${withoutScores.length}건이 있습니다. 그대로 마감하려면 사유를 입력하세요 (미제출 평가는 제외됩니다).`,
          en: `${open.length} assignment(s) not submitted and ${withoutScores.length} item(s) without any score. Give an override reason to close anyway (unsubmitted assignments are dropped).`,
        },
        [{ path: 'body.overrideReason', message: { ko: '마감 사유를 입력하세요.', en: 'Enter an override reason.' } }],
        { unsubmitted: dropped, itemsWithoutScores: withoutScores },
      );
    }
    if (open.length > 0) {
      await deleteAssignments(
        tx,
        open.map((r) => r.id),
      );
      await appendAudit(tx, actor, {
        action: 'review.assignments_dropped',
        entityType: 'review_round',
        entityId: year,
        before: open.map((r) => ({
          id: r.id,
          item: itemKey(r.orgUnitCode, r.indicatorCode),
          reviewer: r.reviewerUsername,
          status: r.status,
          scores: r.scores,
        })),
        reason,
      });
    }
    await appendAudit(tx, actor, {
      action: ROUND_CLOSED,
      entityType: 'review_round',
      entityId: year,
      after: {
        submitted: rows.length - open.length,
        dropped: open.length,
        itemsWithoutScores: withoutScores.map((i) => itemKey(i.orgUnitCode, i.indicatorCode)),
      },
      reason,
    });
    return { year, round: await reviewRoundState(tx, year), submitted: rows.length - open.length, dropped, itemsWithoutScores: withoutScores };
  });
}

/** Items with their submitted totals, reviewers in username order, only from a closed round. */
async function closedItems(db: DbOrTx, year: number) {
  const cycle = await cycleOrThrow(db, year);
  const round = await reviewRoundState(db, year);
  requireRoundClosed(round, year);
  const rows = (await listAssignments(db, cycle.id)).filter((r) => r.status === 'submitted' && r.total !== null);
  const items = (await itemsOf(db, year, rows)).map((i) => ({
    ...i,
    rows: [...i.rows].sort((a, b) => a.reviewerUsername.localeCompare(b.reviewerUsername)),
  }));
  return { round, items };
}

/**
 * The closed round's results for the city admin and the auditor: each item's panel score (trimmed mean of the
 * reviewers' 0–100 totals, see {@link panelAggregate}) with every reviewer's total and which were dropped, and
 * each reviewer's systematic deviation with flags (see {@link reviewerDeviationFlags}).
 */
export async function reviewResults(db: Db, principal: Principal | null, year: number): Promise<Results> {
  requireRole(principal, 'city_admin', 'auditor');
  const { round, items } = await closedItems(db, year);
  const people = new Map<string, string>();
  const flatScores: Array<{ reviewer: string; item: string; total: number }> = [];
  const out = items.map((i) => {
    const totals = i.rows.map((r) => r.total!);
    const agg = totals.length ? panelAggregate(totals) : null;
    i.rows.forEach((r) => {
      people.set(r.reviewerUsername, r.reviewerDisplayName);
      flatScores.push({ reviewer: r.reviewerUsername, item: itemKey(i.orgUnitCode, i.indicatorCode), total: r.total! });
    });
    return {
      ...ref(i),
      n: totals.length,
      trimmed: agg?.trimmed ?? false,
      score: agg?.score ?? null,
      scores: i.rows.map((r, k) => ({
        username: r.reviewerUsername,
        displayName: r.reviewerDisplayName,
        total: r.total!,
        dropped: agg !== null && (agg.droppedLow === k || agg.droppedHigh === k),
      })),
    };
  });
  return {
    year,
    round,
    trimFrom: TRIM_FROM,
    flagRule: { ...FLAG_DEFAULTS },
    items: out,
    reviewers: reviewerDeviationFlags(flatScores).map(({ reviewer, ...f }) => ({ username: reviewer, displayName: people.get(reviewer) ?? reviewer, ...f })),
  };
}

/**
 * The panel's 0–100 score of every scored district × qualitative indicator of a closed round, for the scoring
 * run (the qualitative indicators' values): org unit code → indicator code → trimmed mean. Items without a
 * submitted score are absent. The caller authorises (the scoring run is the city admin's).
 *
 * @throws DomainError `review_round_open` (409) while the round is not closed; `review_items_reopened` (409) while an
 *   item reopened for re-review ({@link reopenReviewItem}) is not submitted again.
 */
export async function panelScores(db: DbOrTx, year: number): Promise<Map<string, Record<string, number>>> {
  const { items } = await closedItems(db, year);
  const reopened = [...(await reopenedItems(db, year))];
  if (reopened.length > 0) {
    throw new DomainError('conflict', 'review_items_reopened', {
      ko: `다시 평가 중인 정성 평가 항목이 있습니다 (${reopened.slice(0, 5).join(', ')}). 평가위원이 모두 다시 제출한 뒤 점수를 산정하세요.`,
      en: `Some panel items are being re-reviewed (${reopened.slice(0, 5).join(', ')}); score once their reviewers have submitted again.`,
    });
  }
  const out = new Map<string, Record<string, number>>();
  for (const i of items) {
    if (i.rows.length === 0) continue;
    const rec = out.get(i.orgUnitCode) ?? {};
    rec[i.indicatorCode] = panelAggregate(i.rows.map((r) => r.total!)).score;
    out.set(i.orgUnitCode, rec);
  }
  return out;
}
