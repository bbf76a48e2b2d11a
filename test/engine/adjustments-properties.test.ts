import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAdjustments, type AdjustmentConfigInput, type AdjustmentEntry } from '../../src/engine/adjustments.js';

const TOL = 1e-9;
const capArb = fc.option(
  fc.integer({ min: 0, max: 60 }).map((c) => c / 10),
  { nil: undefined },
);

const caseArb = fc
  .record({
    rules: fc.array(fc.record({ kind: fc.constantFrom('bonus' as const, 'penalty' as const), cap: capArb }), { minLength: 1, maxLength: 5 }),
    bonusCap: capArb,
    penaltyCap: capArb,
    clampMax: fc.option(fc.integer({ min: 50, max: 100 }), { nil: undefined }),
    base: fc.double({ min: -10, max: 110, noNaN: true }),
  })
  .chain((c) =>
    fc.tuple(
      fc.constant(c),
      fc.array(
        fc.record({
          rule: fc.nat({ max: c.rules.length - 1 }),
          magnitude: fc.oneof(
            fc.integer({ min: 0, max: 40 }).map((m) => m / 10),
            fc.double({ min: 0, max: 4, noNaN: true }),
          ),
        }),
        { maxLength: 12 },
      ),
    ),
  )
  .map(([c, raw]) => {
    const config: AdjustmentConfigInput = {
      rules: c.rules.map((r, i) => ({
        code: `R${i}`,
        name: { ko: `항목 ${i}`, en: `Rule ${i}` },
        kind: r.kind,
        ...(r.cap === undefined ? {} : { cap: r.cap }),
      })),
      ...(c.bonusCap === undefined ? {} : { bonusCap: c.bonusCap }),
      ...(c.penaltyCap === undefined ? {} : { penaltyCap: c.penaltyCap }),
      ...(c.clampMax === undefined ? {} : { clamp: { max: c.clampMax } }),
    };
    const entries: AdjustmentEntry[] = raw.map((e) => ({
      uCode: 'u',
      rule: `R${e.rule}`,
      points: c.rules[e.rule]?.kind === 'penalty' ? -e.magnitude : e.magnitude,
    }));
    return { config, entries, base: c.base, caps: c };
  });

describe('adjustment properties', () => {
  it('keep the net adjustment within the overall caps and each rule within its cap', () => {
    fc.assert(
      fc.property(caseArb, ({ config, entries, base, caps }) => {
        const [u] = applyAdjustments([{ uCode: 'u', score: base }], entries, config);
        if (u === undefined) throw new Error('no result');
        expect(u.bonus).toBeGreaterThanOrEqual(0);
        expect(u.penalty).toBeLessThanOrEqual(0);
        if (caps.bonusCap !== undefined) expect(u.bonus).toBeLessThanOrEqual(caps.bonusCap + TOL);
        if (caps.penaltyCap !== undefined) expect(-u.penalty).toBeLessThanOrEqual(caps.penaltyCap + TOL);
        expect(u.net).toBeLessThanOrEqual((caps.bonusCap ?? Number.POSITIVE_INFINITY) + TOL);
        expect(u.net).toBeGreaterThanOrEqual(-(caps.penaltyCap ?? Number.POSITIVE_INFINITY) - TOL);
        caps.rules.forEach((r, i) => {
          if (r.cap === undefined) return;
          const used = u.entries.filter((e) => e.rule === `R${i}`).reduce((s, e) => s + Math.abs(e.applied), 0);
          expect(used).toBeLessThanOrEqual(r.cap + TOL);
        });
        for (const e of u.entries) {
          expect(e.applied + e.cuts.reduce((s, c) => s + c.amount, 0)).toBeCloseTo(e.points, 12);
          expect(Math.abs(e.applied)).toBeLessThanOrEqual(Math.abs(e.points));
        }
        if (config.clamp !== undefined && u.final !== null) {
          expect(u.final).toBeGreaterThanOrEqual(0);
          expect(u.final).toBeLessThanOrEqual(config.clamp.max);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('apply min(cap_kind, Σ_rules min(cap_rule, Σ entries)), whatever the order of the entries', () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) => fc.tuple(fc.constant(c), fc.shuffledSubarray(c.entries, { minLength: c.entries.length }))),
        ([{ config, entries, base, caps }, shuffled]) => {
          const [a] = applyAdjustments([{ uCode: 'u', score: base }], entries, config);
          const [b] = applyAdjustments([{ uCode: 'u', score: base }], shuffled, config);
          if (a === undefined || b === undefined) throw new Error('no result');
          const expected = (kind: 'bonus' | 'penalty', cap: number | undefined): number => {
            const perRule = caps.rules.map((r, i) =>
              r.kind !== kind
                ? 0
                : Math.min(
                    r.cap ?? Infinity,
                    entries.filter((e) => e.rule === `R${i}`).reduce((s, e) => s + Math.abs(e.points), 0),
                  ),
            );
            return Math.min(
              cap ?? Infinity,
              perRule.reduce((s, x) => s + x, 0),
            );
          };
          // Each entry may keep up to the tolerance over a cap, so allow one tolerance per entry.
          const slack = TOL * (entries.length + 1);
          expect(Math.abs(a.bonus - expected('bonus', caps.bonusCap))).toBeLessThanOrEqual(slack);
          expect(Math.abs(-a.penalty - expected('penalty', caps.penaltyCap))).toBeLessThanOrEqual(slack);
          expect(Math.abs(a.net - b.net)).toBeLessThanOrEqual(slack);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
