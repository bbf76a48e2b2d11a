/**
 * The audit as the CLI prints it: JSON (the contract's keys in a fixed order, byte-identical for the same input) or
 * aligned text tables in Korean or English.
 */
import { displayWidth, padDisplay } from '../display-width.js';
import type { AnalysisResult, StatFlag } from './analyse.js';

/** `hopejobs analyse --format json`. */
export function formatAnalysisJson(result: AnalysisResult): string {
  const body = {
    engineVersion: result.engineVersion,
    inputHash: result.inputHash,
    stats: result.stats,
    correlations: result.correlations,
    cronbach: result.cronbach,
    pca: result.pca,
    removal: result.removal,
  };
  return JSON.stringify(body, null, 2) + '\n';
}

const FLAG_TEXT: Record<StatFlag, { ko: string; en: string }> = {
  lowAvailability: { ko: '자료 부족', en: 'low availability' },
  manyZeros: { ko: '0 많음', en: 'many zeros' },
  fewUnique: { ko: '고유값 적음', en: 'few unique values' },
  outliers: { ko: '이상값', en: 'outliers' },
};

function table(header: readonly string[], rows: readonly (readonly string[])[], leftColumns: number): string[] {
  const widths = header.map((h, j) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[j]!))));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, j) => padDisplay(c, widths[j]!, j < leftColumns ? 'left' : 'right'))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

/** Options of {@link formatAnalysisTable}. */
export interface AnalysisTableOptions {
  readonly lang?: 'ko' | 'en';
  /** Decimals shown (default 3). */
  readonly decimals?: number;
}

/** `hopejobs analyse` (table): statistics, correlations, α and PC1 per group, removal impacts. */
export function formatAnalysisTable(result: AnalysisResult, options: AnalysisTableOptions = {}): string {
  const ko = (options.lang ?? 'ko') === 'ko';
  const d = options.decimals ?? 3;
  const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '-' : v.toFixed(d));
  const t = (k: string, e: string) => (ko ? k : e);
  const out: string[] = [];
  out.push(
    t(
      `엔진 ${result.engineVersion} · 입력 해시 ${result.inputHash.slice(0, 16)}…`,
      `engine ${result.engineVersion} · input hash ${result.inputHash.slice(0, 16)}…`,
    ),
  );
  out.push('', t('지표 통계 (원자료)', 'Indicator statistics (raw data)'));
  out.push(
    ...table(
      [
        t('지표', 'Indicator'),
        'n',
        t('최소', 'Min'),
        t('최대', 'Max'),
        t('평균', 'Mean'),
        t('중앙값', 'Median'),
        t('표준편차', 'SD'),
        t('왜도', 'Skew'),
        t('첨도', 'Kurt'),
        t('표시', 'Flags'),
      ],
      result.stats.map((s) => [
        s.iCode,
        String(s.n),
        fmt(s.min),
        fmt(s.max),
        fmt(s.mean),
        fmt(s.median),
        fmt(s.sd),
        fmt(s.skew),
        fmt(s.kurtosis),
        s.flags.map((f) => FLAG_TEXT[f][ko ? 'ko' : 'en']).join(', ') || '-',
      ]),
      1,
    ).map((l) => l.replace(/ +$/, '')),
  );
  out.push('', t('분야별 일관성 (크론바흐 α, 제1주성분 설명 비율)', "Consistency per group (Cronbach's α, PC1 share of variance)"));
  out.push(
    ...table(
      [t('분야', 'Group'), 'α', 'PC1'],
      Object.keys(result.cronbach).map((code) => [code, fmt(result.cronbach[code]), fmt(result.pca[code]?.varianceExplained[0] ?? null)]),
      1,
    ),
  );
  out.push('', t('상관계수 (상위 항목 · 같은 분야)', 'Correlations (with parent · between siblings)'));
  out.push(
    ...table(
      [t('항목', 'Element'), t('상대', 'With'), t('관계', 'Relation'), 'r'],
      result.correlations.map((c) => [c.a, c.b, c.relation === 'parent' ? t('상위', 'parent') : t('같은 분야', 'sibling'), fmt(c.r)]),
      3,
    ),
  );
  out.push('', t('항목을 뺄 때 총점 순위의 평균 변동', 'Mean absolute change of the index rank when an element is removed'));
  out.push(
    ...table(
      [t('수준', 'Level'), t('항목', 'Element'), t('평균 순위 변동', 'Mean |Δrank|')],
      result.removal.map((r) => [String(r.level), r.code, fmt(r.meanAbsRankChange)]),
      2,
    ),
  );
  return out.join('\n') + '\n';
}
