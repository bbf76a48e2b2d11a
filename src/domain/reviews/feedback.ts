import type { Db } from '../../db/client.js';
import { findOrgUnitByCode } from '../../db/repositories/org-units.js';
import { panelComments } from '../../db/repositories/review-integrity.js';
import type { CycleStatus } from '../../db/repositories/cycles.js';
import type { Principal } from '../auth.js';
import { requireReadDistrict } from '../authz.js';
import { stageNames } from '../cycles.js';
import { DomainError, notFound } from '../errors.js';
import { cycleOrThrow, qualitativeIndicators } from './round-state.js';
import type { Feedback } from '../../contract/reviews.js';

/** Stages in which the final results exist: the panel's comments go back to the districts from then on. */
export const FEEDBACK_STAGES: readonly CycleStatus[] = ['final', 'published'];

/**
 * 평가위원 의견: after the final results, a district reads the panel's comments on its own qualitative items —
 * the text only, never who wrote it or the score that came with it, ordered by text. Its officers and approvers,
 * the city admin and the auditor. Before the final results the answer is 409 `feedback_not_ready`.
 */
export async function districtFeedback(db: Db, principal: Principal | null, year: number, code: string): Promise<Feedback> {
  requireReadDistrict(principal, code);
  const cycle = await cycleOrThrow(db, year);
  const unit = await findOrgUnitByCode(db, code);
  if (!unit) throw notFound({ ko: `기관 ${code}`, en: `Org unit ${code}` });
  if (!FEEDBACK_STAGES.includes(cycle.status)) {
    const now = stageNames[cycle.status];
    throw new DomainError('conflict', 'feedback_not_ready', {
      ko: `${year}년 평가는 지금 '${now.ko}' 단계입니다. 평가위원 의견은 최종 결과가 나온 뒤에 볼 수 있습니다.`,
      en: `The ${year} cycle is in the '${now.en}' stage; the panel's comments are shared once the final results are out.`,
    });
  }
  const [indicators, comments] = await Promise.all([qualitativeIndicators(db, year), panelComments(db, cycle.id, unit.id)]);
  return {
    year,
    orgUnitCode: code,
    items: [...indicators.values()].map((i) => ({
      indicatorCode: i.code,
      name: i.name,
      comments: comments.filter((c) => c.indicatorCode === i.code).map((c) => c.comment.trim()),
    })),
  };
}
