/**
 * Principal components of a group of columns as COINr `get_PCA` (R/PCA.R) runs them: rows with any missing value
 * removed (`na.omit`), then `stats::prcomp(center = TRUE, scale = TRUE)`, i.e. the eigen-decomposition of the
 * correlation matrix of the complete rows. The symmetric eigenproblem is solved by cyclic Jacobi rotations
 * (deterministic, exact to rounding for the few columns of a group).
 */

/** Result of {@link principalComponents}. */
export interface PcaResult {
  /** Share of the total variance per component, largest first (prcomp `sdev² / Σsdev²`); min(complete rows, k) entries. */
  readonly varianceExplained: number[];
  /** First component's loadings per column (unit length), signed so that the largest in magnitude is positive. */
  readonly loadings: number[];
  /** Complete rows used. */
  readonly rows: number;
}

/**
 * Eigenvalues and eigenvectors of a symmetric matrix (row-major, k × k) by cyclic Jacobi; eigenvectors are the
 * columns of `vectors` (row-major). The input is not changed.
 */
export function symmetricEigen(matrix: Float64Array, k: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += a[p * k + q]! * a[p * k + q]!;
    if (off < 1e-30) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * k + q]! - a[p * k + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = a[r * k + p]!;
          const arq = a[r * k + q]!;
          a[r * k + p] = c * arp - s * arq;
          a[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p * k + r]!;
          const aqr = a[q * k + r]!;
          a[p * k + r] = c * apr - s * aqr;
          a[q * k + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p]!;
          const vrq = v[r * k + q]!;
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const values = new Float64Array(k);
  for (let i = 0; i < k; i++) values[i] = a[i * k + i]!;
  return { values, vectors: v };
}

/**
 * PCA of the columns (each of the same length, NaN = missing) on their complete rows, centred and scaled.
 * @returns null when fewer than 2 rows are complete or a column is constant on them (prcomp stops: "cannot
 * rescale a constant/zero column to unit variance").
 * @example principalComponents([Float64Array.of(1, 2, 3), Float64Array.of(3, 2, 1)])!.varianceExplained // [1, 0]
 */
export function principalComponents(columns: readonly ArrayLike<number>[]): PcaResult | null {
  const k = columns.length;
  if (k === 0) return null;
  const n = columns[0]!.length;
  const rows: number[] = [];
  for (let u = 0; u < n; u++) {
    let complete = true;
    for (let j = 0; j < k && complete; j++) {
      const x = columns[j]![u]!;
      if (x !== x) complete = false;
    }
    if (complete) rows.push(u);
  }
  const m = rows.length;
  if (m < 2) return null;
  // Standardised complete rows (z-scores with the n − 1 sd, as prcomp's scale = TRUE).
  const z: Float64Array[] = [];
  for (let j = 0; j < k; j++) {
    const col = columns[j]!;
    let s = 0;
    for (const u of rows) s += col[u]!;
    const mean = s / m;
    let ss = 0;
    for (const u of rows) ss += (col[u]! - mean) ** 2;
    const sd = Math.sqrt(ss / (m - 1));
    if (!(sd > 0)) return null;
    z.push(Float64Array.from(rows, (u) => (col[u]! - mean) / sd));
  }
  const corr = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let s = 0;
      const zi = z[i]!;
      const zj = z[j]!;
      for (let r = 0; r < m; r++) s += zi[r]! * zj[r]!;
      corr[i * k + j] = corr[j * k + i] = s / (m - 1);
    }
  }
  const { values, vectors } = symmetricEigen(corr, k);
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => values[b]! - values[a]! || a - b);
  const components = Math.min(m, k);
  let total = 0;
  for (let i = 0; i < k; i++) total += Math.max(values[i]!, 0);
  const varianceExplained = order.slice(0, components).map((i) => Math.max(values[i]!, 0) / total);
  const first = order[0]!;
  const loadings = Array.from({ length: k }, (_, r) => vectors[r * k + first]!);
  let largest = 0;
  for (let r = 1; r < k; r++) if (Math.abs(loadings[r]!) > Math.abs(loadings[largest]!)) largest = r;
  if (loadings[largest]! < 0) for (let r = 0; r < k; r++) loadings[r] = -loadings[r]! + 0;
  return { varianceExplained, loadings, rows: m };
}
