import { lockDistrictRecords, lockSubmittedItemsOfUnits, updateSubmission, type CycleRowOf, type SubmissionRow } from '../../db/repositories/submissions.js';
import type { DbOrTx } from '../../db/tx.js';
import { shiftIsoDate } from '../activities/indicator-value.js';
import { appendAudit, type Actor } from '../audit.js';
import { DomainError, type Message } from '../errors.js';
import { compileFormula } from '../formula/index.js';
import type { Indicator } from '../frameworks/definition.js';
import { frameworksOfCycles } from '../frameworks/service.js';
import { notifyPeople } from '../notifications/notify.js';
import { computeIndicator, storedComputation, type IndicatorComputation } from './indicator-computation.js';
import { auditState } from './submission-view.js';
import { staleVersion } from './district-cycle.js';
import { josaPick } from '../../korean.js';

/**
 * The rule that keeps submitted values from going stale (docs/user-guide.md, "실적이 바뀐 제출 항목"):
 * once an item is submitted, a change to the activity records or the evidence it stands on
 * - while it is submitted or approved (and the cycle still collects or verifies data): goes through, and the item
 *   returns to the district marked "실적이 바뀌었습니다 — 다시 제출" — its officers and approvers (and, for an
 *   approved item, the city's verifiers) are notified;
 * - once it is verified, or when the cycle has moved past verification: is refused (the records are locked); the
 *   officer asks the city to return (reopen) the item first.
 */

/** Which records a write touched: a district, the record types, and the dates (old and new) it wrote. */
export interface RecordTouch {
  orgUnitId: number;
  recordTypes: readonly string[];
  /** Inclusive ISO dates spanning every date written (before and after an edit). */
  from: string;
  to: string;
}

export type ChangeSource =
  | { kind: 'record'; action: 'created' | 'updated' | 'deleted'; recordId: number }
  | { kind: 'xlsx_import'; importId: number }
  | { kind: 'csv_import'; importId: number }
  | { kind: 'evidence'; action: 'attached' | 'detached'; evidenceId: number };

/** What the item says about the change that sent it back (stored in submissions.changed_after_submit). */
export interface ChangeAfterSubmit {
  source: ChangeSource;
  previousStatus: 'submitted' | 'approved';
  /** The value as submitted. */
  submittedValue: number | null;
  /** The value the records give now (null for an evidence change, or when there is none). */
  currentValue: number | null;
  by: number | null;
  at: string;
}

/** One item a change reached. */
export interface AffectedItem {
  id: number;
  year: number;
  orgUnitCode: string;
  indicator: string;
  status: string;
  submittedValue: number | null;
  currentValue: number | null;
}

const lockedStatusNames: Record<string, Message> = {
  submitted: { ko: '제출', en: 'submitted' },
  approved: { ko: '구 승인', en: 'approved' },
  verified: { ko: '검증 완료', en: 'verified' },
};

/** 409: the change would alter a verified value (or one past verification); nothing was written. */
export function recordsLocked(items: AffectedItem[]): DomainError {
  const list = items.map((i) => `${i.year} ${i.indicator}`).join(', ');
  const first = items[0]!;
  const status = lockedStatusNames[first.status] ?? { ko: first.status, en: first.status };
  return new DomainError(
    'conflict',
    'records_locked',
    {
      ko: `이 변경은 '${status.ko}' 상태인 지표 값(${list})을 바꾸므로 저장하지 않았습니다. 먼저 시에 해당 항목의 반려(검증 해제)를 요청하세요.`,
      en: `This change would alter the ${status.en} value of ${list}, so nothing was saved. Ask the city to return (reopen) the item first.`,
    },
    items.map((i) => ({
      path: `submissions.${i.indicator}`,
      message: {
        ko: `${i.year}년 ${i.indicator} (${(lockedStatusNames[i.status] ?? status).ko}): 값이 ${i.submittedValue ?? '-'}에서 ${i.currentValue ?? '-'}${josaPick(i.currentValue ?? '-', '으로/로')} 바뀌게 되어 저장할 수 없습니다. 시에 반려를 요청하세요.`,
        en: `${i.year} ${i.indicator} (${(lockedStatusNames[i.status] ?? status).en}): its value would change from ${i.submittedValue ?? '-'} to ${i.currentValue ?? '-'}. Ask the city to return it.`,
      },
    })),
    { items },
  );
}

