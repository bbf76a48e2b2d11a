import { findSubmission } from '../../db/repositories/submissions.js';
import type { DbOrTx } from '../../db/tx.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf } from '../authz.js';
import { DomainError, type FieldProblem } from '../errors.js';
import { indicatorOf, loadDistrictCycle as loadSubmissionCycle } from '../submissions/district-cycle.js';
import { assertMayEdit, draftContent, writeDraft } from '../submissions/save-submission.js';
import { auditState } from '../submissions/submission-view.js';
import type { DistrictCycle } from './import-context.js';
import type { PlannedValue } from './validate-workbook.js';

export interface DirectValuesOutcome {
  /** Rows with a value in the 지표값 sheet. */
  rows: number;
  /** Indicator values saved as drafts (rows whose value and comment were already saved are skipped). */
  saved: number;
  unchanged: number;
}

const IMPORT_REASON = '엑셀 가져오기 / spreadsheet import';

const unchanged = (row: { value: number | null; comment: string | null } | null, v: PlannedValue) =>
  row !== null && row.value === v.value && (row.comment ?? null) === v.comment;

/**
 * Checks, without writing, that each value may be saved now: the district may still edit the item at this stage
 * (not submitted, or returned to them), or the city corrects it. Each refusal becomes a problem at its row.
 */
export async function checkDirectValues(db: DbOrTx, principal: Principal | null, ctx: DistrictCycle, values: PlannedValue[]): Promise<FieldProblem[]> {
  if (values.length === 0 || !principal) return [];
  const dc = await loadSubmissionCycle(db, ctx.cycle.year, ctx.unit.code);
  const problems: FieldProblem[] = [];
  for (const v of values) {
    const row = await findSubmission(db, dc.cycle.id, dc.unit.id, v.indicatorCode);
    // A pre-filled value sent back as it was changes nothing, whatever the item's stage.
    if (unchanged(row, v)) continue;
    try {
      assertMayEdit(principal, dc, row, IMPORT_REASON);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      problems.push({
        path: `values.${v.indicatorCode}`,
        sheet: v.sheet,
        row: v.excelRow,
        ...(v.valueColumn ? { column: v.valueColumn } : {}),
        message: err.msg,
      });
    }
  }
  return problems;
}

/**
 * Saves each value and comment as the district's draft of that indicator, through the submissions rules (flags,
 * old → new audit), inside the import's transaction.
 */
export async function writeDirectValues(tx: DbOrTx, principal: Principal, ctx: DistrictCycle, values: PlannedValue[]): Promise<DirectValuesOutcome> {
  const outcome: DirectValuesOutcome = { rows: values.length, saved: 0, unchanged: 0 };
  if (values.length === 0) return outcome;
  const dc = await loadSubmissionCycle(tx, ctx.cycle.year, ctx.unit.code);
  for (const v of values) {
    const indicator = indicatorOf(dc.framework, v.indicatorCode);
    const row = await findSubmission(tx, dc.cycle.id, dc.unit.id, v.indicatorCode);
    if (unchanged(row, v)) {
      outcome.unchanged++;
      continue;
    }
    const as = assertMayEdit(principal, dc, row, IMPORT_REASON);
    const content = await draftContent(tx, dc, indicator, row, { value: v.value, comment: v.comment });
    const saved = await writeDraft(tx, principal, dc, indicator, row, content);
    await appendAudit(tx, actorOf(principal), {
      action: as === 'city' ? 'submission.corrected' : 'submission.saved',
      entityType: 'submission',
      entityId: saved.id,
      orgUnitCode: ctx.unit.code,
      before: auditState(row),
      after: auditState(saved),
      reason: IMPORT_REASON,
    });
    outcome.saved++;
  }
  return outcome;
}
