import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinRecordTypes } from '../../src/domain/activities/builtin-types.js';
import { DomainError } from '../../src/domain/errors.js';
import { compileFormula, compileFormulaOrThrow, evaluateFormula, type FormulaContext, type FormulaRecord } from '../../src/domain/formula/index.js';
import { defaultFramework, defaultFrameworkYears } from '../../src/domain/frameworks/defaults/index.js';

const catalogue = builtinRecordTypes;

function compiled(text: string) {
  const r = compileFormula(text, { catalogue });
  if (!r.ok) throw new Error(`${text}: ${JSON.stringify(r.errors)}`);
  return r.formula;
}

function errorsOf(text: string) {
  const r = compileFormula(text, { catalogue });
  if (r.ok) throw new Error(`${text} compiled`);
  return r.errors;
}

const rec = (id: number, occurredOn: string, data: Record<string, unknown>): FormulaRecord => ({ id, occurredOn, data });

// 2019 cycle of a district of 200,000 residents: three job fairs, two training courses, procurement, enterprises.
const fairs = [
  rec(1, '2018-10-05', { kind: '취업박람회', name: '가을 박람회', companies: 30, job_seekers: 400, interviews: 120, hires: 40 }),
  rec(2, '2019-01-19', { kind: '구인구직 만남의 날', name: '19데이 1월', companies: 8, job_seekers: 60, hires: 10 }),
  rec(3, '2019-02-19', { kind: '구인구직 만남의 날', name: '19데이 2월', companies: 6, job_seekers: 50, hires: 7 }),
];
const courses = [
  rec(11, '2018-11-01', { name: '장년 재취업', target_group: '장년층', enrolled: 30, completed: 25, employed: 10 }),
  rec(12, '2019-03-01', { name: '경단여성 회계', target_group: '경력단절여성', enrolled: 20, completed: 15, employed: 9 }),
  rec(13, '2019-04-01', { name: '청년 코딩', target_group: '청년', enrolled: 10, completed: 0, employed: 0 }),
];
const procurement = [
  rec(21, '2019-05-01', { department: '총무과', item: '복사용지', total_amount: 3_000_000, se_amount: 1_200_000 }),
  rec(22, '2019-06-01', { department: '복지과', item: '도시락', total_amount: 1_000_000, se_amount: 800_000 }),
];
const enterprisesNow = [
  rec(31, '2019-08-01', { name: 'A', kind: '사회적기업', is_new: true, jobs: 12, yearly_sales: 500_000_000 }),
  rec(32, '2019-08-01', { name: 'B', kind: '협동조합', is_new: false, jobs: 5, yearly_sales: 100_000_000 }),
  rec(33, '2019-08-01', { name: 'C', kind: '마을기업', is_new: true, jobs: 3 }),
];
const enterprisesBefore = [
  rec(41, '2018-08-01', { name: 'A', kind: '사회적기업', is_new: true, jobs: 10, yearly_sales: 400_000_000 }),
  rec(42, '2018-08-01', { name: 'B', kind: '협동조합', is_new: false, jobs: 5, yearly_sales: 100_000_000 }),
];

const previous: FormulaContext = {
  records: { se_enterprise: enterprisesBefore, job_fair: [], training_course: [], public_procurement: [] },
  population: 195_000,
  period: { start: '2017-09-01', end: '2018-08-31' },
};
const context: FormulaContext = {
  records: { job_fair: fairs, training_course: courses, public_procurement: procurement, se_enterprise: enterprisesNow },
  population: 200_000,
  enteredValue: 87.5,
  period: { start: '2018-09-01', end: '2019-08-31' },
  previous: () => previous,
};

const value = (text: string, ctx: FormulaContext = context) => evaluateFormula(compiled(text), ctx).value;

