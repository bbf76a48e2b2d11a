import type { AttachedEvidence, SubmissionRow } from '../../db/repositories/submissions.js';
import type { FieldProblem } from '../errors.js';
import type { Indicator } from '../frameworks/definition.js';
import type { IndicatorComputation } from './indicator-computation.js';
import type { OutlierFlag } from './outlier-flags.js';
import type { ChangeAfterSubmit } from './records-changed.js';
import type { ItemStatus, SubmissionAction } from './submission-rules.js';

export interface EvidenceView {
  id: number;
  originalName: string;
  mediaType: string;
  size: number;
  sha256: string;
  addedAt: Date;
}

/** One district × indicator as the district and the city see it; `version` 0 means not started (no row yet). */
export interface SubmissionView {
  id: number | null;
  indicator: {
    code: string;
    name: { ko: string; en: string };
    field: string;
    kind: 'quantitative' | 'qualitative';
    unit: string;
    points: number;
    formula: string | null;
    evidenceRequired: boolean;
    bounds: { min?: number | undefined; max?: number | undefined };
  };
  status: ItemStatus;
  value: number | null;
  valueSource: 'computed' | 'entered' | null;
  computedValue: number | null;
  /** Formula indicators: the computation (a live preview while the district may still edit, else the stored one). */
  computation: IndicatorComputation | null;
  comment: string | null;
  returnReason: string | null;
  /**
   * Set when the records or evidence behind the item changed after it was submitted and it came back to the district
   * for that ("실적이 바뀌었습니다 — 다시 제출"); null otherwise, and again once resubmitted.
   */
  changedAfterSubmit: (ChangeAfterSubmit & { at: string }) | null;
  evidence: EvidenceView[];
  flags: OutlierFlag[];
  late: boolean;
  /** What would block submitting it now. */
  problems: FieldProblem[];
  submittedAt: Date | null;
  approvedAt: Date | null;
  verifiedAt: Date | null;
  updatedAt: Date | null;
  version: number;
  /** What the caller may do with the item now (the services check again): see `allowedActions`. */
  allowedActions: SubmissionAction[];
}

export const evidenceView = (e: AttachedEvidence): EvidenceView => ({
  id: e.id,
  originalName: e.originalName,
  mediaType: e.mediaType,
  size: e.size,
  sha256: e.sha256,
  addedAt: e.addedAt,
});

export function indicatorSummary(i: Indicator): SubmissionView['indicator'] {
  return {
    code: i.code,
    name: i.name,
    field: i.field,
    kind: i.kind,
    unit: i.unit,
    points: i.points,
    formula: i.formula,
    evidenceRequired: i.evidenceRequired,
    bounds: i.bounds,
  };
}

export function submissionView(
  indicator: Indicator,
  row: SubmissionRow | null,
  parts: {
    evidence: AttachedEvidence[];
    computation: IndicatorComputation | null;
    flags: OutlierFlag[];
    problems: FieldProblem[];
    allowedActions: SubmissionAction[];
  },
): SubmissionView {
  return {
    id: row?.id ?? null,
    indicator: indicatorSummary(indicator),
    status: row?.status ?? 'not_started',
    value: row?.value ?? null,
    valueSource: row ? (row.valueSource as 'computed' | 'entered') : null,
    computedValue: row?.computedValue ?? null,
    computation: parts.computation,
    comment: row?.comment ?? null,
    returnReason: row?.returnReason ?? null,
    changedAfterSubmit: row?.changedAfterSubmitAt ? (row.changedAfterSubmit as ChangeAfterSubmit) : null,
    evidence: parts.evidence.map(evidenceView),
    flags: parts.flags,
    late: row?.late ?? false,
    problems: parts.problems,
    submittedAt: row?.submittedAt ?? null,
    approvedAt: row?.approvedAt ?? null,
    verifiedAt: row?.verifiedAt ?? null,
    updatedAt: row?.updatedAt ?? null,
    version: row?.version ?? 0,
    allowedActions: parts.allowedActions,
  };
}

/** What the audit log records of an item: enough to see old → new. */
export function auditState(row: SubmissionRow | null, evidenceIds?: number[]) {
  if (!row) return null;
  return {
    status: row.status,
    value: row.value,
    valueSource: row.valueSource,
    computedValue: row.computedValue,
    comment: row.comment,
    returnReason: row.returnReason,
    changedAfterSubmit: row.changedAfterSubmitAt !== null,
    late: row.late,
    flags: row.flags,
    version: row.version,
    ...(evidenceIds ? { evidence: evidenceIds } : {}),
  };
}
