import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DbKind } from '../../src/db/client.js';
import type { ServerProcess } from '../helpers/cli.js';
import { describeOnBackend } from '../helpers/db.js';
import { companyVisitCsv, count, openServerTarget, rowsOf, signInHttp, sleep, type ServerTarget } from './server-target.js';

/**
 * kill -9 of a real `hopejobs serve` process in the middle of a large CSV import and in the middle of scoring runs,
 * then a restart on the same data (PGlite data directory, or the same PostgreSQL database): nothing that was
 * acknowledged is lost, the killed import left no row behind and is not marked committed, no scoring run is left
 * half-stored, the audit chain is intact, and the restarted server works. On PGlite this also shows that the
 * embedded database opens cleanly after its process was killed.
 */

const IMPORTS = '/api/v1/cycles/2020/districts/11215/imports?type=company_visit';
const BIG_ROWS = 600_000;

interface ImportView {
  status: string;
  processedRows: number;
  job: { status: string; progress: number } | null;
}

async function killHard(server: ServerProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
  server.child.kill('SIGKILL');
  await exited;
}

export function killServerOn(name: DbKind): void {
  describeOnBackend(name, 'kill -9 of the server', (backend) => {
    let target: ServerTarget;
    const faults: string[] = [];

    beforeAll(async () => {
      target = await openServerTarget(backend);
    }, 120_000);
    afterAll(async () => {
      console.log(`faults (${backend.name}): ${faults.length} kill -9 injected — ${faults.join('; ')}`);
      await target?.destroy();
    });

    it('loses nothing committed and leaves no half-written import when killed during a large CSV import', async () => {
      let server = await target.start();
      let officer = await signInHttp(server.url, 'officer.11215');
      const small = await officer.upload(IMPORTS, 'before.csv', companyVisitCsv(50, 'before'));
      expect(small.status, JSON.stringify(small.body)).toBe(201);

      const big = companyVisitCsv(BIG_ROWS, 'big');
      const queued = await officer.upload(`${IMPORTS}&background=1`, 'big.csv', big);
      expect(queued.status, JSON.stringify(queued.body)).toBe(202);
      const importId = queued.body.importId as number;
      if (target.name === 'postgres') {
        // The server answers while its worker imports: wait for the job to be well under way.
        let underWay = false;
        for (let t = Date.now(); !underWay && Date.now() - t < 60_000; await sleep(50)) {
          const v = await officer.json<ImportView>('GET', `/api/v1/imports/${importId}`);
          underWay = v.body.job?.status === 'running' && v.body.job.progress > 0.1;
        }
        expect(underWay).toBe(true);
      } else {
        // PGlite has one connection, which the import's transaction holds: give the worker time to be inside it.
        await sleep(2500);
      }
      await killHard(server);
      faults.push(`during a ${BIG_ROWS.toLocaleString('en-US')}-row CSV import`);

      server = await target.start();
      officer = await signInHttp(server.url, 'officer.11215');
      const after = await officer.json<ImportView>('GET', `/api/v1/imports/${importId}`);
      expect(after.status).toBe(200);
      // Killed inside the import: started (validating), never committed, its job still held by the dead worker's lease.
      expect(after.body.status).toBe('validating');
      expect(after.body.job?.status).toBe('running');
      // The restarted server takes new work.
      const again = await officer.upload(IMPORTS, 'after.csv', companyVisitCsv(30, 'after'));
      expect(again.status, JSON.stringify(again.body)).toBe(201);
      const auditor = await signInHttp(server.url, 'auditor');
      expect((await auditor.json<{ ok: boolean }>('GET', '/api/v1/audit/verify')).body.ok).toBe(true);
      expect(await server.stop('SIGTERM')).toBe(0);

      await target.query(async (db) => {
        expect(await count(db, 'activity_records', `import_id = ${importId}`)).toBe(0);
        expect(await count(db, 'activity_records', `import_id = ${small.body.importId as number}`)).toBe(50);
        expect(await count(db, 'activity_records', `import_id = ${again.body.importId as number}`)).toBe(30);
        expect(await count(db, 'imports', `id = ${importId} AND status = 'committed'`)).toBe(0);
        expect(await count(db, 'audit_log', `action = 'activity_records.imported' AND entity_id = '${importId}'`)).toBe(0);
      });
    }, 300_000);

    it('leaves no half-stored scoring run when killed while runs are being stored, and keeps every acknowledged one', async () => {
      const acknowledged: number[] = [];
      let committedUnanswered = 0;
      // Three kills, a quarter, a half and most of the way through a typical run.
      for (const fraction of [0.25, 0.5, 0.85]) {
        let server = await target.start();
        let admin = await signInHttp(server.url, 'admin');
        const before = acknowledged.length;
        const durations: number[] = [];
        let inFlightFailed = false;
        let started = 0;
        const loop = (async () => {
          for (let i = 0; i < 500; i++) {
            started = performance.now();
            try {
              const r = await admin.json<{ id: number }>('POST', '/api/v1/cycles/2020/scoring-runs', { kind: 'trial', note: `kill ${fraction} ${i}` });
              expect(r.status).toBe(201);
              acknowledged.push(r.body.id);
              durations.push(performance.now() - started);
            } catch {
              inFlightFailed = true;
              return;
            }
          }
        })();
        while (durations.length < 3) await sleep(5);
        // Kill part-way through a typical run, counted from the start of the request now in flight.
        const typical = [...durations].sort((a, b) => a - b)[Math.floor(durations.length / 2)]!;
        const due = started + typical * fraction;
        while (performance.now() < due) await sleep(1);
        await killHard(server);
        await loop;
        expect(inFlightFailed).toBe(true);
        faults.push(`during scoring run ${acknowledged.length - before + 1} at ${Math.round(fraction * 100)}% of a typical ${Math.round(typical)} ms`);

        server = await target.start();
        admin = await signInHttp(server.url, 'admin');
        const listed = await admin.json<{ runs: Array<{ id: number; status: string }> }>('GET', '/api/v1/cycles/2020/scoring-runs');
        const ids = listed.body.runs.map((r) => r.id);
        expect(ids).toEqual(expect.arrayContaining(acknowledged));
        expect(listed.body.runs.every((r) => r.status === 'done')).toBe(true);
        // Besides the acknowledged runs, at most the one in flight was committed (its answer died with the process).
        const extra = ids.length - acknowledged.length - committedUnanswered;
        expect(extra).toBeGreaterThanOrEqual(0);
        expect(extra).toBeLessThanOrEqual(1);
        committedUnanswered += extra;
        for (const id of ids) {
          const rep = await admin.json<{ identical: boolean }>('POST', `/api/v1/scoring-runs/${id}/reproduce`);
          expect(rep.body.identical, `run ${id}`).toBe(true);
        }
        expect((await admin.json<{ ok: boolean }>('GET', '/api/v1/audit/verify')).body.ok).toBe(true);
        expect(await server.stop('SIGTERM')).toBe(0);
      }

      await target.query(async (db) => {
        expect(await count(db, 'scoring_runs', `status <> 'done' OR result IS NULL`)).toBe(0);
        // Every stored run has its audit entry and no audit entry points at a run that is not there.
        const runs = rowsOf<{ id: number }>(await db.db.execute(sql`SELECT id FROM scoring_runs ORDER BY id`)).map((r) => String(r.id));
        const audited = rowsOf<{ entity_id: string }>(await db.db.execute(sql`SELECT entity_id FROM audit_log WHERE action = 'scoring.run' ORDER BY seq`)).map(
          (r) => r.entity_id,
        );
        expect(audited).toEqual(runs);
      });
      console.log(
        `scoring kills (${backend.name}): ${acknowledged.length} runs acknowledged and kept, ${committedUnanswered} in-flight runs committed whole before the kill, none half-stored`,
      );
    }, 300_000);
  });
}
