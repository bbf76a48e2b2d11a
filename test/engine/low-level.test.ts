import { describe, expect, it } from 'vitest';
import { aggregateInto, compile, normaliseInto, rankInto, score } from '../../src/engine/index.js';
import { AGG_GMEAN, type AggregationProblem } from '../../src/engine/aggregate.js';
import { aggregate, evaluation, indicator, units } from './engine-fixtures.js';

const meta = [
  aggregate('T', 3, null),
  aggregate('X', 2, 'T', 1),
  aggregate('Y', 2, 'T', 2),
  indicator('a', 'X', 1),
  indicator('b', 'X', 3, { Direction: -1 }),
  indicator('c', 'Y', 1),
];
const data = units({ A: { a: 1, b: 9, c: 4 }, B: { a: 5, b: 2, c: 8 }, C: { a: 9, b: 5, c: 1 }, D: { a: 3, b: 3, c: 3 } });

describe('compiled model for repeated aggregation (Monte Carlo)', () => {
  const model = compile(evaluation(meta, data));

  it('numbers indicators first, then aggregates children before parents, the top last', () => {
    expect(model.nodeCodes).toEqual(['a', 'b', 'c', 'X', 'Y', 'T']);
    expect(Array.from(model.parent)).toEqual([3, 3, 4, 5, 5, -1]);
    expect(Array.from(model.childStart)).toEqual([0, 2, 3, 5]);
    expect(Array.from(model.childIndex)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(model.weights)).toEqual([1, 3, 1, 1, 2, NaN]); // the top node has no weight
    expect(model.top).toBe(2);
  });

  it('reproduces score() with the nominal weights', () => {
    const out = new Float64Array(model.nAggregates * model.nUnits);
    const ranks = new Float64Array(model.nUnits);
    expect(aggregateInto(model, model.weights, model.normalised, out)).toBe(0);
    rankInto(model, out, ranks);
    const r = score(evaluation(meta, data));
    model.unitCodes.forEach((code, u) => {
      const unit = r.units.find((x) => x.uCode === code)!;
      expect(out[model.top * model.nUnits + u]).toBe(unit.scores['T']);
      expect(ranks[u]).toBe(unit.rank);
    });
  });

  it('re-aggregates with other weights, normalisations and aggregation functions', () => {
    const out = new Float64Array(model.nAggregates * model.nUnits);
    const weights = Float64Array.from(model.weights);
    weights[4] = 0; // Y off: T = X
    aggregateInto(model, weights, model.normalised, out);
    for (let u = 0; u < model.nUnits; u++) expect(out[2 * model.nUnits + u]).toBeCloseTo(out[u]!, 12);

    const ranked = new Float64Array(model.normalised.length);
    normaliseInto(model, ranked, 'rank');
    const problems: AggregationProblem[] = [];
    const gmean = new Uint8Array(model.nAggregates).fill(AGG_GMEAN);
    expect(aggregateInto(model, model.weights, ranked, out, gmean, problems)).toBe(0);
    // a: ranks 1, 3, 4, 2; b (lower is better): 1, 4, 2, 3 → X for unit A = (1 · 1³)^(1/4) = 1
    expect(out[0]).toBeCloseTo(1, 12);

    // min–max gives zeros, which a geometric mean cannot take: every failing cell is reported.
    expect(aggregateInto(model, model.weights, model.normalised, out, gmean, problems)).toBeGreaterThan(0);
    expect(problems.every((p) => p.kind === 'non-positive')).toBe(true);
  });
});
