import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceFiles } from '../../src/db/schema.js';
import { verifyAuditChain } from '../../src/domain/audit.js';
import { systemPrincipal } from '../../src/domain/authz.js';
import { backupDatabase, restoreDatabase } from '../../src/domain/backup.js';
import { LocalEvidenceStore } from '../../src/domain/evidence/index.js';
import { reproduceRun } from '../../src/domain/scoring/runs.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { backends, DEMO_TEST_PASSWORD, pgliteDemoTemplate, type TestDatabase } from '../helpers/db.js';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe.each(backends())('backup and restore on $name', (backend) => {
  let source: TestDatabase;
  let dir: string;
  let file: string;
  let runs: number[];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(repoRoot, '.tmp', 'backup-'));
    file = path.join(dir, 'backup.hjb');
    const demo = await backend.openDemo(DEMO_TEST_PASSWORD, { data: true });
    source = demo;
    runs = demo.demoRuns;
    const store = new LocalEvidenceStore(path.join(dir, 'evidence-a'));
    const blob = await store.put(pdf);
    await source.db.insert(evidenceFiles).values({ sha256: blob.sha256, size: blob.size, mediaType: 'application/pdf', originalName: '증빙.pdf' });
    await backupDatabase(source.db, store, file);
  }, 180_000);
  afterAll(async () => {
    await source?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores into a fresh database: same rows, evidence, an intact audit chain, and published runs re-run bit-identically', async () => {
    const target = await backend.open();
    try {
      const store = new LocalEvidenceStore(path.join(dir, 'evidence-b'));
      const summary = await restoreDatabase(target.db, store, file);
      expect(summary.tables.activity_records).toBeGreaterThan(10_000);
      expect(summary.evidenceFiles).toBe(1);
      for (const t of ['users', 'submissions', 'scoring_runs', 'audit_log', 'publications']) {
        const a = await source.raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`);
        const b = await target.raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`);
        expect(b.rows[0]!.n, t).toBe(t === 'audit_log' ? a.rows[0]!.n + 1 : a.rows[0]!.n);
      }
      for (const id of runs) expect((await reproduceRun(target.db, systemPrincipal, id)).identical).toBe(true);
      expect((await verifyAuditChain(target.db)).ok).toBe(true);
      const [ev] = await target.db.select().from(evidenceFiles);
      expect(await store.exists(ev!.sha256)).toBe(true);
      // New rows get fresh ids after the restored ones.
      const next = await target.raw.query<{ id: number }>(
        `INSERT INTO org_units (code, name, name_en, kind) VALUES ('99999','테스트','Test','district') RETURNING id`,
      );
      expect(next.rows[0]!.id).toBeGreaterThan(26);
    } finally {
      await target.destroy();
    }
  }, 180_000);

  it('refuses a truncated or altered file and leaves the target empty', async () => {
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    const lines = text.trimEnd().split('\n');
    const truncated = path.join(dir, 'truncated.hjb');
    writeFileSync(truncated, gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n') + '\n'));
    const altered = path.join(dir, 'altered.hjb');
    writeFileSync(altered, gzipSync(text.replace('"광진구"', '"광진군"')));
    for (const bad of [truncated, altered]) {
      const target = await backend.open();
      try {
        await expect(restoreDatabase(target.db, null, bad)).rejects.toMatchObject({ code: 'backup_corrupt' });
        const n = await target.raw.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
        expect(n.rows[0]!.n).toBe(0);
      } finally {
        await target.destroy();
      }
    }
  }, 120_000);

  it('restores a backup made before a migration added columns, with the defaults of those columns', async () => {
    // The backup of an earlier version: users without the columns migration 0003 added, checksum made anew.
    const added = ['disabled_at', 'must_change_password', 'last_sign_in_at'];
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
    const body = lines.slice(0, -1).map((line) => {
      const obj = JSON.parse(line) as { kind: string; table?: string; rows?: Array<Record<string, unknown>> };
      if (obj.kind !== 'rows' || obj.table !== 'users') return line;
      return JSON.stringify({ ...obj, rows: obj.rows!.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !added.includes(k)))) });
    });
    expect(body.join('\n')).not.toContain('must_change_password');
    const end = {
      ...(JSON.parse(lines.at(-1)!) as object),
      sha256: createHash('sha256')
        .update(body.map((l) => `${l}\n`).join(''))
        .digest('hex'),
    };
    const older = path.join(dir, 'older.hjb');
    writeFileSync(older, gzipSync(`${[...body, JSON.stringify(end)].join('\n')}\n`));
    const target = await backend.open();
    try {
      const summary = await restoreDatabase(target.db, null, older);
      expect(summary.tables.users).toBeGreaterThan(50);
      const users = await target.raw.query<{ n: number; flagged: number }>(
        'SELECT count(*)::int AS n, count(*) FILTER (WHERE must_change_password OR disabled_at IS NOT NULL)::int AS flagged FROM users',
      );
      expect(users.rows[0]).toEqual({ n: summary.tables.users, flagged: 0 });
    } finally {
      await target.destroy();
    }
  }, 120_000);

  it('refuses to restore over existing data', async () => {
    await expect(restoreDatabase(source.db, null, file)).rejects.toMatchObject({ code: 'restore_target_not_empty' });
  });
});

describe('hopejobs backup / restore commands', () => {
  it('round-trips an embedded data directory into a new one', async () => {
    const dir = mkdtempSync(path.join(repoRoot, '.tmp', 'backup-cli-'));
    try {
      const a = path.join(dir, 'a');
      const b = path.join(dir, 'b');
      const file = path.join(dir, 'x.hjb');
      // A data directory with the demo in it, as `hopejobs seed --demo` leaves it (test/cli/serve.test.ts runs that
      // command itself): the run's demo template, copied.
      cpSync((await pgliteDemoTemplate({ data: true })).dir, a, { recursive: true });
      const backup = await runCli(['backup', '--out', file], { HOPEJOBS_DATA_DIR: a }, 120_000);
      expect(backup.stdout).toContain('backup written');
      const restore = await runCli(['restore', file], { HOPEJOBS_DATA_DIR: b }, 120_000);
      expect(restore.code).toBe(0);
      expect(restore.stdout).toMatch(/restored: \d+ rows.*audit log verified/);
      expect((await runCli(['verify-audit'], { HOPEJOBS_DATA_DIR: b })).code).toBe(0);
      const again = await runCli(['restore', file], { HOPEJOBS_DATA_DIR: b }, 120_000);
      expect(again.code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 400_000);
});
