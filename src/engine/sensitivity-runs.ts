/**
 * The Monte Carlo loop of a sensitivity analysis, over a range of run blocks, and the merge of block tallies.
 *
 * Runs are grouped in fixed blocks of {@link SENSITIVITY_BLOCK_RUNS} (the last may be shorter). A worker thread
 * takes whole blocks; integer tallies (rank counts, tier counts) are order-free sums, and floating-point sums are
 * kept per block and added in block order at the merge. With run streams derived from (seed, run) alone, the
 * result is therefore bit-for-bit the same for any number of workers.
 */
import { RunAggregator } from './aggregate-runs.js';
import { RunAwards } from './award-runs.js';
import type { AwardConfigInput, AwardResult, AwardUnit } from './awards.js';
import { Xoshiro128 } from './random.js';
import { RunRanker } from './run-ranks.js';
import type { SensitivityPlan } from './sensitivity-plan.js';

/**
 * The award step (`assignAwards`), passed in rather than imported so that a worker without awards never loads
 * the award modules and their schema library.
 */
export type AssignAwards = (units: readonly AwardUnit[], config: AwardConfigInput) => AwardResult;

/** Runs per block: the unit of work of a worker and of the floating-point merge order. */
export const SENSITIVITY_BLOCK_RUNS = 256;

/** Number of blocks of an analysis of `runs` runs. */
export function blockCount(runs: number): number {
  return Math.ceil(runs / SENSITIVITY_BLOCK_RUNS);
}

/** Tallies of the runs of blocks `firstBlock … endBlock − 1`. Plain typed arrays, transferable between threads. */
export interface SensitivityTally {
  readonly firstBlock: number;
  readonly endBlock: number;
  /** `rankCounts[u * (nUnits + 1) + r]`: runs in which unit u had rank r; r = 0 counts runs without a rank. */
  readonly rankCounts: Int32Array;
  /** `tierCounts[u * nTiers + t]`: runs in which unit u won tier t. */
  readonly tierCounts: Int32Array;
  /** Per block b (from firstBlock) and unit u: `[b * 2n + u]` Σ d and `[b * 2n + n + u]` Σ d², d = score − nominal score. */
  readonly blockSums: Float64Array;
  /** Runs in which each unit had a top score. */
  readonly scoreCounts: Int32Array;
  /** Runs in which at least one cell could not be aggregated. */
  readonly failedRuns: number;
  /** With `keepSamples`: rank (0 = none) and top score (NaN = none) of each run of the range, run-major. */
  readonly sampleRanks: Int32Array | null;
  readonly sampleScores: Float64Array | null;
}

/**
 * Executes the runs of blocks `firstBlock … endBlock − 1`. Run r:
 * 1. seeds its own stream, `Xoshiro128.seedRun(seed, r)`;
 * 2. draws the normalisation alternative `⌊u·k⌋` and the aggregation alternative `⌊u·k⌋` (always both, in this
 *    order), then one factor `1 − noise + 2·noise·u` per node except the top, in node order; each nominal weight
 *    is multiplied by its factor (weights are relative within their parent, so no explicit renormalisation is
 *    needed: every mean divides by the sum of the present children's weights);
 * 3. aggregates (`RunAggregator`, `aggregateInto`'s arithmetic on an interleaved copy of the values) and ranks the
 *    top node (`RunRanker`, `rankInto`'s ranks from the previous run's order) without allocation;
 * 4. tallies ranks, score deviations and, with awards, the tiers won (`RunAwards`: `assignAwards`' tiers from
 *    typed arrays; `assignAwards` itself for a run with an infinite score, which it rejects).
 * O(runs × (units × edges + units log units)).
 *
 * @param assign the award step; required when the plan has awards.
 * @param onRuns called with the number of runs just done, about every 1 % of the analysis.
 */
