import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCycleByYear } from '../../src/db/repositories/cycles.js';
import { upsertPublication } from '../../src/db/repositories/scoring-runs.js';
import { auditLog } from '../../src/db/schema.js';
import { importAwardHistory, listAwardHistory } from '../../src/domain/award-history/index.js';
import type { Principal } from '../../src/domain/auth.js';
import { systemPrincipal } from '../../src/domain/authz.js';
import { DomainError } from '../../src/domain/errors.js';
import { getFramework } from '../../src/domain/frameworks/service.js';
import { runScoring } from '../../src/domain/scoring/runs.js';
import { backends, DEMO_TEST_PASSWORD, type DemoDatabase } from '../helpers/db.js';
import { fillVerified } from '../helpers/verified-values.js';

const BOM = '\uFEFF';
const csv = (text: string, encoding: 'utf-8-bom' | 'cp949' = 'utf-8-bom') =>
  encoding === 'cp949' ? iconv.encode(text, 'cp949') : Buffer.from(BOM + text, 'utf8');

function as(role: 'auditor' | 'district_officer'): Principal {
  return {
    user: {
      id: 1,
      username: role,
      displayName: role,
      isDemo: false,
      mustChangePassword: false,
      roles: [{ role, orgUnitCode: role === 'auditor' ? null : '11215' }],
    },
    tokenHash: '',
    csrfToken: '',
  } as Principal;
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

describe.each(backends())('award history on $name', (backend) => {
  let db: DemoDatabase;
  beforeAll(async () => {
    db = await backend.openDemo(DEMO_TEST_PASSWORD);
  }, 120_000);
  afterAll(async () => db?.destroy());

  it('refuses a file with bad rows, naming each row and column in Korean and English, and writes nothing', async () => {
    const text = [
      '연도,코드,이름,등급,순위,시상금',
      '2014,11215,광진구,우수구,5,"80,000,000"',
      '2014,11215,광진구,우수구,5,80000000',
      '20x4,11620,관악구,우수구,,',
      '2014,99999,없는구,우수구,,',
      '2014,11410,마포구,우수구,,',
      '2014,11440,마포구,대상,,',
      '2014,11470,양천구,,0,-5',
    ].join('\n');
    const err = await refusal(importAwardHistory(db.db, systemPrincipal, { bytes: csv(text), fileName: 'awards.csv' }));
    expect(err.code).toBe('award_history_invalid');
    expect(err.problems.map((p) => `${p.row} ${p.column}`)).toEqual(['3 year', '4 year', '5 code', '6 name', '7 tier', '8 rank', '8 prize']);
    expect(err.problems[0]!.message).toEqual({
      ko: expect.stringContaining('3행 연도 열: 광진구(11215)의 2014년 결과가 2행에도 있습니다'),
      en: expect.stringContaining('Row 3, column year'),
    });
    expect(err.problems[4]!.message.ko).toContain("'대상'은 알 수 없는 등급");
    expect(err.msg.ko).toContain('아무것도 적재하지 않았습니다');
    expect(await listAwardHistory(db.db, systemPrincipal)).toEqual([]);
  });

  it('reads a missing required column as a header problem', async () => {
    const err = await refusal(importAwardHistory(db.db, systemPrincipal, { bytes: csv('연도,코드,이름\n2014,11215,광진구\n'), fileName: 'a.csv' }));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ row: 1, column: 'tier' });
  });

  it('is for the city administrator only (the auditor may read the list)', async () => {
    const bytes = csv('연도,코드,이름,등급\n2014,11215,광진구,우수구\n');
    expect((await refusal(importAwardHistory(db.db, as('auditor'), { bytes, fileName: 'a.csv' }))).kind).toBe('forbidden');
    expect((await refusal(importAwardHistory(db.db, as('district_officer'), { bytes, fileName: 'a.csv' }))).kind).toBe('forbidden');
    expect((await refusal(listAwardHistory(db.db, as('district_officer')))).kind).toBe('forbidden');
    await expect(listAwardHistory(db.db, as('auditor'))).resolves.toEqual([]);
  });

  it('imports CSV in CP949 and xlsx, tier names or codes, replacing the same unit and year, audited', async () => {
    const cp949 =
      '연도,코드,이름,등급,순위,점수,시상금,출처,비고\n2014,11215,광진구,노력구,9,71.5,"40,000,000",2014 보도자료,순위 상승\n2014,11620,관악구,,,,,,\n';
    const first = await importAwardHistory(db.db, systemPrincipal, { bytes: csv(cp949, 'cp949'), fileName: 'awards-2014.csv' });
    expect(first).toEqual({ rows: 2, years: [2014], awarded: 1 });

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('수상 이력');
    ws.addRow(['year', 'code', 'name', 'tier', 'prize']);
    ws.addRow([2014, '11215', '광진구', 'excellent', 80_000_000]);
    ws.addRow([2015, '11215', '광진구', '우수구', 60_000_000]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await importAwardHistory(db.db, systemPrincipal, { bytes, fileName: 'awards.xlsx', source: '시 보도자료' })).toEqual({
      rows: 2,
      years: [2014, 2015],
      awarded: 2,
    });

    const list = await listAwardHistory(db.db, systemPrincipal);
    expect(list.map((r) => [r.year, r.orgUnitName, r.tier, r.tierName, r.prize, r.source])).toEqual([
      [2014, '광진구', 'excellent', '우수구', 80_000_000, '시 보도자료'],
      [2014, '관악구', null, null, null, 'awards-2014.csv'],
      [2015, '광진구', 'excellent', '우수구', 60_000_000, '시 보도자료'],
    ]);
    const audits = await db.db.select().from(auditLog).where(eq(auditLog.action, 'award_history.imported'));
    expect(audits.map((a) => (a.after as { rows: number }).rows)).toEqual([2, 2]);
  });

  it('counts a streak across imported years (2016–2018) and the computed 2019, and refuses a published year', async () => {
    const winner = '11500'; // 강서구: the best values of 2019, so it wins whatever the spread of the others
    const def = (await getFramework(db.db, 2019)).definition;
    const best = Object.fromEntries(def.indicators.map((i) => [i.code, i.bounds.max ?? 10_000]));
    await fillVerified(db.db, 2019, { [winner]: best });
    const rows = [2016, 2017, 2018].map((y) => `${y},${winner},강서구,우수구`).join('\n');
    await importAwardHistory(db.db, systemPrincipal, { bytes: csv(`연도,코드,이름,등급\n${rows}\n2015,${winner},강서구,\n`), fileName: 'h.csv' });

    const run = await runScoring(db.db, systemPrincipal, 2019, 'trial');
    const unit = run.outcome.units.find((u) => u.code === winner)!;
    expect(unit.awardTier).not.toBeNull();
    expect(unit.streak).toMatchObject({ length: 4, from: 2016, to: 2019 });
    expect(unit.streak!.ko).toContain('4년 연속');

    // Once 2019 is published in the product, its results come from the run: a file cannot bring 2019.
    const cycle = (await findCycleByYear(db.db, 2019))!;
    await upsertPublication(db.db, { cycleId: cycle.id, runId: run.id, pressRelease: null, publishedBy: null });
    const err = await refusal(
      importAwardHistory(db.db, systemPrincipal, { bytes: csv(`연도,코드,이름,등급\n2019,${winner},강서구,우수구\n`), fileName: 'h.csv' }),
    );
    expect(err.problems).toEqual([
      expect.objectContaining({ row: 2, column: 'year', message: expect.objectContaining({ en: expect.stringContaining('2019 has a result published') }) }),
    ]);
  });
});

describe('streak tiers of earlier schemes', () => {
  it('lets 2016–2017 count an earlier 최우수구 towards a 우수구 streak, but refuses a framework none of whose streak tiers it awards', async () => {
    const { defaultFramework } = await import('../../src/domain/frameworks/defaults/index.js');
    const { frameworkDefinitionSchema } = await import('../../src/domain/frameworks/definition.js');
    const fw2016 = defaultFramework(2016);
    expect(fw2016.awards.tiers.map((t) => t.code)).toEqual(['excellent']);
    expect(fw2016.streakTiers).toEqual(['best', 'excellent']);
    const refused = frameworkDefinitionSchema.safeParse({ ...fw2016, streakTiers: ['best'] });
    expect(refused.success).toBe(false);
    expect(refused.error!.issues.map((i) => i.path.join('.'))).toEqual(['streakTiers']);
  });
});