describe('formula syntax errors', () => {
  it('points at the place where an expression is missing', () => {
    expect(errorsOf('count("job_fair") +')).toEqual([{ position: 19, message: { ko: "'+' 뒤에 식이 와야 합니다.", en: "An expression must follow '+'." } }]);
  });

  it('reports an unclosed parenthesis and an unclosed string', () => {
    expect(errorsOf('ratio(1, 2')[0]).toMatchObject({ position: 10, message: { ko: "')'가 필요합니다.", en: "')' is expected." } });
    expect(errorsOf('(1 + 2')[0]!.message.ko).toContain('괄호');
    expect(errorsOf('count("job_fair)')[0]!.message.en).toBe('A string is missing its closing quote.');
  });

  it('names an unknown function at its position, with a suggestion', () => {
    const [e] = errorsOf('1 + cnt("job_fair")');
    expect(e).toMatchObject({ position: 4, end: 7 });
    expect(e!.message.ko).toBe("알 수 없는 함수 'cnt'입니다. 'count'를 찾으셨나요?");
    expect(e!.message.en).toBe("Unknown function 'cnt'. Did you mean 'count'?");
  });

  it('checks the number of arguments', () => {
    const [e] = errorsOf('sum("job_fair")');
    expect(e!.position).toBe(0);
    expect(e!.message.en).toBe('sum takes 2 to 3 arguments (1 given). Usage: sum("type", "field"[, condition])');
    expect(e!.message.ko).toContain('2~3개');
    expect(errorsOf('clamp(1, 2)')[0]!.message.en).toMatch(/clamp takes 3 argument/);
  });

  it('checks record types, fields and enum options against the catalogue', () => {
    const [type] = errorsOf('count("job_fiar")');
    expect(type).toMatchObject({ position: 6, end: 16 });
    expect(type!.message.en).toBe("Unknown record type 'job_fiar'. Did you mean 'job_fair'?");

    const [field] = errorsOf('sum("job_fair", "hire")');
    expect(field).toMatchObject({ position: 16, end: 22 });
    expect(field!.message.ko).toBe("실적 유형 'job_fair'에 'hire' 항목이 없습니다. 'hires'를 찾으셨나요?");

    const [pred] = errorsOf('count("job_fair", kid == "취업박람회")');
    expect(pred).toMatchObject({ position: 18, end: 21 });
    expect(pred!.message.en).toBe("Record type 'job_fair' has no field 'kid'. Did you mean 'kind'?");

    // The example of the brief: the option is called "구인구직 만남의 날", so "만남의 날" would silently count nothing.
    const [option] = errorsOf('count("job_fair", kind == "만남의 날")');
    expect(option).toMatchObject({ position: 26, end: 33 });
    expect(option!.message.en).toContain("'만남의 날' is not an option of 'kind'");

    const [numeric] = errorsOf('sum("job_fair", "kind")');
    expect(numeric!.message.en).toMatch(/Field 'kind' is not numeric \(enum\)/);
  });

  it('refuses what is not in the language', () => {
    expect(errorsOf('value.constructor')[0]!.message.en).toBe("Property access ('.' or '[ ]') is not allowed.");
    expect(errorsOf('population % 7')[0]).toMatchObject({ position: 11, end: 12 });
    expect(errorsOf('1 === 1')[0]!.message.en).toBe("Use '==' instead of '==='.");
    expect(errorsOf('[1, 2]')[0]!.message.en).toBe("Lists ('[ ]') are not allowed.");
    expect(errorsOf('1 2')[0]).toMatchObject({ position: 2 });
    expect(errorsOf('foo(1)')[0]!.message.en).toBe("Unknown function 'foo'.");
    expect(errorsOf('process')[0]!.message.en).toMatch(/^Unknown name 'process'/);
    expect(errorsOf('   ')[0]!.message.en).toBe('The formula is empty.');
  });

  it('checks the kinds of values around operators and the result', () => {
    expect(errorsOf('"a" + 1')[0]!.message.en).toBe("'+' needs a number, not a string.");
    expect(errorsOf('count("job_fair", hires > "10")')[0]!.message.en).toMatch(/different kinds/);
    expect(errorsOf('count("job_fair", hires)')[0]!.message.en).toMatch(/A condition must be true\/false/);
    expect(errorsOf('value > 1')[0]!.message.en).toMatch(/must yield a number/);
    expect(errorsOf('count("se_enterprise", is_new == "yes")')[0]!.message.en).toBe("Compare 'is_new' with true or false.");
    expect(errorsOf('count("job_fair", occurred_on >= "2019-1-1")')[0]!.message.en).toMatch(/YYYY-MM-DD/);
  });

  it('reports every problem, in order of position', () => {
    const errors = errorsOf('cnt("job_fair") + sum("job_fair", "hire") + pop');
    expect(errors.map((e) => e.position)).toEqual([0, 34, 44]);
  });

  it('refuses formulas too long or too deeply nested to walk safely', () => {
    expect(errorsOf('1+'.repeat(2600) + '1')[0]!.message.en).toBe('A formula is at most 5000 characters.');
    expect(errorsOf('('.repeat(2000) + '1' + ')'.repeat(2000))[0]!.message.en).toMatch(/nested too deeply/);
    expect(errorsOf('-'.repeat(1000) + '1')[0]!.message.en).toMatch(/nested too deeply/);
    expect(value('1+'.repeat(80) + '1')).toBe(81);
  });

  it('reads only own data: names of Object.prototype are just missing', () => {
    const f = compileFormula('count("constructor") + count("a", constructor == 1) + sum("a", "toString")');
    expect(f.ok).toBe(true);
    if (!f.ok) return;
    const r = evaluateFormula(f.formula, { records: { a: [rec(1, '2019-01-01', {})] }, population: 1 });
    expect(r.value).toBeNull();
    expect(r.trace.map((t) => t.value)).toEqual([null, 0, null]);
  });

  it('refuses aggregates and prev inside a condition', () => {
    expect(errorsOf('count("job_fair", count("job_fair") > 1)')[0]!.message.en).toBe('count cannot be used inside a condition.');
    expect(errorsOf('count("job_fair", prev(hires) > 1)')[0]!.message.en).toBe('prev cannot be used inside a condition.');
  });

  it('throws a DomainError with 1-based columns for services', () => {
    try {
      compileFormulaOrThrow('count("nope")', { catalogue, path: 'indicators.0.formula' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).problems[0]).toMatchObject({ path: 'indicators.0.formula', column: '7' });
    }
  });
});

