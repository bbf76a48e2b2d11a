/**
 * `sensitivity`: Monte Carlo uncertainty analysis of the ranking (OECD/JRC Handbook on Constructing Composite
 * Indicators, 2008, step 7; COINr `get_sensitivity` with weight noise and method alternatives). Pure and seeded:
 * the same input, options and seed give the same result, byte for byte, in one thread or in several.
 */
import { assignAwards } from './awards.js';
import { compile, type CompiledModel } from './compile.js';
import type { EvaluationInput } from './input-schema.js';
import type { PreparedInput } from './read-input.js';
import { resolveSensitivityOptions, type SensitivityOptions } from './sensitivity-options.js';
import { planSensitivity } from './sensitivity-plan.js';
import { blockCount, runBlocks } from './sensitivity-runs.js';
import { summariseSensitivity, type SensitivityResult } from './sensitivity-summary.js';

/** Whether an input is already a compiled model. */
export function isCompiledModel(input: EvaluationInput | PreparedInput | CompiledModel): input is CompiledModel {
  return 'childStart' in input && 'normalised' in input;
}

/**
 * Reports progress to a callback at most about 100 times: whenever the whole percentage done increases, and once
 * with exactly 1 at the end.
 */
export function progressReporter(runs: number, onProgress: ((fraction: number) => void) | undefined): { add: (done: number) => void; finish: () => void } {
  let done = 0;
  let lastPercent = 0;
  return {
    add: (n) => {
      done += n;
      const percent = Math.floor((100 * done) / runs);
      if (onProgress !== undefined && percent > lastPercent && done < runs) {
        lastPercent = percent;
        onProgress(done / runs);
      }
    },
    finish: () => onProgress?.(1),
  };
}

/**
 * Monte Carlo sensitivity of ranks and scores to the weights, the normalisation and the aggregation.
 *
 * Each of the N runs (see `runBlocks` for the exact draws): every weight is multiplied by an independent uniform
 * factor in [1 − noise, 1 + noise] (weights are relative within their parent, so only their ratios matter and the
 * perturbed weights are in effect renormalised within each parent); one of `normalisations` and one of
 * `aggregations` is drawn uniformly (each alternative normalisation is computed once with `normaliseInto`;
 * geometric and harmonic runs use values shifted to be positive, see `positiveCopy`); the top score is
 * re-aggregated and ranked with the allocation-free `aggregateInto` / `rankInto`; with `awards`, tiers are assigned
 * with `assignAwards` on the run's top scores. Per unit: nominal rank, median and 5th/95th percentile rank
 * (nearest-rank), mean and standard deviation of the top score, probability of each tier.
 *
 * Random streams: run r draws from `Xoshiro128.seedRun(seed, r)`, independent of every other run, so the result
 * does not depend on how runs are split across threads (`sensitivityParallel` in `hopejobs/engine/node`).
 * Complexity O(N × (units × edges + units log units)), plus N award assignments with awards.
 *
 * @param input an evaluation, a prepared input (compiled with `options.overrides`) or a compiled model. A
 *   compiled model's scratch buffers are used: do not share it with concurrent callers.
 * @throws {EngineInputError} for an input that cannot be scored, and `INVALID_OPTION` issues for bad options: runs
 *   not a whole number ≥ 1, noise outside [0, 1), a seed that is not a safe integer, an unknown or repeated
 *   alternative, an invalid award configuration.
 * @example
 * const r = sensitivity(evaluation, { runs: 1000, seed: 7, noise: 0.25 });
 * r.units[0]; // { uCode, nominalRank: 1, medianRank: 1, rankP5: 1, rankP95: 2, meanScore, sdScore, … }
 */
export function sensitivity(input: EvaluationInput | PreparedInput | CompiledModel, options: SensitivityOptions): SensitivityResult {
  const resolved = resolveSensitivityOptions(options);
  const model = isCompiledModel(input) ? input : compile(input, options.overrides);
  const plan = planSensitivity(model, resolved);
  const progress = progressReporter(resolved.runs, options.onProgress);
  const tally = runBlocks(plan, 0, blockCount(resolved.runs), assignAwards, progress.add);
  progress.finish();
  return summariseSensitivity(plan, tally);
}