export function runBlocks(
  plan: SensitivityPlan,
  firstBlock: number,
  endBlock: number,
  assign: AssignAwards | null,
  onRuns?: (done: number) => void,
): SensitivityTally {
  if (plan.awards !== null && assign === null) throw new Error('runBlocks: the plan has awards but no award step was given');
  const { model, options } = plan;
  const nU = model.nUnits;
  const nNodes = model.nNodes;
  const topOff = model.top * nU;
  const width = nU + 1;
  const firstRun = firstBlock * SENSITIVITY_BLOCK_RUNS;
  const endRun = Math.min(options.runs, endBlock * SENSITIVITY_BLOCK_RUNS);
  const nTiers = plan.awards?.tiers.length ?? 0;

  const rankCounts = new Int32Array(nU * width);
  const tierCounts = new Int32Array(nU * nTiers);
  const blockSums = new Float64Array((endBlock - firstBlock) * 2 * nU);
  const scoreCounts = new Int32Array(nU);
  const sampleRanks = options.keepSamples ? new Int32Array((endRun - firstRun) * nU) : null;
  const sampleScores = options.keepSamples ? new Float64Array((endRun - firstRun) * nU) : null;
  let failedRuns = 0;

  const reference = plan.nominalScores.map((s) => (s === s ? s : 0));
  const nominal = model.weights;
  const weights = Float64Array.from(nominal);
  const out = new Float64Array(model.nAggregates * nU);
  const ranks = new Int32Array(nU);
  const rng = new Xoshiro128();
  const aggregator = new RunAggregator(model);
  const ranker = new RunRanker(nU);
  const awards = plan.awards === null ? null : new RunAwards(plan.awards.config, model.unitCodes, plan.awards.previousRanks, plan.awards.groups);
  const low = 1 - options.noise;
  const span = 2 * options.noise;
  const nNorm = plan.normalised.length;
  const nAgg = plan.aggregations.length;
  const lastWeighted = nNodes - 1; // the top node, last, has no weight
  const step = Math.max(1, Math.ceil(options.runs / 100));
  let sinceReport = 0;

  for (let run = firstRun; run < endRun; run++) {
    rng.seedRun(options.seed, run);
    const ni = Math.floor(rng.nextFloat() * nNorm);
    const agg = plan.aggregations[Math.floor(rng.nextFloat() * nAgg)]!;
    for (let k = 0; k < lastWeighted; k++) weights[k] = nominal[k]! * (low + span * rng.nextFloat());
    const values = agg.needsPositive ? plan.positive![ni]! : plan.normalised[ni]!;
    if (aggregator.aggregate(weights, values, out, agg.codes) > 0) failedRuns++;
    ranker.rank(out, topOff, ranks);

    const sums = (Math.floor(run / SENSITIVITY_BLOCK_RUNS) - firstBlock) * 2 * nU;
    const sample = (run - firstRun) * nU;
    for (let u = 0, c = 0; u < nU; u++, c += width) {
      rankCounts[c + ranks[u]!]!++;
      const s = out[topOff + u]!;
      if (s === s) {
        const d = s - reference[u]!;
        blockSums[sums + u] = blockSums[sums + u]! + d;
        blockSums[sums + nU + u] = blockSums[sums + nU + u]! + d * d;
        scoreCounts[u]!++;
      }
    }
    if (sampleRanks !== null && sampleScores !== null) {
      for (let u = 0; u < nU; u++) {
        sampleRanks[sample + u] = ranks[u]!;
        sampleScores[sample + u] = out[topOff + u]!;
      }
    }
    if (awards !== null && assign !== null && !awards.tally(out, topOff, tierCounts)) tallyAwards(plan, assign, out, tierCounts);
    if (onRuns !== undefined && ++sinceReport >= step) {
      onRuns(sinceReport);
      sinceReport = 0;
    }
  }
  if (onRuns !== undefined && sinceReport > 0) onRuns(sinceReport);
  return { firstBlock, endBlock, rankCounts, tierCounts, blockSums, scoreCounts, failedRuns, sampleRanks, sampleScores };
}

function tallyAwards(plan: SensitivityPlan, assign: AssignAwards, out: Float64Array, tierCounts: Int32Array): void {
  const awards = plan.awards!;
  const model = plan.model;
  const topOff = model.top * model.nUnits;
  const nTiers = awards.tiers.length;
  const units: AwardUnit[] = model.unitCodes.map((uCode, u) => {
    const s = out[topOff + u]!;
    const groups = awards.groups[u];
    return { uCode, score: s === s ? s : null, previousRank: awards.previousRanks[u]!, ...(groups ? { groups } : {}) };
  });
  for (const result of assign(units, awards.config).units) {
    const u = awards.unitIndex.get(result.uCode)!;
    for (const tier of result.tiers) tierCounts[u * nTiers + awards.tierIndex.get(tier)!]!++;
  }
}

/**
 * Merges tallies covering consecutive block ranges (in any order) into one covering them all: integer tallies are
 * summed, per-block sums and samples are laid out in block order.
 */
export function mergeTallies(tallies: readonly SensitivityTally[]): SensitivityTally {
  const sorted = [...tallies].sort((a, b) => a.firstBlock - b.firstBlock);
  if (sorted.length === 1) return sorted[0]!;
  const first = sorted[0]!;
  const sumInts = (pick: (t: SensitivityTally) => Int32Array): Int32Array => {
    const total = new Int32Array(pick(first).length);
    for (const t of sorted) {
      const x = pick(t);
      for (let i = 0; i < x.length; i++) total[i] = total[i]! + x[i]!;
    }
    return total;
  };
  const concat = <T extends Int32Array | Float64Array>(parts: readonly T[], make: (n: number) => T): T => {
    const total = make(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      total.set(p, at);
      at += p.length;
    }
    return total;
  };
  const ranks = sorted.map((t) => t.sampleRanks);
  const scores = sorted.map((t) => t.sampleScores);
  return {
    firstBlock: first.firstBlock,
    endBlock: sorted[sorted.length - 1]!.endBlock,
    rankCounts: sumInts((t) => t.rankCounts),
    tierCounts: sumInts((t) => t.tierCounts),
    blockSums: concat(
      sorted.map((t) => t.blockSums),
      (n) => new Float64Array(n),
    ),
    scoreCounts: sumInts((t) => t.scoreCounts),
    failedRuns: sorted.reduce((n, t) => n + t.failedRuns, 0),
    sampleRanks: ranks.every((x) => x !== null) ? concat(ranks as Int32Array[], (n) => new Int32Array(n)) : null,
    sampleScores: scores.every((x) => x !== null) ? concat(scores as Float64Array[], (n) => new Float64Array(n)) : null,
  };
}
