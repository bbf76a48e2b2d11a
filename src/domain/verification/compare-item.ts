import { peerValues, verifiedHistory } from '../../db/repositories/submissions.js';
import type { DbOrTx } from '../../db/tx.js';
import { median } from '../../engine/index.js';
import type { Principal } from '../auth.js';
import { requireRole } from '../authz.js';
import { indicatorOf, loadDistrictItem, viewOfItem, type SubmissionView } from '../submissions/index.js';

export interface ItemComparison {
  year: number;
  district: { code: string; name: string };
  item: SubmissionView;
  /** The same district's verified value of the same indicator last year. */
  lastYear: { year: number; value: number | null };
  /** Every earlier verified value of the district for the indicator, oldest first. */
  history: Array<{ year: number; value: number }>;
  /** The other districts' current values this cycle. */
  peers: { n: number; median: number | null; min: number | null; max: number | null };
}

/**
 * What the city looks at before verifying an item: its value, flags and evidence (metadata; the files come from
 * the evidence store), the district's value last year and earlier, and where the value sits among its peers.
 */
export async function compareItem(db: DbOrTx, principal: Principal | null, year: number, code: string, indicatorCode: string): Promise<ItemComparison> {
  requireRole(principal, 'city_admin', 'auditor');
  const { dc, row } = await loadDistrictItem(db, year, code, indicatorCode);
  const indicator = indicatorOf(dc.framework, indicatorCode);
  const item = await viewOfItem(db, principal, dc, indicator, row);
  const history = (await verifiedHistory(db, dc.unit.id, year, indicatorCode)).map((h) => ({ year: h.year, value: h.value }));
  const peers = (await peerValues(db, dc.cycle.id, dc.unit.id, indicatorCode)).map((p) => p.value);
  return {
    year,
    district: { code: dc.unit.code, name: dc.unit.name },
    item,
    lastYear: { year: year - 1, value: history.find((h) => h.year === year - 1)?.value ?? null },
    history,
    peers: {
      n: peers.length,
      median: peers.length ? median(peers) : null,
      min: peers.length ? Math.min(...peers) : null,
      max: peers.length ? Math.max(...peers) : null,
    },
  };
}
