import type { ObjectionDetail } from '../../db/repositories/objections.js';
import type { FrameworkDefinition } from '../frameworks/definition.js';
import type { CycleOutcome } from '../scoring/evaluate.js';

export type ObjectionStatus = 'filed' | 'accepted' | 'rejected' | 'withdrawn';

/** An objection as the district and the city see it: every step with who, when and why. */
export interface ObjectionView {
  id: number;
  year: number;
  district: { code: string; name: string };
  indicator: { code: string; name: { ko: string; en: string } | null };
  /** The provisional run objected to, and the indicator's value in it. */
  runId: number | null;
  provisionalValue: number | null;
  reason: string;
  requestedValue: number | null;
  evidence: ObjectionDetail['evidence'];
  status: ObjectionStatus;
  decisionReason: string | null;
  correctedValue: number | null;
  filedBy: string | null;
  filedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  version: number;
}

export function objectionView(o: ObjectionDetail, framework: FrameworkDefinition | null, outcome: CycleOutcome | null): ObjectionView {
  const indicator = framework?.indicators.find((i) => i.code === o.indicatorCode);
  const unit = outcome?.units.find((u) => u.code === o.orgUnitCode);
  return {
    id: o.id,
    year: o.year,
    district: { code: o.orgUnitCode, name: o.orgUnitName },
    indicator: { code: o.indicatorCode, name: indicator?.name ?? null },
    runId: o.runId,
    provisionalValue: unit?.raw[o.indicatorCode] ?? null,
    reason: o.reason,
    requestedValue: o.requestedValue,
    evidence: o.evidence,
    status: o.status as ObjectionStatus,
    decisionReason: o.decisionReason,
    correctedValue: o.correctedValue,
    filedBy: o.filedByName,
    filedAt: o.filedAt,
    decidedBy: o.decidedByName,
    decidedAt: o.decidedAt,
    version: o.version,
  };
}
