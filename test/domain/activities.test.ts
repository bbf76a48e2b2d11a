import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setPopulation, upsertOrgUnit } from '../../src/db/repositories/org-units.js';
import { grantRole, upsertUser } from '../../src/db/repositories/users.js';
import { auditLog, type Role } from '../../src/db/schema.js';
import {
  builtinRecordTypes,
  computeIndicatorValue,
  createRecord,
  createRecordType,
  deactivateRecordType,
  deleteRecord,
  getRecord,
  listRecords,
  listRecordTypes,
  loadRecordsForPeriod,
  seedRecordTypes,
  updateRecord,
  updateRecordType,
  type ActivityRecord,
} from '../../src/domain/activities/index.js';
import { verifyAuditChain } from '../../src/domain/audit.js';
import type { Principal } from '../../src/domain/auth.js';
import { DomainError } from '../../src/domain/errors.js';
import { backends, type TestDatabase } from '../helpers/db.js';

async function makePrincipal(db: TestDatabase, username: string, roles: [Role, number | null, string | null][]): Promise<Principal> {
  const id = await upsertUser(db.db, { username, displayName: username, passwordHash: 'x' });
  for (const [role, unitId] of roles) await grantRole(db.db, id, role, unitId);
  return {
    user: {
      id,
      username,
      displayName: username,
      isDemo: false,
      mustChangePassword: false,
      roles: roles.map(([role, , orgUnitCode]) => ({ role, orgUnitCode })),
    },
    tokenHash: '',
    csrfToken: '',
  };
}

async function expectDomainError(p: Promise<unknown>, kind: string, code: string): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect({ kind: (e as DomainError).kind, code: (e as DomainError).code }).toEqual({ kind, code });
    return e as DomainError;
  }
  throw new Error(`expected DomainError ${kind}/${code}`);
}

const fair = (hires: number, kind = '구인구직 만남의 날') => ({
  kind,
  name: `만남의 날 ${hires}`,
  companies: 5,
  job_seekers: 50,
  hires,
});