describe('compiled formula', () => {
  it('lists the record types and fields it reads and how far back it looks', () => {
    const f = compiled('growth(sum("se_enterprise", "yearly_sales", kind != "자활기업")) + per100k(count("job_fair")) + prev(prev(value))');
    expect(f.recordTypes).toEqual(['se_enterprise', 'job_fair']);
    expect(f.fields).toEqual({ se_enterprise: ['yearly_sales', 'kind'], job_fair: [] });
    expect(f.prevDepth).toBe(2);
    expect(f.usesPopulation).toBe(true);
    expect(f.usesValue).toBe(true);
  });

  it('accepts typographic operators and upper-case function names', () => {
    expect(value('COUNT("job_fair") × 2 ÷ 4 − 1')).toBe(0.5);
  });

  it('compiles every formula of the shipped frameworks against the built-in record types', () => {
    for (const year of defaultFrameworkYears) {
      for (const indicator of defaultFramework(year).indicators) {
        if (!indicator.formula) continue;
        const r = compileFormula(indicator.formula, { catalogue });
        expect(r.ok, `${year} ${indicator.code}: ${JSON.stringify(r.ok ? null : r.errors)}`).toBe(true);
      }
    }
  });
});

describe('formula functions, hand-computed', () => {
  it('counts records, with and without a condition', () => {
    expect(value('count("job_fair")')).toBe(3);
    expect(value('count("job_fair", kind == "구인구직 만남의 날")')).toBe(2);
    expect(value('count("job_fair", kind == "구인구직 만남의 날" && hires >= 10)')).toBe(1);
    expect(value('count("job_fair", !(kind == "취업박람회") || companies > 20)')).toBe(3);
    expect(value('count("job_fair", occurred_on >= "2019-01-01")')).toBe(2);
    expect(value('count("se_enterprise", is_new)')).toBe(2);
  });

  it('sums, averages and takes extremes of a field', () => {
    expect(value('sum("job_fair", "hires")')).toBe(57);
    expect(value('sum("job_fair", "hires", kind == "구인구직 만남의 날")')).toBe(17);
    expect(value('avg("job_fair", "job_seekers")')).toBe(170); // (400 + 60 + 50) / 3
    expect(value('min("job_fair", "companies")')).toBe(6);
    expect(value('max("job_fair", "companies")')).toBe(30);
    // interviews is optional: only the fair that has it counts in avg, the others are listed as missing.
    const r = evaluateFormula(compiled('avg("job_fair", "interviews")'), context);
    expect(r.value).toBe(120);
    expect(r.trace[0]).toMatchObject({ recordCount: 3, recordIds: [1, 2, 3], missingIds: [2, 3] });
  });

  it('computes ratios, per-capita figures and the entered value', () => {
    // J4: employment rate of older workers and career-interrupted women: (10 + 9) / (25 + 15) × 100 = 47.5
    const j4 =
      'ratio(sum("training_course", "employed", target_group == "장년층" || target_group == "경력단절여성"), sum("training_course", "completed", target_group == "장년층" || target_group == "경력단절여성"))';
    expect(value(j4)).toBe(47.5);
    // S1: (1.2M + 0.8M) / 4M × 100 = 50
    expect(value('ratio(sum("public_procurement", "se_amount"), sum("public_procurement", "total_amount"))')).toBe(50);
    // 3 fairs per 200,000 residents = 1.5 per 100,000
    expect(value('per100k(count("job_fair"))')).toBe(1.5);
    expect(value('count("job_fair") / population * 100000')).toBe(1.5);
    expect(value('value * 2')).toBe(175);
  });

  it('compares, clamps, rounds and chooses', () => {
    expect(value('min2(3, 5) + max2(3, 5)')).toBe(8);
    expect(value('least(4, 2, 9) * 10 + greatest(4, 2, 9)')).toBe(29);
    expect(value('clamp(150, 0, 100) + clamp(-5, 0, 100) + clamp(42, 0, 100)')).toBe(142);
    expect(value('round(2.5) + round(-2.5) + round(1.005, 2)')).toBe(1.01);
    expect(value('abs(-3)')).toBe(3);
    expect(value('if(count("job_fair") > 2, 100, 0)')).toBe(100);
    expect(value('count("job_fair") > 5 ? 1 : -1')).toBe(-1);
    expect(value('-(2 + 3) * 2')).toBe(-10);
    expect(value('2 + 3 * 4 - 6 / 3')).toBe(12);
  });

  it('looks at the previous year with prev and growth', () => {
    // yearly sales 600M now (C has none), 500M a year before: growth = (600 − 500) / 500 × 100 = 20 %
    expect(value('prev(sum("se_enterprise", "yearly_sales"))')).toBe(500_000_000);
    expect(value('growth(sum("se_enterprise", "yearly_sales"))')).toBe(20);
    // the previous year's population is the previous context's: 1 new enterprise per 195,000
    expect(value('prev(per100k(count("se_enterprise", is_new)))')).toBeCloseTo(100_000 / 195_000, 12);
    const r = evaluateFormula(compiled('growth(sum("se_enterprise", "jobs"))'), context);
    expect(r.value).toBeCloseTo(((20 - 15) / 15) * 100, 12);
    expect(r.records).toEqual([
      { yearsBack: 0, recordType: 'se_enterprise', ids: [31, 32, 33] },
      { yearsBack: 1, recordType: 'se_enterprise', ids: [41, 42] },
    ]);
    expect(r.trace.map((t) => [t.fn, t.yearsBack, t.value])).toEqual([
      ['sum', 0, 20],
      ['sum', 1, 15],
      ['growth', 0, r.value],
    ]);
  });
});

