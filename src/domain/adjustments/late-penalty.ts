import type { Db } from '../../db/client.js';
import {
  findAutoAdjustment,
  insertAutoAdjustment,
  lockCycleAdjustments,
  submissionTimesOfCycle,
  updateAdjustment,
  type AdjustmentRow,
} from '../../db/repositories/adjustments.js';
import { deadlinesOf } from '../../db/repositories/cycle-state.js';
import { listCycles, type CycleRow } from '../../db/repositories/cycles.js';
import { allDistricts } from '../../db/repositories/my-work.js';
import type { DbOrTx } from '../../db/tx.js';
import type { CycleStatus } from '../../contract/values.js';
import type { AdjustmentConfig } from '../../engine/index.js';
import { appendAudit, systemActor } from '../audit.js';
import type { Principal } from '../auth.js';
import { requireRole } from '../authz.js';
import type { Message } from '../errors.js';
import { getFramework } from '../frameworks/service.js';
import { lateRuleOf, signedPoints } from './adjustment-rules.js';
import { adjustmentsLocked, auditState } from './adjustment-view.js';
import { notifyDistrictOf } from './enter-adjustment.js';

/** Stages whose deadline binds the districts' submissions, with their name in a late penalty's reason. */
export const lateStages: Partial<Record<CycleStatus, Message>> = { open: { ko: '실적 제출', en: 'data submission' } };

const KST_MS = 9 * 3_600_000;
const kstParts = (d: Date) => {
  const k = new Date(d.getTime() + KST_MS);
  return { y: k.getUTCFullYear(), m: k.getUTCMonth() + 1, d: k.getUTCDate(), hh: k.getUTCHours(), mm: k.getUTCMinutes() };
};
const pad = (n: number) => String(n).padStart(2, '0');

/** A Korea-time date as Korean documents write it: 2019. 9. 10. */
export function kstDate(at: Date): string {
  const p = kstParts(at);
  return `${p.y}. ${p.m}. ${p.d}.`;
}

/** A Korea-time moment: 2019. 9. 12. 14:05 */
export function kstDateTime(at: Date): string {
  const p = kstParts(at);
  return `${kstDate(at)} ${pad(p.hh)}:${pad(p.mm)}`;
}

/** A deadline: its date, with the time unless it is the end (23:59) or start (00:00) of a day. */
function deadlineText(dueAt: Date): string {
  const p = kstParts(dueAt);
  return (p.hh === 23 && p.mm === 59) || (p.hh === 0 && p.mm === 0) ? kstDate(dueAt) : kstDateTime(dueAt);
}

const MISSING = '미제출';

/**
 * The reason of a late penalty, in Korea time: "실적 제출 기한(2019. 9. 10.) 경과: 2019. 9. 12. 14:05 제출", or for data
 * still missing when checked "실적 제출 기한(2019. 9. 10.) 경과: 2019. 9. 11. 09:00 현재 미제출".
 */
export function lateReason(stage: CycleStatus, dueAt: Date, submittedAt: Date | null, now: Date): string {
  const what = lateStages[stage]?.ko ?? stage;
  const head = `${what} 기한(${deadlineText(dueAt)}) 경과: `;
  return submittedAt ? `${head}${kstDateTime(submittedAt)} 제출` : `${head}${kstDateTime(now)} 현재 ${MISSING}`;
}

export const lateKey = (stage: CycleStatus) => `late:${stage}`;

/**
 * Records the framework's late penalty for one district and stage, once (idempotent per cycle, district and stage):
 * confirmed by its rule (the framework says what a late stage costs), audited as the system, the district told. A
 * penalty first made for missing data takes the submission time once the data come, while nobody has touched it.
 * Nothing once the cycle's result is final, nor under a framework without a late rule. Returns the new or updated
 * entry, null when nothing changed.
 */