describe.each(backends())('activity registries on $name', (backend) => {
  let db: TestDatabase;
  let gwangjin: number;
  let admin: Principal;
  let officer: Principal;
  let otherOfficer: Principal;
  let approver: Principal;
  let auditor: Principal;

  const auditFor = (entityType: string, entityId: string | number) =>
    db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, String(entityId))))
      .orderBy(asc(auditLog.seq));

  beforeAll(async () => {
    db = await backend.open();
    const city = await upsertOrgUnit(db.db, { code: '11000', name: '서울특별시', nameEn: 'Seoul', kind: 'city' });
    gwangjin = await upsertOrgUnit(db.db, { code: '11215', name: '광진구', nameEn: 'Gwangjin-gu', kind: 'district', parentCode: '11000' });
    const jongno = await upsertOrgUnit(db.db, { code: '11110', name: '종로구', nameEn: 'Jongno-gu', kind: 'district', parentCode: '11000' });
    await setPopulation(db.db, gwangjin, 2019, 350_000);
    await setPopulation(db.db, gwangjin, 2018, 400_000);
    admin = await makePrincipal(db, 'admin', [['city_admin', city, '11000']]);
    officer = await makePrincipal(db, 'officer.11215', [['district_officer', gwangjin, '11215']]);
    otherOfficer = await makePrincipal(db, 'officer.11110', [['district_officer', jongno, '11110']]);
    approver = await makePrincipal(db, 'approver.11215', [['district_approver', gwangjin, '11215']]);
    auditor = await makePrincipal(db, 'auditor', [['auditor', null, null]]);
    await seedRecordTypes(db.db);
  });
  afterAll(async () => db?.destroy());

  it('seeds the built-in record types once, idempotently', async () => {
    const types = await listRecordTypes(db.db);
    expect(types.filter((t) => t.builtin).map((t) => t.code)).toEqual(builtinRecordTypes.map((t) => t.code));
    expect(types.find((t) => t.code === 'public_procurement')).toMatchObject({
      name: { ko: '공공구매', en: 'Public procurement' },
      dateField: 'occurred_on',
      builtin: true,
      active: true,
      version: 1,
    });
    expect(await seedRecordTypes(db.db)).toEqual({ inserted: [], updated: [], skipped: [] });
    const seeded = await db.db.select().from(auditLog).where(eq(auditLog.action, 'record_types.seeded'));
    expect(seeded).toHaveLength(1);
  });

  it('creates a record for the officer’s own district, audited', async () => {
    const r = await createRecord(db.db, officer, {
      orgUnitCode: '11215',
      recordType: 'company_visit',
      occurredOn: '2019-03-04',
      data: { company_name: '광진정밀', purpose: '구인 지원', jobs_found: 4, follow_up: true },
    });
    expect(r).toMatchObject({
      orgUnitCode: '11215',
      recordType: 'company_visit',
      occurredOn: '2019-03-04',
      data: { company_name: '광진정밀', purpose: '구인 지원', jobs_found: 4, follow_up: true },
      version: 1,
      createdBy: officer.user.id,
      deletedAt: null,
    });
    const audit = await auditFor('activity_record', r.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'activity_record.created',
      actorLabel: 'officer.11215',
      orgUnitCode: '11215',
      before: null,
      after: { recordType: 'company_visit', occurredOn: '2019-03-04', version: 1 },
    });
    expect(await getRecord(db.db, approver, r.id)).toEqual(r);
  });

  it('rejects invalid data with bilingual problems and writes nothing', async () => {
    const before = (await listRecords(db.db, admin, { recordType: 'public_procurement' })).items.length;
    const e = await expectDomainError(
      createRecord(db.db, officer, {
        orgUnitCode: '11215',
        recordType: 'public_procurement',
        occurredOn: '2019-13-01',
        data: { department: '총무과', item: '도시락', total_amount: 100, se_amount: 200 },
      }),
      'invalid',
      'record_invalid',
    );
    expect(e.problems.map((p) => p.path)).toEqual(['data.se_amount', 'occurredOn']);
    expect(e.problems[0]!.message.ko).toContain("'총 구매액'(total_amount)");
    expect((await listRecords(db.db, admin, { recordType: 'public_procurement' })).items).toHaveLength(before);
    await expectDomainError(
      createRecord(db.db, officer, { orgUnitCode: '11215', recordType: 'no_such_type', occurredOn: '2019-01-01', data: {} }),
      'invalid',
      'record_invalid',
    );
  });

  it('forbids a district officer of 11215 to write or read the records of 11110', async () => {
    const jongnoRecord = await createRecord(db.db, otherOfficer, {
      orgUnitCode: '11110',
      recordType: 'job_fair',
      occurredOn: '2019-04-19',
      data: fair(3),
    });
    const e = await expectDomainError(
      createRecord(db.db, officer, { orgUnitCode: '11110', recordType: 'job_fair', occurredOn: '2019-04-19', data: fair(3) }),
      'forbidden',
      'forbidden',
    );
    expect(e.msg.ko).toContain('11110');
    await expectDomainError(updateRecord(db.db, officer, jongnoRecord.id, { version: 1, occurredOn: '2019-04-19', data: fair(9) }), 'forbidden', 'forbidden');
    await expectDomainError(deleteRecord(db.db, officer, jongnoRecord.id, { version: 1 }), 'forbidden', 'forbidden');
    await expectDomainError(getRecord(db.db, officer, jongnoRecord.id), 'forbidden', 'forbidden');
    await expectDomainError(listRecords(db.db, officer, { orgUnitCode: '11110' }), 'forbidden', 'forbidden');
    // The approver reads but does not write; the auditor reads everything; the city admin may correct.
    await expectDomainError(
      createRecord(db.db, approver, { orgUnitCode: '11215', recordType: 'job_fair', occurredOn: '2019-04-19', data: fair(3) }),
      'forbidden',
      'forbidden',
    );
    await expectDomainError(
      createRecord(db.db, auditor, { orgUnitCode: '11110', recordType: 'job_fair', occurredOn: '2019-04-19', data: fair(3) }),
      'forbidden',
      'forbidden',
    );
    expect((await getRecord(db.db, auditor, jongnoRecord.id)).id).toBe(jongnoRecord.id);
    const corrected = await updateRecord(db.db, admin, jongnoRecord.id, { version: 1, occurredOn: '2019-04-19', data: fair(4), reason: '증빙 확인' });
    expect(corrected).toMatchObject({ version: 2, data: { hires: 4 }, updatedBy: admin.user.id });
    // Without a district filter an officer sees only their own district.
    const mine = await listRecords(db.db, officer);
    expect(mine.items.every((r) => r.orgUnitCode === '11215')).toBe(true);
  });

  it('refuses a stale update with the current record, and keeps the first save', async () => {
    const r = await createRecord(db.db, officer, { orgUnitCode: '11215', recordType: 'job_fair', occurredOn: '2019-05-19', data: fair(5) });
    const first = await updateRecord(db.db, officer, r.id, { version: 1, occurredOn: '2019-05-19', data: fair(6), reason: '채용 인원 정정' });
    expect(first.version).toBe(2);
    const e = await expectDomainError(updateRecord(db.db, admin, r.id, { version: 1, occurredOn: '2019-05-19', data: fair(7) }), 'conflict', 'stale_version');
    const current = e.extra.current as ActivityRecord;
    expect(current).toMatchObject({ id: r.id, version: 2, data: { hires: 6 } });
    expect((await getRecord(db.db, officer, r.id)).data.hires).toBe(6);
    await expectDomainError(deleteRecord(db.db, officer, r.id, { version: 1 }), 'conflict', 'stale_version');

    const audit = await auditFor('activity_record', r.id);
    expect(audit.map((a) => a.action)).toEqual(['activity_record.created', 'activity_record.updated']);
    expect(audit[1]).toMatchObject({
      before: { version: 1, data: { hires: 5 } },
      after: { version: 2, data: { hires: 6 } },
      reason: '채용 인원 정정',
    });
  });

  it('updates two records concurrently from the same version: exactly one wins', async () => {
    const r = await createRecord(db.db, officer, { orgUnitCode: '11215', recordType: 'job_fair', occurredOn: '2019-06-19', data: fair(1) });
    const results = await Promise.allSettled([
      updateRecord(db.db, officer, r.id, { version: 1, occurredOn: '2019-06-19', data: fair(2) }),
      updateRecord(db.db, admin, r.id, { version: 1, occurredOn: '2019-06-19', data: fair(3) }),
    ]);
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((x) => x.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ kind: 'conflict', code: 'stale_version' });
    expect((await getRecord(db.db, officer, r.id)).version).toBe(2);
  });

  it('soft-deletes a record: gone from lists and formulas, kept in the audit log', async () => {
    const r = await createRecord(db.db, officer, {
      orgUnitCode: '11215',
      recordType: 'dawn_shelter',
      occurredOn: '2019-02-01',
      data: { shelter_name: '자양동 쉼터', days_open: 300, users: 5000 },
    });
    await deleteRecord(db.db, officer, r.id, { version: 1, reason: '중복 입력' });
    await expectDomainError(getRecord(db.db, officer, r.id), 'not_found', 'not_found');
    expect((await listRecords(db.db, officer, { recordType: 'dawn_shelter' })).items).toEqual([]);
    expect(await loadRecordsForPeriod(db.db, gwangjin, ['dawn_shelter'], '2018-09-01', '2019-08-31')).toEqual({ dawn_shelter: [] });
    const audit = await auditFor('activity_record', r.id);
    expect(audit.at(-1)).toMatchObject({ action: 'activity_record.deleted', after: null, reason: '중복 입력', before: { data: { users: 5000 } } });
  });

  it('pages through records newest first with a cursor, filtered by type and dates', async () => {
    const dates = ['2019-01-10', '2019-01-11', '2019-01-11', '2019-01-12', '2019-01-13'];
    for (const d of dates) {
      await createRecord(db.db, officer, {
        orgUnitCode: '11215',
        recordType: 'se_education',
        occurredOn: d,
        data: { name: `교육 ${d}`, kind: '교육', participants: 20 },
      });
    }
    const seen: ActivityRecord[] = [];
    let cursor: string | null = null;
    do {
      const page = await listRecords(db.db, officer, { recordType: 'se_education', limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((r) => r.occurredOn)).toEqual(['2019-01-13', '2019-01-12', '2019-01-11', '2019-01-11', '2019-01-10']);
    expect(new Set(seen.map((r) => r.id)).size).toBe(5);
    const ranged = await listRecords(db.db, auditor, { orgUnitCode: '11215', recordType: 'se_education', from: '2019-01-11', to: '2019-01-12' });
    expect(ranged.items.map((r) => r.occurredOn)).toEqual(['2019-01-12', '2019-01-11', '2019-01-11']);
    await expectDomainError(listRecords(db.db, officer, { cursor: 'garbage' }), 'invalid', 'record_invalid');
  });

  it('round-trips an admin-defined record type', async () => {
    const definition = {
      code: 'living_wage_check',
      name: { ko: '생활임금 이행 점검', en: 'Living-wage check' },
      fields: [
        { key: 'contractor', label: { ko: '업체명', en: 'Contractor' }, type: 'text', required: true },
        { key: 'workers', label: { ko: '적용 노동자 수', en: 'Workers covered' }, type: 'integer', required: true, min: 0, unit: '명' },
        { key: 'result', label: { ko: '점검 결과', en: 'Result' }, type: 'enum', required: true, options: ['이행', '미이행'] },
      ],
    };
    await expectDomainError(createRecordType(db.db, officer, definition), 'forbidden', 'forbidden');
    const created = await createRecordType(db.db, admin, definition, { reason: 'J11 점검용' });
    expect(created).toMatchObject({ code: 'living_wage_check', builtin: false, active: true, version: 1, dateField: 'occurred_on' });
    expect(created.sortOrder).toBeGreaterThanOrEqual(1000);
    await expectDomainError(createRecordType(db.db, admin, definition), 'conflict', 'record_type_exists');

    const record = await createRecord(db.db, officer, {
      orgUnitCode: '11215',
      recordType: 'living_wage_check',
      occurredOn: '2019-07-01',
      data: { contractor: '광진청소', workers: 12, result: '이행' },
    });
    expect(record.data).toEqual({ contractor: '광진청소', workers: 12, result: '이행' });
    const bad = await expectDomainError(
      createRecord(db.db, officer, {
        orgUnitCode: '11215',
        recordType: 'living_wage_check',
        occurredOn: '2019-07-01',
        data: { contractor: 'x', workers: 1, result: '보류' },
      }),
      'invalid',
      'record_invalid',
    );
    expect(bad.problems[0]!.message.en).toBe("'Result' (result) must be one of: 이행, 미이행.");

    // Adding a field is fine; dropping an option that records use is not.
    const extended = await updateRecordType(db.db, admin, 'living_wage_check', {
      version: 1,
      definition: { ...definition, fields: [...definition.fields, { key: 'note', label: { ko: '비고', en: 'Note' }, type: 'longtext' }] },
    });
    expect(extended.version).toBe(2);
    expect(extended.fields.map((f) => f.key)).toEqual(['contractor', 'workers', 'result', 'note']);
    const inUse = await expectDomainError(
      updateRecordType(db.db, admin, 'living_wage_check', {
        version: 2,
        definition: { ...definition, fields: definition.fields.filter((f) => f.key !== 'workers') },
      }),
      'conflict',
      'record_type_in_use',
    );
    expect(inUse.problems[0]!.path).toBe('fields.workers');
    await expectDomainError(updateRecordType(db.db, admin, 'living_wage_check', { version: 1, definition }), 'conflict', 'stale_version');
    await expectDomainError(updateRecordType(db.db, admin, 'job_fair', { version: 1, definition: builtinRecordTypes[1] }), 'forbidden', 'record_type_builtin');
    await expectDomainError(deactivateRecordType(db.db, admin, 'job_fair', { version: 1 }), 'forbidden', 'record_type_builtin');

    const off = await deactivateRecordType(db.db, admin, 'living_wage_check', { version: 2, reason: '사업 종료' });
    expect(off.active).toBe(false);
    expect((await listRecordTypes(db.db)).some((t) => t.code === 'living_wage_check')).toBe(false);
    expect((await listRecordTypes(db.db, { includeInactive: true })).some((t) => t.code === 'living_wage_check')).toBe(true);
    await expectDomainError(
      createRecord(db.db, officer, {
        orgUnitCode: '11215',
        recordType: 'living_wage_check',
        occurredOn: '2019-07-02',
        data: { contractor: 'y', workers: 1, result: '이행' },
      }),
      'invalid',
      'record_invalid',
    );
    // Existing records of an inactive type can still be corrected.
    expect(
      (await updateRecord(db.db, officer, record.id, { version: 1, occurredOn: '2019-07-01', data: { contractor: '광진청소', workers: 13, result: '이행' } }))
        .version,
    ).toBe(2);

    const audit = await auditFor('record_type', 'living_wage_check');
    expect(audit.map((a) => a.action)).toEqual(['record_type.created', 'record_type.updated', 'record_type.deactivated']);
    expect(audit[0]!.reason).toBe('J11 점검용');
  });

  it('rejects an invalid custom definition with its problems', async () => {
    const e = await expectDomainError(createRecordType(db.db, admin, { code: 'x', name: { ko: '', en: 'X' }, fields: [] }), 'invalid', 'record_type_invalid');
    expect(e.problems.map((p) => p.path)).toEqual(['code', 'name.ko', 'fields']);
    expect(e.problems.every((p) => p.message.ko && p.message.en && p.message.ko !== p.message.en)).toBe(true);
  });

  it('computes an indicator from the records of the data period, with the previous year and the population', async () => {
    const unit = '11215';
    const add = (occurredOn: string, data: Record<string, unknown>) =>
      createRecord(db.db, officer, { orgUnitCode: unit, recordType: 'se_enterprise', occurredOn, data });
    const a = await add('2019-08-01', { name: 'A', kind: '사회적기업', is_new: true, jobs: 10, yearly_sales: 600_000_000 });
    const b = await add('2019-08-01', { name: 'B', kind: '협동조합', is_new: false, jobs: 4, yearly_sales: 300_000_000 });
    await add('2019-09-01', { name: '다음 주기', kind: '마을기업', is_new: true, jobs: 1, yearly_sales: 1 }); // after the period
    const deleted = await add('2019-08-02', { name: '삭제', kind: '마을기업', is_new: true, jobs: 1, yearly_sales: 1 });
    await deleteRecord(db.db, officer, deleted.id, { version: 1 });
    const old = await add('2018-08-01', { name: 'A', kind: '사회적기업', is_new: true, jobs: 8, yearly_sales: 750_000_000 });

    const period = { start: '2018-09-01', end: '2019-08-31' };
    const growth = await computeIndicatorValue(db.db, {
      formulaText: 'growth(sum("se_enterprise", "yearly_sales"))',
      orgUnitCode: unit,
      cycleYear: 2019,
      dataPeriod: period,
    });
    // (900M − 750M) / 750M × 100 = 20 %
    expect(growth.value).toBe(20);
    expect(growth.periods).toEqual([
      { yearsBack: 0, start: '2018-09-01', end: '2019-08-31', population: 350_000, populationYear: 2019 },
      { yearsBack: 1, start: '2017-09-01', end: '2018-08-31', population: 400_000, populationYear: 2018 },
    ]);
    expect(growth.records).toEqual([
      { yearsBack: 0, recordType: 'se_enterprise', ids: [a.id, b.id] },
      { yearsBack: 1, recordType: 'se_enterprise', ids: [old.id] },
    ]);

    // S2: new enterprises per 100,000 residents: 1 / 350,000 × 100,000; the previous year used 400,000.
    const s2 = await computeIndicatorValue(db.db, {
      formulaText: 'per100k(count("se_enterprise", is_new))',
      orgUnitCode: unit,
      cycleYear: 2019,
      dataPeriod: period,
    });
    expect(s2.value).toBeCloseTo(100_000 / 350_000, 12);
    const prevS2 = await computeIndicatorValue(db.db, {
      formulaText: 'prev(per100k(count("se_enterprise", is_new)))',
      orgUnitCode: unit,
      cycleYear: 2019,
      dataPeriod: period,
    });
    expect(prevS2.value).toBe(0.25);
    const given = await computeIndicatorValue(db.db, {
      formulaText: 'clamp(value, 0, 100) + population / 1000',
      orgUnitCode: unit,
      cycleYear: 2019,
      dataPeriod: period,
      population: 1000,
      enteredValue: 120,
    });
    expect(given.value).toBe(101);

    // No job placements were recorded: the ratio divides by zero and is missing, not NaN.
    const empty = await computeIndicatorValue(db.db, {
      formulaText: 'ratio(sum("job_placement", "placements"), sum("job_placement", "referrals"))',
      orgUnitCode: unit,
      cycleYear: 2019,
      dataPeriod: period,
    });
    expect(empty.value).toBeNull();

    await expectDomainError(
      computeIndicatorValue(db.db, { formulaText: 'count("nope")', orgUnitCode: unit, cycleYear: 2019, dataPeriod: period }),
      'invalid',
      'formula_invalid',
    );
  });

  it('refuses a per-capita indicator for a year without the unit’s population, naming unit and year', async () => {
    const period = { start: '2020-09-01', end: '2021-08-31' };
    await createRecord(db.db, officer, {
      orgUnitCode: '11215',
      recordType: 'se_enterprise',
      occurredOn: '2021-03-02',
      data: { name: 'C', kind: '사회적기업', is_new: true, jobs: 3, yearly_sales: 100_000_000 },
    });
    const s2 = { formulaText: 'per100k(count("se_enterprise", is_new))', orgUnitCode: '11215', cycleYear: 2021, dataPeriod: period };
    const e = await expectDomainError(computeIndicatorValue(db.db, s2), 'invalid', 'population_missing');
    expect(e.msg).toEqual({
      ko: '광진구(11215)의 2021년 인구가 없습니다 — 인구를 먼저 등록하세요.',
      en: 'No population of 광진구 (11215) for 2021 — load the populations first.',
    });
    // No fallback to the latest known year (2019) either, through the name `population` or a previous year.
    await expectDomainError(computeIndicatorValue(db.db, { ...s2, formulaText: 'count("se_enterprise") / population' }), 'invalid', 'population_missing');
    const prev = await expectDomainError(
      computeIndicatorValue(db.db, {
        ...s2,
        cycleYear: 2022,
        dataPeriod: { start: '2021-09-01', end: '2022-08-31' },
        formulaText: 'count("se_enterprise") + prev(per100k(count("se_enterprise", is_new)))',
      }),
      'invalid',
      'population_missing',
    );
    expect(prev.msg.en).toContain('for 2021');
    // A formula that does not read the population computes without it.
    expect((await computeIndicatorValue(db.db, { ...s2, formulaText: 'count("se_enterprise", is_new)' })).value).toBe(1);

    // Once the year's population is loaded, it computes from it.
    await setPopulation(db.db, gwangjin, 2021, 340_000);
    const computed = await computeIndicatorValue(db.db, s2);
    expect(computed.value).toBeCloseTo(100_000 / 340_000, 12);
    expect(computed.periods[0]!.population).toBe(340_000);
  });

  it('keeps the audit chain intact through all of it', async () => {
    expect((await verifyAuditChain(db.db)).ok).toBe(true);
  });
});
