import type { CycleStatus } from '../../contract/values.js';
import type { AdjustmentRow } from '../../db/repositories/adjustments.js';
import type { DeciderRow, EvidenceRef, ObjectionDetail } from '../../db/repositories/objections.js';
import type { Principal } from '../auth.js';
import type { FrameworkDefinition } from '../frameworks/definition.js';
import type { CycleOutcome } from '../scoring/evaluate.js';
import { deciderRefusal, speaksFor } from './objection-access.js';
import type { ObjectionSchedule } from './objection-schedule.js';

export type ObjectionStatus = 'filed' | 'accepted' | 'rejected' | 'withdrawn';

/** Where an objection stands: the contested district's reply, then the decision. */
export type ObjectionStage = 'awaiting_reply' | 'awaiting_decision' | 'decided' | 'withdrawn';

/** Who looks, and the cycle's state at that moment: what the reader may do next follows from it. */
export interface ObjectionViewer {
  principal: Principal | null;
  committee: DeciderRow[];
  schedule: ObjectionSchedule;
  cycleStatus: CycleStatus;
  now: Date;
}

/** An objection as the districts and the deciders see it: every step with who, when and why. */
export interface ObjectionView {
  id: number;
  year: number;
  /** The district whose figure is contested. */
  district: { code: string; name: string };
  /** The district that filed (the same as `district` when a district contests its own figure). */
  filer: { code: string; name: string };
  indicator: { code: string; name: { ko: string; en: string } | null; kind: string | null; unit: string | null };
  /** An objection to a 가점·감점 entry (then `indicator` names its rule): the entry as it stands now. */
  adjustment: { id: number; rule: string; points: number; reason: string; status: AdjustmentRow['status'] } | null;
  /** The provisional run objected to, and the indicator's value in it. */
  runId: number | null;
  provisionalValue: number | null;
  reason: string;
  requestedValue: number | null;
  evidence: EvidenceRef | null;
  reply: { text: string; evidence: EvidenceRef | null; by: string | null; at: Date } | null;
  status: ObjectionStatus;
  stage: ObjectionStage;
  decisionReason: string | null;
  correctedValue: number | null;
  /** Accepted on a qualitative item: the panel score sheets reopened for re-review. */
  reopenedReviews: number | null;
  filedBy: string | null;
  filedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  version: number;
  /** What the reader may do now (the server checks again on every write). */
  actions: { reply: boolean; decide: boolean; withdraw: boolean };
}

const before = (due: Date | null, now: Date) => due === null || now <= due;

/** Another district's figure is contested: that district replies before anyone decides. */
export const needsReply = (o: Pick<ObjectionDetail, 'orgUnitCode' | 'filerCode'>) => o.orgUnitCode !== o.filerCode;

export function objectionStage(o: ObjectionDetail, schedule: ObjectionSchedule, now: Date): ObjectionStage {
  if (o.status === 'withdrawn') return 'withdrawn';
  if (o.status !== 'filed') return 'decided';
  return needsReply(o) && o.reply === null && before(schedule.replyDueAt, now) ? 'awaiting_reply' : 'awaiting_decision';
}

/** The contested entry of an objection to a 가점·감점. */
export type ContestedAdjustment = Pick<AdjustmentRow, 'id' | 'ruleCode' | 'points' | 'reason' | 'status'>;

export function objectionView(
  o: ObjectionDetail,
  framework: FrameworkDefinition | null,
  outcome: CycleOutcome | null,
  viewer: ObjectionViewer,
  adjustment: ContestedAdjustment | null = null,
): ObjectionView {
  const rule = o.adjustmentId === null ? undefined : framework?.adjustments.rules.find((r) => r.code === o.indicatorCode);
  const indicator = o.adjustmentId === null ? framework?.indicators.find((i) => i.code === o.indicatorCode) : undefined;
  const unit = outcome?.units.find((u) => u.code === o.orgUnitCode);
  const stage = objectionStage(o, viewer.schedule, viewer.now);
  const open = o.status === 'filed' && viewer.cycleStatus === 'objections';
  const { principal, schedule, now } = viewer;
  return {
    id: o.id,
    year: o.year,
    district: { code: o.orgUnitCode, name: o.orgUnitName },
    filer: { code: o.filerCode, name: o.filerName },
    indicator: {
      code: o.indicatorCode,
      name: indicator?.name ?? rule?.name ?? null,
      kind: indicator?.kind ?? rule?.kind ?? null,
      unit: indicator?.unit ?? null,
    },
    adjustment: adjustment && { id: adjustment.id, rule: adjustment.ruleCode, points: adjustment.points, reason: adjustment.reason, status: adjustment.status },
    runId: o.runId,
    provisionalValue: o.adjustmentId === null ? (unit?.raw[o.indicatorCode] ?? null) : null,
    reason: o.reason,
    requestedValue: o.requestedValue,
    evidence: o.evidence,
    reply: o.reply === null || o.repliedAt === null ? null : { text: o.reply, evidence: o.replyEvidence, by: o.repliedByName, at: o.repliedAt },
    status: o.status as ObjectionStatus,
    stage,
    decisionReason: o.decisionReason,
    correctedValue: o.correctedValue,
    reopenedReviews: o.reopenedReviews,
    filedBy: o.filedByName,
    filedAt: o.filedAt,
    decidedBy: o.decidedByName,
    decidedAt: o.decidedAt,
    version: o.version,
    actions: {
      reply: open && stage === 'awaiting_reply' && speaksFor(principal, o.orgUnitCode),
      decide: open && stage === 'awaiting_decision' && before(schedule.decisionDueAt, now) && deciderRefusal(principal, viewer.committee, o) === null,
      withdraw: open && speaksFor(principal, o.filerCode),
    },
  };
}
