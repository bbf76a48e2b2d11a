import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGG_AMEAN, aggregateInto, MISSING_RENORMALISE } from '../../src/engine/aggregate.js';
import { RunAggregator } from '../../src/engine/aggregate-runs.js';
import { leafSumsKernel } from '../../src/engine/leaf-sums-wasm.js';
import type { Topology } from '../../src/engine/topology.js';

/**
 * A random framework: `nI` indicators, then aggregates in evaluation order; each node but the top gets a parent
 * among the later aggregates (so aggregates may hold indicators, aggregates or both), the top the rest.
 */
function topology(nU: number, nI: number, parents: number[], thresholds: number[]): Topology {
  const nA = thresholds.length;
  const nNodes = nI + nA;
  const parent = new Int32Array(nNodes).fill(-1);
  const children: number[][] = Array.from({ length: nA }, () => []);
  for (let c = 0; c < nNodes - 1; c++) {
    const firstAggregate = Math.max(0, c - nI + 1);
    const a = firstAggregate + (parents[c]! % (nA - firstAggregate));
    parent[c] = nI + a;
    children[a]!.push(c);
  }
  const childStart = new Int32Array(nA + 1);
  const childIndex: number[] = [];
  children.forEach((list, a) => {
    childStart[a] = childIndex.length;
    childIndex.push(...list);
  });
  childStart[nA] = childIndex.length;
  return {
    nUnits: nU,
    nIndicators: nI,
    nAggregates: nA,
    nNodes,
    parent,
    childStart,
    childIndex: Int32Array.from(childIndex),
    aggregation: new Uint8Array(nA).fill(AGG_AMEAN),
    missingPolicy: MISSING_RENORMALISE,
    datThresh: Float64Array.from(thresholds),
    top: nA - 1,
    scratch: { num: new Float64Array(nU), den: new Float64Array(nU), cnt: new Float64Array(nU), bad: new Uint8Array(nU), rank: new Float64Array(nU) },
  };
}

const value = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -100, max: 100, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, 0, -0) },
  { weight: 1, arbitrary: fc.constantFrom(1e308, -1e308, Infinity, -Infinity) },
);
const weight = fc.oneof({ weight: 6, arbitrary: fc.double({ min: 0, max: 10, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(0) });

describe('RunAggregator', () => {
  it('has the WebAssembly leaf sums on this Node (so the next test checks them)', () => {
    expect(leafSumsKernel()).not.toBeNull();
  });

  it.each([
    ['with the WebAssembly leaf sums', true],
    ['with the JavaScript leaf sums', false],
  ])('gives aggregateInto’s results bit for bit (missing values, zero weights, thresholds, nested and mixed aggregates), %s', (_, useKernel) => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 19 }),
        fc.integer({ min: 1, max: 9 }),
        fc.array(fc.oneof(fc.constant(NaN), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
        fc.array(value, { minLength: 19 * 9, maxLength: 19 * 9 }),
        fc.array(fc.array(weight, { minLength: 14, maxLength: 14 }), { minLength: 1, maxLength: 3 }),
        (nU, nI, thresholds, parents, cells, weightSets) => {
          const model = topology(nU, nI, parents, thresholds);
          const values = Float64Array.from({ length: nI * nU }, (_, k) => cells[k]!);
          const aggregator = new RunAggregator(model, useKernel);
          for (const set of weightSets) {
            const weights = Float64Array.from({ length: model.nNodes }, (_, k) => set[k]!);
            const expected = new Float64Array(model.nAggregates * nU);
            const actual = new Float64Array(model.nAggregates * nU).fill(12345);
            aggregateInto(model, weights, values, expected);
            aggregator.aggregate(weights, values, actual, model.aggregation);
            for (let k = 0; k < expected.length; k++) expect(Object.is(actual[k], expected[k]), `cell ${k}: ${actual[k]} ≠ ${expected[k]}`).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps several values tables in the WebAssembly memory as it grows (alternating tables, 300 units)', () => {
    const nU = 300;
    const nI = 40;
    const model = topology(
      nU,
      nI,
      Array.from({ length: nI + 4 }, (_, k) => k * 7),
      [NaN, NaN, 0.5, NaN, NaN],
    );
    const tables = [1, 2, 3].map((seed) => Float64Array.from({ length: nI * nU }, (_, k) => ((k * 7919 * seed) % 1000 === 3 ? NaN : Math.sin(k * seed) * 100)));
    const aggregator = new RunAggregator(model);
    for (let run = 0; run < 9; run++) {
      const values = tables[run % 3]!;
      const weights = Float64Array.from({ length: model.nNodes }, (_, k) => 1 + ((k * 31 + run * 17) % 13) / 7);
      const expected = new Float64Array(model.nAggregates * nU);
      const actual = new Float64Array(model.nAggregates * nU);
      aggregateInto(model, weights, values, expected);
      aggregator.aggregate(weights, values, actual, model.aggregation);
      for (let k = 0; k < expected.length; k++) expect(Object.is(actual[k], expected[k]), `run ${run}, cell ${k}`).toBe(true);
    }
  });
});
