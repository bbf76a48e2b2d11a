import type { Db } from '../../db/client.js';
import { findAssignment, listAssignments, lockCycle, updateAssignmentScores, type AssignmentRow } from '../../db/repositories/reviews.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf, holds, requireRole } from '../authz.js';
import { DomainError, forbidden } from '../errors.js';
import type { Indicator } from '../frameworks/definition.js';
import { assignmentOfCycle, conflictOfInterest } from './assignment.js';
import { cycleOrThrow, qualitativeIndicators, requireReviewStage, requireRoundOpen, reviewRoundState } from './round-state.js';
import { isReopened } from './reopen.js';
import { rubricScore, rubricScoreProblems } from './rubric-score.js';
import type { AssignmentView, DraftScoresInput, MyAssignments, SubmitScoresInput } from './schemas.js';

export function assignmentView(year: number, row: AssignmentRow, indicators: Map<string, Indicator>): AssignmentView {
  const ind = indicators.get(row.indicatorCode);
  return {
    id: row.id,
    year,
    orgUnit: { code: row.orgUnitCode, name: row.orgUnitName, nameEn: row.orgUnitNameEn },
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
  };
}

const notYours = () =>
  forbidden({ ko: '다른 평가위원에게 배정된 항목입니다.', en: 'This assignment belongs to another reviewer.' });

/** A reviewer's own assignments of the cycle with the rubric and their scores; nothing of other reviewers. */
export async function listMyAssignments(db: Db, principal: Principal | null, year: number): Promise<MyAssignments> {
  requireRole(principal, 'reviewer');
  const cycle = await cycleOrThrow(db, year);
  const [rows, indicators, round] = await Promise.all([
    listAssignments(db, cycle.id, { reviewerId: principal.user.id }),
    qualitativeIndicators(db, year),
    reviewRoundState(db, year),
  ]);
  return {
    year,
    stage: cycle.status,
    editable: (cycle.status === 'review' && !round.closed) || rows.some((r) => isReopened(cycle.status, r)),
    round,
    assignments: rows.map((r) => assignmentView(year, r, indicators)),
  };
}

/** One assignment: its reviewer sees it; the city admin (who runs the panel) and the auditor see any. */
export async function getAssignment(db: Db, principal: Principal | null, year: number, id: number): Promise<AssignmentView> {
  requireRole(principal, 'reviewer', 'city_admin', 'auditor');
  const cycle = await cycleOrThrow(db, year);
  const row = await assignmentOfCycle(db, cycle.id, year, id);
  if (!holds(principal, 'city_admin', 'auditor') && row.reviewerId !== principal.user.id) throw notYours();
  return assignmentView(year, row, await qualitativeIndicators(db, year));
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
    if (!isReopened(locked.status, row)) {
      requireReviewStage(locked);
      requireRoundOpen(await reviewRoundState(tx, year), year);
    }
    const indicators = await qualitativeIndicators(tx, year);
    const stale = (current: AssignmentRow) =>
      new DomainError(
        'conflict',
        'stale_version',
        { ko: '이 평가표가 다른 곳에서 먼저 저장되었습니다. 최신 내용을 확인하세요.', en: 'This score sheet was saved elsewhere first; check the current version.' },
        [],
        { current: assignmentView(year, current, indicators) },
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
        ko: `${row.indicatorCode}은(는) 현재 평가 체계에서 정성 지표가 아닙니다.`,
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
    return assignmentView(year, (await findAssignment(tx, row.id))!, indicators);
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
