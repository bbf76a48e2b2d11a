import type { CycleRow } from '../../db/repositories/cycles.js';
import { latestRoundEvent } from '../../db/repositories/reviews.js';
import type { CycleStatus } from '../../db/repositories/cycles.js';
import type { DbOrTx } from '../../db/tx.js';
import { stageNames } from '../cycles.js';
import { DomainError, type Message } from '../errors.js';
import { getFramework } from '../frameworks/service.js';
import type { Indicator } from '../frameworks/definition.js';
import type { RoundState } from '../../contract/reviews.js';
export { cycleOrThrow } from '../cycle-lookup.js';

/** The audit action that closes a review round; the log is the round's state (append-only, hash-chained). */
export const ROUND_CLOSED = 'review.round_closed';

/** Stages in which the panel can still be set up (the review itself included). */
const SETUP_STAGES: readonly CycleStatus[] = ['draft', 'open', 'verification', 'review'];

const ENTERING_SCORES: Message = { ko: '정성 평가 점수 입력·제출은', en: 'Panel scores can only be entered or submitted' };

/** Reviewers score, and the admin closes the round, only while the cycle is in the review stage. */
export function requireReviewStage(cycle: CycleRow, doing: Message = ENTERING_SCORES): void {
  if (cycle.status === 'review') return;
  const now = stageNames[cycle.status];
  throw new DomainError('conflict', 'not_in_review_stage', {
    ko: `${cycle.year}년 평가는 지금 '${now.ko}' 단계입니다. ${doing.ko} '${stageNames.review.ko}' 단계에서만 할 수 있습니다.`,
    en: `The ${cycle.year} cycle is in the '${now.en}' stage. ${doing.en} during the '${stageNames.review.en}' stage.`,
  });
}

/** Assignments can be made until the review stage ends. */
export function requireSetupStage(cycle: CycleRow): void {
  if (SETUP_STAGES.includes(cycle.status)) return;
  const now = stageNames[cycle.status];
  throw new DomainError('conflict', 'review_setup_over', {
    ko: `${cycle.year}년 평가는 이미 '${now.ko}' 단계입니다. 평가위원 배정은 '${stageNames.review.ko}' 단계까지만 바꿀 수 있습니다.`,
    en: `The ${cycle.year} cycle is already in the '${now.en}' stage; reviewer assignments can only change up to the '${stageNames.review.en}' stage.`,
  });
}

/** The round's closure, read from the audit log. */
export async function reviewRoundState(db: DbOrTx, year: number): Promise<RoundState> {
  const e = await latestRoundEvent(db, year, ROUND_CLOSED);
  if (!e) return { closed: false, closedAt: null, closedBy: null, overrideReason: null };
  return { closed: true, closedAt: new Date(e.at).toISOString(), closedBy: e.actorLabel, overrideReason: e.reason };
}

export function requireRoundOpen(state: RoundState, year: number): void {
  if (!state.closed) return;
  throw new DomainError('conflict', 'review_round_closed', {
    ko: `${year}년 정성 평가는 이미 마감되었습니다 (${state.closedAt}). 점수와 배정을 바꿀 수 없습니다.`,
    en: `The ${year} panel review round was closed (${state.closedAt}); scores and assignments can no longer change.`,
  });
}

export function requireRoundClosed(state: RoundState, year: number): void {
  if (state.closed) return;
  throw new DomainError('conflict', 'review_round_open', {
    ko: `${year}년 정성 평가가 아직 마감되지 않았습니다. 마감 후에 결과를 볼 수 있습니다.`,
    en: `The ${year} panel review round is not closed yet; results are available once it closes.`,
  });
}

/** The qualitative indicators of the cycle's current framework, in framework order. */
export async function qualitativeIndicators(db: DbOrTx, year: number): Promise<Map<string, Indicator>> {
  const fw = await getFramework(db, year);
  return new Map(fw.definition.indicators.filter((i) => i.kind === 'qualitative' && i.rubric).map((i) => [i.code, i]));
}
