import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import { evidenceFiles, orgUnits } from '../schema.js';
import type { DbOrTx } from '../tx.js';
import type { EvidenceFileRow } from './submissions.js';

/** The SQL of the evidence registry (`evidence_files`); the bytes live in the evidence store. */

/** The file already recorded with these bytes, this name and this unit (null: city level), if any. */
export async function findSameEvidenceFile(db: DbOrTx, sha256: string, originalName: string, orgUnitId: number | null): Promise<EvidenceFileRow | null> {
  const [existing] = await db
    .select()
    .from(evidenceFiles)
    .where(
      and(
        eq(evidenceFiles.sha256, sha256),
        eq(evidenceFiles.originalName, originalName),
        orgUnitId === null ? isNull(evidenceFiles.orgUnitId) : eq(evidenceFiles.orgUnitId, orgUnitId),
      ),
    )
    .limit(1);
  return existing ?? null;
}

export async function insertEvidenceFile(
  db: DbOrTx,
  values: { sha256: string; size: number; mediaType: string; originalName: string; orgUnitId: number | null; createdBy: number | null },
): Promise<EvidenceFileRow> {
  const [row] = await db.insert(evidenceFiles).values(values).returning();
  if (!row) throw new Error('storeEvidence: insert returned no row');
  return row;
}

/** A unit's evidence files, newest first: up to `limit` before the id `before` (from the newest when absent). */
export async function evidenceFilesOfUnit(db: DbOrTx, orgUnitId: number, before: number | undefined, limit: number): Promise<EvidenceFileRow[]> {
  return db
    .select()
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.orgUnitId, orgUnitId), before === undefined ? undefined : lt(evidenceFiles.id, before)))
    .orderBy(desc(evidenceFiles.id))
    .limit(limit);
}

/** An evidence file with its unit's code (null for city-level evidence). */
export async function findEvidenceFileWithUnit(db: DbOrTx, id: number): Promise<{ file: EvidenceFileRow; code: string | null } | null> {
  const [row] = await db
    .select({ file: evidenceFiles, code: orgUnits.code })
    .from(evidenceFiles)
    .leftJoin(orgUnits, eq(orgUnits.id, evidenceFiles.orgUnitId))
    .where(eq(evidenceFiles.id, id))
    .limit(1);
  return row ?? null;
}

/** The content hash of every evidence file the database refers to, each once, in order. */
export async function distinctEvidenceHashes(db: DbOrTx): Promise<Array<{ sha256: string }>> {
  return db.selectDistinct({ sha256: evidenceFiles.sha256 }).from(evidenceFiles).orderBy(evidenceFiles.sha256);
}
