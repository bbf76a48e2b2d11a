import type { Db } from '../../db/client.js';
import { publishedOutcome, recordsForIndicator, reviewerEvidenceLinks, submissionWithEvidence } from '../../db/repositories/review-integrity.js';
import { findAssignment, type AssignmentRow } from '../../db/repositories/reviews.js';
import type { DbOrTx } from '../../db/tx.js';
import type { Principal } from '../auth.js';
import { showsInline } from '../evidence/download-headers.js';
import { holds, requireRole } from '../authz.js';
import type { CycleOutcome } from '../scoring/evaluate.js';
import { assignmentOfCycle } from './assignment.js';
import { hasSignedPledge, pledgeRequired } from './pledge.js';
import { maskDistrictText, maskedFileName } from './pseudonyms.js';
import { cycleOrThrow, qualitativeIndicators } from './round-state.js';
import type { Dossier } from '../../contract/reviews.js';
import { districtMask, settingsOf } from './settings.js';
import { notYours } from './scoring.js';

/** The record type whose entries are a district's 우수사례 (best-practice) texts, tied to an item by `indicator_code`. */
const BEST_PRACTICE = 'best_practice';

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/**
 * What the reviewer scores: the district's submission of the item (value, description text), the 우수사례 records
 * that feed it, the evidence files attached to it (viewable inline through the evidence route, to this reviewer
 * only) and last year's published result of the item. When the cycle's panel is blind, the district's names and
 * code become its pseudonym everywhere in the dossier (free text included) and the files are "증빙 1.pdf", … .
 * The assignment's own reviewer, after signing the pledge; the city admin and the auditor read any, unmasked.
 */
export async function getDossier(db: Db, principal: Principal | null, year: number, id: number): Promise<Dossier> {
  requireRole(principal, 'reviewer', 'city_admin', 'auditor');
  const cycle = await cycleOrThrow(db, year);
  const row = await assignmentOfCycle(db, cycle.id, year, id);
  const city = holds(principal, 'city_admin', 'auditor');
  if (!city) {
    if (row.reviewerId !== principal.user.id) throw notYours();
    if (!(await hasSignedPledge(db, cycle.id, principal.user.id))) throw pledgeRequired(year);
  }
  const blind = !city && (await settingsOf(db, cycle.id)).blind;
  const maskOf = await districtMask(db, cycle.id, blind);
  const pseudonym = maskOf?.(row.orgUnitCode) ?? null;
  const mask = (s: string | null): string | null =>
    s === null || pseudonym === null ? s : maskDistrictText(s, { code: row.orgUnitCode, name: row.orgUnitName, nameEn: row.orgUnitNameEn }, pseudonym);
  const [submission, records, indicators, lastYear] = await Promise.all([
    submissionWithEvidence(db, cycle.id, row.orgUnitId, row.indicatorCode),
    recordsForIndicator(db, row.orgUnitId, BEST_PRACTICE, row.indicatorCode, cycle.dataPeriodStart, cycle.dataPeriodEnd),
    qualitativeIndicators(db, year),
    lastYearResult(db, year - 1, row),
  ]);
  return {
    assignmentId: row.id,
    year,
    blind,
    district: pseudonym
      ? { label: pseudonym, code: null, name: null, nameEn: null }
      : { label: { ko: row.orgUnitName, en: row.orgUnitNameEn }, code: row.orgUnitCode, name: row.orgUnitName, nameEn: row.orgUnitNameEn },
    indicator: { code: row.indicatorCode, name: indicators.get(row.indicatorCode)?.name ?? { ko: row.indicatorCode, en: row.indicatorCode } },
    submission: submission
      ? { status: submission.row.status, value: submission.row.value, comment: mask(submission.row.comment), updatedAt: submission.row.updatedAt }
      : null,
    records: records.map((r) => ({
      id: r.id,
      occurredOn: r.occurredOn,
      recordType: { code: r.recordType, name: { ko: r.typeKo, en: r.typeEn } },
      title: mask(text(r.data['title'])),
      summary: mask(text(r.data['summary'])),
    })),
    evidence: (submission?.evidence ?? []).map((e, i) => ({
      id: e.id,
      name: blind ? maskedFileName(i + 1, e.mediaType) : e.originalName,
      mediaType: e.mediaType,
      size: e.size,
      inline: showsInline(e.mediaType),
    })),
    lastYear,
  };
}

/** The item's published result of the year before: raw value (the panel score) and points earned, no rank. */
async function lastYearResult(db: DbOrTx, year: number, row: AssignmentRow): Promise<Dossier['lastYear']> {
  const outcome = (await publishedOutcome(db, year)) as CycleOutcome | null;
  const unit = outcome?.units.find((u) => u.code === row.orgUnitCode);
  if (!unit) return null;
  return { year, value: unit.raw[row.indicatorCode] ?? null, points: unit.points[row.indicatorCode] ?? null };
}

/**
 * Whether a reviewer may read an evidence file, and the name it is handed out under: only through one of the
 * reviewer's own assignments whose item has the file attached, after the pledge; masked ("증빙 2.pdf") when the
 * cycle's panel is blind. Null = no access (the route answers 404, as for any file the caller may not read).
 */
export async function reviewerEvidenceAccess(db: DbOrTx, principal: Principal, evidenceId: number): Promise<{ name: string | null } | null> {
  if (!holds(principal, 'reviewer')) return null;
  for (const link of await reviewerEvidenceLinks(db, principal.user.id, evidenceId)) {
    if (!(await hasSignedPledge(db, link.cycleId, principal.user.id))) continue;
    if (!(await settingsOf(db, link.cycleId)).blind) return { name: null };
    const a = await findAssignment(db, link.assignmentId);
    const sub = a && (await submissionWithEvidence(db, link.cycleId, a.orgUnitId, a.indicatorCode));
    const at = sub ? sub.evidence.findIndex((e) => e.id === evidenceId) : -1;
    if (sub && at >= 0) return { name: maskedFileName(at + 1, sub.evidence[at]!.mediaType) };
  }
  return null;
}
