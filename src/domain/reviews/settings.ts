import type { Db } from '../../db/client.js';
import { findReviewSettings, writeReviewSettings } from '../../db/repositories/review-integrity.js';
import type { CycleStatus } from '../../db/repositories/cycles.js';
import type { DbOrTx } from '../../db/tx.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf, requireRole } from '../authz.js';
import { stageNames } from '../cycles.js';
import { DomainError, type Message } from '../errors.js';
import { listDistricts } from '../../db/repositories/reviews.js';
import { districtPseudonyms } from './pseudonyms.js';
import { cycleOrThrow } from './round-state.js';
import type { ReviewSettings, ReviewSettingsInput } from '../../contract/reviews.js';

/** The panel settings can change only before the round opens (the review stage). */
const SETTINGS_STAGES: readonly CycleStatus[] = ['draft', 'open', 'verification'];

/** A cycle's panel settings; defaults (not blind, version 0) when the city never set them. */
export async function settingsOf(db: DbOrTx, cycleId: number): Promise<{ blind: boolean; version: number }> {
  const row = await findReviewSettings(db, cycleId);
  return { blind: row?.blind ?? false, version: row?.version ?? 0 };
}

/** How a reviewer sees one district: its name (null mask), or the cycle's pseudonym when the panel is blind. */
export async function districtMask(db: DbOrTx, cycleId: number, blind: boolean): Promise<((code: string) => Message) | null> {
  if (!blind) return null;
  const districts = await listDistricts(db);
  const pseudonyms = districtPseudonyms(
    cycleId,
    districts.map((d) => d.code),
  );
  return (code: string): Message => pseudonyms.get(code) ?? { ko: '자치구', en: 'District' };
}

/** The panel settings of a cycle: the city admin and the auditor read them; reviewers learn `blind` from their sheets. */
export async function getReviewSettings(db: Db, principal: Principal | null, year: number): Promise<ReviewSettings> {
  requireRole(principal, 'city_admin', 'auditor');
  const cycle = await cycleOrThrow(db, year);
  return { year, ...(await settingsOf(db, cycle.id)), editable: SETTINGS_STAGES.includes(cycle.status) };
}

/**
 * The city admin chooses whether the panel sees the districts' names ("blind to district"), before the review
 * stage starts (reviewers must not see names on one day and pseudonyms on the next). Optimistic concurrency on
 * `version` (0 for a cycle never set); audited with the old and the new value.
 */
export async function setReviewSettings(db: Db, principal: Principal | null, year: number, input: ReviewSettingsInput): Promise<ReviewSettings> {
  requireRole(principal, 'city_admin');
  const actor = actorOf(principal);
  return db.transaction(async (tx) => {
    const cycle = await cycleOrThrow(tx, year);
    if (!SETTINGS_STAGES.includes(cycle.status)) {
      const now = stageNames[cycle.status];
      throw new DomainError('conflict', 'review_settings_frozen', {
        ko: `${year}년 평가는 이미 '${now.ko}' 단계입니다. 평가위원 공개 범위는 '${stageNames.review.ko}' 단계 전에만 바꿀 수 있습니다.`,
        en: `The ${year} cycle is in the '${now.en}' stage; the panel's blind setting can only change before the '${stageNames.review.en}' stage.`,
      });
    }
    const current = await settingsOf(tx, cycle.id);
    if (current.version !== input.version || !(await writeReviewSettings(tx, cycle.id, input.version, { blind: input.blind, updatedBy: actor.userId }))) {
      throw new DomainError(
        'conflict',
        'stale_version',
        { ko: '설정이 다른 곳에서 먼저 바뀌었습니다. 최신 내용을 확인하세요.', en: 'The settings were changed elsewhere first; check the current version.' },
        [],
        { current: { year, ...current, editable: true } },
      );
    }
    await appendAudit(tx, actor, {
      action: 'review.settings_changed',
      entityType: 'review_round',
      entityId: year,
      before: { blind: current.blind },
      after: { blind: input.blind },
    });
    return { year, ...(await settingsOf(tx, cycle.id)), editable: true };
  });
}
