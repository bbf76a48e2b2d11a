/**
 * Text forms of a sensitivity analysis for the CLI's `--format table | csv | json`, each next to the contract's
 * output of the same `score` run (DESIGN "CLI contract"), which they extend without changing.
 */
import { displayWidth, padDisplay } from './display-width.js';
import { formatCsv, formatJson } from './format-result.js';
import type { ScoreResult } from './score.js';
import type { SensitivityResult } from './sensitivity-summary.js';

/** Options of {@link formatSensitivityTable}. */
export interface SensitivityTableOptions {
  readonly lang?: 'ko' | 'en';
  /** Decimals of scores (default 2). */
  readonly decimals?: number;
}

const percent = (p: number) => `${(p * 100).toFixed(1)}%`;
const text = (v: number | null) => (v === null ? '' : String(v));

/** The JSON-ready body of a result: every field except `samples`, keys in a fixed order. */
export function sensitivityBody(result: SensitivityResult): Omit<SensitivityResult, 'samples'> {
  const { samples: _samples, ...body } = result;
  return body;
}

/**
 * A table aligned by display width: nominal rank, code, name, median rank, 90 % rank interval `[p5–p95]`, mean
 * and standard deviation of the score, and with awards the nominal tier and the probability of each tier; above
 * it, one line with the settings and one defining the interval.
 */
export function formatSensitivityTable(result: SensitivityResult, options: SensitivityTableOptions = {}): string {
  const ko = (options.lang ?? 'ko') === 'ko';
  const decimals = options.decimals ?? 2;
  const tiers = result.tiers ?? [];
  const tierName = new Map(tiers.map((t) => [t.code, ko ? t.name.ko : t.name.en]));
  const fmt = (v: number | null) => (v === null ? '-' : v.toFixed(decimals));
  const header = [
    ko ? '순위' : 'Rank',
    ko ? '코드' : 'Code',
    ko ? '이름' : 'Name',
    ko ? '중위 순위' : 'Median rank',
    ko ? '90% 순위 구간' : '90% rank interval',
    ko ? '평균 점수' : 'Mean score',
    ko ? '표준편차' : 'SD',
    ...(result.tiers === null ? [] : [ko ? '현재 등급' : 'Tier now', ...tiers.map((t) => tierName.get(t.code)!)]),
  ];
  const rows = result.units.map((u) => [
    u.nominalRank === null ? '-' : String(u.nominalRank),
    u.uCode,
    u.uName,
    u.medianRank === null ? '-' : String(u.medianRank),
    u.rankP5 === null ? '-' : `[${u.rankP5}–${u.rankP95}]`,
    fmt(u.meanScore),
    fmt(u.sdScore),
    ...(result.tiers === null
      ? []
      : [u.nominalTier === null ? '-' : tierName.get(u.nominalTier)!, ...tiers.map((t) => percent(u.tierProbability?.[t.code] ?? 0))]),
  ]);
  const widths = header.map((h, j) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[j]!))));
  const align = (j: number): 'left' | 'right' => (j === 1 || j === 2 || j === 7 ? 'left' : 'right');
  const line = (cells: readonly string[]) =>
    cells
      .map((c, j) => padDisplay(c, widths[j]!, align(j)))
      .join('  ')
      .trimEnd();
  const noise = `±${+(result.noise * 100).toFixed(6)}%`;
  const out = [
    ko
      ? `민감도 분석: 몬테카를로 ${result.runs}회 · 시드 ${result.seed} · 가중치 ${noise} · 정규화 ${result.normalisations.join('/')} · 집계 ${result.aggregations.join('/')}`
      : `Sensitivity analysis: Monte Carlo, ${result.runs} runs · seed ${result.seed} · weights ${noise} · normalisation ${result.normalisations.join('/')} · aggregation ${result.aggregations.join('/')}`,
    ko
      ? '90% 순위 구간 = 5–95 백분위 순위(최근접 순위법); 가중치는 같은 상위 항목 안의 상대값으로 재정규화됩니다'
      : '90% rank interval = 5th–95th percentile rank (nearest rank); weights are renormalised within each parent',
    '',
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
  ];
  if (result.failedRuns > 0) {
    out.push(
      '',
      ko
        ? `집계할 수 없는 값이 있었던 실행: ${result.failedRuns}회 (해당 단위는 그 실행에서 순위 없음)`
        : `runs with values that could not be aggregated: ${result.failedRuns} (those units have no rank in them)`,
    );
  }
  return out.join('\n') + '\n';
}

function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The contract CSV of `score` with sensitivity columns appended to each row: `MedianRank, RankP5, RankP95,
 * ScoreMean, ScoreSD`, then with awards `P_<tier code>` per tier (a share 0–1). The contract's columns, their
 * order and the row order are unchanged, so readers of the contract CSV keep working.
 */
export function formatSensitivityCsv(score: ScoreResult, result: SensitivityResult): string {
  const byCode = new Map(result.units.map((u) => [u.uCode, u]));
  const tiers = result.tiers ?? [];
  const header = formatCsv({ ...score, units: [] }).slice(0, -1);
  const lines = [[header, 'MedianRank', 'RankP5', 'RankP95', 'ScoreMean', 'ScoreSD', ...tiers.map((t) => csvField(`P_${t.code}`))].join(',')];
  for (const unit of score.units) {
    // Each contract row exactly as formatCsv writes it (quoted fields may hold line breaks).
    const row = formatCsv({ ...score, units: [unit] }).slice(header.length + 1, -1);
    const s = byCode.get(unit.uCode);
    const extra = s
      ? [
          text(s.medianRank),
          text(s.rankP5),
          text(s.rankP95),
          text(s.meanScore),
          text(s.sdScore),
          ...tiers.map((t) => text(s.tierProbability?.[t.code] ?? null)),
        ]
      : ['', '', '', '', '', ...tiers.map(() => '')];
    lines.push([row, ...extra].join(','));
  }
  return lines.join('\n') + '\n';
}

/** The contract JSON of `score` with one more key after the contract's keys: `"sensitivity"` ({@link sensitivityBody}). */
export function formatSensitivityJson(score: ScoreResult, result: SensitivityResult): string {
  const contract = formatJson(score);
  const body = JSON.stringify(sensitivityBody(result), null, 2).replace(/\n/g, '\n  ');
  return `${contract.slice(0, contract.lastIndexOf('\n}'))},\n  "sensitivity": ${body}\n}\n`;
}
