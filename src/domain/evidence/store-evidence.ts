import { tmpdir } from 'node:os';
import type { Readable } from 'node:stream';
import type { Db } from '../../db/client.js';
import { findSameEvidenceFile, insertEvidenceFile } from '../../db/repositories/evidence-files.js';
import { findOrgUnitByCode } from '../../db/repositories/org-units.js';
import type { EvidenceFileRow } from '../../db/repositories/submissions.js';
import { appendAudit, type Actor } from '../audit.js';
import { DomainError, notFound, type Message } from '../errors.js';
import { fileSource } from './byte-source.js';
import type { EvidenceStore } from './evidence-store.js';
import { allowedTypesLabel, evidenceTypes, type EvidenceType } from './evidence-types.js';
import { fileExtension, sanitizeFileName, withExtension } from './file-name.js';
import { sniffEvidenceType, type SniffResult } from './sniff-evidence-type.js';
import { spoolToFile } from './spool.js';

export type EvidenceFile = EvidenceFileRow;

export interface StoreEvidenceInput {
  /** The name the uploader's browser sent; only displayed, after sanitising. */
  fileName: string;
  content: Readable | Buffer;
  /** The district the evidence belongs to; null for city-level evidence. */
  orgUnitCode: string | null;
  actor: Actor;
}

export interface EvidenceLimits {
  maxBytes: number;
}

export interface StoreEvidenceResult {
  evidence: EvidenceFile;
  /** True when the same bytes under the same name for the same unit were already recorded (a retried upload). */
  deduplicated: boolean;
}

/**
 * Accepts one evidence upload: streams it to a spool file while enforcing the size limit (an oversize upload is cut
 * off and nothing is kept), identifies its type from its content, requires the name's extension to agree, stores
 * the bytes content-addressed, then records the evidence_files row and its audit entry in one transaction.
 *
 * If the database write fails after the blob was stored, the blob stays as an unreferenced (harmless, deduplicated)
 * object; nothing ever points to a blob that is missing.
 *
 * @throws DomainError invalid `file_too_large` | `file_type_not_allowed`; not_found for an unknown org unit.
 */
export async function storeEvidence(db: Db, store: EvidenceStore, input: StoreEvidenceInput, limits: EvidenceLimits): Promise<StoreEvidenceResult> {
  let orgUnitId: number | null = null;
  if (input.orgUnitCode !== null) {
    const unit = await findOrgUnitByCode(db, input.orgUnitCode);
    if (!unit) {
      if (!Buffer.isBuffer(input.content)) input.content.destroy();
      throw notFound({ ko: `기관 ${input.orgUnitCode}`, en: `Org unit ${input.orgUnitCode}` });
    }
    orgUnitId = unit.id;
  }

  const spooled = await spoolToFile(input.content, store.spoolDir ?? tmpdir(), limits.maxBytes);
  let originalName: string;
  let type: EvidenceType;
  try {
    const source = await fileSource(spooled.path);
    let sniffed: SniffResult;
    try {
      sniffed = await sniffEvidenceType(source);
    } finally {
      await source.close();
    }
    if (!sniffed.ok) throw typeNotAllowed(sniffed.reason);
    type = sniffed.type;
    originalName = sanitizeFileName(input.fileName);
    const claimed = fileExtension(originalName);
    const allowed: readonly string[] = evidenceTypes[type].extensions;
    if (claimed === '') originalName = withExtension(originalName, allowed[0] ?? type);
    else if (!allowed.includes(claimed)) throw extensionMismatch(type, claimed);
  } catch (err) {
    await spooled.discard();
    throw err;
  }

  const blob = await store.putSpooled(spooled);
  const mediaType = evidenceTypes[type].mediaType;

  return db.transaction(async (tx) => {
    const existing = await findSameEvidenceFile(tx, blob.sha256, originalName, orgUnitId);
    if (existing) return { evidence: existing, deduplicated: true };
    const row = await insertEvidenceFile(tx, { sha256: blob.sha256, size: blob.size, mediaType, originalName, orgUnitId, createdBy: input.actor.userId });
    await appendAudit(tx, input.actor, {
      action: 'evidence.uploaded',
      entityType: 'evidence_file',
      entityId: row.id,
      orgUnitCode: input.orgUnitCode,
      after: { sha256: row.sha256, size: row.size, mediaType, originalName },
    });
    return { evidence: row, deduplicated: false };
  });
}

const reasonMessages: Record<Exclude<SniffResult, { ok: true }>['reason'], Message> = {
  unknown: { ko: '파일 내용이 허용된 형식이 아닙니다.', en: 'The content is not an allowed file type.' },
  zip_bomb: { ko: '압축을 풀면 지나치게 커지는 파일입니다.', en: 'The file would expand to an excessive size.' },
  macro: { ko: '매크로가 포함된 Office 파일은 올릴 수 없습니다.', en: 'Office files with macros are not accepted.' },
  other_zip: { ko: '허용된 문서가 아닌 압축 파일입니다.', en: 'The file is an archive, not an allowed document.' },
  other_cfb: { ko: 'HWP가 아닌 구형 Office 파일입니다.', en: 'The file is a legacy Office file, not HWP.' },
};

function typeNotAllowed(reason: keyof typeof reasonMessages): DomainError {
  const m = reasonMessages[reason];
  return new DomainError(
    'invalid',
    'file_type_not_allowed',
    { ko: `${m.ko} 올릴 수 있는 형식: ${allowedTypesLabel}`, en: `${m.en} Allowed: ${allowedTypesLabel}.` },
    [],
    { reason },
  );
}

function extensionMismatch(detected: EvidenceType, claimed: string): DomainError {
  const label = detected.toUpperCase();
  return new DomainError(
    'invalid',
    'file_type_not_allowed',
    {
      ko: `파일 내용(${label})과 확장자(.${claimed})가 맞지 않습니다.`,
      en: `The file's content (${label}) does not match its extension (.${claimed}).`,
    },
    [],
    { reason: 'extension_mismatch', detected },
  );
}
