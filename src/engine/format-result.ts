/**
 * The three text forms of a {@link ScoreResult} (the CLI's `--format csv | json | table`). Pure functions: the
 * caller writes the text where it wants.
 */
import { displayWidth, padDisplay } from './display-width.js';
import type { ScoreResult } from './score.js';

function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const num = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

/**
 * CSV: header `uCode,uName,<top iCode>,Rank,<other aggregate iCodes top-down>`, one row per unit sorted by rank then
 * uCode, numbers at full precision (`String(x)` of the double), missing as an empty cell.
 */
export function formatCsv(result: ScoreResult): string {
  const others = result.aggregates.filter((a) => a.iCode !== result.top).map((a) => a.iCode);
  const lines = [['uCode', 'uName', result.top, 'Rank', ...others].map(csvField).join(',')];
  for (const u of result.units) {
    lines.push([csvField(u.uCode), csvField(u.uName), num(u.scores[result.top]), num(u.rank), ...others.map((c) => num(u.scores[c]))].join(','));
  }
  return lines.join('\n') + '\n';
}

/**
 * JSON: `{ engineVersion, inputHash, units: [{ uCode, uName, rank, scores, normalised, … }], … }`, two-space
 * indented. Byte-identical for the same input: keys in a fixed order, numbers in shortest round-trip form.
 */
export function formatJson(result: ScoreResult): string {
  const body = {
    engineVersion: result.engineVersion,
    inputHash: result.inputHash,
    units: result.units.map((u) => ({
      uCode: u.uCode,
      uName: u.uName,
      rank: u.rank,
      scores: u.scores,
      normalised: u.normalised,
      points: u.points,
      contributions: u.contributions,
      groups: u.groups,
      explanation: u.explanation,
    })),
    top: result.top,
    aggregates: result.aggregates,
    indicators: result.indicators,
    pointsMode: result.pointsMode,
    totalPoints: result.totalPoints,
    medianUnit: result.medianUnit,
    removedUnits: result.removedUnits,
    treatment: result.treatment,
    imputedCells: result.imputedCells,
    time: result.time,
    options: result.options,
    about: result.about,
    warnings: result.warnings,
  };
  return JSON.stringify(body, null, 2) + '\n';
}

/** Options of {@link formatTable}. */
export interface TableFormatOptions {
  readonly lang?: 'ko' | 'en';
  /** Print each unit's explanation under the table (default true). */
  readonly explain?: boolean;
  /** Decimals shown (default 2). */
  readonly decimals?: number;
}

/**
 * A human-readable table aligned by display width (Hangul and other wide characters count 2): rank, code, name, top
 * score and the other aggregates (in a points framework: the points earned in each), then a legend and, by default,
 * one explanation line per unit.
 */
export function formatTable(result: ScoreResult, options: TableFormatOptions = {}): string {
  const lang = options.lang ?? 'ko';
  const decimals = options.decimals ?? 2;
  const ko = lang === 'ko';
  const others = result.aggregates.filter((a) => a.iCode !== result.top);
  const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '-' : v.toFixed(decimals));
  const header = [ko ? '순위' : 'Rank', ko ? '코드' : 'Code', ko ? '이름' : 'Name', result.top, ...others.map((a) => a.iCode)];
  const rows = result.units.map((u) => [
    u.rank === null ? '-' : String(u.rank),
    u.uCode,
    u.uName,
    fmt(u.scores[result.top]),
    ...others.map((a) => fmt(result.pointsMode ? u.contributions[a.iCode] : u.scores[a.iCode])),
  ]);
  const widths = header.map((h, j) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[j]!))));
  const align = (j: number): 'left' | 'right' => (j === 1 || j === 2 ? 'left' : 'right');
  const line = (cells: readonly string[]) =>
    cells
      .map((c, j) => padDisplay(c, widths[j]!, align(j)))
      .join('  ')
      .trimEnd();
  const out: string[] = [];
  const title = ko
    ? `엔진 ${result.engineVersion} · 입력 해시 ${result.inputHash.slice(0, 16)}…` +
      (result.pointsMode ? ` · 배점 합계 ${result.totalPoints}점` : '') +
      (result.time !== null ? ` · 기준 연도 ${result.time}` : '')
    : `engine ${result.engineVersion} · input hash ${result.inputHash.slice(0, 16)}…` +
      (result.pointsMode ? ` · points total ${result.totalPoints}` : '') +
      (result.time !== null ? ` · time ${result.time}` : '');
  for (const key of ['title', 'note']) {
    const v = result.about?.[key];
    if (typeof v === 'string') out.push(v);
  }
  out.push(title, '');
  out.push(line(header));
  out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) out.push(line(r));
  out.push('');
  const legend = [
    ...result.aggregates.map((a) => {
      const w = result.pointsMode && a.weight !== null ? (ko ? ` (${a.weight}점)` : ` (${a.weight} points)`) : '';
      return `${a.iCode} = ${a.iName}${w}`;
    }),
  ];
  out.push(...legend);
  if (result.pointsMode) {
    out.push(
      ko
        ? '배점 방식: 총점 = 지표별 득점(정규화 값/100 × 배점)의 합, 영역 열은 영역별 득점'
        : 'points framework: top score = sum of points earned per indicator (normalised/100 × points); field columns show points earned',
    );
  }
  if (result.removedUnits.length > 0) {
    out.push((ko ? '제외된 단위: ' : 'removed units: ') + result.removedUnits.map((r) => `${r.uCode} ${r.uName}`).join(', '));
  }
  if (options.explain ?? true) {
    out.push('', ko ? '설명 (중위 단위 대비 기여 점수)' : 'Explanation (contributions against the median unit)');
    for (const u of result.units) out.push(`- ${ko ? u.explanation.ko : u.explanation.en}`);
  }
  return out.join('\n') + '\n';
}
