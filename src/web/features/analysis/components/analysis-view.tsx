import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/charts/echart.js';
import { chartTheme, type ChartOption } from '../../../components/charts/chart-option.js';
import tableStyles from '../../../components/ui/table.module.css';
import { formatNumber, formatScore } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import { useMediaQuery } from '../../../lib/use-media-query.js';
import { analysisReportUrl, type AnalysisView, type IndicatorStats, type StatFlag } from '../api/get-analysis.js';
import styles from './analysis.module.css';

interface Group {
  code: string;
  name: string;
  children: { code: string; name: string }[];
  matrix: (number | null)[][];
  alpha: number | null;
  pc1: number | null;
}

interface Pair {
  a: string;
  b: string;
  r: number;
}

/** Cronbach's α bands: ≥ 0.7 consistent, 0.5–0.7 partly, below 0.5 not (the same as the downloadable report). */
function alphaBand(alpha: number | null): 'consistent' | 'partly' | 'not' | 'none' {
  if (alpha === null || !Number.isFinite(alpha)) return 'none';
  if (alpha >= 0.7) return 'consistent';
  if (alpha >= 0.5) return 'partly';
  return 'not';
}

const percent = new Intl.NumberFormat('ko-KR', { style: 'percent', maximumFractionDigits: 1 });

/** The audit arranged for reading: aggregates with their children's correlation matrix, flagged pairs, removal. */
function reading(view: AnalysisView, language: string) {
  const names = new Map(view.nodes.map((n) => [n.code, localized(n.name, language)]));
  const nameOf = (code: string) => names.get(code) ?? code;
  const a = view.analysis;
  const r = new Map<string, number | null>();
  for (const c of a?.correlations ?? []) {
    r.set(`${c.a}|${c.b}`, c.r);
    r.set(`${c.b}|${c.a}`, c.r);
  }
  const groups: Group[] = view.nodes
    .filter((n) => view.nodes.some((c) => c.parent === n.code))
    .sort((x, y) => x.level - y.level)
    .map((g) => {
      const children = view.nodes.filter((c) => c.parent === g.code).map((c) => ({ code: c.code, name: localized(c.name, language) }));
      return {
        code: g.code,
        name: localized(g.name, language),
        children,
        matrix: children.map((ci) => children.map((cj) => (ci.code === cj.code ? 1 : (r.get(`${ci.code}|${cj.code}`) ?? null)))),
        alpha: a?.cronbach[g.code] ?? null,
        pc1: a?.pca[g.code]?.varianceExplained[0] ?? null,
      };
    });
  const siblings = (a?.correlations ?? []).filter((c): c is typeof c & { r: number } => c.relation === 'sibling' && c.r !== null);
  const collinear: Pair[] = siblings.filter((c) => Math.abs(c.r) >= 0.9);
  const negative: Pair[] = siblings.filter((c) => c.r < 0);
  const removal = [...(a?.removal ?? [])].sort((x, y) => (y.meanAbsRankChange ?? -1) - (x.meanAbsRankChange ?? -1));
  return { nameOf, groups, collinear, negative, removal, stats: a?.stats ?? [] };
}

/** Widest an axis label is drawn, on a wide and on a narrow screen (longer names end in …; the tooltip and the table give them whole). */
const LABEL_WIDTH = { wide: 340, narrow: 150 };
/** Narrowest a cell is drawn: its two-decimal r stays legible. On a narrow screen the heat map scrolls in its box. */
const CELL_WIDTH = 56;