const sameValue = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/** True when the records now give the item something other than what was submitted. */
function differs(stored: IndicatorComputation | null, now: IndicatorComputation | null): boolean {
  if (!stored || !now) return false;
  if (!sameValue(stored.value, now.value)) return true;
  // Rows written by older paths keep no record list: their value is all there is to compare.
  if (stored.records.length === 0) return false;
  const ids = (c: IndicatorComputation) => JSON.stringify(c.records.map((r) => [r.yearsBack, r.recordType, r.ids]));
  return ids(stored) !== ids(now);
}

/** The earliest date a formula reads for a cycle: its data period, and one year back per prev()/growth() level. */
function reach(indicator: Indicator, cycle: CycleRowOf): { types: string[]; from: string; to: string } | null {
  if (!indicator.formula) return null;
  const compiled = compileFormula(indicator.formula);
  if (!compiled.ok) return null;
  return { types: compiled.formula.recordTypes, from: shiftIsoDate(cycle.dataPeriodStart, compiled.formula.prevDepth), to: cycle.dataPeriodEnd };
}

/** The stage of the cycle in which an item can still go back to its district. */
const mayReturn = (cycle: CycleRowOf) => cycle.status === 'open' || cycle.status === 'verification';

/**
 * Call inside the transaction that changed the records, after the change: locks the districts' records against
 * concurrent submits, finds every submitted, approved or verified item whose formula reads the touched record types
 * and dates, and recomputes it. If any verified item (or any item of a cycle past verification) would change,
 * throws `records_locked` — the caller's transaction rolls back and nothing is written. Otherwise each changed item
 * returns to the district marked as changed (version-checked), audited and notified. Returns the items returned.
 */
export async function settleRecordChange(tx: DbOrTx, actor: Actor, touches: RecordTouch[], source: ChangeSource, now = new Date()): Promise<AffectedItem[]> {
  const units = [...new Set(touches.map((t) => t.orgUnitId))];
  if (units.length === 0) return [];
  await lockDistrictRecords(tx, units);
  const candidates = await lockSubmittedItemsOfUnits(tx, units);
  // The current framework of every cycle with a candidate, read at once.
  const frameworks = await frameworksOfCycles(
    tx,
    candidates.map((c) => c.cycle),
  );
  const changed: Array<{ row: SubmissionRow; cycle: CycleRowOf; orgUnitCode: string; indicator: Indicator; now: IndicatorComputation | null }> = [];
  for (const c of candidates) {
    const framework = frameworks.get(c.cycle.id)!.definition;
    const indicator = framework.indicators.find((i) => i.code === c.row.indicatorCode);
    if (!indicator) continue;
    const r = reach(indicator, c.cycle);
    if (!r) continue;
    const touched = touches.some(
      (t) => t.orgUnitId === c.row.orgUnitId && t.recordTypes.some((type) => r.types.includes(type)) && t.from <= r.to && t.to >= r.from,
    );
    if (!touched) continue;
    const unit = { id: c.row.orgUnitId, code: c.orgUnitCode, name: c.orgUnitName };
    const current = await computeIndicator(tx, c.cycle, unit, indicator, now, framework.populationYear);
    if (differs(storedComputation(indicator, c.row), current)) changed.push({ ...c, indicator, now: current });
  }
  const affected = (c: (typeof changed)[number]): AffectedItem => ({
    id: c.row.id,
    year: c.cycle.year,
    orgUnitCode: c.orgUnitCode,
    indicator: c.indicator.code,
    status: c.row.status,
    submittedValue: c.row.value,
    currentValue: c.now?.value ?? null,
  });
  const locked = changed.filter((c) => c.row.status === 'verified' || !mayReturn(c.cycle));
  if (locked.length > 0) throw recordsLocked(locked.map(affected));
  const out: AffectedItem[] = [];
  for (const c of changed) {
    await returnChangedItem(
      tx,
      actor,
      { row: c.row, year: c.cycle.year, orgUnitCode: c.orgUnitCode, indicator: c.indicator },
      source,
      c.now?.value ?? null,
      now,
    );
    out.push(affected(c));
  }
  return out;
}

