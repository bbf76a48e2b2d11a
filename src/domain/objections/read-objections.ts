import { findAdjustment } from '../../db/repositories/adjustments.js';
import type { CycleRow } from '../../db/repositories/cycles.js';
import { decidersOf, findObjection, objectionsOfCycle, type ObjectionDetail } from '../../db/repositories/objections.js';
import type { DbOrTx } from '../../db/tx.js';
import type { Principal } from '../auth.js';
import { districtsOf } from '../authz.js';
import { cycleOrThrow } from '../cycle-lookup.js';
import { forbidden, notFound } from '../errors.js';
import { requireObjectionReader, seesAll, speaksFor } from './objection-access.js';
import { objectionSchedule } from './objection-schedule.js';
import { objectionView, type ObjectionView, type ObjectionViewer } from './objection-view.js';
import { runById, type LoadedRun } from './provisional-run.js';

/** The reader and the cycle's deadlines and committee, read once for a list of views. */
export async function viewerFor(db: DbOrTx, principal: Principal | null, cycle: CycleRow, now = new Date()): Promise<ObjectionViewer> {
  const [committee, schedule] = await Promise.all([decidersOf(db, cycle.id), objectionSchedule(db, cycle.id)]);
  return { principal, committee, schedule, cycleStatus: cycle.status, now };
}

/** Views of objections, reading each provisional run they refer to once. */
export async function viewsOf(db: DbOrTx, rows: ObjectionDetail[], viewer: ObjectionViewer): Promise<ObjectionView[]> {
  const runs = new Map<number, LoadedRun | null>();
  const out: ObjectionView[] = [];
  for (const o of rows) {
    if (o.runId !== null && !runs.has(o.runId)) runs.set(o.runId, await runById(db, o.runId));
    const run = o.runId === null ? null : (runs.get(o.runId) ?? null);
    const adjustment = o.adjustmentId === null ? null : await findAdjustment(db, o.adjustmentId);
    out.push(objectionView(o, run?.framework ?? null, run?.outcome ?? null, viewer, adjustment));
  }
  return out;
}

/** One objection's view for the reader, at the cycle's current state. */
export async function viewOf(db: DbOrTx, principal: Principal | null, id: number): Promise<ObjectionView> {
  const row = await findObjection(db, id);
  if (!row) throw notFound({ ko: `이의신청 ${id}`, en: `Objection ${id}` });
  const cycle = await cycleOrThrow(db, row.year);
  return (await viewsOf(db, [row], await viewerFor(db, principal, cycle)))[0]!;
}

/**
 * A cycle's objections with their stage, reply, decision, reasons and timestamps: all of them for the city, the
 * auditor and the cycle's committee (optionally one district's: filed by it or against it); for district officers
 * and approvers, those their district filed or is contested in.
 */
export async function listObjections(
  db: DbOrTx,
  principal: Principal | null,
  year: number,
  filter: { district?: string | undefined } = {},
): Promise<ObjectionView[]> {
  if (!principal) throw forbidden();
  const cycle = await cycleOrThrow(db, year);
  const viewer = await viewerFor(db, principal, cycle);
  const all = seesAll(principal, viewer.committee);
  const own = districtsOf(principal, 'district_officer', 'district_approver');
  if (!all && own.length === 0) throw forbidden();
  if (filter.district && !all && !speaksFor(principal, filter.district)) {
    throw forbidden({ ko: '다른 자치구의 이의신청 목록은 볼 수 없습니다.', en: "You cannot list another district's objections." });
  }
  const scope = filter.district ? [filter.district] : all ? 'all' : own;
  return viewsOf(db, await objectionsOfCycle(db, cycle.id, scope), viewer);
}

export async function getObjection(db: DbOrTx, principal: Principal | null, id: number): Promise<ObjectionView> {
  const row = await findObjection(db, id);
  if (!row) throw notFound({ ko: `이의신청 ${id}`, en: `Objection ${id}` });
  const cycle = await cycleOrThrow(db, row.year);
  const viewer = await viewerFor(db, principal, cycle);
  requireObjectionReader(principal, viewer.committee, row);
  return (await viewsOf(db, [row], viewer))[0]!;
}
