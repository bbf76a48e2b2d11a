import { findObjection, objectionsOfCycle, type ObjectionDetail } from '../../db/repositories/objections.js';
import type { DbOrTx } from '../../db/tx.js';
import type { Principal } from '../auth.js';
import { districtsOf, holds, requireReadDistrict, requireRole } from '../authz.js';
import { notFound } from '../errors.js';
import { cycleOrThrow } from '../submissions/index.js';
import { objectionView, type ObjectionView } from './objection-view.js';
import { runById, type LoadedRun } from './provisional-run.js';

/** Views of objections, reading each provisional run they refer to once. */
export async function viewsOf(db: DbOrTx, rows: ObjectionDetail[]): Promise<ObjectionView[]> {
  const runs = new Map<number, LoadedRun | null>();
  const out: ObjectionView[] = [];
  for (const o of rows) {
    if (o.runId !== null && !runs.has(o.runId)) runs.set(o.runId, await runById(db, o.runId));
    const run = o.runId === null ? null : (runs.get(o.runId) ?? null);
    out.push(objectionView(o, run?.framework ?? null, run?.outcome ?? null));
  }
  return out;
}

/**
 * A cycle's objections with their status, decision, reasons and timestamps: all of them for the city and the
 * auditor (optionally one district's), a district's own for its officers and approvers.
 */
export async function listObjections(db: DbOrTx, principal: Principal | null, year: number, filter: { district?: string | undefined } = {}): Promise<ObjectionView[]> {
  requireRole(principal, 'city_admin', 'auditor', 'district_officer', 'district_approver');
  if (filter.district) requireReadDistrict(principal, filter.district);
  const cycle = await cycleOrThrow(db, year);
  const scope = filter.district ? [filter.district] : holds(principal, 'city_admin', 'auditor') ? 'all' : districtsOf(principal, 'district_officer', 'district_approver');
  return viewsOf(db, await objectionsOfCycle(db, cycle.id, scope));
}

export async function getObjection(db: DbOrTx, principal: Principal | null, id: number): Promise<ObjectionView> {
  const row = await findObjection(db, id);
  if (!row) throw notFound({ ko: `이의신청 ${id}`, en: `Objection ${id}` });
  requireReadDistrict(principal, row.orgUnitCode);
  const [view] = await viewsOf(db, [row]);
  return view!;
}
