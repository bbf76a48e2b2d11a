import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertOrgUnit } from '../../src/db/repositories/org-units.js';
import { auditLog, orgUnitPopulations } from '../../src/db/schema.js';
import { computeIndicatorValue } from '../../src/domain/activities/index.js';
import { seedRecordTypes } from '../../src/domain/activities/record-types.js';
import { DomainError } from '../../src/domain/errors.js';
import { importPopulations } from '../../src/domain/reference/populations.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const csv = (text: string) => Readable.from([Buffer.from(text, 'utf-8')]);

describe.each(backends())('population import on $name', (backend) => {
  let db: TestDatabase;
  let mapo: number;

  beforeAll(async () => {
    db = await backend.open();
    await upsertOrgUnit(db.db, { code: '11000', name: '서울특별시', nameEn: 'Seoul', kind: 'city' });
    mapo = await upsertOrgUnit(db.db, { code: '11440', name: '마포구', nameEn: 'Mapo-gu', kind: 'district', parentCode: '11000' });
    await upsertOrgUnit(db.db, { code: '11215', name: '광진구', nameEn: 'Gwangjin-gu', kind: 'district', parentCode: '11000' });
    await seedRecordTypes(db.db);
  });
  afterAll(async () => db?.destroy());

  const populations = () => db.db.select().from(orgUnitPopulations).where(eq(orgUnitPopulations.orgUnitId, mapo));

  it('reports every bad row with its line and column in Korean and English, and loads nothing', async () => {
    const file = [
      'code,name,year,value',
      '11440,마포구,2021,"372,745"',
      '11440,마포구,2021,370000', // twice
      '99999,없는구,2021,1000', // unknown code
      '11215,마포구,2021,1000', // name does not match the code
      '11215,광진구,이천이십일,-5', // bad year and value
    ].join('\n');
    const err = await importPopulations(db.db, csv(file)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    const e = err as DomainError;
    expect(e.code).toBe('population_import_invalid');
    expect(e.problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'year'],
      [4, 'code'],
      [5, 'name'],
      [6, 'year'],
      [6, 'value'],
    ]);
    expect(e.problems[0]!.message).toEqual({
      ko: '3행 연도 열: 마포구(11440)의 2021년 인구가 2행에도 있습니다.',
      en: 'Line 3, column year: 마포구 (11440) for 2021 is also on line 2.',
    });
    expect(e.problems[2]!.message.en).toBe("Line 5, column name: The unit with code 11215 is '광진구', not '마포구'.");
    expect(await populations()).toEqual([]);
  });

  it('refuses a file without the expected columns', async () => {
    const e = (await importPopulations(db.db, csv('code,name,year\n11440,마포구,2021\n')).catch((x: unknown) => x)) as DomainError;
    expect(e.problems.map((p) => [p.row, p.column])).toEqual([[1, 'value']]);
  });

  it('loads a good file in one go, audited, and a 2021 per-capita indicator computes from it', async () => {
    const input = {
      formulaText: 'per100k(count("se_enterprise"))',
      orgUnitCode: '11440',
      cycleYear: 2021,
      dataPeriod: { start: '2020-09-01', end: '2021-08-31' },
    };
    await expect(computeIndicatorValue(db.db, input)).rejects.toMatchObject({ code: 'population_missing' });

    const result = await importPopulations(db.db, csv('\ufeff행정구역코드,행정구역,연도,인구\n11440,마포구,2021,"372,745"\n11440,마포구,2020,385783\n'));
    expect(result).toEqual({ rows: 2, years: [2020, 2021] });
    expect((await populations()).map((p) => [p.year, p.population]).sort()).toEqual([
      [2020, 385_783],
      [2021, 372_745],
    ]);
    // Re-importing a corrected figure replaces it.
    await importPopulations(db.db, csv('code,name,year,value\n11440,마포구,2021,372746\n'));
    const [row] = await db.db
      .select()
      .from(orgUnitPopulations)
      .where(and(eq(orgUnitPopulations.orgUnitId, mapo), eq(orgUnitPopulations.year, 2021)));
    expect(row!.population).toBe(372_746);
    expect(await db.db.select().from(auditLog).where(eq(auditLog.action, 'populations.imported'))).toHaveLength(2);

    expect((await computeIndicatorValue(db.db, input)).value).toBe(0);
  });

  it('takes the latest year up to the cycle’s when the framework says so, and names the year it used', async () => {
    const input = {
      formulaText: 'per100k(count("se_enterprise"))',
      orgUnitCode: '11440',
      cycleYear: 2023,
      dataPeriod: { start: '2022-09-01', end: '2023-08-31' },
    };
    await expect(computeIndicatorValue(db.db, input)).rejects.toMatchObject({ code: 'population_missing', extra: { orgUnitCode: '11440', year: 2023 } });
    const latest = await computeIndicatorValue(db.db, { ...input, populationYear: 'latest_available' });
    expect(latest.periods[0]).toMatchObject({ population: 372_746, populationYear: 2021 });
    // Never a later year than the cycle's: 2019 has nothing at or before it.
    await expect(computeIndicatorValue(db.db, { ...input, cycleYear: 2019, populationYear: 'latest_available' })).rejects.toMatchObject({
      code: 'population_missing',
    });
  });

  it('refuses a file with a header and no rows, and reads 10-digit organ codes with the province before the name', async () => {
    const empty = (await importPopulations(db.db, csv('code,name,year,value\n')).catch((x: unknown) => x)) as DomainError;
    expect(empty.problems.map((p) => p.message.en)).toEqual(['Line 2, column code: There are no rows below the header.']);
    const result = await importPopulations(db.db, csv('행정기관코드,행정기관,연도,총인구수\n1144000000,서울특별시 마포구,2022,"370,000"\n'));
    expect(result).toEqual({ rows: 1, years: [2022] });
  });
});
