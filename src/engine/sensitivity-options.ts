/**
 * Options of a Monte Carlo sensitivity analysis, and their validation. The resolved form is plain data (no
 * functions), so it can be handed to worker threads as it is.
 */
import type { AwardConfigInput } from './awards.js';
import { EngineInputError, makeIssue, type EngineIssue } from './engine-error.js';
import type { ScoreOptions } from './input-schema.js';
import { josaPick } from './korean.js';

/** Normalisations a run may use: the input's own (`nominal`) or one distribution method for every indicator. */
export const SENSITIVITY_NORMALISATIONS = ['nominal', 'minmax', 'zscore', 'rank', 'percentile'] as const;
export type SensitivityNormalisation = (typeof SENSITIVITY_NORMALISATIONS)[number];

/** Aggregations a run may use: the input's own (`nominal`) or one function for every aggregate. */
export const SENSITIVITY_AGGREGATIONS = ['nominal', 'amean', 'gmean', 'hmean'] as const;
export type SensitivityAggregation = (typeof SENSITIVITY_AGGREGATIONS)[number];

/** Award tiers to assign in every run (the awards step of `assignAwards`), for the probability of each tier. */
export interface SensitivityAwards {
  readonly config: AwardConfigInput;
  /** Last year's published rank by uCode, for a most-improved tier (units absent here have none). */
  readonly previousRanks?: Readonly<Record<string, number>> | null;
}

/** Options of {@link sensitivity}. */
export interface SensitivityOptions {
  /** Number of Monte Carlo runs N: an integer from 1 to 2^32 − 1. */
  readonly runs: number;
  /** Seed of every random draw: a safe integer. */
  readonly seed: number;
  /** Weight noise: each weight is multiplied by a uniform factor in [1 − noise, 1 + noise]; 0 ≤ noise < 1 (default 0.25). */
  readonly noise?: number;
  /** Normalisations drawn uniformly per run (default `['nominal']`: the input's own). */
  readonly normalisations?: readonly SensitivityNormalisation[];
  /** Aggregations drawn uniformly per run (default `['nominal']`: the input's own). */
  readonly aggregations?: readonly SensitivityAggregation[];
  /** Award tiers to assign in every run; `null` or absent: no award probabilities. */
  readonly awards?: SensitivityAwards | null;
  /** Keep every run's ranks and top scores in the result (`samples`); default false. */
  readonly keepSamples?: boolean;
  /** Called with the fraction of runs done (0 < f ≤ 1), at most about 100 times, the last time with 1. */
  readonly onProgress?: (fraction: number) => void;
  /** Option overrides for `compile`, when the input is not already a compiled model. */
  readonly overrides?: ScoreOptions;
}

/** Validated options, plain data. */
export interface ResolvedSensitivityOptions {
  readonly runs: number;
  readonly seed: number;
  readonly noise: number;
  readonly normalisations: readonly SensitivityNormalisation[];
  readonly aggregations: readonly SensitivityAggregation[];
  readonly awards: SensitivityAwards | null;
  readonly keepSamples: boolean;
}

/** Default weight noise (±25 %), as in the issue's benchmark and the CLI. */
export const DEFAULT_SENSITIVITY_NOISE = 0.25;
const MAX_RUNS = 4294967295;

function choices<T extends string>(
  name: string,
  given: readonly T[] | undefined,
  allowed: readonly T[],
  bad: (field: string, ko: string, en: string) => void,
): readonly T[] {
  if (given === undefined) return ['nominal' as T];
  if (!Array.isArray(given) || given.length === 0) {
    bad(name, `${name}에는 하나 이상의 선택지가 필요합니다`, `${name} needs at least one choice`);
    return [];
  }
  const seen = new Set<string>();
  given.forEach((g, i) => {
    if (!allowed.includes(g)) {
      bad(
        `${name}[${i}]`,
        `${name}${josaPick(name, '은/는')} ${allowed.join(', ')} 중 하나여야 합니다: "${String(g)}"`,
        `${name} must be one of ${allowed.join(', ')}: "${String(g)}"`,
      );
    } else if (seen.has(g)) {
      bad(`${name}[${i}]`, `${name}에 "${g}"${josaPick(g, '이/가')} 중복됩니다`, `${name} repeats "${g}"`);
    }
    seen.add(g);
  });
  return [...given];
}

/**
 * Checks the options of {@link sensitivity}, reporting every problem at once.
 *
 * @throws {EngineInputError} with `INVALID_OPTION` issues (field `runs`, `seed`, `noise`, `normalisations[i]`,
 *   `aggregations[i]`, `awards.previousRanks.<uCode>`), e.g. "sensitivity: runs must be a whole number from 1".
 */
export function resolveSensitivityOptions(options: SensitivityOptions): ResolvedSensitivityOptions {
  const issues: EngineIssue[] = [];
  const bad = (field: string, ko: string, en: string) =>
    issues.push(makeIssue('INVALID_OPTION', 'error', `sensitivity: ${ko}`, `sensitivity: ${en}`, { field }));
  const { runs, seed } = options;
  if (!(Number.isInteger(runs) && runs >= 1 && runs <= MAX_RUNS)) {
    bad('runs', `실행 횟수(runs)는 1 이상의 정수여야 합니다: ${String(runs)}`, `runs must be a whole number from 1 to ${MAX_RUNS}: ${String(runs)}`);
  }
  if (!Number.isSafeInteger(seed)) {
    bad('seed', `시드(seed)는 정수여야 합니다: ${String(seed)}`, `seed must be a safe integer: ${String(seed)}`);
  }
  const noise = options.noise ?? DEFAULT_SENSITIVITY_NOISE;
  if (!(typeof noise === 'number' && noise >= 0 && noise < 1)) {
    bad(
      'noise',
      `가중치 변동폭(noise)은 0 이상 1 미만이어야 합니다 (예: 0.25 = ±25%): ${String(noise)}`,
      `noise must be from 0 up to, not including, 1 (e.g. 0.25 = ±25%): ${String(noise)}`,
    );
  }
  const normalisations = choices('normalisations', options.normalisations, SENSITIVITY_NORMALISATIONS, bad);
  const aggregations = choices('aggregations', options.aggregations, SENSITIVITY_AGGREGATIONS, bad);
  const awards = options.awards ?? null;
  if (awards !== null) {
    for (const [code, rank] of Object.entries(awards.previousRanks ?? {})) {
      if (!(Number.isInteger(rank) && rank >= 1)) {
        bad(
          `awards.previousRanks.${code}`,
          `"${code}"의 전년도 순위는 1 이상의 정수여야 합니다: ${String(rank)}`,
          `previous rank of "${code}" must be a whole number from 1: ${String(rank)}`,
        );
      }
    }
  }
  if (issues.length > 0) throw new EngineInputError(issues);
  return { runs, seed, noise, normalisations, aggregations, awards, keepSamples: options.keepSamples === true };
}
