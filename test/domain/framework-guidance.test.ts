import { describe, expect, it } from 'vitest';
import { builtinRecordTypes } from '../../src/domain/activities/builtin-types.js';
import { defaultFramework, defaultFrameworkYears } from '../../src/domain/frameworks/defaults/index.js';
import { frameworkDefinitionSchema, indicatorGuidanceSchema, type FrameworkDefinition } from '../../src/domain/frameworks/definition.js';
import { diffFrameworks } from '../../src/domain/frameworks/diff.js';
import { hashDefinition } from '../../src/domain/frameworks/service.js';
import { canonicalJson } from '../../src/engine/index.js';
import { evaluateSnapshot } from '../../src/domain/scoring/evaluate.js';
import { fixtureSnapshot } from './publication-fixture.js';

/** A framework as stored before indicators had guidance: the same definition with every `guidance` left out. */
function withoutGuidance(def: FrameworkDefinition): FrameworkDefinition {
  return { ...def, indicators: def.indicators.map(({ guidance: _, ...rest }) => rest) };
}

const text = (ko: string, en = '') => ({ ko, en });

describe('indicator guidance schema', () => {
  it('is optional and has no defaults: a framework without guidance parses, and hashes, exactly as stored', () => {
    for (const year of defaultFrameworkYears) {
      const stored = JSON.parse(JSON.stringify(withoutGuidance(defaultFramework(year)))) as unknown;
      const parsed = frameworkDefinitionSchema.parse(stored);
      expect(parsed.indicators.every((i) => !('guidance' in i))).toBe(true);
      expect(canonicalJson(parsed)).toBe(canonicalJson(stored));
      expect(hashDefinition(parsed)).toBe(hashDefinition(frameworkDefinitionSchema.parse(parsed)));
    }
  });

  it('takes every part optionally, Korean required and English possibly still empty', () => {
    expect(indicatorGuidanceSchema.parse({})).toEqual({});
    expect(indicatorGuidanceSchema.parse({ definition: text('정의') })).toEqual({ definition: { ko: '정의', en: '' } });
    expect(indicatorGuidanceSchema.safeParse({ definition: text('') }).success).toBe(false);
    expect(indicatorGuidanceSchema.safeParse({ definition: { ko: '정의' } }).success).toBe(false);
    expect(indicatorGuidanceSchema.safeParse({ glossary: text('용어') }).success).toBe(false);
  });

  it('bounds every text and list', () => {
    const ok = indicatorGuidanceSchema.safeParse({
      definition: text('가'.repeat(1000)),
      notes: text('나'.repeat(2000)),
      checklist: Array.from({ length: 20 }, (_, i) => text(`항목 ${i}`)),
    });
    expect(ok.success).toBe(true);
    const cases: Array<[unknown, string]> = [
      [{ definition: text('가'.repeat(1001)) }, 'definition.ko'],
      [{ formula: text('식', 'f'.repeat(1001)) }, 'formula.en'],
      [{ notes: text('나'.repeat(2001)) }, 'notes.ko'],
      [{ evidence: [text('증'.repeat(301))] }, 'evidence.0.ko'],
      [{ checklist: Array.from({ length: 21 }, (_, i) => text(`항목 ${i}`)) }, 'checklist'],
    ];
    for (const [input, path] of cases) {
      const r = indicatorGuidanceSchema.safeParse(input);
      expect(r.success, path).toBe(false);
      expect(r.error!.issues.map((i) => i.path.join('.'))).toContain(path);
    }
  });

  it('is reported at its path when a framework is saved with a bad part', () => {
    const def = defaultFramework(2019);
    const bad = { ...def, indicators: def.indicators.map((i, k) => (k === 2 ? { ...i, guidance: { checklist: [text('')] } } : i)) };
    const r = frameworkDefinitionSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain('indicators.2.guidance.checklist.0.ko');
  });

  it('changes no score: the same snapshot with and without guidance scores the same', () => {
    const snapshot = fixtureSnapshot();
    const framework = frameworkDefinitionSchema.parse(snapshot.framework);
    expect(framework.indicators.some((i) => i.guidance !== undefined)).toBe(true);
    const withGuidance = evaluateSnapshot(snapshot);
    const without = evaluateSnapshot({ ...snapshot, framework: withoutGuidance(framework) });
    expect(without.engineInputHash).toBe(withGuidance.engineInputHash);
    expect(without.units.map((u) => [u.code, u.score, u.rank, u.awardTier])).toEqual(withGuidance.units.map((u) => [u.code, u.score, u.rank, u.awardTier]));
  });

  it('is part of the framework version: a guidance edit changes the hash and shows in the diff', () => {
    const before = defaultFramework(2019);
    const after = {
      ...before,
      indicators: before.indicators.map((i) => (i.code === 'J11' ? { ...i, guidance: { ...i.guidance, notes: text('새 유의 사항') } } : i)),
    };
    expect(hashDefinition(after)).not.toBe(hashDefinition(before));
    const diff = diffFrameworks(before, after);
    expect(diff.changed.map((c) => [c.code, c.changes.map((x) => x.property)])).toEqual([['J11', ['guidance']]]);
    expect(diff.summary.ko).toEqual(['J11 생활임금·노동존중 시책 이행: 평가 편람 변경']);
  });
});

