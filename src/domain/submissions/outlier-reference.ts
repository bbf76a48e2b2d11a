import type { CycleRow } from '../../db/repositories/cycles.js';
import { peerValues, verifiedHistory } from '../../db/repositories/submissions.js';
import type { DbOrTx } from '../../db/tx.js';
import { outlierFlags, type OutlierFlag } from './outlier-flags.js';

/** Per indicator: the district's verified values of earlier cycles and the other districts' values this cycle. */
export interface OutlierReferences {
  history: Map<string, number[]>;
  peers: Map<string, number[]>;
}

function group(rows: Array<{ indicatorCode: string; value: number }>): Map<string, number[]> {
  const m = new Map<string, number[]>();
  for (const r of rows) {
    const list = m.get(r.indicatorCode) ?? [];
    list.push(r.value);
    m.set(r.indicatorCode, list);
  }
  return m;
}

/**
 * Two queries for all indicators of one district, or, with `indicatorCode`, for that one indicator only (what saving
 * or reading a single item needs: a few rows instead of every indicator's).
 */
export async function loadOutlierReferences(db: DbOrTx, cycle: CycleRow, orgUnitId: number, indicatorCode?: string): Promise<OutlierReferences> {
  const history = await verifiedHistory(db, orgUnitId, cycle.year, indicatorCode);
  const peers = await peerValues(db, cycle.id, orgUnitId, indicatorCode);
  return { history: group(history), peers: group(peers) };
}

export function flagsFor(refs: OutlierReferences, indicatorCode: string, value: number | null): OutlierFlag[] {
  return outlierFlags(value, { history: refs.history.get(indicatorCode) ?? [], peers: refs.peers.get(indicatorCode) ?? [] });
}
