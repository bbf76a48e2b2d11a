import type { AdjustmentDetail, AdjustmentStatus } from '../../db/repositories/adjustments.js';
import type { EvidenceRef } from '../../db/repositories/objections.js';
import type { CycleStatus } from '../../contract/values.js';
import type { AdjustmentConfig, AdjustmentRule } from '../../engine/index.js';
import type { Principal } from '../auth.js';
import { holds, isSystem } from '../authz.js';

/** A cycle whose result is final (or published): its adjustments no longer change. */
export const adjustmentsLocked = (status: CycleStatus): boolean => status === 'final' || status === 'published';

/** One 가점·감점 entry as the city and its district see it: what, why, the evidence, and who did what when. */
export interface AdjustmentView {
  id: number;
  year: number;
  district: { code: string; name: string };
  rule: { code: string; name: { ko: string; en: string }; kind: 'bonus' | 'penalty'; cap: number | null };
  points: number;
  reason: string;
  evidence: EvidenceRef | null;
  status: AdjustmentStatus;
  /** Made by the platform (a late submission), not entered by a person. */
  automatic: boolean;
  createdBy: string | null;
  createdAt: Date;
  changedBy: string | null;
  updatedAt: Date;
  confirmedBy: string | null;
  confirmedAt: Date | null;
  withdrawnBy: string | null;
  withdrawnAt: Date | null;
  withdrawReason: string | null;
  version: number;
  /** What the reader may do now (the server checks again on every write). */
  actions: { edit: boolean; withdraw: boolean; confirm: boolean };
}

function ruleView(config: AdjustmentConfig, code: string): AdjustmentView['rule'] {
  const rule: AdjustmentRule | undefined = config.rules.find((r) => r.code === code);
  return rule ? { code, name: rule.name, kind: rule.kind, cap: rule.cap ?? null } : { code, name: { ko: code, en: code }, kind: 'penalty', cap: null };
}

/** Nobody confirms an entry whose content they wrote last (four eyes); the system confirms nothing. */
export function mayConfirm(principal: Principal | null, row: Pick<AdjustmentDetail, 'status' | 'changedBy' | 'createdBy'>): boolean {
  if (!principal || isSystem(principal) || !holds(principal, 'city_admin') || row.status !== 'pending') return false;
  return (row.changedBy ?? row.createdBy) !== principal.user.id;
}

export function adjustmentView(a: AdjustmentDetail, config: AdjustmentConfig, principal: Principal | null, cycleStatus: CycleStatus): AdjustmentView {
  const open = !adjustmentsLocked(cycleStatus) && holds(principal, 'city_admin');
  return {
    id: a.id,
    year: a.year,
    district: { code: a.orgUnitCode, name: a.orgUnitName },
    rule: ruleView(config, a.ruleCode),
    points: a.points,
    reason: a.reason,
    evidence: a.evidence,
    status: a.status,
    automatic: a.autoKey !== null,
    createdBy: a.createdByName,
    createdAt: a.createdAt,
    changedBy: a.changedByName,
    updatedAt: a.updatedAt,
    confirmedBy: a.confirmedByName,
    confirmedAt: a.confirmedAt,
    withdrawnBy: a.withdrawnByName,
    withdrawnAt: a.withdrawnAt,
    withdrawReason: a.withdrawReason,
    version: a.version,
    actions: {
      edit: open && a.status !== 'withdrawn',
      withdraw: open && a.status !== 'withdrawn',
      confirm: !adjustmentsLocked(cycleStatus) && mayConfirm(principal, a),
    },
  };
}

/** Audit state of an entry: the fields a change is about. */
export function auditState(a: Pick<AdjustmentDetail, 'ruleCode' | 'points' | 'reason' | 'evidenceId' | 'status' | 'version'>) {
  return { rule: a.ruleCode, points: a.points, reason: a.reason, evidenceId: a.evidenceId, status: a.status, version: a.version };
}
