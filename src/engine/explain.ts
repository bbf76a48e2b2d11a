/**
 * Explanation of scores: how many points of the top score each node contributes, and which indicators gain or lose
 * the most against the median unit, in Korean and English sentences.
 *
 * Contributions go top-down: the top node contributes its score; an aggregate's contribution is split among its
 * present children in proportion to `w_c · x_c` (renormalised weights). For the arithmetic mean this is exact:
 * child c of aggregate a contributes `contribution(a) · w_c x_c / Σ w x = (its share of the top score)`, and the
 * contributions of the leaves (or of the children of any node) add up to that node's contribution, so all leaf
 * contributions sum to the top score. For geometric and harmonic means the same proportional split is used as an
 * allocation (their scores are not additive). A missing child contributes 0; nothing is defined when the top score
 * is missing. In a points framework the leaf contributions are the earned points.
 */
import type { Topology } from './topology.js';

/**
 * Fills `out[node * nUnits + u]` with each node's contribution to the top score. O(units × edges).
 *
 * @param aggregated aggregate-major results from `aggregateInto`.
 */
export function contributionsInto(model: Topology, weights: Float64Array, normalised: Float64Array, aggregated: Float64Array, out: Float64Array): void {
  const nU = model.nUnits;
  const nI = model.nIndicators;
  const { childStart, childIndex } = model;
  const sum = model.scratch.num;
  const topNode = nI + model.top;
  for (let u = 0; u < nU; u++) out[topNode * nU + u] = aggregated[model.top * nU + u]!;
  for (let a = model.nAggregates - 1; a >= 0; a--) {
    const node = nI + a;
    const start = childStart[a]!;
    const end = childStart[a + 1]!;
    sum.fill(0);
    for (let k = start; k < end; k++) {
      const c = childIndex[k]!;
      const w = weights[c]!;
      // A child's values: an indicator's normalised row or an aggregate's row.
      const values = c < nI ? normalised : aggregated;
      const at = (c < nI ? c : c - nI) * nU;
      for (let u = 0; u < nU; u++) {
        const v = values[at + u]!;
        if (v === v) sum[u] = sum[u]! + w * v;
      }
    }
    for (let k = start; k < end; k++) {
      const c = childIndex[k]!;
      const w = weights[c]!;
      const values = c < nI ? normalised : aggregated;
      const at = (c < nI ? c : c - nI) * nU;
      for (let u = 0; u < nU; u++) {
        const p = out[node * nU + u]!;
        const v = values[at + u]!;
        const s = sum[u]!;
        out[c * nU + u] = p !== p ? NaN : v !== v || s === 0 ? 0 : (p * (w * v)) / s;
      }
    }
  }
}

/** One gain or loss against the median unit. */
export interface ExplanationItem {
  readonly iCode: string;
  readonly iName: string;
  /** Contribution of this unit minus that of the median unit, in points of the top score. */
  readonly difference: number;
}

/** The explanation of one unit. */
export interface UnitExplanation {
  readonly ko: string;
  readonly en: string;
  /** uCode of the median unit compared with (null when the unit has no score). */
  readonly versus: string | null;
  /** Top score minus the median unit's. */
  readonly difference: number | null;
  readonly gains: readonly ExplanationItem[];
  readonly losses: readonly ExplanationItem[];
}

/**
 * The median unit: among units with a top score, ordered by score (descending) then uCode, the one at position
 * ⌊(m − 1) / 2⌋. Its contributions are the reference for everyone's gains and losses, which then add up exactly to
 * the score difference.
 *
 * @returns its unit index, or −1 when no unit has a score.
 */
export function medianUnit(top: ArrayLike<number>, unitCodes: readonly string[]): number {
  const scored: number[] = [];
  for (let u = 0; u < unitCodes.length; u++) if (top[u]! === top[u]!) scored.push(u);
  if (scored.length === 0) return -1;
  scored.sort((a, b) => top[b]! - top[a]! || (unitCodes[a]! < unitCodes[b]! ? -1 : unitCodes[a]! > unitCodes[b]! ? 1 : 0));
  return scored[(scored.length - 1) >> 1]!;
}