function heatmapOption(group: Group, labelWidth: number): ChartOption {
  const names = group.children.map((c) => c.name);
  const data: [number, number, number | '-'][] = [];
  group.matrix.forEach((row, i) => row.forEach((v, j) => data.push([j, i, v === null ? '-' : v])));
  return {
    textStyle: { fontFamily: chartTheme.fontFamily, color: chartTheme.text },
    grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
    tooltip: {
      formatter: (p) => {
        const value = (p as unknown as { value: [number, number, number | '-'] }).value;
        return `${names[value[1]]} · ${names[value[0]]}: ${value[2] === '-' ? '–' : formatScore(value[2])}`;
      },
    },
    xAxis: {
      type: 'category',
      data: names,
      axisLabel: { color: chartTheme.subtle, rotate: 30, interval: 0, width: labelWidth * 0.75, overflow: 'truncate' },
      splitArea: { show: true },
    },
    yAxis: {
      type: 'category',
      data: names,
      inverse: true,
      axisLabel: { color: chartTheme.subtle, interval: 0, width: labelWidth, overflow: 'truncate' },
      splitArea: { show: true },
    },
    visualMap: {
      min: -1,
      max: 1,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      text: ['1', '−1'],
      textStyle: { color: chartTheme.subtle },
      inRange: { color: ['#b2182b', '#f7f7f7', '#2166ac'] },
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: { show: true, color: chartTheme.text, formatter: (p) => formatScore(Number((p.value as number[])[2])) },
      },
    ],
  };
}