export async function recordLatePenalty(
  tx: DbOrTx,
  cycle: Pick<CycleRow, 'id' | 'year' | 'status'>,
  config: AdjustmentConfig,
  unit: { id: number; code: string },
  stage: CycleStatus,
  dueAt: Date,
  submittedAt: Date | null,
  now: Date,
): Promise<AdjustmentRow | null> {
  if (adjustmentsLocked(cycle.status)) return null;
  const late = lateRuleOf(config);
  if (!late) return null;
  await lockCycleAdjustments(tx, cycle.id);
  const reason = lateReason(stage, dueAt, submittedAt, now);
  const key = lateKey(stage);
  const row = await insertAutoAdjustment(tx, {
    cycleId: cycle.id,
    orgUnitId: unit.id,
    ruleCode: late.rule.code,
    points: late.points,
    reason,
    status: 'confirmed',
    autoKey: key,
    createdAt: now,
    updatedAt: now,
    confirmedAt: now,
  });
  const facts = { id: 0, year: cycle.year, orgUnitCode: unit.code };
  if (row) {
    await appendAudit(tx, systemActor, {
      action: 'adjustment.late_penalty',
      entityType: 'adjustment',
      entityId: row.id,
      orgUnitCode: unit.code,
      after: { ...auditState(row), stage, dueAt: dueAt.toISOString(), submittedAt: submittedAt?.toISOString() ?? null },
      reason,
    });
    await notifyDistrictOf(
      tx,
      { ...facts, id: row.id },
      {
        ko: `${cycle.year}년 ${late.rule.name.ko} 감점 ${signedPoints(late.points)}점: ${reason}. 이의가 있으면 이의신청 기간에 신청하세요.`,
        en: `${cycle.year} ${late.rule.name.en} penalty ${signedPoints(late.points)}: ${reason}. You may object in the objection period.`,
      },
    );
    return row;
  }
  if (!submittedAt) return null;
  const existing = await findAutoAdjustment(tx, cycle.id, unit.id, key);
  if (!existing || existing.version !== 1 || existing.status !== 'confirmed' || !existing.reason.endsWith(MISSING)) return null;
  const updated = await updateAdjustment(tx, existing.id, existing.version, { reason, updatedAt: now });
  if (!updated) return null;
  await appendAudit(tx, systemActor, {
    action: 'adjustment.late_penalty_submitted',
    entityType: 'adjustment',
    entityId: existing.id,
    orgUnitCode: unit.code,
    before: auditState(existing),
    after: auditState(updated),
    reason,
  });
  return updated;
}

export interface LatePenaltyMade {
  year: number;
  district: string;
  stage: CycleStatus;
  adjustmentId: number;
  reason: string;
}

/**
 * The deadline check: for every cycle past a district stage's deadline (and not yet final), each district whose
 * data were submitted late (the earliest late submission) or are still missing (an item not started or in draft)
 * gets its late penalty. Idempotent; meant to run periodically as the system (beside the deadline reminders), or on
 * demand by the city admin.
 */
export async function applyLatePenalties(db: Db, principal: Principal | null, now = new Date()): Promise<LatePenaltyMade[]> {
  requireRole(principal, 'city_admin');
  const made: LatePenaltyMade[] = [];
  for (const cycle of await listCycles(db)) {
    if (cycle.status === 'draft' || adjustmentsLocked(cycle.status)) continue;
    const due = (await deadlinesOf(db, cycle.id)).filter((d) => lateStages[d.stage as CycleStatus] && d.dueAt < now);
    if (due.length === 0) continue;
    await db.transaction(async (tx) => {
      const framework = (await getFramework(tx, cycle.year)).definition;
      const items = await submissionTimesOfCycle(tx, cycle.id);
      for (const d of due) {
        const stage = d.stage as CycleStatus;
        for (const unit of await allDistricts(tx)) {
          const mine = items.filter((i) => i.orgUnitId === unit.id);
          const lateTimes = mine.filter((i) => i.late && i.submittedAt).map((i) => i.submittedAt!.getTime());
          const submitted = new Set(mine.filter((i) => i.status !== 'draft').map((i) => i.indicatorCode));
          const missing = framework.indicators.some((ind) => !submitted.has(ind.code));
          if (lateTimes.length === 0 && !missing) continue;
          const at = lateTimes.length ? new Date(Math.min(...lateTimes)) : null;
          const row = await recordLatePenalty(tx, cycle, framework.adjustments, unit, stage, d.dueAt, at, now);
          if (row) made.push({ year: cycle.year, district: unit.code, stage, adjustmentId: row.id, reason: row.reason });
        }
      }
    });
  }
  return made;
}
