import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type { Db } from '../db/client.js';
import {
  clearMigrationSeededRows,
  insertRows,
  migrationTags,
  primaryKeyColumns,
  resetSequences,
  rowCount,
  tableRows,
  tablesInDependencyOrder,
  userCount,
} from '../db/repositories/backup.js';
import { distinctEvidenceHashes } from '../db/repositories/evidence-files.js';
import { appendAudit, systemActor, verifyAuditChain } from './audit.js';
import { DomainError } from './errors.js';
import type { EvidenceStore } from './evidence/index.js';

/**
 * A backup is one gzip'd JSON-lines file, the same for embedded PGlite and a PostgreSQL server:
 *   {"kind":"manifest", format, createdAt, migrations, tables:{name:count}}
 *   {"kind":"rows", table, rows:[…]}             (in foreign-key order, pages of 1000)
 *   {"kind":"evidence", sha256, data: base64}    (every evidence file the database refers to)
 *   {"kind":"end", sha256 of every preceding line}
 * Read in one REPEATABLE READ transaction, so the copy is consistent while the app keeps running.
 */
export const BACKUP_FORMAT = 'hopejobs-backup/1';
const PAGE = 1000;
/** Rebuilt on demand, never restored: sessions would let old cookies in; jobs are transient. */
const SKIPPED = new Set(['sessions', 'hopejobs_migrations']);

export interface BackupSummary {
  tables: Record<string, number>;
  evidenceFiles: number;
  bytes: number;
}

export async function backupDatabase(db: Db, store: EvidenceStore | null, outFile: string): Promise<BackupSummary> {
  const hash = createHash('sha256');
  const tables: Record<string, number> = {};
  let evidenceCount = 0;
  async function* lines(): AsyncGenerator<string> {
    const emit = (obj: unknown) => {
      const line = `${JSON.stringify(obj)}\n`;
      hash.update(line);
      return line;
    };
    const chunks: string[] = [];
    await db.transaction(
      async (tx) => {
        const order = (await tablesInDependencyOrder(tx)).filter((t) => !SKIPPED.has(t));
        const migrations = await migrationTags(tx, true);
        for (const t of order) tables[t] = await rowCount(tx, t);
        chunks.push(emit({ kind: 'manifest', format: BACKUP_FORMAT, createdAt: new Date().toISOString(), migrations, tables }));
        for (const t of order) {
          const pk = await primaryKeyColumns(tx, t);
          for (let offset = 0; offset < tables[t]!; offset += PAGE) {
            chunks.push(emit({ kind: 'rows', table: t, rows: await tableRows(tx, t, pk, offset, PAGE) }));
          }
        }
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    for (const c of chunks) yield c;
    if (store) {
      const files = await distinctEvidenceHashes(db);
      for (const f of files) {
        if (!(await store.exists(f.sha256))) continue;
        const parts: Buffer[] = [];
        for await (const part of await store.open(f.sha256)) parts.push(part as Buffer);
        evidenceCount++;
        yield emit({ kind: 'evidence', sha256: f.sha256, data: Buffer.concat(parts).toString('base64') });
      }
    }
    yield `${JSON.stringify({ kind: 'end', sha256: hash.digest('hex') })}\n`;
  }
  let bytes = 0;
  const counter = async function* (src: AsyncIterable<string>) {
    for await (const s of src) {
      bytes += Buffer.byteLength(s);
      yield s;
    }
  };
  await pipeline(Readable.from(counter(lines())), createGzip(), createWriteStream(outFile));
  return { tables, evidenceFiles: evidenceCount, bytes };
}

const corrupt = (why: string) =>
  new DomainError('invalid', 'backup_corrupt', { ko: `백업 파일이 손상되었습니다: ${why}`, en: `The backup file is damaged: ${why}` });

export interface RestoreSummary {
  tables: Record<string, number>;
  evidenceFiles: number;
  auditEntries: number;
}

/**
 * Restores a backup into an EMPTY, migrated database (and evidence store), in one transaction: a damaged or
 * truncated file restores nothing. The migrations of the backup must all be known to this version.
 */
export async function restoreDatabase(db: Db, store: EvidenceStore | null, inFile: string): Promise<RestoreSummary> {
  const existing = await userCount(db);
  if (existing > 0) {
    throw new DomainError('conflict', 'restore_target_not_empty', {
      ko: '복원할 데이터베이스가 비어 있지 않습니다. 새 데이터 디렉터리나 빈 데이터베이스를 지정하세요.',
      en: 'The target database is not empty; restore into a new data directory or an empty database.',
    });
  }
  const hash = createHash('sha256');
  let manifest: { format: string; migrations: string[]; tables: Record<string, number> } | null = null;
  const evidence: Array<{ sha256: string; data: string }> = [];
  const counts: Record<string, number> = {};
  let ended = false;
  await db.transaction(async (tx) => {
    // Created in the same tick as the loop that reads it: readline starts emitting lines at once, and lines emitted
    // before the async iterator exists are lost (here: while BEGIN went to the server, the manifest line was gone).
    const rl = createInterface({ input: createReadStream(inFile).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of rl) {
      if (!line) continue;
      const obj = JSON.parse(line) as { kind: string; [k: string]: unknown };
      if (obj.kind === 'end') {
        if (obj.sha256 !== hash.digest('hex')) throw corrupt('checksum mismatch');
        ended = true;
        break;
      }
      hash.update(`${line}\n`);
      if (obj.kind === 'manifest') {
        manifest = obj as unknown as NonNullable<typeof manifest>;
        if (manifest.format !== BACKUP_FORMAT) throw corrupt(`unknown format ${manifest.format}`);
        const applied = await migrationTags(tx, false);
        const unknown = manifest.migrations.filter((m) => !applied.includes(m));
        if (unknown.length) {
          throw new DomainError('invalid', 'backup_newer', {
            ko: `이 백업은 더 새로운 버전에서 만들어졌습니다 (${unknown.join(', ')}). 프로그램을 업데이트하세요.`,
            en: `This backup comes from a newer version (${unknown.join(', ')}); upgrade first.`,
          });
        }
      } else if (obj.kind === 'rows') {
        if (!manifest) throw corrupt('rows before the manifest');
        const table = String(obj.table);
        if (!(table in manifest.tables)) throw corrupt(`unknown table ${table}`);
        const rows = obj.rows as unknown[];
        if (!(table in counts)) await clearMigrationSeededRows(tx, table);
        await insertRows(tx, table, rows);
        counts[table] = (counts[table] ?? 0) + rows.length;
      } else if (obj.kind === 'evidence') {
        evidence.push({ sha256: String(obj.sha256), data: String(obj.data) });
      }
    }
    if (!ended || !manifest) throw corrupt('the file is truncated');
    for (const [t, n] of Object.entries(manifest.tables)) {
      if ((counts[t] ?? 0) !== n) throw corrupt(`${t}: ${counts[t] ?? 0} rows instead of ${n}`);
    }
    await resetSequences(tx);
  });
  if (store) {
    for (const e of evidence) {
      const blob = await store.put(Buffer.from(e.data, 'base64'));
      if (blob.sha256 !== e.sha256) throw corrupt(`evidence ${e.sha256.slice(0, 12)} does not match its hash`);
    }
  }
  const check = await verifyAuditChain(db);
  if (!check.ok) throw corrupt('the restored audit log does not verify');
  await db.transaction((tx) =>
    appendAudit(tx, systemActor, { action: 'backup.restored', entityType: 'installation', after: { tables: counts, evidence: evidence.length } }),
  );
  return { tables: counts, evidenceFiles: evidence.length, auditEntries: check.entries };
}
