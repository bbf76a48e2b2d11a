import type { Db } from '../../db/client.js';
import { findSubmission, insertSubmission, updateSubmission, type SubmissionRow } from '../../db/repositories/submissions.js';
import type { DbOrTx } from '../../db/tx.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf, requireWriteDistrict } from '../authz.js';
import { DomainError } from '../errors.js';
import type { Indicator } from '../frameworks/definition.js';
import { indicatorOf, loadDistrictItem, staleVersion, type DistrictCycle } from './district-cycle.js';
import { computeIndicator, type IndicatorComputation } from './indicator-computation.js';
import { flagsFor, loadOutlierReferences, type OutlierReferences } from './outlier-reference.js';
import { viewOfItem } from './read-submissions.js';
import { actsAsCity, cityMayCorrect, districtMayEdit, reasonRequired, stageClosed, verifiedItemLocked } from './submission-rules.js';
import { auditState, type SubmissionView } from './submission-view.js';

export interface SaveSubmissionInput {
  /** The version the change is based on (0 for an item not started yet). */
  version: number;
  /**
   * The value. For a formula indicator a number overrides the computed value (a comment saying why is then
   * required) and null returns to the computed value; for a direct-entry indicator it is the entered value.
   * Absent: unchanged.
   */
  value?: number | null | undefined;
  comment?: string | null | undefined;
  /** Required when the city corrects a district's item. */
  reason?: string | null | undefined;
}

const blank = (s: string | null | undefined) => !s || s.trim() === '';

/** Makes sure a change by whoever may edit is allowed at this stage and state. */
export function assertMayEdit(principal: Principal, dc: DistrictCycle, row: SubmissionRow | null, reason: string | null | undefined): 'city' | 'district' {
  if (actsAsCity(principal, dc.unit.code)) {
    if (!cityMayCorrect(dc.cycle.status)) throw stageClosed(dc.cycle.status);
    if (row?.status === 'verified') throw verifiedItemLocked();
    if (blank(reason)) throw reasonRequired();
    return 'city';
  }
  if (!districtMayEdit(dc.cycle.status, row?.status ?? 'not_started')) throw stageClosed(dc.cycle.status);
  return 'district';
}

export interface DraftContent {
  value: number | null;
  valueSource: 'computed' | 'entered';
  computedValue: number | null;
  computation: IndicatorComputation | null;
  comment: string | null;
}

/**
 * The content an edit produces: a formula indicator is recomputed from the current records; its value is the
 * computed one unless overridden (an override needs a comment). Throws 'invalid' with field paths.
 */
export async function draftContent(
  tx: DbOrTx,
  dc: DistrictCycle,
  indicator: Indicator,
  row: SubmissionRow | null,
  input: Omit<SaveSubmissionInput, 'version' | 'reason'>,
): Promise<DraftContent> {
  const comment = input.comment !== undefined ? (blank(input.comment) ? null : input.comment!.trim()) : (row?.comment ?? null);
  if (!indicator.formula) {
    const value = input.value !== undefined ? input.value : (row?.value ?? null);
    return { value, valueSource: 'entered', computedValue: null, computation: null, comment };
  }
  const computation = await computeIndicator(tx, dc.cycle, dc.unit, indicator, new Date(), dc.framework.populationYear);
  const computed = computation?.value ?? null;
  const override = input.value !== undefined ? input.value : row?.valueSource === 'entered' ? row.value : null;
  if (override === null) return { value: computed, valueSource: 'computed', computedValue: computed, computation, comment };
  if (comment === null) {
    throw new DomainError(
      'invalid',
      'override_comment_required',
      {
        ko: '계산값 대신 직접 입력한 값을 쓰려면 그 사유를 의견란에 적어야 합니다.',
        en: 'Entering a value instead of the computed one needs a comment saying why.',
      },
      [
        {
          path: `submissions.${indicator.code}.comment`,
          message: { ko: '계산값과 다른 값을 입력한 사유를 적으세요.', en: 'Say why the value differs from the computed one.' },
        },
      ],
    );
  }
  return { value: override, valueSource: 'entered', computedValue: computed, computation, comment };
}

/**
 * Writes the row for an edit (inserting it for an item not started) with recomputed flags; returns the new row.
 * The caller has checked the version and the right to edit. `refs`: the indicator's outlier references when the
 * caller has loaded them (the district's own row is in neither, so writing it leaves them as they are).
 */
export async function writeDraft(
  tx: DbOrTx,
  principal: Principal,
  dc: DistrictCycle,
  indicator: Indicator,
  row: SubmissionRow | null,
  content: DraftContent,
  refs?: OutlierReferences,
): Promise<SubmissionRow> {
  const flags = flagsFor(refs ?? (await loadOutlierReferences(tx, dc.cycle, dc.unit.id, indicator.code)), indicator.code, content.value);
  const values = { ...content, flags, updatedBy: principal.user.id, changedBy: principal.user.id };
  const out = row
    ? await updateSubmission(tx, row.id, row.version, values)
    : await insertSubmission(tx, { cycleId: dc.cycle.id, orgUnitId: dc.unit.id, indicatorCode: indicator.code, status: 'draft', ...values });
  if (!out) throw staleVersion(await viewOfItem(tx, principal, dc, indicator, await findSubmission(tx, dc.cycle.id, dc.unit.id, indicator.code)));
  return out;
}

/**
 * Saves a district's value, comment and override for one indicator as a draft (officer, while the item is open to
 * the district), or a correction by the city (with a reason, while data are collected or verified; the status is
 * kept). Optimistic: a stale `version` gets 409 with the current item. Audited old → new.
 */
export async function saveSubmission(
  db: Db,
  principal: Principal | null,
  year: number,
  code: string,
  indicatorCode: string,
  input: SaveSubmissionInput,
): Promise<SubmissionView> {
  requireWriteDistrict(principal, code);
  return db.transaction(async (tx) => {
    const { dc, row } = await loadDistrictItem(tx, year, code, indicatorCode);
    const indicator = indicatorOf(dc.framework, indicatorCode);
    if ((row?.version ?? 0) !== input.version) throw staleVersion(await viewOfItem(tx, principal, dc, indicator, row));
    const as = assertMayEdit(principal, dc, row, input.reason);
    const content = await draftContent(tx, dc, indicator, row, input);
    const refs = await loadOutlierReferences(tx, dc.cycle, dc.unit.id, indicator.code);
    const saved = await writeDraft(tx, principal, dc, indicator, row, content, refs);
    await appendAudit(tx, actorOf(principal), {
      action: as === 'city' ? 'submission.corrected' : 'submission.saved',
      entityType: 'submission',
      entityId: saved.id,
      orgUnitCode: code,
      before: auditState(row),
      after: auditState(saved),
      reason: input.reason?.trim() || null,
    });
    return viewOfItem(tx, principal, dc, indicator, saved, { computation: content.computation, refs });
  });
}