describe('missing values', () => {
  it('gives null, never NaN or Infinity, on division by zero', () => {
    const empty: FormulaContext = { records: { job_fair: [] }, population: 0 };
    expect(value('sum("job_fair", "hires") / count("job_fair")', empty)).toBeNull();
    expect(value('ratio(1, 0)')).toBeNull();
    expect(value('per100k(5)', empty)).toBeNull();
    expect(value('growth(count("job_fair"))')).toBeNull(); // no fairs the year before
    expect(value('1 / 0 + 5')).toBeNull();
    const r = evaluateFormula(compiled('ratio(3, count("job_fair", hires > 1000))'), context);
    expect(r.value).toBeNull();
    expect(r.trace.at(-1)!.note).toEqual({ ko: '0으로 나눌 수 없어 값이 없습니다.', en: 'Division by zero: no value.' });
  });

  it('treats an empty period as zero records and an unloaded type, population or prior year as missing', () => {
    const bare: FormulaContext = { records: { job_fair: [] }, population: null };
    expect(value('count("job_fair") + sum("job_fair", "hires")', bare)).toBe(0);
    expect(value('avg("job_fair", "hires")', bare)).toBeNull();
    expect(value('count("training_course")', bare)).toBeNull();
    expect(value('per100k(count("job_fair"))', bare)).toBeNull();
    expect(value('prev(count("job_fair"))', bare)).toBeNull();
    expect(value('value', bare)).toBeNull();
    expect(value('if(value > 1, 1, 0)', bare)).toBeNull();
  });

  it('uses three-valued logic in conditions: a missing field excludes the record', () => {
    // fairs 2 and 3 have no interviews: "interviews > 0" is unknown there, so only fair 1 counts
    expect(value('count("job_fair", interviews > 0)')).toBe(1);
    expect(value('count("job_fair", interviews > 0 || hires > 8)')).toBe(2);
    expect(value('count("job_fair", interviews == null)')).toBe(2);
  });

  it('only counts records inside the period it is given', () => {
    const narrow: FormulaContext = { ...context, period: { start: '2019-01-01', end: '2019-01-31' } };
    expect(value('count("job_fair")', narrow)).toBe(1);
  });

  it('never yields NaN or an infinity, whatever the numbers', () => {
    const ops = ['+', '-', '*', '/'];
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 })), { minLength: 2, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 5 }),
        (nums, opIndex) => {
          const text = nums.map((n, i) => `${i > 0 ? ` ${ops[opIndex[i - 1]!]} ` : ''}(${n.toExponential()})`).join('');
          const v = value(`ratio(${text}, ${nums[0]!.toExponential()}) + per100k(${text})`);
          return v === null || Number.isFinite(v);
        },
      ),
    );
  });
});