describe('the default frameworks’ guidance', () => {
  const recordTypeName = new Map(builtinRecordTypes.map((r) => [r.code, r.name.ko]));
  const years = [...defaultFrameworkYears, 2020];

  it.each(years)('covers every indicator of %i with a definition, formula in words, evidence and a checklist, in both languages', (year) => {
    const def = defaultFramework(year);
    for (const ind of def.indicators) {
      const g = ind.guidance;
      expect(g, ind.code).toBeDefined();
      for (const part of [g!.definition, g!.formula]) {
        expect(part?.ko.length, ind.code).toBeGreaterThan(10);
        expect(part?.en.length, ind.code).toBeGreaterThan(10);
      }
      expect(g!.evidence?.length, ind.code).toBeGreaterThan(0);
      expect(g!.checklist?.length, ind.code).toBeGreaterThan(0);
      for (const item of [...g!.evidence!, ...g!.checklist!]) expect(item.en, `${ind.code} ${item.ko}`).not.toBe('');
    }
  });

  it.each(years)('says in words what each formula of %i reads', (year) => {
    for (const ind of defaultFramework(year).indicators) {
      const words = ind.guidance!.formula!.ko;
      if (ind.kind === 'qualitative') {
        expect(words, ind.code).toContain('심사위원');
        continue;
      }
      if (ind.formula === null) {
        expect(words, ind.code).toContain('직접 입력');
        continue;
      }
      // Every record type the formula reads is named as the officer sees it in the records tab.
      const types = [...ind.formula.matchAll(/(?:count|sum)\("([a-z_]+)"/g)].map((m) => m[1]!);
      expect(types.length, ind.code).toBeGreaterThan(0);
      for (const type of new Set(types)) expect(words, `${ind.code} ${type}`).toContain(`‘${recordTypeName.get(type)}’`);
      if (ind.formula.includes('per100k(')) {
        expect(words, ind.code).toContain('100,000');
        expect(ind.guidance!.notes?.ko, ind.code).toContain('인구');
      }
      if (ind.formula.startsWith('ratio(')) expect(words, ind.code).toContain('× 100 (%)');
    }
  });

  it('lists the items that count for the "개 항목" indicators, as many as the indicator can score', () => {
    for (const year of defaultFrameworkYears) {
      for (const ind of defaultFramework(year).indicators.filter((i) => i.unit === '개 항목')) {
        expect(ind.guidance!.checklist!.length, `${year} ${ind.code}`).toBe(ind.bounds.max);
      }
    }
    const j8 = defaultFramework(2019).indicators.find((i) => i.code === 'J8')!;
    expect(j8.guidance!.checklist!.map((c) => c.ko)).toEqual([
      '새벽인력쉼터 운영 (250일 이상 운영하면 1개 항목, 그보다 적으면 비례)',
      '청소노동자 실태조사 1건 이상',
      '그 밖의 노동자 실태조사 1건 이상 (경비노동자 등)',
      '휴게시설 개선 1건 이상',
    ]);
  });
});