/**
 * Sends a submitted or approved item back to its district because what it stands on changed: status `returned`,
 * the change recorded on the item, the district's approval withdrawn; audited and notified (its officers and
 * approvers, and the city's verifiers when it had reached them), never the one who made the change.
 */
export async function returnChangedItem(
  tx: DbOrTx,
  actor: Actor,
  item: { row: SubmissionRow; year: number; orgUnitCode: string; indicator: Indicator },
  source: ChangeSource,
  currentValue: number | null,
  now: Date,
): Promise<SubmissionRow> {
  const { row, year, orgUnitCode, indicator } = item;
  const previousStatus = row.status as 'submitted' | 'approved';
  const detail: ChangeAfterSubmit = {
    source,
    previousStatus,
    submittedValue: row.value,
    currentValue,
    by: actor.userId,
    at: now.toISOString(),
  };
  const updated = await updateSubmission(tx, row.id, row.version, {
    status: 'returned',
    returnReason: null,
    approvedAt: null,
    approvedBy: null,
    changedAfterSubmitAt: now,
    changedAfterSubmit: detail,
    changedBy: actor.userId,
    updatedBy: actor.userId,
  });
  if (!updated) throw staleVersion({ id: row.id, indicator: indicator.code });
  await appendAudit(
    tx,
    actor,
    {
      action: 'submission.changed_after_submit',
      entityType: 'submission',
      entityId: row.id,
      orgUnitCode,
      before: auditState(row),
      after: { ...auditState(updated), change: detail },
    },
    now,
  );
  const label = `${indicator.code} ${indicator.name.ko}`;
  const fmt = (v: number | null) => (v === null ? '-' : v.toLocaleString('ko-KR'));
  const what =
    source.kind === 'evidence'
      ? { ko: '증빙자료가 바뀌었습니다', en: 'its evidence changed' }
      : {
          ko: `실적이 바뀌었습니다 (제출 ${fmt(row.value)} → 현재 ${fmt(currentValue)})`,
          en: `its records changed (submitted ${row.value ?? '-'}, now ${currentValue ?? '-'})`,
        };
  await notifyPeople(
    tx,
    [
      { role: 'district_officer', orgUnitCode, orgUnitId: row.orgUnitId },
      { role: 'district_approver', orgUnitCode, orgUnitId: row.orgUnitId },
      ...(previousStatus === 'approved' ? [{ role: 'city_admin' as const }] : []),
    ],
    'item_changed',
    {
      year,
      orgUnitCode,
      indicator: indicator.code,
      previousStatus,
      submittedValue: row.value,
      currentValue,
      link: `/cycles/${year}/districts/${orgUnitCode}/submissions/${indicator.code}`,
      message: {
        ko: `${year}년 ${label}: ${what.ko} — 다시 제출해야 합니다.`,
        en: `${year} ${indicator.code} ${indicator.name.en}: ${what.en} — it must be submitted again.`,
      },
    },
    { except: actor.userId },
  );
  return updated;
}

/** Dates as ISO strings: the span of a list (for RecordTouch). */
export function spanOf(dates: readonly string[]): { from: string; to: string } | null {
  if (dates.length === 0) return null;
  let from = dates[0]!;
  let to = dates[0]!;
  for (const d of dates) {
    if (d < from) from = d;
    if (d > to) to = d;
  }
  return { from, to };
}