describe('trace', () => {
  it('shows each call with its text, inputs, records and value', () => {
    const f = compiled('ratio(sum("job_fair", "hires", kind == "구인구직 만남의 날"), count("job_fair"))');
    const r = evaluateFormula(f, context);
    expect(r.value).toBeCloseTo((17 / 3) * 100, 10);
    expect(r.trace).toEqual([
      {
        fn: 'sum',
        text: 'sum("job_fair", "hires", kind == "구인구직 만남의 날")',
        start: 6,
        end: 52,
        yearsBack: 0,
        period: { start: '2018-09-01', end: '2019-08-31' },
        inputs: ['job_fair', 'hires', 'kind == "구인구직 만남의 날"'],
        recordType: 'job_fair',
        field: 'hires',
        recordCount: 2,
        recordIds: [2, 3],
        value: 17,
      },
      expect.objectContaining({ fn: 'count', text: 'count("job_fair")', recordCount: 3, recordIds: [1, 2, 3], value: 3 }),
      expect.objectContaining({ fn: 'ratio', inputs: [17, 3], value: r.value }),
    ]);
    expect(r.records).toEqual([{ yearsBack: 0, recordType: 'job_fair', ids: [1, 2, 3] }]);
  });

  it('records population and the entered value where they are read', () => {
    const r = evaluateFormula(compiled('value / population'), context);
    expect(r.trace.map((t) => [t.fn, t.value])).toEqual([
      ['value', 87.5],
      ['population', 200_000],
    ]);
  });
});
