import type { CycleRow } from '../../db/repositories/cycles.js';
import { findObjection, type ObjectionDetail } from '../../db/repositories/objections.js';
import type { DbOrTx } from '../../db/tx.js';
import type { Principal } from '../auth.js';
import { cycleOrThrow } from '../cycle-lookup.js';
import { DomainError, notFound } from '../errors.js';
import { viewOf } from './read-objections.js';

/** A 409 for a write based on an old version, carrying the objection as it is now. */
export async function stale(tx: DbOrTx, principal: Principal | null, id: number): Promise<DomainError> {
  return new DomainError('conflict', 'stale_version', { ko: '다른 사용자가 먼저 처리했습니다.', en: 'Someone else changed this objection first.' }, [], {
    current: await viewOf(tx, principal, id),
  });
}

/** The objection at `version`, still open, in a cycle still in its objection stage. */
export async function openObjection(tx: DbOrTx, principal: Principal | null, id: number, version: number): Promise<{ row: ObjectionDetail; cycle: CycleRow }> {
  const row = await findObjection(tx, id);
  if (!row) throw notFound({ ko: `이의신청 ${id}`, en: `Objection ${id}` });
  if (row.version !== version) throw await stale(tx, principal, id);
  if (row.status !== 'filed') {
    throw new DomainError('conflict', 'objection_closed', { ko: '이미 처리된 이의신청입니다.', en: 'This objection has already been closed.' }, [], {
      objectionStatus: row.status,
    });
  }
  const cycle = await cycleOrThrow(tx, row.year);
  if (cycle.status !== 'objections') {
    throw new DomainError('conflict', 'objections_closed', { ko: '이의신청 단계가 아닙니다.', en: 'The cycle is not in its objection stage.' }, [], {
      cycleStatus: cycle.status,
    });
  }
  return { row, cycle };
}
