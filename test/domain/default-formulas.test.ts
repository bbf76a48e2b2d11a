import { describe, expect, it } from 'vitest';
import { builtinRecordTypes } from '../../src/domain/activities/builtin-types.js';
import { compileFormula, evaluateFormula, type FormulaContext, type FormulaRecord } from '../../src/domain/formula/index.js';
import { defaultFramework, defaultFrameworkYears } from '../../src/domain/frameworks/defaults/index.js';
import type { Indicator } from '../../src/domain/frameworks/definition.js';
import { evaluateSnapshot, type Snapshot } from '../../src/domain/scoring/evaluate.js';

/**
 * The fixed default formulas (issue 13): J3 counts hires, not hires per event; J6 counts meetings; J8 counts four
 * items once each with the dawn shelter by how much of the year it was open; S5 no longer reads S8's records.
 */
const framework = defaultFramework(2019);
const indicator = (code: string): Indicator => framework.indicators.find((i) => i.code === code)!;
const period = { start: '2018-09-01', end: '2019-08-31' };

function valueOf(code: string, records: Record<string, FormulaRecord[]>, population = 300_000): number | null {
  const compiled = compileFormula(indicator(code).formula!, { catalogue: builtinRecordTypes });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  const all: Record<string, FormulaRecord[]> = Object.fromEntries(builtinRecordTypes.map((t) => [t.code, []]));
  const ctx: FormulaContext = { records: { ...all, ...records }, population, period };
  return evaluateFormula(compiled.formula, ctx).value;
}

let id = 0;
const rec = (data: Record<string, unknown>, occurredOn = '2019-03-19'): FormulaRecord => ({ id: ++id, occurredOn, data });
const fairs = (n: number, hiresEach: number) =>
  Array.from({ length: n }, (_, i) => rec({ kind: '구인구직 만남의 날', name: `19데이 ${i + 1}월`, companies: 10, job_seekers: 100, hires: hiresEach }));

/** Scores two districts that differ only in one indicator's value; every other indicator is equal. */
function pointsOf(code: string, a: number, b: number): [number, number] {
  const values = (v: number) => Object.fromEntries(framework.indicators.map((i) => [i.code, i.code === code ? v : 50]));
  const snapshot: Snapshot = {
    year: 2019,
    title: 't',
    demo: true,
    frameworkVersion: 1,
    framework,
    units: [
      { code: 'A', name: '가구', values: values(a), previousRank: null },
      { code: 'B', name: '나구', values: values(b), previousRank: null },
    ],
    adjustments: [],
    tierHistory: [],
    streakTiers: ['best', 'excellent'],
  };
  const out = evaluateSnapshot(snapshot);
  const points = (c: string) => out.units.find((u) => u.code === c)!.points[code]!;
  return [points('A'), points('B')];
}

describe('default formulas reward what their names say', () => {
  it('every default formula compiles against the built-in record types', () => {
    for (const year of defaultFrameworkYears)
      for (const i of defaultFramework(year).indicators.filter((x) => x.formula)) {
        const r = compileFormula(i.formula!, { catalogue: builtinRecordTypes });
        expect(r.ok, `${year} ${i.code}: ${i.formula}`).toBe(true);
      }
  });

  it('J3: twelve matching days with the same hires per event score higher than two (hires per 100,000 residents)', () => {
    expect(indicator('J3')).toMatchObject({ unit: '명/10만명', name: { ko: '취업박람회·구인구직 만남의 날 채용 연계 실적 (인구 10만 명당)' } });
    const monthly = valueOf('J3', { job_fair: fairs(12, 15) });
    const twice = valueOf('J3', { job_fair: fairs(2, 15) });
    expect(monthly).toBeCloseTo((12 * 15 * 100_000) / 300_000, 9);
    expect(twice).toBeCloseTo((2 * 15 * 100_000) / 300_000, 9);
    const [a, b] = pointsOf('J3', monthly!, twice!);
    expect(a).toBeGreaterThan(b);
    // Merging the same hires into fewer events changes nothing.
    expect(valueOf('J3', { job_fair: fairs(1, 180) })).toBeCloseTo(monthly!, 9);
  });

  it('J6: counts governance meetings held, in 회, and the bands tell a busy governance from a dormant one', () => {
    expect(indicator('J6')).toMatchObject({ unit: '회', formula: 'sum("governance_mou", "meetings")' });
    const mou = (partners: number, meetings: number) => rec({ name: '협약', partners, partner_names: '', meetings });
    expect(valueOf('J6', { governance_mou: [mou(8, 2), mou(3, 4)] })).toBe(6);
    // Many partners signed once do not make up for meetings never held.
    expect(valueOf('J6', { governance_mou: [mou(20, 0)] })).toBe(0);
    const [busy, dormant] = pointsOf('J6', 10, 1);
    expect(busy).toBe(indicator('J6').points);
    expect(dormant).toBeLessThan(busy);
  });

  it('J8: a shelter open 250 days is a full item, part of a year a part; a cleaning-worker survey counts once', () => {
    const shelter = (days: number) => rec({ shelter_name: '새벽인력쉼터', days_open: days, users: 1000 });
    const survey = (target: string) => rec({ target, respondents: 50, findings: '' });
    expect(valueOf('J8', { dawn_shelter: [shelter(250)] })).toBe(1);
    expect(valueOf('J8', { dawn_shelter: [shelter(300)] })).toBe(1);
    expect(valueOf('J8', { dawn_shelter: [shelter(125)] })).toBe(0.5);
    expect(valueOf('J8', { dawn_shelter: [shelter(20)] })).toBeCloseTo(0.08, 9);
    expect(valueOf('J8', { worker_survey: [survey('청소노동자')] })).toBe(1);
    expect(valueOf('J8', { worker_survey: [survey('청소노동자'), survey('청소노동자')] })).toBe(1);
    expect(valueOf('J8', { worker_survey: [survey('경비노동자')] })).toBe(1);
    const all = { dawn_shelter: [shelter(250)], worker_survey: [survey('청소노동자'), survey('경비노동자')], facility_improvement: [rec({ site: '휴게실' })] };
    expect(valueOf('J8', all)).toBe(4);
    expect(indicator('J8').bounds).toEqual({ min: 0, max: 4 });
    // 상시 운영 now earns more than a shelter open a few days.
    const [always, fewDays] = pointsOf('J8', 1, 0.08);
    expect(always).toBeGreaterThan(fewDays);
  });

  it('S5 counts youth job experience only: it does not move when social-economy education changes; S8 does', () => {
    expect(indicator('S5').name).toEqual({ ko: '청년인재 직무체험 참여 (인구 10만 명당)', en: 'Youth job experience participants per 100,000 residents' });
    const youth = [rec({ program: '직무체험 1기', participants: 30, completed: 28, employed_private: 10 })];
    const education = (n: number) => [rec({ name: '사회적경제 아카데미', kind: '교육', participants: n })];
    const before = { youth_job_experience: youth, se_education: education(100) };
    const after = { youth_job_experience: youth, se_education: education(900) };
    expect(valueOf('S5', before)).toBeCloseTo(10, 9);
    expect(valueOf('S5', after)).toBe(valueOf('S5', before));
    expect(valueOf('S8', after)).toBeGreaterThan(valueOf('S8', before)!);
  });
});
