import type { ItemStatus, MatrixCell } from '../../../types/index.js';

export interface MatrixFilter {
  status: ItemStatus | 'all';
  flagged: boolean;
  late: boolean;
  /** Only items whose records changed after submission. */
  changed: boolean;
}

export const noFilter: MatrixFilter = { status: 'all', flagged: false, late: false, changed: false };

/** Whether a cell passes the filter (a district that has not started an item counts as `not_started`). */
export function cellMatches(cell: MatrixCell | null, filter: MatrixFilter): boolean {
  const status = cell?.status ?? 'not_started';
  if (filter.status !== 'all' && status !== filter.status) return false;
  if (filter.flagged && (cell === null || cell.flags.length === 0)) return false;
  if (filter.late && cell?.late !== true) return false;
  if (filter.changed && cell?.changed !== true) return false;
  return true;
}