const fmt = (x: number) => x.toFixed(2);
const signed = (x: number) => (x >= 0 ? `+${fmt(x)}` : `-${fmt(-x)}`);

/** Inputs of {@link explainUnit}. */
export interface ExplainUnitInput {
  readonly uName: string;
  readonly rank: number | null;
  readonly score: number | null;
  readonly medianCode: string | null;
  readonly medianName: string | null;
  readonly medianScore: number | null;
  /** Per indicator: code, name, this unit's contribution, the median unit's contribution. */
  readonly items: readonly { readonly iCode: string; readonly iName: string; readonly mine: number; readonly median: number }[];
  readonly top: number;
}

/**
 * Builds one unit's explanation: the `top` largest gains and losses against the median unit, and sentences.
 *
 * @example
 * // ko: "광진구 — 2위, 78.40점. 중위 단위 성북구(70.12점) 대비 +8.28점. 강점: S1 공공구매 +2.35점. 약점: J5 취업알선 -1.20점."
 */
export function explainUnit(x: ExplainUnitInput): UnitExplanation {
  if (x.score === null || x.medianScore === null || x.medianCode === null) {
    return {
      ko: `${x.uName} — 총점이 없습니다(결측).`,
      en: `${x.uName} — no top score (missing).`,
      versus: null,
      difference: null,
      gains: [],
      losses: [],
    };
  }
  const diffs = x.items
    .map((it, k) => ({ iCode: it.iCode, iName: it.iName, difference: it.mine - it.median, k }))
    .filter((d) => d.difference === d.difference && Math.abs(d.difference) > 1e-12);
  const gains = diffs
    .filter((d) => d.difference > 0)
    .sort((a, b) => b.difference - a.difference || a.k - b.k)
    .slice(0, x.top)
    .map(({ iCode, iName, difference }) => ({ iCode, iName, difference }));
  const losses = diffs
    .filter((d) => d.difference < 0)
    .sort((a, b) => a.difference - b.difference || a.k - b.k)
    .slice(0, x.top)
    .map(({ iCode, iName, difference }) => ({ iCode, iName, difference }));
  const difference = x.score - x.medianScore;
  const rankKo = x.rank !== null ? `${x.rank}위, ` : '';
  const rankEn = x.rank !== null ? `rank ${x.rank}, ` : '';
  const list = (items: readonly ExplanationItem[], unit: string) => items.map((g) => `${g.iCode} ${g.iName} ${signed(g.difference)}${unit}`).join(', ');
  let ko = `${x.uName} — ${rankKo}${fmt(x.score)}점.`;
  let en = `${x.uName} — ${rankEn}${fmt(x.score)} points.`;
  if (gains.length === 0 && losses.length === 0) {
    ko += ` 중위 단위 ${x.medianName}(${fmt(x.medianScore)}점)와 지표별 기여가 같습니다.`;
    en += ` Same contributions as the median unit ${x.medianName} (${fmt(x.medianScore)}).`;
  } else {
    ko += ` 중위 단위 ${x.medianName}(${fmt(x.medianScore)}점) 대비 ${signed(difference)}점.`;
    en += ` ${signed(difference)} against the median unit ${x.medianName} (${fmt(x.medianScore)}).`;
    if (gains.length > 0) {
      ko += ` 강점: ${list(gains, '점')}.`;
      en += ` Biggest gains: ${list(gains, '')}.`;
    }
    if (losses.length > 0) {
      ko += ` 약점: ${list(losses, '점')}.`;
      en += ` Biggest losses: ${list(losses, '')}.`;
    }
  }
  return { ko, en, versus: x.medianCode, difference, gains, losses };
}
