import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../src/domain/audit.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const actor = { userId: null, label: 'test' };

async function appendThree(db: TestDatabase) {
  await db.db.transaction(async (tx) => {
    await appendAudit(tx, actor, { action: 'cycle.created', entityType: 'cycle', entityId: 2019, after: { status: 'draft' } });
  });
  await db.db.transaction(async (tx) => {
    await appendAudit(tx, actor, {
      action: 'cycle.opened',
      entityType: 'cycle',
      entityId: 2019,
      before: { status: 'draft' },
      after: { status: 'open', note: '한글 메모' },
      reason: '일정대로 개시',
    });
  });
  await db.db.transaction(async (tx) => {
    await appendAudit(tx, actor, { action: 'submission.saved', entityType: 'submission', entityId: 'x', orgUnitCode: '11215', after: { value: 0.1 + 0.2 } });
  });
}

/** Tampering as an attacker with table-owner rights would: switch off the guard trigger first. */
async function tamper(db: TestDatabase, statement: string) {
  await db.raw.exec(`ALTER TABLE audit_log DISABLE TRIGGER USER; ${statement}; ALTER TABLE audit_log ENABLE TRIGGER USER;`);
}

describe.each(backends())('audit log on $name', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await backend.open();
    await appendThree(db);
  });
  afterEach(async () => db?.destroy());

  it('verifies an untouched chain', async () => {
    const v = await verifyAuditChain(db.db);
    expect(v).toMatchObject({ ok: true, entries: 3, problems: [] });
  });

  it('refuses UPDATE and DELETE through the append-only trigger', async () => {
    await expect(db.raw.exec(`UPDATE audit_log SET reason = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(db.raw.exec(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(/append-only/);
  });

  it('detects an edited entry', async () => {
    await tamper(db, `UPDATE audit_log SET after = '{"status":"published"}' WHERE seq = 2`);
    const v = await verifyAuditChain(db.db);
    expect(v.ok).toBe(false);
    expect(v.problems).toContainEqual(expect.objectContaining({ seq: 2, problem: 'hash_mismatch' }));
  });

  it('detects a deleted entry', async () => {
    await tamper(db, `DELETE FROM audit_log WHERE seq = 2`);
    const v = await verifyAuditChain(db.db);
    expect(v.ok).toBe(false);
    expect(v.problems.map((p) => p.problem)).toEqual(expect.arrayContaining(['gap', 'broken_link']));
  });

  it('detects reordered entries', async () => {
    await tamper(db, `UPDATE audit_log SET seq = 100 WHERE seq = 1; UPDATE audit_log SET seq = 1 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 100`);
    const v = await verifyAuditChain(db.db);
    expect(v.ok).toBe(false);
  });

  it('detects an edited timestamp', async () => {
    await tamper(db, `UPDATE audit_log SET at = at + interval '1 day' WHERE seq = 3`);
    expect((await verifyAuditChain(db.db)).ok).toBe(false);
  });

  it('keeps appends in one chain when they race', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => db.db.transaction(async (tx) => appendAudit(tx, actor, { action: 'race', entityType: 'test', entityId: i }))),
    );
    const v = await verifyAuditChain(db.db);
    expect(v).toMatchObject({ ok: true, entries: 11 });
  });

  it('keeps one chain when transactions appending several entries each race', async () => {
    await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        db.db.transaction(async (tx) => {
          for (let k = 0; k < 3; k++) await appendAudit(tx, actor, { action: 'race', entityType: 'test', entityId: `${i}.${k}` });
        }),
      ),
    );
    const v = await verifyAuditChain(db.db);
    expect(v).toMatchObject({ ok: true, entries: 15 });
  });

  it('builds on entries a savepoint appended, and forgets those a rolled-back savepoint appended', async () => {
    await db.db.transaction(async (tx) => {
      await appendAudit(tx, actor, { action: 'outer.1', entityType: 'test' });
      await tx.transaction(async (sp) => appendAudit(sp, actor, { action: 'savepoint.kept', entityType: 'test' }));
      await appendAudit(tx, actor, { action: 'outer.2', entityType: 'test' });
      await tx
        .transaction(async (sp) => {
          await appendAudit(sp, actor, { action: 'savepoint.undone', entityType: 'test' });
          throw new Error('roll the savepoint back');
        })
        .catch(() => undefined);
      await appendAudit(tx, actor, { action: 'outer.3', entityType: 'test' });
    });
    const v = await verifyAuditChain(db.db);
    expect(v).toMatchObject({ ok: true, entries: 7 });
    const { rows } = await db.raw.query<{ action: string }>('SELECT action FROM audit_log WHERE seq > 3 ORDER BY seq');
    expect(rows.map((r) => r.action)).toEqual(['outer.1', 'savepoint.kept', 'outer.2', 'outer.3']);
  });
});
