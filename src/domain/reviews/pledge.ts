import { unitLabel } from '../reference/unit-words.js';
import type { Db } from '../../db/client.js';
import { insertConflict, insertPledge, listConflicts, listPledges } from '../../db/repositories/review-integrity.js';
import {
  deleteAssignments,
  insertAssignments,
  listAssignments,
  listDistricts,
  listReviewers,
  lockCycle,
  type ReviewerRow,
} from '../../db/repositories/reviews.js';
import type { DbOrTx } from '../../db/tx.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf, requireRole } from '../authz.js';
import { DomainError, notFound } from '../errors.js';
import { planAssignments } from './plan-assignments.js';
import { cycleOrThrow, requireRoundOpen, requireSetupStage, reviewRoundState } from './round-state.js';
import type { ConflictInput, ConflictResult, Declarations, MyPledge, PledgeInput } from '../../contract/reviews.js';

/** The pledge every reviewer signs before scoring (서약서); its version is stored with each signature. */
export const PLEDGE_STATEMENT = {
  version: '2026-1',
  ko:
    '본인은 평가위원으로서 공정하고 독립적으로 평가하며, 평가 과정에서 알게 된 자료와 점수를 외부에 누설하지 않고, ' +
    '평가 대상 자치구와 이해관계(근무·자문·용역·친족 관계 등)가 있는 경우 즉시 회피를 신청할 것을 서약합니다.',
  en:
    'As a panel member I will score fairly and independently, keep the material and scores I see confidential, and ' +
    'declare at once any conflict of interest (employment, advice, contracts, family ties) with a district under review.',
} as const;

/**
 * The panel as assignment sees it: every reviewer with the districts they may not review — their memberships' org
 * units and the conflicts they declared for this cycle.
 */
export async function panelReviewers(db: DbOrTx, cycleId: number): Promise<ReviewerRow[]> {
  const [reviewers, conflicts] = await Promise.all([listReviewers(db), listConflicts(db, cycleId)]);
  return reviewers.map((r) => {
    const declared = conflicts.filter((c) => c.reviewerId === r.id);
    return {
      ...r,
      tiedOrgUnitIds: [...new Set([...r.tiedOrgUnitIds, ...declared.map((c) => c.orgUnitId)])],
      tiedOrgUnitCodes: [...new Set([...r.tiedOrgUnitCodes, ...declared.map((c) => c.orgUnitCode)])],
    };
  });
}

/** True when the reviewer signed the cycle's pledge. */
export async function hasSignedPledge(db: DbOrTx, cycleId: number, reviewerId: number): Promise<boolean> {
  return (await listPledges(db, cycleId, reviewerId)).length > 0;
}

export function pledgeRequired(year: number) {
  return new DomainError('conflict', 'pledge_required', {
    ko: `${year}년 평가위원 서약을 먼저 제출하세요. 서약 전에는 평가 자료를 보거나 점수를 입력할 수 없습니다.`,
    en: `Sign the ${year} reviewer pledge first: the dossier and scoring open once it is signed.`,
  });
}

/** A reviewer's own pledge and declarations for the cycle, with the districts a conflict can be declared for. */
export async function getMyPledge(db: Db, principal: Principal | null, year: number): Promise<MyPledge> {
  requireRole(principal, 'reviewer');
  const cycle = await cycleOrThrow(db, year);
  const [pledges, conflicts, districts, round] = await Promise.all([
    listPledges(db, cycle.id, principal.user.id),
    listConflicts(db, cycle.id, principal.user.id),
    listDistricts(db),
    reviewRoundState(db, year),
  ]);
  const pledge = pledges[0];
  return {
    year,
    statement: PLEDGE_STATEMENT,
    signed: pledge ? { signedName: pledge.signedName, signedAt: pledge.signedAt, statementVersion: pledge.statementVersion } : null,
    conflicts: conflicts.map((c) => ({ orgUnitCode: c.orgUnitCode, orgUnitName: c.orgUnitName, reason: c.reason, declaredAt: c.declaredAt })),
    districts: districts.map((d) => ({ code: d.code, name: d.name, nameEn: d.nameEn })),
    editable: ['draft', 'open', 'verification', 'review'].includes(cycle.status) && !round.closed,
  };
}

async function openRound(tx: DbOrTx, year: number) {
  const cycle = await cycleOrThrow(tx, year);
  const locked = (await lockCycle(tx, cycle.id, 'update')) ?? cycle;
  requireSetupStage(locked);
  requireRoundOpen(await reviewRoundState(tx, year), year);
  return locked;
}

/** The reviewer signs the cycle's pledge (once; a second signature changes nothing). Audited. */
export async function signPledge(db: Db, principal: Principal | null, year: number, input: PledgeInput): Promise<MyPledge> {
  requireRole(principal, 'reviewer');
  const actor = actorOf(principal);
  await db.transaction(async (tx) => {
    const cycle = await openRound(tx, year);
    const added = await insertPledge(tx, {
      cycleId: cycle.id,
      reviewerId: principal.user.id,
      statementVersion: PLEDGE_STATEMENT.version,
      signedName: input.signedName,
    });
    if (added) {
      await appendAudit(tx, actor, {
        action: 'review.pledge_signed',
        entityType: 'review_pledge',
        entityId: principal.user.username,
        after: { year, statementVersion: PLEDGE_STATEMENT.version, signedName: input.signedName },
      });
    }
  });
  return getMyPledge(db, principal, year);
}

