import type { Db } from '../../db/client.js';
import type { DbOrTx } from '../../db/tx.js';
import { findAssignment, listAssignments, lockCycle, updateAssignmentScores, type AssignmentRow } from '../../db/repositories/reviews.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf, holds, requireRole } from '../authz.js';
import { DomainError, forbidden, type Message } from '../errors.js';
import { listConflicts } from '../../db/repositories/review-integrity.js';
import { hasSignedPledge, pledgeRequired } from './pledge.js';
import { closeItemIfComplete, reopenedItemDetails, type Rereview } from './reopen.js';
import { districtMask, settingsOf } from './settings.js';
import type { Indicator } from '../frameworks/definition.js';
import { assignmentOfCycle, conflictOfInterest } from './assignment.js';
import { cycleOrThrow, qualitativeIndicators, requireReviewStage, requireRoundOpen, reviewRoundState } from './round-state.js';
import { rubricScore, rubricScoreProblems } from './rubric-score.js';
import type { AssignmentView, DraftScoresInput, MyAssignments, SubmitScoresInput } from '../../contract/reviews.js';
import { josaPick } from '../../korean.js';

type Mask = ((code: string) => Message) | null;

export function assignmentView(
  year: number,
  row: AssignmentRow,
  indicators: Map<string, Indicator>,
  mask: Mask = null,
  rereview: Rereview | null = null,
): AssignmentView {
  const ind = indicators.get(row.indicatorCode);
  const pseudonym = mask?.(row.orgUnitCode);
  return {
    id: row.id,
    year,
    orgUnit: pseudonym
      ? { code: pseudonym.en.replace(/^District /, ''), name: pseudonym.ko, nameEn: pseudonym.en }
      : { code: row.orgUnitCode, name: row.orgUnitName, nameEn: row.orgUnitNameEn },
    indicator: {
      code: row.indicatorCode,
      field: ind?.field ?? null,
      name: ind?.name ?? { ko: row.indicatorCode, en: row.indicatorCode },
      points: ind?.points ?? null,
    },
    rubric: ind?.rubric ?? null,
    reviewer: { username: row.reviewerUsername, displayName: row.reviewerDisplayName },
    scores: row.scores,
    total: row.total,
    comment: row.comment,
    status: row.status,
    submittedAt: row.submittedAt,
    version: row.version,
    rereview,
  };
}

/** The re-review (if any) of each row's district × item: none while the round is open. */
async function rereviewsOf(db: DbOrTx, year: number, inRound: boolean): Promise<(row: AssignmentRow) => Rereview | null> {
  const open = inRound ? new Map<string, Rereview>() : await reopenedItemDetails(db, year);
  return (row) => open.get(`${row.orgUnitCode}/${row.indicatorCode}`) ?? null;
}

export const notYours = () => forbidden({ ko: '다른 평가위원에게 배정된 항목입니다.', en: 'This assignment belongs to another reviewer.' });

/**
 * A reviewer's own assignments of the cycle with the rubric and their scores; nothing of other reviewers. On a
 * blind panel the districts appear under the cycle's pseudonyms.
 */
export async function listMyAssignments(db: Db, principal: Principal | null, year: number): Promise<MyAssignments> {
  requireRole(principal, 'reviewer');
  const cycle = await cycleOrThrow(db, year);
  const [rows, indicators, round, settings, pledgeSigned] = await Promise.all([
    listAssignments(db, cycle.id, { reviewerId: principal.user.id }),
    qualitativeIndicators(db, year),
    reviewRoundState(db, year),
    settingsOf(db, cycle.id),
    hasSignedPledge(db, cycle.id, principal.user.id),
  ]);
  const mask = await districtMask(db, cycle.id, settings.blind);
  const inRound = cycle.status === 'review' && !round.closed;
  const rereview = await rereviewsOf(db, year, inRound);
  return {
    year,
    stage: cycle.status,
    editable: inRound || rows.some((r) => r.status !== 'submitted' && rereview(r) !== null),
    round,
    blind: settings.blind,
    pledgeSigned,
    assignments: rows.map((r) => assignmentView(year, r, indicators, mask, rereview(r))),
  };
}

/**
 * One assignment: its reviewer sees it (masked on a blind panel); the city admin (who runs the panel) and the
 * auditor see any, but its scores, total and comment only once the round has closed — while it is open they follow
 * the progress, not the marks (docs/user-guide.md, "평가의 비밀").
 */
export async function getAssignment(db: Db, principal: Principal | null, year: number, id: number): Promise<AssignmentView> {
  requireRole(principal, 'reviewer', 'city_admin', 'auditor');
  const cycle = await cycleOrThrow(db, year);
  const row = await assignmentOfCycle(db, cycle.id, year, id);
  const indicators = await qualitativeIndicators(db, year);
  const round = await reviewRoundState(db, year);
  const rereview = (await rereviewsOf(db, year, cycle.status === 'review' && !round.closed))(row);
  if (row.reviewerId === principal.user.id) {
    return assignmentView(year, row, indicators, await districtMask(db, cycle.id, (await settingsOf(db, cycle.id)).blind), rereview);
  }
  if (!holds(principal, 'city_admin', 'auditor')) throw notYours();
  const view = assignmentView(year, row, indicators, null, rereview);
  return round.closed ? view : { ...view, scores: null, total: null, comment: null };
}

/**
 * Writes a reviewer's scores with optimistic concurrency. A draft may be partial; a submission needs every
 * criterion. Only the assignment's own reviewer, only in the review stage before the round closes (or, for a sheet
 * an accepted objection reopened, in the objection stage); a submitted assignment is final.
 */
