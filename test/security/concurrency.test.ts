import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Client } from '../helpers/app.js';
import { backends } from '../helpers/db.js';
import { openSecurityFixture, OWN, PASSWORD, rowsOf, usernames, YEAR, type SecurityFixture } from './fixture.js';

/**
 * Many clients editing the same thing at once, each with the version it read: every write answers 200 or 409
 * (stale, with the current state), the versions of the successful writes are consecutive, the final state is the
 * last successful write, and there is exactly one audit entry per successful write — so no update was lost.
 * Scoring runs started together are serialised (each complete and reproducible, in lock order) or refused.
 */

const SESSIONS = 20;
const ROUNDS = 5;

interface Tally {
  attempted: number;
  succeeded: number;
  conflicts: number;
  lost: number;
}

describe.each(backends())('concurrent edits on $name', (backend) => {
  let fx: SecurityFixture;
  /** 14 sessions of the district officer and 6 of the city admin, all signed in separately. */
  let officers: Client[];
  let admins: Client[];
  const totals: Tally = { attempted: 0, succeeded: 0, conflicts: 0, lost: 0 };

  beforeAll(async () => {
    fx = await openSecurityFixture(backend, { signIn: ['officer_own', 'city_admin', 'auditor'] });
    officers = [fx.clients.officer_own];
    admins = [fx.clients.city_admin];
    while (officers.length < 14) officers.push(await signIn(fx.app, usernames.officer_own, PASSWORD));
    while (admins.length < SESSIONS - 14) admins.push(await signIn(fx.app, usernames.city_admin, PASSWORD));
  }, 180_000);
  afterAll(async () => {
    console.log(
      `concurrency (${backend.name}): ${totals.attempted} versioned updates attempted by ${SESSIONS} sessions, ${totals.succeeded} succeeded, ${totals.conflicts} answered 409, ${totals.lost} lost`,
    );
    await fx?.close();
  });

  const auditCount = async (action: string, entityId: string) =>
    rowsOf<{ n: number }>(await fx.db.db.execute(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action} AND entity_id = ${entityId}`))[0]!.n;

  interface Write {
    status: number;
    value: string | number;
    version: number | null;
  }

  /**
   * Runs ROUNDS rounds over all clients, `barrier`: everyone reads, then everyone writes at once (exactly one
   * write can win); otherwise each client reads and writes at its own pace. Returns every write's outcome.
   */
  async function race(
    clients: Client[],
    read: (c: Client) => Promise<number>,
    write: (c: Client, i: number, round: number, version: number) => Promise<Write>,
    barrier: boolean,
  ): Promise<Write[]> {
    const writes: Write[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      if (barrier) {
        const versions = await Promise.all(clients.map(read));
        const out = await Promise.all(clients.map((c, i) => write(c, i, round, versions[i]!)));
        expect(out.filter((w) => w.status === 200)).toHaveLength(1);
        writes.push(...out);
      } else {
        // Staggered starts (0–24 ms), so reads and writes of different clients interleave in many orders.
        const pause = (i: number) => new Promise((r) => setTimeout(r, (i * 7 + round * 13) % 25));
        writes.push(...(await Promise.all(clients.map(async (c, i) => (await pause(i), write(c, i, round, await read(c)))))));
      }
    }
    return writes;
  }

  /** The checks shared by every race; returns the tally. */
  function settle(writes: Write[], startVersion: number, final: { version: number; value: unknown }, audited: number): Tally {
    for (const w of writes) expect([200, 409]).toContain(w.status);
    const won = writes.filter((w) => w.status === 200);
    expect(won.length).toBeGreaterThan(0);
    // Each success produced the next version: consecutive, none twice.
    expect(won.map((w) => w.version).sort((a, b) => a! - b!)).toEqual(won.map((_, k) => startVersion + k + 1));
    expect(final.version).toBe(startVersion + won.length);
    expect(final.value).toEqual(won.find((w) => w.version === final.version)!.value);
    // One audit entry per success: a write that answered 200 and left no trace would be a lost update.
    expect(audited).toBe(won.length);
    const tally = {
      attempted: writes.length,
      succeeded: won.length,
      conflicts: writes.length - won.length,
      lost: won.length - audited + (startVersion + won.length - final.version),
    };
    for (const k of Object.keys(totals) as Array<keyof Tally>) totals[k] += tally[k];
    return tally;
  }

  it('keeps every update of one submission by 20 sessions: 200 or 409, consecutive versions, one audit entry each', async () => {
    const url = `/api/v1/cycles/${YEAR}/districts/${OWN}/submissions/J2`;
    const clients = [...officers, ...admins];
    const startVersion = (await officers[0]!.request('GET', url)).json<{ version: number }>().version;
    const submissionId = String((await officers[0]!.request('GET', url)).json<{ id: number }>().id);
    const before = { saved: await auditCount('submission.saved', submissionId), corrected: await auditCount('submission.corrected', submissionId) };
    const read = async (c: Client) => (await c.request('GET', url)).json<{ version: number }>().version;
    const write = async (c: Client, i: number, round: number, version: number): Promise<Write> => {
      const value = 1000 + round * 100 + i;
      const res = await c.request('PUT', url, {
        version,
        value,
        ...(admins.includes(c) ? { reason: `시 보정 ${round}-${i}` } : { comment: `초안 ${round}-${i}` }),
      });
      if (res.statusCode === 409) expect(res.json<{ code: string; current: { version: number } }>().current.version).toBeGreaterThan(version);
      return { status: res.statusCode, value, version: res.statusCode === 200 ? res.json<{ version: number }>().version : null };
    };
    const writes = [...(await race(clients, read, write, true)), ...(await race(clients, read, write, false))];
    const final = (await officers[0]!.request('GET', url)).json<{ version: number; value: number }>();
    const audited =
      (await auditCount('submission.saved', submissionId)) - before.saved + (await auditCount('submission.corrected', submissionId)) - before.corrected;
    const t = settle(writes, startVersion, final, audited);
    expect(t.attempted).toBe(2 * ROUNDS * SESSIONS);
  }, 180_000);

  it('keeps every update of one activity record by 20 sessions', async () => {
    const url = `/api/v1/records/${fx.ids.record}`;
    const clients = [...officers, ...admins];
    const startVersion = (await officers[0]!.request('GET', url)).json<{ version: number }>().version;
    const before = await auditCount('activity_record.updated', String(fx.ids.record));
    const read = async (c: Client) => (await c.request('GET', url)).json<{ version: number }>().version;
    const write = async (c: Client, i: number, round: number, version: number): Promise<Write> => {
      const value = `동시수정 ${round}-${i}`;
      const res = await c.request('PATCH', url, {
        version,
        occurredOn: '2020-01-15',
        data: { company_name: value, purpose: '기타', jobs_found: i },
        reason: 'race',
      });
      return { status: res.statusCode, value, version: res.statusCode === 200 ? res.json<{ version: number }>().version : null };
    };
    const writes = [...(await race(clients, read, write, true)), ...(await race(clients, read, write, false))];
    const final = (await officers[0]!.request('GET', url)).json<{ version: number; data: { company_name: string } }>();
    settle(
      writes,
      startVersion,
      { version: final.version, value: final.data.company_name },
      (await auditCount('activity_record.updated', String(fx.ids.record))) - before,
    );
  }, 180_000);

  it('keeps every save of a draft framework by 6 city sessions', async () => {
    const created = await admins[0]!.request('POST', '/api/v1/cycles', { year: 2031, copyFromYear: YEAR });
    expect(created.statusCode, created.body).toBe(201);
    const url = '/api/v1/cycles/2031/framework';
    type View = { rowVersion: number; version: number; definition: { indicators: Array<{ code: string; name: { ko: string; en: string } }> } };
    const first = (await admins[0]!.request('GET', url)).json<View>();
    const before = await auditCount('framework.updated', `2031/${first.version}`);
    const read = async (c: Client) => (await c.request('GET', url)).json<View>().rowVersion;
    const write = async (c: Client, i: number, round: number, rowVersion: number): Promise<Write> => {
      const value = `기업방문 실적 ${round}-${i}`;
      const definition = structuredClone(first.definition);
      definition.indicators.find((x) => x.code === 'J1')!.name.ko = value;
      const res = await c.request('PUT', url, { definition, rowVersion });
      return { status: res.statusCode, value, version: res.statusCode === 200 ? res.json<View>().rowVersion : null };
    };
    const writes = [...(await race(admins, read, write, true)), ...(await race(admins, read, write, false))];
    const final = (await admins[0]!.request('GET', url)).json<View>();
    expect(final.version).toBe(first.version);
    const name = final.definition.indicators.find((x) => x.code === 'J1')!.name.ko;
    settle(writes, first.rowVersion, { version: final.rowVersion, value: name }, (await auditCount('framework.updated', `2031/${first.version}`)) - before);
  }, 180_000);

  it('serialises scoring runs started at once: each complete and reproducible, audited in lock order, or refused', async () => {
    const before = rowsOf<{ id: number }>(await fx.db.db.execute(sql`SELECT id FROM scoring_runs`)).map((r) => r.id);
    const answers = await Promise.all(
      admins.slice(0, 4).map((c, i) => c.request('POST', `/api/v1/cycles/${YEAR}/scoring-runs`, { kind: 'trial', note: `동시 ${i}` })),
    );
    for (const a of answers) expect([201, 409], a.body).toContain(a.statusCode);
    const ok = answers.filter((a) => a.statusCode === 201).map((a) => a.json<{ id: number; inputHash: string }>());
    expect(ok.length).toBeGreaterThan(0);
    const runs = rowsOf<{ id: number; status: string; input_hash: string; has_result: boolean }>(
      await fx.db.db.execute(sql`SELECT id, status, input_hash, result IS NOT NULL AS has_result FROM scoring_runs ORDER BY id`),
    ).filter((r) => !before.includes(r.id));
    expect(runs.map((r) => r.id).sort()).toEqual(ok.map((r) => r.id).sort());
    expect(runs.every((r) => r.status === 'done' && r.has_result)).toBe(true);
    // Nothing changed between them: the same snapshot, the same result, each reproducible byte for byte.
    expect(new Set(runs.map((r) => r.input_hash)).size).toBe(1);
    for (const r of runs) {
      const rep = await admins[0]!.request('POST', `/api/v1/scoring-runs/${r.id}/reproduce`);
      expect(rep.json<{ identical: boolean }>().identical).toBe(true);
    }
    // The audit entries follow the order in which the runs took the lock (their ids), one each.
    const audited = rowsOf<{ entity_id: string }>(await fx.db.db.execute(sql`SELECT entity_id FROM audit_log WHERE action = 'scoring.run' ORDER BY seq`))
      .map((r) => Number(r.entity_id))
      .filter((id) => !before.includes(id));
    expect(audited).toEqual(runs.map((r) => r.id));
    console.log(`scoring runs (${backend.name}): 4 started at once, ${ok.length} completed one after another, ${answers.length - ok.length} refused`);
  }, 120_000);

  it('leaves the audit hash chain intact after all of it', async () => {
    const res = await fx.clients.auditor.request('GET', '/api/v1/audit/verify');
    expect(res.json<{ ok: boolean; problems: unknown[] }>()).toMatchObject({ ok: true, problems: [] });
  });
});
