import type { Readable } from 'node:stream';
import type { Db } from '../../db/client.js';
import { evidenceFilesOfUnit, findEvidenceFileWithUnit } from '../../db/repositories/evidence-files.js';
import { findOrgUnitByCode } from '../../db/repositories/org-units.js';
import type { Principal } from '../auth.js';
import { actorOf, canReadDistrict, districtsOf, holds, requireReadDistrict } from '../authz.js';
import { forbidden, notFound } from '../errors.js';
import { reviewerEvidenceAccess } from '../reviews/dossier.js';
import type { EvidenceStore } from './evidence-store.js';
import { storeEvidence, type EvidenceFile, type EvidenceLimits } from './store-evidence.js';

/** An evidence file as the API shows it (never its storage location). */
export interface EvidenceView {
  id: number;
  orgUnitCode: string | null;
  originalName: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdAt: Date;
}

function viewOf(file: EvidenceFile, orgUnitCode: string | null): EvidenceView {
  return {
    id: file.id,
    orgUnitCode,
    originalName: file.originalName,
    mediaType: file.mediaType,
    size: file.size,
    sha256: file.sha256,
    createdAt: file.createdAt,
  };
}

/**
 * Who may upload a district's evidence: its officer (indicator values) and its approver (objections), and the city
 * admin correcting on the district's behalf. The auditor only reads.
 */
export function requireUploadForDistrict(p: Principal | null, code: string): asserts p is Principal {
  if (holds(p, 'city_admin')) return;
  if (!districtsOf(p, 'district_officer', 'district_approver').includes(code)) {
    throw forbidden({ ko: '이 자치구의 증빙자료를 올릴 권한이 없습니다.', en: "You may not upload this district's evidence." });
  }
}

/**
 * Stores one evidence upload for a district after checking the uploader's right to it; the file can then be attached
 * to the district's items or objections. A retried upload of the same bytes and name returns the same file.
 *
 * @throws DomainError forbidden; not_found for an unknown district; invalid `file_too_large` | `file_type_not_allowed`.
 */
export async function uploadDistrictEvidence(
  db: Db,
  store: EvidenceStore,
  principal: Principal | null,
  code: string,
  file: { fileName: string; content: Readable },
  limits: EvidenceLimits,
): Promise<EvidenceView & { deduplicated: boolean }> {
  try {
    requireUploadForDistrict(principal, code);
  } catch (err) {
    file.content.destroy();
    throw err;
  }
  const { evidence, deduplicated } = await storeEvidence(
    db,
    store,
    { fileName: file.fileName, content: file.content, orgUnitCode: code, actor: actorOf(principal) },
    limits,
  );
  return { ...viewOf(evidence, code), deduplicated };
}

/** A district's evidence files, newest first (cursor: the last id of the previous page). */
export async function listDistrictEvidence(
  db: Db,
  principal: Principal | null,
  code: string,
  page: { before?: number | undefined; limit: number },
): Promise<{ items: EvidenceView[]; nextCursor: number | null }> {
  requireReadDistrict(principal, code);
  const unit = await findOrgUnitByCode(db, code);
  if (!unit) throw notFound({ ko: `기관 ${code}`, en: `Org unit ${code}` });
  const rows = await evidenceFilesOfUnit(db, unit.id, page.before, page.limit + 1);
  const items = rows.slice(0, page.limit).map((r) => viewOf(r, code));
  return { items, nextCursor: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null };
}

/**
 * Opens an evidence file for download: a district's file for that district's officers and approvers, every file
 * for the city admin and the auditor, and a file attached to an item a reviewer is assigned to for that reviewer
 * (after the pledge; under a masked name on a blind panel). A file the caller may not read answers 404, as if it
 * did not exist, so that ids cannot be probed across districts.
 */
export async function openEvidenceDownload(
  db: Db,
  store: EvidenceStore,
  principal: Principal | null,
  id: number,
): Promise<{ file: EvidenceView; stream: Readable }> {
  const row = await findEvidenceFileWithUnit(db, id);
  const missing = notFound({ ko: `증빙자료 ${id}`, en: `Evidence file ${id}` });
  if (!row) throw missing;
  const allowed = row.code === null ? holds(principal, 'city_admin', 'auditor') : canReadDistrict(principal, row.code);
  let view = viewOf(row.file, row.code);
  if (!allowed) {
    const asReviewer = principal ? await reviewerEvidenceAccess(db, principal, id) : null;
    if (!asReviewer) throw missing;
    if (asReviewer.name !== null) view = { ...view, originalName: asReviewer.name, orgUnitCode: null };
  }
  if (!(await store.exists(row.file.sha256))) throw missing;
  return { file: view, stream: await store.open(row.file.sha256) };
}
