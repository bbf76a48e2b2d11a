import { unitLabel } from '../reference/unit-words.js';
import type { Db } from '../../db/client.js';
import {
  deleteAssignments,
  findAssignment,
  insertAssignments,
  listAssignments,
  listDistricts,
  lockCycle,
  type AssignmentRow,
} from '../../db/repositories/reviews.js';
import type { DbOrTx } from '../../db/tx.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf, requireRole } from '../authz.js';
import { DomainError, notFound } from '../errors.js';
import { planAssignments } from './plan-assignments.js';
import { panelReviewers } from './pledge.js';
import { cycleOrThrow, qualitativeIndicators, requireRoundOpen, requireSetupStage, reviewRoundState } from './round-state.js';
import type { AssignOptions, AssignResult, ManualAssignment } from '../../contract/reviews.js';

/** Default panel size (DOMAIN.md: a trimmed mean needs five scores). */
export const DEFAULT_REVIEWERS_PER_ITEM = 5;

/** Locks the cycle and checks the panel can still be set up; returns the cycle. */
async function openForSetup(tx: DbOrTx, year: number) {
  const cycle = await cycleOrThrow(tx, year);
  const locked = (await lockCycle(tx, cycle.id, 'update')) ?? cycle;
  requireSetupStage(locked);
  requireRoundOpen(await reviewRoundState(tx, year), year);
  return locked;
}

function chosenIndicators(all: Map<string, unknown>, codes: string[] | undefined): string[] {
  if (all.size === 0) {
    throw new DomainError('invalid', 'no_qualitative_indicators', {
      ko: '이 평가 체계에는 정성 지표가 없습니다.',
      en: 'The framework has no qualitative indicators.',
    });
  }
  if (!codes) return [...all.keys()];
  const problems = codes
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => !all.has(c))
    .map(({ c, i }) => ({
      path: `body.indicatorCodes.${i}`,
      message: { ko: `정성 지표가 아닙니다: ${c}`, en: `Not a qualitative indicator of the framework: ${c}` },
    }));
  if (problems.length) {
    throw new DomainError('invalid', 'not_qualitative', { ko: '정성 지표만 배정할 수 있습니다.', en: 'Only qualitative indicators are reviewed.' }, problems);
  }
  return [...new Set(codes)];
}

/**
 * Assigns reviewers to every district × qualitative indicator of the cycle (or the given indicators), up to
 * `reviewersPerItem` each (default 5, or every reviewer when there are fewer). Load is balanced greedily and a
 * reviewer is never assigned to a district any of their memberships ties them to; items left short of reviewers
 * are reported. Re-running only tops up: existing assignments and their scores are kept. City admin only; the
 * whole run is one audited transaction.
 */
export async function assignReviewers(db: Db, principal: Principal | null, year: number, opts: AssignOptions = {}): Promise<AssignResult> {
  requireRole(principal, 'city_admin');
  const actor = actorOf(principal);
  return db.transaction(async (tx) => {
    const cycle = await openForSetup(tx, year);
    const codes = chosenIndicators(await qualitativeIndicators(tx, year), opts.indicatorCodes);
    const reviewers = await panelReviewers(tx, cycle.id);
    if (reviewers.length === 0) {
      throw new DomainError('invalid', 'no_reviewers', {
        ko: '평가위원(reviewer) 역할을 가진 사용자가 없습니다.',
        en: 'No user holds the reviewer role.',
      });
    }
    const perItem = opts.reviewersPerItem ?? Math.min(DEFAULT_REVIEWERS_PER_ITEM, reviewers.length);
    const districts = await listDistricts(tx);
    const existing = await listAssignments(tx, cycle.id);
    const plan = planAssignments({
      items: districts.flatMap((d) => codes.map((indicatorCode) => ({ orgUnitId: d.id, indicatorCode }))),
      reviewers,
      existing,
      perItem,
    });
    const created = await insertAssignments(
      tx,
      plan.add.map((a) => ({ ...a, cycleId: cycle.id })),
    );
    const district = new Map(districts.map((d) => [d.id, d]));
    const reviewerById = new Map(reviewers.map((r) => [r.id, r]));
    const ref = (orgUnitId: number, indicatorCode: string) => ({
      orgUnitCode: district.get(orgUnitId)?.code ?? String(orgUnitId),
      orgUnitName: district.get(orgUnitId)?.name ?? '',
      indicatorCode,
    });
    const result: AssignResult = {
      year,
      reviewersPerItem: perItem,
      items: districts.length * codes.length,
      created,
      kept: existing.length,
      shortfalls: plan.shortfalls.map((s) => ({ ...ref(s.orgUnitId, s.indicatorCode), wanted: s.wanted, assigned: s.assigned })),
      conflicting: plan.conflicting.map((a) => ({ ...ref(a.orgUnitId, a.indicatorCode), id: a.id, reviewer: a.reviewerUsername })),
      loads: [...plan.loads].flatMap(([id, assigned]) => {
        const r = reviewerById.get(id);
        return r ? [{ username: r.username, displayName: r.displayName, assigned }] : [];
      }),
    };
    await appendAudit(tx, actor, {
      action: 'review.assigned',
      entityType: 'review_round',
      entityId: year,
      after: {
        reviewersPerItem: perItem,
        indicators: codes,
        created,
        kept: existing.length,
        shortfalls: result.shortfalls.map((s) => `${s.orgUnitCode}/${s.indicatorCode} ${s.assigned}/${s.wanted}`),
      },
    });
    return result;
  });
}

