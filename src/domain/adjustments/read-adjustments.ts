import type { Db } from '../../db/client.js';
import { adjustmentDetailsOfCycle, findAdjustment } from '../../db/repositories/adjustments.js';
import { searchAudit } from '../../db/repositories/audit-log.js';
import { allDistricts } from '../../db/repositories/my-work.js';
import type { CycleStatus } from '../../contract/values.js';
import { applyAdjustments } from '../../engine/index.js';
import type { Principal } from '../auth.js';
import { districtsOf, holds, requireReadDistrict } from '../authz.js';
import { cycleOrThrow } from '../cycle-lookup.js';
import { forbidden, notFound } from '../errors.js';
import { adjustmentsLocked, adjustmentView, type AdjustmentView } from './adjustment-view.js';
import { adjustmentConfigOf } from './enter-adjustment.js';

/** One district's 가점·감점 totals: what counts (confirmed), what waits (pending), and what the caps leave. */
export interface DistrictAdjustmentTotals {
  code: string;
  name: string;
  /** Sums of the confirmed entries before the caps (bonus ≥ 0, penalty ≤ 0). */
  bonus: number;
  penalty: number;
  /** Sums of the entries waiting for confirmation. */
  pendingBonus: number;
  pendingPenalty: number;
  /** The confirmed entries after the rule and overall caps, as scoring applies them. */
  appliedBonus: number;
  appliedPenalty: number;
  net: number;
}

export interface AdjustmentPage {
  year: number;
  cycleStatus: CycleStatus;
  /** The result is final: nothing changes any more. */
  locked: boolean;
  rules: Array<{ code: string; name: { ko: string; en: string }; kind: 'bonus' | 'penalty'; cap: number | null; automatic: boolean }>;
  bonusCap: number | null;
  penaltyCap: number | null;
  districts: DistrictAdjustmentTotals[];
  adjustments: AdjustmentView[];
  /** The reader may enter new entries. */
  canEnter: boolean;
}

/** Whom the reader may see: the city (admin, auditor) every district, a district's people only their own. */
function visibleDistricts(principal: Principal | null): string[] | 'all' {
  if (holds(principal, 'city_admin', 'auditor')) return 'all';
  const mine = districtsOf(principal, 'district_officer', 'district_approver');
  if (mine.length === 0) throw forbidden({ ko: '가점·감점을 볼 권한이 없습니다.', en: 'You may not see the bonus and penalty points.' });
  return mine;
}

/**
 * A cycle's 가점·감점 page: the framework's rules and caps, each visible district's totals against them, and every
 * entry (withdrawn ones too, for the record) with who entered, changed, confirmed or withdrew it and when. District
 * users see their own district only.
 */
export async function readAdjustments(db: Db, principal: Principal | null, year: number): Promise<AdjustmentPage> {
  const visible = visibleDistricts(principal);
  const cycle = await cycleOrThrow(db, year);
  const config = await adjustmentConfigOf(db, year);
  const rows = await adjustmentDetailsOfCycle(db, cycle.id, visible);
  const districts = (await allDistricts(db)).filter((d) => visible === 'all' || visible.includes(d.code));
  const sum = (code: string, status: string, kind: 'bonus' | 'penalty') =>
    rows.filter((r) => r.orgUnitCode === code && r.status === status && (kind === 'bonus' ? r.points > 0 : r.points < 0)).reduce((s, r) => s + r.points, 0) + 0;
  const known = new Set(config.rules.map((r) => r.code));
  const confirmed = rows.filter((r) => r.status === 'confirmed' && known.has(r.ruleCode));
  const applied = applyAdjustments(
    districts.map((d) => ({ uCode: d.code, score: null })),
    confirmed.map((r) => ({ uCode: r.orgUnitCode, rule: r.ruleCode, points: r.points })),
    config,
  );
  const appliedOf = new Map(applied.map((a) => [a.uCode, a]));
  return {
    year,
    cycleStatus: cycle.status,
    locked: adjustmentsLocked(cycle.status),
    rules: config.rules.map((r) => ({
      code: r.code,
      name: r.name,
      kind: r.kind,
      cap: r.cap ?? null,
      automatic: r.automatic !== undefined || r.code === 'P_LATE',
    })),
    bonusCap: config.bonusCap ?? null,
    penaltyCap: config.penaltyCap ?? null,
    districts: districts.map((d) => {
      const a = appliedOf.get(d.code);
      return {
        code: d.code,
        name: d.name,
        bonus: sum(d.code, 'confirmed', 'bonus'),
        penalty: sum(d.code, 'confirmed', 'penalty'),
        pendingBonus: sum(d.code, 'pending', 'bonus'),
        pendingPenalty: sum(d.code, 'pending', 'penalty'),
        appliedBonus: a?.bonus ?? 0,
        appliedPenalty: a?.penalty ?? 0,
        net: a?.net ?? 0,
      };
    }),
    adjustments: rows.map((r) => adjustmentView(r, config, principal, cycle.status)),
    canEnter: holds(principal, 'city_admin') && !adjustmentsLocked(cycle.status),
  };
}

export interface AdjustmentHistoryEntry {
  seq: number;
  at: Date;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** One entry and its audit trail (newest first): the city and the entry's own district. */
export async function adjustmentHistory(
  db: Db,
  principal: Principal | null,
  id: number,
): Promise<{ adjustment: AdjustmentView; history: AdjustmentHistoryEntry[] }> {
  const row = await findAdjustment(db, id);
  if (!row) throw notFound({ ko: `가점·감점 ${id}`, en: `Adjustment ${id}` });
  requireReadDistrict(principal, row.orgUnitCode);
  const cycle = await cycleOrThrow(db, row.year);
  const config = await adjustmentConfigOf(db, row.year);
  const audit = await searchAudit(db, { entityType: 'adjustment', entityId: String(id), limit: 200 });
  return {
    adjustment: adjustmentView(row, config, principal, cycle.status),
    history: audit.map((e) => ({ seq: e.seq, at: new Date(e.at), actor: e.actorLabel, action: e.action, before: e.before, after: e.after, reason: e.reason })),
  };
}
