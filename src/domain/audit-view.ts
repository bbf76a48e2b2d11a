import type { Db } from '../db/client.js';
import { searchAudit, type AuditQuery } from '../db/repositories/audit-log.js';
import type { Principal } from './auth.js';
import { districtsOf, holds } from './authz.js';
import { forbidden } from './errors.js';
import { verifyAuditChain } from './audit.js';

/**
 * The audit log as people read it: the city admin and the auditor see everything; district users see the
 * entries about their own district (their submissions' history, objections, decisions).
 */
export async function browseAudit(db: Db, principal: Principal | null, q: AuditQuery) {
  let query = q;
  if (!holds(principal, 'city_admin', 'auditor')) {
    const mine = districtsOf(principal, 'district_officer', 'district_approver');
    if (mine.length === 0) throw forbidden();
    if (q.orgUnitCode && !mine.includes(q.orgUnitCode)) throw forbidden();
    query = { ...q, orgUnitCode: q.orgUnitCode ?? mine[0]! };
  }
  const rows = await searchAudit(db, { ...query, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return {
    entries: page.map((r) => ({ ...r, at: new Date(r.at) })),
    nextCursor: rows.length > query.limit ? page.at(-1)!.seq : null,
  };
}

export async function auditIntegrity(db: Db, principal: Principal | null) {
  if (!holds(principal, 'city_admin', 'auditor')) throw forbidden();
  return verifyAuditChain(db);
}
