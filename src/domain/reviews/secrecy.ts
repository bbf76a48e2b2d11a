import type { DbOrTx } from '../../db/tx.js';
import type { Principal } from '../auth.js';
import { holds } from '../authz.js';
import { reviewRoundState } from './round-state.js';

/** Every audit action of the panel review starts with this. */
export const REVIEW_ACTION_PREFIX = 'review.';

/**
 * Panel secrecy in the audit log: district users never read the panel's entries (they name reviewers, their
 * assignments and scores; the round's outcome reaches districts only as results and anonymous feedback). Returns
 * the action prefix to leave out of what the principal reads, or null for the city admin and the auditor.
 */
export function panelSecrecyFilter(principal: Principal | null): string | null {
  return holds(principal, 'city_admin', 'auditor') ? null : REVIEW_ACTION_PREFIX;
}

/** Score-bearing entries: a reviewer's saves and submissions, and an assignment removed with its scores. */
const SCORE_ACTIONS = new Set(['review.draft_saved', 'review.submitted', 'review.assignment_removed']);

interface AuditEntryLike {
  action: string;
  before: unknown;
  after: unknown;
}

const yearOf = (v: unknown): number | null => {
  const y = v && typeof v === 'object' ? (v as { year?: unknown }).year : undefined;
  return typeof y === 'number' ? y : null;
};

function withoutScores(v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const { scores: _s, total: _t, comment: _c, ...rest } = v as Record<string, unknown>;
  return { ...rest, redacted: true };
}

/**
 * What the city admin and the auditor read of the panel while a round is open: its progress (who saved or
 * submitted which item, when), not the marks. Score-bearing entries of a round that has not closed lose their
 * scores, totals and comments (`redacted: true`); once the round closes they read in full. The stored entry and its
 * hash are untouched (the chain still verifies).
 */
export async function redactOpenRoundScores<E extends AuditEntryLike>(db: DbOrTx, entries: E[]): Promise<E[]> {
  const open = new Map<number, boolean>();
  const out: E[] = [];
  for (const e of entries) {
    const year = SCORE_ACTIONS.has(e.action) ? (yearOf(e.after) ?? yearOf(e.before)) : null;
    if (year === null) {
      out.push(e);
      continue;
    }
    if (!open.has(year)) open.set(year, !(await reviewRoundState(db, year)).closed);
    out.push(open.get(year) ? { ...e, before: withoutScores(e.before), after: withoutScores(e.after) } : e);
  }
  return out;
}
