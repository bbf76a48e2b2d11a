import type { CycleStatus } from '../../contract/values.js';
import { verificationMatrixRows } from '../../db/repositories/submissions.js';
import type { DbOrTx } from '../../db/tx.js';
import type { Principal } from '../auth.js';
import { requireRole } from '../authz.js';
import { frameworkOfCycle } from '../frameworks/service.js';
import { cycleOrThrow, type ItemStatus, type OutlierFlag } from '../submissions/index.js';

export interface MatrixCell {
  id: number;
  status: Exclude<ItemStatus, 'not_started'>;
  value: number | null;
  late: boolean;
  flags: OutlierFlag[];
  /** Came back to the district because the records or evidence behind it changed after submission. */
  changed: boolean;
  version: number;
}

export interface VerificationMatrix {
  year: number;
  cycleStatus: CycleStatus;
  indicators: Array<{ code: string; name: { ko: string; en: string }; kind: string }>;
  /** One row per district; `cells[i]` belongs to `indicators[i]`, null when the district has not started it. */
  districts: Array<{ code: string; name: string; cells: Array<MatrixCell | null> }>;
  totals: Record<ItemStatus, number>;
  flagged: number;
  late: number;
}

/**
 * The city's progress matrix for a cycle: every district × every framework indicator with status, value, flags and
 * the late mark (one query), and totals per status. City admin and auditor.
 */
export async function verificationMatrix(db: DbOrTx, principal: Principal | null, year: number): Promise<VerificationMatrix> {
  requireRole(principal, 'city_admin', 'auditor');
  const cycle = await cycleOrThrow(db, year);
  const framework = (await frameworkOfCycle(db, cycle)).definition;
  const rows = await verificationMatrixRows(db, cycle.id);
  const position = new Map(framework.indicators.map((i, k) => [i.code, k]));
  const districts: VerificationMatrix['districts'] = [];
  const byCode = new Map<string, VerificationMatrix['districts'][number]>();
  for (const r of rows) {
    let d = byCode.get(r.orgUnitCode);
    if (!d) {
      d = { code: r.orgUnitCode, name: r.orgUnitName, cells: framework.indicators.map(() => null) };
      byCode.set(r.orgUnitCode, d);
      districts.push(d);
    }
    const k = r.indicatorCode === null ? undefined : position.get(r.indicatorCode);
    if (k === undefined || r.id === null) continue;
    d.cells[k] = {
      id: r.id,
      status: r.status as MatrixCell['status'],
      value: r.value,
      late: r.late ?? false,
      flags: (r.flags as OutlierFlag[] | null) ?? [],
      changed: r.changed ?? false,
      version: r.version ?? 1,
    };
  }
  const totals: Record<ItemStatus, number> = { not_started: 0, draft: 0, submitted: 0, approved: 0, verified: 0, returned: 0 };
  let flagged = 0;
  let late = 0;
  for (const d of districts) {
    for (const c of d.cells) {
      totals[c ? c.status : 'not_started']++;
      if (c && c.flags.length > 0) flagged++;
      if (c?.late) late++;
    }
  }
  return {
    year,
    cycleStatus: cycle.status,
    indicators: framework.indicators.map((i) => ({ code: i.code, name: i.name, kind: i.kind })),
    districts,
    totals,
    flagged,
    late,
  };
}
