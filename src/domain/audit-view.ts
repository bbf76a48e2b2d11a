import type { Db } from '../db/client.js';
import { searchAudit, type AuditQuery } from '../db/repositories/audit-log.js';
import type { Principal } from './auth.js';
import { districtsOf, holds } from './authz.js';
import { forbidden } from './errors.js';
import { verifyAuditChain } from './audit.js';
import { panelSecrecyFilter, redactOpenRoundScores } from './reviews/secrecy.js';

/**
 * The audit log as people read it: the city admin and the auditor see everything (the panel's marks only once its
 * round has closed); district users see the entries about their own district (their submissions' history,
 * objections, decisions) but never the panel's entries, which name reviewers and scores.
 */
export async function browseAudit(db: Db, principal: Principal | null, q: AuditQuery) {
  let query = q;
  if (!holds(principal, 'city_admin', 'auditor')) {
    const mine = districtsOf(principal, 'district_officer', 'district_approver');
    if (mine.length === 0) throw forbidden();
    if (q.orgUnitCode && !mine.includes(q.orgUnitCode)) throw forbidden();
    query = { ...q, orgUnitCode: q.orgUnitCode ?? mine[0]! };
  }
  const hidden = panelSecrecyFilter(principal);
  const rows = await searchAudit(db, { ...query, limit: query.limit + 1, ...(hidden ? { excludeActionPrefix: hidden } : {}) });
  const page = rows.slice(0, query.limit);
  const shown = hidden ? page : await redactOpenRoundScores(db, page);
  return {
    entries: shown.map((r) => ({ ...r, at: new Date(r.at) })),
    nextCursor: rows.length > query.limit ? page.at(-1)!.seq : null,
  };
}

export async function auditIntegrity(db: Db, principal: Principal | null) {
  if (!holds(principal, 'city_admin', 'auditor')) throw forbidden();
  return verifyAuditChain(db);
}