/**
 * 회피 신청: the reviewer declares a conflict of interest with one district. From then on the reviewer is never
 * assigned to it; their assignments to the district are removed (scores entered so far go with them: they were
 * made under a conflict) and each item is topped up from the pool with the same balancing as the automatic
 * assignment — never a reviewer tied to the district or one who declared it. Audited (the declaration, the
 * removals and the new assignments, which name the district: district users never read review entries).
 */
export async function declareConflict(db: Db, principal: Principal | null, year: number, input: ConflictInput): Promise<ConflictResult> {
  requireRole(principal, 'reviewer');
  const actor = actorOf(principal);
  return db.transaction(async (tx) => {
    const cycle = await openRound(tx, year);
    const district = (await listDistricts(tx)).find((d) => d.code === input.orgUnitCode);
    if (!district) throw notFound(await unitLabel(tx, input.orgUnitCode));
    const added = await insertConflict(tx, { cycleId: cycle.id, reviewerId: principal.user.id, orgUnitId: district.id, reason: input.reason });
    if (!added) {
      throw new DomainError('conflict', 'already_declared', {
        ko: `${district.name}에 대한 회피 신청이 이미 접수되어 있습니다.`,
        en: `A conflict with ${district.nameEn} is already declared.`,
      });
    }
    await appendAudit(tx, actor, {
      action: 'review.conflict_declared',
      entityType: 'review_conflict',
      entityId: principal.user.username,
      orgUnitCode: district.code,
      after: { year, reviewer: principal.user.username },
      reason: input.reason,
    });
    const all = await listAssignments(tx, cycle.id);
    const mine = all.filter((a) => a.reviewerId === principal.user.id && a.orgUnitId === district.id);
    if (mine.length > 0) {
      await deleteAssignments(
        tx,
        mine.map((a) => a.id),
      );
      await appendAudit(tx, actor, {
        action: 'review.assignments_withdrawn',
        entityType: 'review_round',
        entityId: year,
        orgUnitCode: district.code,
        before: mine.map((a) => ({ id: a.id, reviewer: a.reviewerUsername, indicatorCode: a.indicatorCode, status: a.status })),
        reason: input.reason,
      });
    }
    const withdrawn = new Set(mine.map((a) => a.id));
    const existing = all.filter((a) => !withdrawn.has(a.id));
    const reviewers = await panelReviewers(tx, cycle.id);
    const topUps: Array<{ indicatorCode: string; reviewerId: number }> = [];
    let shortfall = 0;
    for (const a of mine) {
      const have = existing.filter((e) => e.orgUnitId === district.id && e.indicatorCode === a.indicatorCode).length;
      const plan = planAssignments({
        items: [{ orgUnitId: district.id, indicatorCode: a.indicatorCode }],
        reviewers,
        existing: [...existing, ...topUps.map((t) => ({ orgUnitId: district.id, indicatorCode: t.indicatorCode, reviewerId: t.reviewerId }))],
        perItem: have + 1,
      });
      for (const p of plan.add) topUps.push({ indicatorCode: p.indicatorCode, reviewerId: p.reviewerId });
      shortfall += plan.shortfalls.length;
    }
    await insertAssignments(
      tx,
      topUps.map((t) => ({ cycleId: cycle.id, reviewerId: t.reviewerId, orgUnitId: district.id, indicatorCode: t.indicatorCode })),
    );
    if (topUps.length > 0) {
      const names = new Map(reviewers.map((r) => [r.id, r.username]));
      await appendAudit(tx, actor, {
        action: 'review.reassigned',
        entityType: 'review_round',
        entityId: year,
        orgUnitCode: district.code,
        after: topUps.map((t) => ({ reviewer: names.get(t.reviewerId), indicatorCode: t.indicatorCode })),
        reason: 'conflict of interest declared',
      });
    }
    // The reviewer learns how many items moved, never to whom.
    return { year, orgUnitCode: district.code, withdrawn: mine.length, reassigned: topUps.length, shortfall };
  });
}

/** Pledges and declarations of the whole panel, for the city admin and the auditor. */
export async function listDeclarations(db: Db, principal: Principal | null, year: number): Promise<Declarations> {
  requireRole(principal, 'city_admin', 'auditor');
  const cycle = await cycleOrThrow(db, year);
  const [reviewers, pledges, conflicts] = await Promise.all([listReviewers(db), listPledges(db, cycle.id), listConflicts(db, cycle.id)]);
  return {
    year,
    statementVersion: PLEDGE_STATEMENT.version,
    reviewers: reviewers.map((r) => {
      const p = pledges.find((x) => x.reviewerId === r.id);
      return {
        username: r.username,
        displayName: r.displayName,
        tiedTo: r.tiedOrgUnitCodes,
        pledge: p ? { signedName: p.signedName, signedAt: p.signedAt, statementVersion: p.statementVersion } : null,
        conflicts: conflicts
          .filter((c) => c.reviewerId === r.id)
          .map((c) => ({ orgUnitCode: c.orgUnitCode, orgUnitName: c.orgUnitName, reason: c.reason, declaredAt: c.declaredAt })),
      };
    }),
  };
}