async function writeScores(
  db: Db,
  principal: Principal | null,
  year: number,
  id: number,
  input: { version: number; scores?: Record<string, number> | undefined; comment?: string | null | undefined },
  submit: boolean,
): Promise<AssignmentView> {
  requireRole(principal, 'reviewer');
  const actor = actorOf(principal);
  return db.transaction(async (tx) => {
    const cycle = await cycleOrThrow(tx, year);
    const locked = (await lockCycle(tx, cycle.id, 'share')) ?? cycle;
    const row = await assignmentOfCycle(tx, cycle.id, year, id);
    if (row.reviewerId !== principal.user.id) throw notYours();
    // A tie recorded after the assignment was made still disqualifies the reviewer.
    if (principal.user.roles.some((m) => m.orgUnitCode === row.orgUnitCode)) throw conflictOfInterest(principal.user.username, row.orgUnitCode);
    const [conflicts, signed] = await Promise.all([listConflicts(tx, cycle.id, principal.user.id), hasSignedPledge(tx, cycle.id, principal.user.id)]);
    if (conflicts.some((c) => c.orgUnitId === row.orgUnitId)) throw conflictOfInterest(principal.user.username, row.orgUnitCode);
    if (!signed) throw pledgeRequired(year);
    // An item reopened for re-review (reopenReviewItem) takes scores in any stage; otherwise only the open round.
    const round = await reviewRoundState(tx, year);
    const inRound = locked.status === 'review' && !round.closed;
    const rereview = (await rereviewsOf(tx, year, inRound))(row);
    const reopened = rereview !== null;
    if (!reopened) {
      requireReviewStage(locked);
      requireRoundOpen(round, year);
    }
    const indicators = await qualitativeIndicators(tx, year);
    const mask = await districtMask(tx, cycle.id, (await settingsOf(tx, cycle.id)).blind);
    const stale = (current: AssignmentRow) =>
      new DomainError(
        'conflict',
        'stale_version',
        {
          ko: '이 평가표가 다른 곳에서 먼저 저장되었습니다. 최신 내용을 확인하세요.',
          en: 'This score sheet was saved elsewhere first; check the current version.',
        },
        [],
        { current: assignmentView(year, current, indicators, mask, rereview) },
      );
    if (row.version !== input.version) throw stale(row);
    if (row.status === 'submitted') {
      throw new DomainError('conflict', 'already_submitted', {
        ko: '이미 제출한 평가표는 바꿀 수 없습니다.',
        en: 'This score sheet was already submitted and cannot change.',
      });
    }
    const rubric = indicators.get(row.indicatorCode)?.rubric;
    if (!rubric) {
      throw new DomainError('conflict', 'not_qualitative', {
        ko: `${row.indicatorCode}${josaPick(row.indicatorCode, '은/는')} 현재 평가 체계에서 정성 지표가 아닙니다.`,
        en: `${row.indicatorCode} is not a qualitative indicator of the current framework.`,
      });
    }
    const scores = input.scores ?? row.scores ?? {};
    const problems = rubricScoreProblems(rubric, scores, { complete: submit, pathPrefix: 'body.scores' });
    if (problems.length) {
      throw new DomainError(
        'invalid',
        submit ? 'incomplete_scores' : 'invalid_scores',
        submit
          ? { ko: '모든 평가 항목에 올바른 점수를 입력해야 제출할 수 있습니다.', en: 'Every criterion needs a valid score before submitting.' }
          : { ko: '평가 기준표에 맞지 않는 점수가 있습니다.', en: 'Some scores do not fit the rubric.' },
        problems,
      );
    }
    const complete = rubricScoreProblems(rubric, scores, { complete: true }).length === 0;
    const update = {
      scores,
      total: complete ? rubricScore(rubric, scores) : null,
      comment: input.comment === undefined ? row.comment : input.comment,
      status: submit ? ('submitted' as const) : ('draft' as const),
      submittedAt: submit ? new Date() : null,
    };
    if (!(await updateAssignmentScores(tx, row.id, row.version, update))) throw stale((await findAssignment(tx, row.id)) ?? row);
    await appendAudit(tx, actor, {
      action: submit ? 'review.submitted' : 'review.draft_saved',
      entityType: 'review_assignment',
      entityId: row.id,
      orgUnitCode: row.orgUnitCode,
      before: { status: row.status, scores: row.scores, total: row.total },
      after: { status: update.status, scores: update.scores, total: update.total, indicatorCode: row.indicatorCode, year },
    });
    if (reopened && submit) await closeItemIfComplete(tx, actor, year, cycle.id, row.orgUnitCode, row.indicatorCode);
    // The reply's `rereview` is read after the write: a submission that completes the panel closes the item.
    const after = reopened && submit ? (await rereviewsOf(tx, year, inRound))(row) : rereview;
    return assignmentView(year, (await findAssignment(tx, row.id))!, indicators, mask, after);
  });
}

/** Saves draft scores (some criteria may still be empty) and a comment. */
export async function saveDraftScores(db: Db, principal: Principal | null, year: number, id: number, input: DraftScoresInput): Promise<AssignmentView> {
  return writeScores(db, principal, year, id, input, false);
}

/** Submits the score sheet (every criterion scored); the saved draft unless new scores are given. Final. */
export async function submitScores(db: Db, principal: Principal | null, year: number, id: number, input: SubmitScoresInput): Promise<AssignmentView> {
  return writeScores(db, principal, year, id, input, true);
}
