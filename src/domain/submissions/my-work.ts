import type { CycleStatus } from '../../contract/values.js';
import { cyclesAtWork, districtsByCode, itemCounts, openAssignments, type ItemCountRow } from '../../db/repositories/my-work.js';
import type { Role } from '../../db/repositories/users.js';
import type { DbOrTx } from '../../db/tx.js';
import type { Principal } from '../auth.js';
import { districtsOf, holds, requireSignedIn } from '../authz.js';
import { getFramework } from '../frameworks/service.js';

/** What waits for a district's officers and approvers in one cycle. */
export interface DistrictWork {
  code: string;
  name: string;
  /** The user's roles in this district. */
  roles: Role[];
  /** Officer: indicators not started or saved as drafts, not yet submitted. */
  toSubmit: number;
  /** Officer: returned with a reason (by the approver or the city), to correct and submit again. */
  returned: number;
  /** Officer (and approver, to know): returned because the records or evidence behind them changed — submit again. */
  changed: number;
  /** Approver: submitted, waiting for approval. */
  toApprove: number;
}

export interface CycleWork {
  year: number;
  cycleStatus: CycleStatus;
  districts: DistrictWork[];
  /** City admin: approved items waiting for verification, and items back with the districts. */
  city: { toVerify: number; changed: number; returned: number } | null;
  /** Reviewer: assignments not yet submitted. */
  reviews: { toScore: number } | null;
}

export interface MyWorkCounts {
  cycles: CycleWork[];
}

function districtWork(unit: { id: number; code: string; name: string }, roles: Role[], rows: ItemCountRow[], indicators: number, open: boolean): DistrictWork {
  const mine = rows.filter((r) => r.orgUnitId === unit.id);
  const sum = (f: (r: ItemCountRow) => boolean) => mine.filter(f).reduce((n, r) => n + r.n, 0);
  const started = sum(() => true);
  return {
    code: unit.code,
    name: unit.name,
    roles,
    // Drafts and items not started can be submitted only while the cycle collects data.
    toSubmit: open ? Math.max(0, indicators - started) + sum((r) => r.status === 'draft') : 0,
    returned: sum((r) => r.status === 'returned' && !r.changed),
    changed: sum((r) => r.status === 'returned' && r.changed),
    toApprove: sum((r) => r.status === 'submitted'),
  };
}

/**
 * The counts on 내 업무 (My work): for each cycle still at work, what waits for each of the user's roles — officers
 * (to submit, returned, changed after submission), approvers (to approve), the city (to verify, changed, returned),
 * reviewers (to score). A handful of grouped queries, whatever the number of items.
 */
export async function myWorkCounts(db: DbOrTx, principal: Principal | null): Promise<MyWorkCounts> {
  requireSignedIn(principal);
  const officerOf = districtsOf(principal, 'district_officer');
  const approverOf = districtsOf(principal, 'district_approver');
  const codes = [...new Set([...officerOf, ...approverOf])];
  const units = await districtsByCode(db, codes);
  const city = holds(principal, 'city_admin');
  const reviewer = holds(principal, 'reviewer');
  const out: CycleWork[] = [];
  for (const cycle of await cyclesAtWork(db)) {
    const collecting = cycle.status === 'open' || cycle.status === 'verification';
    const indicators = (await getFramework(db, cycle.year)).definition.indicators.length;
    const districtRows =
      collecting && units.length > 0
        ? await itemCounts(
            db,
            cycle.id,
            units.map((u) => u.id),
          )
        : [];
    const districts = collecting
      ? units.map((u) => {
          const roles: Role[] = [];
          if (officerOf.includes(u.code)) roles.push('district_officer');
          if (approverOf.includes(u.code)) roles.push('district_approver');
          return districtWork(u, roles, districtRows, indicators, cycle.status === 'open');
        })
      : [];
    let cityWork: CycleWork['city'] = null;
    if (city && collecting) {
      const rows = await itemCounts(db, cycle.id, 'all');
      const sum = (f: (r: ItemCountRow) => boolean) => rows.filter(f).reduce((n, r) => n + r.n, 0);
      cityWork = {
        toVerify: sum((r) => r.status === 'approved'),
        changed: sum((r) => r.status === 'returned' && r.changed),
        returned: sum((r) => r.status === 'returned' && !r.changed),
      };
    }
    const reviews = reviewer && cycle.status === 'review' ? { toScore: (await openAssignments(db, cycle.id, principal.user.id))[0]?.n ?? 0 } : null;
    if (districts.length === 0 && !cityWork && !reviews) continue;
    out.push({ year: cycle.year, cycleStatus: cycle.status as CycleStatus, districts, city: cityWork, reviews });
  }
  return { cycles: out };
}
