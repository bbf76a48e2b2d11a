import type { CycleStatus } from '../../contract/values.js';
import { deadlineOf, evidenceOfSubmissions, submissionsOfDistrict, type AttachedEvidence, type SubmissionRow } from '../../db/repositories/submissions.js';
import type { DbOrTx } from '../../db/tx.js';
import type { Principal } from '../auth.js';
import { requireReadDistrict } from '../authz.js';
import type { Indicator } from '../frameworks/definition.js';
import { indicatorOf, loadDistrictCycle, loadDistrictItem, type DistrictCycle } from './district-cycle.js';
import { computeIndicator, storedComputation, type IndicatorComputation } from './indicator-computation.js';
import type { OutlierFlag } from './outlier-flags.js';
import { flagsFor, loadOutlierReferences, type OutlierReferences } from './outlier-reference.js';
import { submissionProblems } from './submission-problems.js';
import { allowedActions, districtMayEdit, type ItemStatus } from './submission-rules.js';
import { submissionView, type SubmissionView } from './submission-view.js';

/**
 * Builds the view of one item. While the district may still edit it, a formula indicator is recomputed from the
 * current records (a live preview) and flags and blockers reflect the value that submitting would store; otherwise
 * the stored computation and flags are shown as they were submitted. It carries what the principal may do with it now.
 */
export async function viewOfItem(
  db: DbOrTx,
  principal: Principal,
  dc: DistrictCycle,
  indicator: Indicator,
  row: SubmissionRow | null,
  loaded: { evidence?: AttachedEvidence[]; refs?: OutlierReferences; computation?: IndicatorComputation | null } = {},
): Promise<SubmissionView> {
  const evidence = loaded.evidence ?? (row ? await evidenceOfSubmissions(db, [row.id]) : []);
  const status: ItemStatus = row?.status ?? 'not_started';
  const live = districtMayEdit(dc.cycle.status, status);
  let computation = storedComputation(indicator, row);
  let value = row?.value ?? null;
  let flags = (row?.flags as OutlierFlag[] | null) ?? [];
  if (live) {
    if (indicator.formula) {
      computation =
        loaded.computation !== undefined
          ? loaded.computation
          : await computeIndicator(db, dc.cycle, dc.unit, indicator, new Date(), dc.framework.populationYear);
      if ((row?.valueSource ?? 'computed') === 'computed') value = computation?.value ?? null;
    }
    flags = flagsFor(loaded.refs ?? (await loadOutlierReferences(db, dc.cycle, dc.unit.id, indicator.code)), indicator.code, value);
  }
  const problems = submissionProblems(indicator, { value, evidenceCount: evidence.length });
  return submissionView(indicator, row, {
    evidence,
    computation,
    flags,
    problems,
    allowedActions: allowedActions(principal, dc.unit.code, dc.cycle.status, row),
  });
}

export interface DistrictSubmissions {
  year: number;
  cycleStatus: CycleStatus;
  district: { code: string; name: string };
  /** The collection deadline; submitting after it marks the item late (a warning, not a block). */
  deadline: { dueAt: Date | null; passed: boolean };
  items: SubmissionView[];
  totals: Record<ItemStatus, number>;
}

/** Every indicator of the cycle's framework for one district, not-started ones included. */
export async function listSubmissions(db: DbOrTx, principal: Principal | null, year: number, code: string, now = new Date()): Promise<DistrictSubmissions> {
  requireReadDistrict(principal, code);
  const dc = await loadDistrictCycle(db, year, code);
  const rows = await submissionsOfDistrict(db, dc.cycle.id, dc.unit.id);
  const byCode = new Map(rows.map((r) => [r.indicatorCode, r]));
  const evidence = await evidenceOfSubmissions(
    db,
    rows.map((r) => r.id),
  );
  const refs = await loadOutlierReferences(db, dc.cycle, dc.unit.id);
  const items: SubmissionView[] = [];
  for (const indicator of dc.framework.indicators) {
    const row = byCode.get(indicator.code) ?? null;
    items.push(await viewOfItem(db, principal, dc, indicator, row, { evidence: row ? evidence.filter((e) => e.submissionId === row.id) : [], refs }));
  }
  const totals: Record<ItemStatus, number> = { not_started: 0, draft: 0, submitted: 0, approved: 0, verified: 0, returned: 0 };
  for (const i of items) totals[i.status]++;
  const dueAt = await deadlineOf(db, dc.cycle.id, 'open');
  return {
    year,
    cycleStatus: dc.cycle.status,
    district: { code: dc.unit.code, name: dc.unit.name },
    deadline: { dueAt, passed: dueAt !== null && now > dueAt },
    items,
    totals,
  };
}

export async function getSubmission(db: DbOrTx, principal: Principal | null, year: number, code: string, indicatorCode: string): Promise<SubmissionView> {
  requireReadDistrict(principal, code);
  const { dc, row } = await loadDistrictItem(db, year, code, indicatorCode);
  const indicator = indicatorOf(dc.framework, indicatorCode);
  return viewOfItem(db, principal, dc, indicator, row);
}
