import { logTransformCT } from './log-transform.js';
import type { TreatSettings } from './resolve-options.js';
import { checkSkewKurtosis } from './skew-kurtosis-check.js';
import { winsorise } from './winsorise.js';

/** What happened to one column. */
export interface ColumnTreatment {
  /** `none`: passed; `winsorised`; `log`: winsorising did not suffice, log transform of the original values;
   *  `undecidable`: fewer than 4 values or zero variance (COINr returns the column untreated). */
  readonly action: 'none' | 'winsorised' | 'log' | 'undecidable';
  readonly nWinsorised: number;
  readonly skewBefore: number;
  readonly kurtosisBefore: number;
  readonly skewAfter: number;
  readonly kurtosisAfter: number;
  /** Indices of values changed by winsorisation (empty for `log`, which changes all). */
  readonly winsorisedAt: readonly number[];
}

/**
 * COINr's two-stage outlier treatment of one column: (1) if it fails the skew/kurtosis test, winsorise up to
 * `winmax` points; (2) if it still fails, apply {@link logTransformCT} to the original column instead
 * (`combine_treat = FALSE`).
 *
 * COINr: `Treat(x, f1 = "winsorise", f2 = "log_CT", f_pass = "check_SkewKurt")` with the default parameters.
 * O(rounds × n).
 */
export function treatColumn(x: Float64Array, settings: TreatSettings): { x: Float64Array; treatment: ColumnTreatment } {
  const { skewThreshold, kurtosisThreshold } = settings;
  const c0 = checkSkewKurtosis(x, skewThreshold, kurtosisThreshold);
  const base = { skewBefore: c0.skew, kurtosisBefore: c0.kurtosis };
  if (c0.pass === null) {
    return {
      x,
      treatment: { action: 'undecidable', nWinsorised: 0, ...base, skewAfter: c0.skew, kurtosisAfter: c0.kurtosis, winsorisedAt: [] },
    };
  }
  if (c0.pass) {
    return {
      x,
      treatment: { action: 'none', nWinsorised: 0, ...base, skewAfter: c0.skew, kurtosisAfter: c0.kurtosis, winsorisedAt: [] },
    };
  }
  const w = winsorise(x, settings.winmax, skewThreshold, kurtosisThreshold);
  const c1 = checkSkewKurtosis(w.x, skewThreshold, kurtosisThreshold);
  if (c1.pass === null) {
    // COINr returns the original column when the test cannot be decided after a treatment.
    return {
      x,
      treatment: { action: 'undecidable', nWinsorised: 0, ...base, skewAfter: c1.skew, kurtosisAfter: c1.kurtosis, winsorisedAt: [] },
    };
  }
  if (c1.pass) {
    return {
      x: w.x,
      treatment: {
        action: 'winsorised',
        nWinsorised: w.nWinsorised,
        ...base,
        skewAfter: c1.skew,
        kurtosisAfter: c1.kurtosis,
        winsorisedAt: [...w.high, ...w.low].sort((a, b) => a - b),
      },
    };
  }
  const logged = logTransformCT(x);
  const c2 = checkSkewKurtosis(logged, skewThreshold, kurtosisThreshold);
  if (c2.pass === null) {
    return {
      x,
      treatment: { action: 'undecidable', nWinsorised: 0, ...base, skewAfter: c2.skew, kurtosisAfter: c2.kurtosis, winsorisedAt: [] },
    };
  }
  return {
    x: logged,
    treatment: { action: 'log', nWinsorised: 0, ...base, skewAfter: c2.skew, kurtosisAfter: c2.kurtosis, winsorisedAt: [] },
  };
}