function GroupSection({ group }: { group: Group }) {
  const { t } = useTranslation();
  const labelWidth = useMediaQuery('(max-width: 40rem)') ? LABEL_WIDTH.narrow : LABEL_WIDTH.wide;
  const option = useMemo(() => heatmapOption(group, labelWidth), [group, labelWidth]);
  const band = alphaBand(group.alpha);
  return (
    <section className={styles.group} aria-labelledby={`group-${group.code}`}>
      <h3 id={`group-${group.code}`}>{group.name}</h3>
      <p className={styles.reading}>{t(`analysis.alpha.${band}`, { alpha: formatScore(group.alpha) })}</p>
      {group.pc1 !== null && <p className={styles.muted}>{t('analysis.pc1', { share: percent.format(group.pc1) })}</p>}
      {group.children.length > 1 && (
        <>
          <div className={styles.chartScroll} tabIndex={0} role="region" aria-label={t('analysis.heatmapLabel', { name: group.name })}>
            <div style={{ minWidth: labelWidth + 24 + group.children.length * CELL_WIDTH }}>
              <EChart option={option} ariaLabel={t('analysis.heatmapLabel', { name: group.name })} height={Math.max(260, 160 + group.children.length * 40)} />
            </div>
          </div>
          <details className={styles.details}>
            <summary>{t('analysis.tableView')}</summary>
            <div className={tableStyles.scroll} tabIndex={0} role="region" aria-label={t('analysis.tableCaption', { name: group.name })}>
              <table className={tableStyles.table}>
                <caption className="visually-hidden">{t('analysis.tableCaption', { name: group.name })}</caption>
                <thead>
                  <tr>
                    <td />
                    {group.children.map((c) => (
                      <th key={c.code} scope="col" className={tableStyles.num}>
                        {c.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {group.children.map((c, i) => (
                    <tr key={c.code}>
                      <th scope="row">{c.name}</th>
                      {group.matrix[i]!.map((v, j) => (
                        <td key={group.children[j]!.code} className={tableStyles.num}>
                          {formatScore(v)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}

type FlagWord = StatFlag | 'skewed';

/** The raw-data flags of an indicator, plus "strongly skewed" when |skewness| > 2 without the outlier flag. */
function flagKeys(s: IndicatorStats): FlagWord[] {
  const keys: FlagWord[] = [...s.flags];
  if (!s.flags.includes('outliers') && s.skew !== null && Math.abs(s.skew) > 2) keys.push('skewed');
  return keys;
}

/** The statistical audit of a run: flagged pairs, per-field consistency and heat maps, removal impact, raw statistics. */
export function AnalysisReport({ view, source }: { view: AnalysisView; source: { runId: number } | { year: number } }) {
  const { t, i18n } = useTranslation();
  const r = useMemo(() => reading(view, i18n.language), [view, i18n.language]);
  if (view.analysis === null) return <p>{t('analysis.unavailable')}</p>;
  const pairText = (p: Pair) => t('analysis.pair', { a: r.nameOf(p.a), b: r.nameOf(p.b), r: formatScore(p.r) });
  const flagged = r.stats.map((s) => ({ s, words: flagKeys(s).map((k) => t(`analysis.flags.${k}`)) }));
  return (
    <>
      <p className={styles.muted}>{t('analysis.units', { count: view.unitCount })}</p>
      <section className={styles.part} aria-labelledby="analysis-downloads">
        <h2 id="analysis-downloads">{t('analysis.downloads')}</h2>
        <ul className={styles.downloads}>
          <li>
            <a href={analysisReportUrl(source, 'xlsx', i18n.language)} download>
              {t('analysis.downloadXlsx')}
            </a>
          </li>
          <li>
            <a href={analysisReportUrl(source, 'pdf', i18n.language)} download>
              {t('analysis.downloadPdf')}
            </a>
          </li>
        </ul>
      </section>

      <section className={styles.part} aria-labelledby="analysis-flags">
        <h2 id="analysis-flags">{t('analysis.flagsHeading')}</h2>
        <h3>{t('analysis.collinear')}</h3>
        {r.collinear.length === 0 ? (
          <p>{t('analysis.none')}</p>
        ) : (
          <ul className={styles.pairs}>
            {r.collinear.map((p) => (
              <li key={`${p.a}|${p.b}`}>{pairText(p)}</li>
            ))}
          </ul>
        )}
        <h3>{t('analysis.negative')}</h3>
        {r.negative.length === 0 ? (
          <p>{t('analysis.none')}</p>
        ) : (
          <ul className={styles.pairs}>
            {r.negative.map((p) => (
              <li key={`${p.a}|${p.b}`}>{pairText(p)}</li>
            ))}
          </ul>
        )}
      </section>

      <section className={styles.part} aria-labelledby="analysis-groups">
        <h2 id="analysis-groups">{t('analysis.groupsHeading')}</h2>
        {r.groups.map((g) => (
          <GroupSection key={g.code} group={g} />
        ))}
      </section>

      <section className={styles.part} aria-labelledby="analysis-removal">
        <h2 id="analysis-removal">{t('analysis.removalHeading')}</h2>
        <p>{t('analysis.removalIntro')}</p>
        <div className={tableStyles.scroll} tabIndex={0} role="region" aria-label={t('analysis.removalTable')}>
          <table className={tableStyles.table}>
            <thead>
              <tr>
                <th scope="col">{t('analysis.removalColumns.name')}</th>
                <th scope="col">{t('analysis.removalColumns.level')}</th>
                <th scope="col" className={tableStyles.num}>
                  {t('analysis.removalColumns.change')}
                </th>
              </tr>
            </thead>
            <tbody>
              {r.removal.map((x) => (
                <tr key={x.code}>
                  <th scope="row">{r.nameOf(x.code)}</th>
                  <td>{x.level === 1 ? t('analysis.levelIndicator') : t('analysis.levelField')}</td>
                  <td className={tableStyles.num}>{formatScore(x.meanAbsRankChange)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className={styles.part} aria-labelledby="analysis-stats">
        <h2 id="analysis-stats">{t('analysis.statsHeading')}</h2>
        <p>{t('analysis.statsIntro')}</p>
        <ul className={styles.pairs}>
          {flagged
            .filter((x) => x.words.length > 0)
            .map(({ s, words }) => (
              <li key={s.iCode}>
                {r.nameOf(s.iCode)}: {words.join(', ')}
              </li>
            ))}
        </ul>
        <details className={styles.details}>
          <summary>{t('analysis.details')}</summary>
          <div className={tableStyles.scroll} tabIndex={0} role="region" aria-label={t('analysis.statsTable')}>
            <table className={tableStyles.table}>
              <thead>
                <tr>
                  {(['name', 'n', 'min', 'max', 'mean', 'median', 'sd', 'skew', 'kurtosis', 'flags', 'code'] as const).map((c) => (
                    <th key={c} scope="col" className={c === 'name' || c === 'flags' || c === 'code' ? undefined : tableStyles.num}>
                      {t(`analysis.statsColumns.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {flagged.map(({ s, words }) => (
                  <tr key={s.iCode}>
                    <th scope="row">{r.nameOf(s.iCode)}</th>
                    <td className={tableStyles.num}>{formatNumber(s.n)}</td>
                    {[s.min, s.max, s.mean, s.median, s.sd, s.skew, s.kurtosis].map((v, i) => (
                      <td key={i} className={tableStyles.num}>
                        {formatNumber(v)}
                      </td>
                    ))}
                    <td>{words.join(', ')}</td>
                    <td>
                      <code>{s.iCode}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>
    </>
  );
}
