import { describe, expect, it } from 'vitest';
import { defaultFramework, defaultFrameworkYears } from '../../src/domain/frameworks/defaults/index.js';
import { lintFramework } from '../../src/domain/frameworks/lint.js';
import type { Indicator } from '../../src/domain/frameworks/definition.js';

function ind(code: string, formula: string | null, unit: string, kind: Indicator['kind'] = 'quantitative'): Indicator {
  return {
    code,
    field: 'F',
    name: { ko: code, en: code },
    points: 10,
    direction: 1,
    unit,
    kind,
    method: kind === 'quantitative' ? { type: 'minmax' } : { type: 'passthrough', max: 100 },
    formula,
    evidenceRequired: true,
    bounds: {},
    isNew: false,
  };
}

const lint = (...indicators: Indicator[]) => lintFramework({ indicators });
const summary = (def: { indicators: Indicator[] }) => lintFramework(def).map((w) => `${w.code} ${w.indicators.join('+')}`);

describe('framework lint', () => {
  it('warns when one record field feeds two indicators (not for condition-only use or different types)', () => {
    const w = lint(
      ind('A1', 'per100k(sum("se_education", "participants", kind == "교육"))', '명/10만명'),
      ind('A2', 'sum("se_education", "participants")', '명'),
      ind('A3', 'count("se_education", kind == "교육")', '건'),
      ind('A4', 'sum("other", "participants")', '명'),
    );
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ code: 'shared_field', indicators: ['A1', 'A2'], path: 'definition.indicators.1.formula' });
    expect(w[0]!.message.ko).toContain('se_education.participants');
    expect(w[0]!.message.en).toContain('A1, A2');
    expect(lint(ind('A1', 'sum("t", "a") + sum("t", "a")', '명'))).toEqual([]);
  });

  it('warns when the unit does not match what the formula returns', () => {
    const w = lint(
      ind('B1', 'count("company_visit")', '점'),
      ind('B2', 'ratio(sum("t", "a"), sum("t", "b"))', '명'),
      ind('B3', 'growth(sum("t", "c"))', '건'),
      ind('B4', 'per100k(count("t"))', '건'),
      ind('B5', 'sum("t", "d")', '%'),
      ind('B6', 'round(ratio(sum("t", "e"), sum("t", "f")), 1)', '%'),
      ind('B7', 'count("u") + 1', '건'),
      ind('B8', null, '점'),
      ind('B9', null, '점', 'qualitative'),
    );
    expect(w.map((x) => [x.code, x.indicators[0], x.path])).toEqual([
      ['unit_mismatch', 'B1', 'definition.indicators.0.unit'],
      ['unit_mismatch', 'B2', 'definition.indicators.1.unit'],
      ['unit_mismatch', 'B3', 'definition.indicators.2.unit'],
      ['unit_mismatch', 'B4', 'definition.indicators.3.unit'],
      ['unit_mismatch', 'B5', 'definition.indicators.4.unit'],
    ]);
    expect(w[0]!.message).toEqual({ ko: expect.stringContaining("'점'"), en: expect.stringContaining("'점'") });
  });

  it('warns when a rate can be gamed by splitting or merging records', () => {
    const w = lint(
      ind('C1', 'sum("job_fair", "hires") / count("job_fair")', '명/회'),
      ind('C2', 'ratio(sum("t2", "a"), count("t2"))', '%'),
      ind('C3', 'avg("t3", "a")', '명'),
      ind('C4', 'ratio(sum("t4", "a"), sum("t4", "b"))', '%'),
      ind('C5', 'per100k(count("t"))', '건/10만명'),
      ind('C6', 'count("t") / 12', '건'),
    );
    expect(w.map((x) => `${x.code} ${x.indicators[0]} ${x.path}`)).toEqual([
      'split_gameable C1 definition.indicators.0.formula',
      'split_gameable C2 definition.indicators.1.formula',
      'split_gameable C3 definition.indicators.2.formula',
    ]);
    expect(w[0]!.message.en).toContain('merging or splitting');
  });

  it('ignores formulas that do not parse (the formula checker reports them)', () => {
    expect(lint(ind('D1', 'sum("t", ', '점'))).toEqual([]);
  });

  it('finds nothing to warn about in the shipped default frameworks (J3, J6, J8, S5/S8 fixed)', () => {
    for (const year of [...defaultFrameworkYears, 2020]) {
      const warnings = summary(defaultFramework(year));
      expect(warnings, String(year)).toEqual([]);
    }
  });
});