export function conflictOfInterest(reviewer: string, orgUnitCode: string) {
  return new DomainError('invalid', 'conflict_of_interest', {
    ko: `${reviewer} 평가위원은 ${orgUnitCode} 자치구와 연관되어 있어 이 자치구를 평가할 수 없습니다 (이해충돌).`,
    en: `Reviewer ${reviewer} is tied to district ${orgUnitCode} and cannot review it (conflict of interest).`,
  });
}

/** The city admin adds one assignment by hand; conflicts of interest are refused as in the automatic run. */
export async function addAssignment(db: Db, principal: Principal | null, year: number, input: ManualAssignment): Promise<{ id: number }> {
  requireRole(principal, 'city_admin');
  const actor = actorOf(principal);
  return db.transaction(async (tx) => {
    const cycle = await openForSetup(tx, year);
    chosenIndicators(await qualitativeIndicators(tx, year), [input.indicatorCode]);
    const reviewer = (await panelReviewers(tx, cycle.id)).find((r) => r.username === input.reviewer);
    if (!reviewer) throw notFound({ ko: `평가위원 ${input.reviewer}`, en: `Reviewer ${input.reviewer}` });
    const district = (await listDistricts(tx)).find((d) => d.code === input.orgUnitCode);
    if (!district) throw notFound(await unitLabel(tx, input.orgUnitCode));
    if (reviewer.tiedOrgUnitIds.includes(district.id)) throw conflictOfInterest(reviewer.username, district.code);
    const n = await insertAssignments(tx, [{ cycleId: cycle.id, reviewerId: reviewer.id, orgUnitId: district.id, indicatorCode: input.indicatorCode }]);
    if (n === 0) {
      throw new DomainError('conflict', 'already_assigned', {
        ko: `${reviewer.username} 평가위원은 이미 ${district.name} ${input.indicatorCode}에 배정되어 있습니다.`,
        en: `${reviewer.username} is already assigned to ${district.nameEn} ${input.indicatorCode}.`,
      });
    }
    const row = (await listAssignments(tx, cycle.id, { reviewerId: reviewer.id })).find(
      (a) => a.orgUnitId === district.id && a.indicatorCode === input.indicatorCode,
    )!;
    await appendAudit(tx, actor, {
      action: 'review.assignment_added',
      entityType: 'review_assignment',
      entityId: row.id,
      orgUnitCode: district.code,
      after: { year, reviewer: reviewer.username, indicatorCode: input.indicatorCode },
      reason: input.reason ?? null,
    });
    return { id: row.id };
  });
}

/** Loads an assignment of the cycle, or 404. */
export async function assignmentOfCycle(db: DbOrTx, cycleId: number, year: number, id: number): Promise<AssignmentRow> {
  const row = await findAssignment(db, id);
  if (!row || row.cycleId !== cycleId) throw notFound({ ko: `${year}년 평가 배정 ${id}`, en: `Assignment ${id} of ${year}` });
  return row;
}

/** The city admin removes an assignment; once the reviewer has entered scores, only with a reason. */
export async function removeAssignment(db: Db, principal: Principal | null, year: number, id: number, input: { reason?: string | null } = {}): Promise<void> {
  requireRole(principal, 'city_admin');
  const actor = actorOf(principal);
  await db.transaction(async (tx) => {
    const cycle = await openForSetup(tx, year);
    const row = await assignmentOfCycle(tx, cycle.id, year, id);
    const reason = input.reason?.trim() || null;
    if (row.status !== 'assigned' && !reason) {
      throw new DomainError(
        'invalid',
        'reason_required',
        { ko: '평가위원이 이미 점수를 입력한 배정입니다. 삭제 사유를 입력하세요.', en: 'The reviewer has entered scores: give a reason to remove it.' },
        [{ path: 'body.reason', message: { ko: '사유를 입력하세요.', en: 'Enter a reason.' } }],
      );
    }
    await deleteAssignments(tx, [row.id]);
    await appendAudit(tx, actor, {
      action: 'review.assignment_removed',
      entityType: 'review_assignment',
      entityId: row.id,
      orgUnitCode: row.orgUnitCode,
      before: { year, reviewer: row.reviewerUsername, indicatorCode: row.indicatorCode, status: row.status, scores: row.scores, total: row.total },
      reason,
    });
  });
}
