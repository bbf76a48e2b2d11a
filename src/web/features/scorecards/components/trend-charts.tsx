import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/charts/echart.js';
import { chartTheme } from '../../../components/charts/chart-option.js';
import type { ChartOption } from '../../../components/charts/chart-option.js';
import { formatScore } from '../../../lib/format.js';
import type { ScorecardTrendPoint } from '../../../types/index.js';
import styles from './charts.module.css';

interface TrendChartsProps {
  trend: ScorecardTrendPoint[];
  /** Number of ranked units, so that the rank axis spans the whole field. */
  unitCount: number | null;
}

function lineOption(
  years: string[],
  /** null: no score or rank that year (a gap in the line). */
  values: (number | null)[],
  name: string,
  inverse: boolean,
  format: (value: number) => string,
  /** The axis name drawn on the chart, saying where the axis starts when it is not at zero. */
  axisName: string,
  max?: number,
): ChartOption {
  return {
    textStyle: { fontFamily: chartTheme.fontFamily, color: chartTheme.text },
    grid: { left: 48, right: 24, top: 40, bottom: 32 },
    tooltip: { trigger: 'axis', valueFormatter: (value) => format(Number(value)) },
    xAxis: {
      type: 'category',
      data: years,
      axisLabel: { color: chartTheme.subtle },
      axisLine: { lineStyle: { color: chartTheme.muted } },
    },
    yAxis: {
      type: 'value',
      name: axisName,
      nameLocation: 'end',
      nameTextStyle: { color: chartTheme.subtle, align: 'left' },
      inverse,
      // Scores start at 0, so that 93 → 76 does not look like a collapse; ranks start at 1 (1st at the top, named so).
      min: inverse ? 1 : 0,
      max,
      minInterval: inverse ? 1 : undefined,
      axisLabel: { color: chartTheme.subtle },
      splitLine: { lineStyle: { color: chartTheme.grid } },
    },
    series: [
      {
        type: 'line',
        name,
        data: values,
        symbolSize: 9,
        lineStyle: { width: 3, color: chartTheme.primary },
        itemStyle: { color: chartTheme.primary },
        label: {
          show: true,
          position: 'top',
          color: chartTheme.text,
          fontWeight: 600,
          formatter: (params) => format(Number(params.value)),
        },
      },
    ],
  };
}

/** Score and rank over the years, each chart with the same numbers as a table for screen readers and printing. */
export function TrendCharts({ trend, unitCount }: TrendChartsProps) {
  const { t } = useTranslation();
  const points = useMemo(() => [...trend].sort((a, b) => a.year - b.year), [trend]);

  const scoreOption = useMemo(
    () =>
      lineOption(
        points.map((p) => String(p.year)),
        points.map((p) => p.score),
        t('scorecard.seriesScore'),
        false,
        (value) => formatScore(value),
        t('scorecardMore.scoreAxis'),
      ),
    [points, t],
  );
  const rankOption = useMemo(
    () =>
      lineOption(
        points.map((p) => String(p.year)),
        points.map((p) => p.rank),
        t('scorecard.seriesRank'),
        true,
        (value) => t('common.rankUnit', { rank: value }),
        t('scorecardMore.rankAxis'),
        unitCount ?? undefined,
      ),
    [points, t, unitCount],
  );

  const summary = points.map((p) => `${p.year}: ${formatScore(p.score)} / ${p.rank}`).join(', ');

  return (
    <div className={styles.grid}>
      <div className={styles.panel}>
        <h3>{t('scorecard.trendHeading')}</h3>
        <EChart option={scoreOption} ariaLabel={`${t('scorecard.trendHeading')}: ${summary}`} height={260} />
        <p className={styles.description}>{t('scorecardMore.scoreAxisNote')}</p>
        <TrendTable points={points} />
      </div>
      <div className={styles.panel}>
        <h3>{t('scorecard.rankTrendHeading')}</h3>
        <EChart option={rankOption} ariaLabel={`${t('scorecard.rankTrendHeading')}: ${summary}`} height={260} />
        <p className={styles.description}>{t('scorecardMore.rankAxisNote')}</p>
        <TrendTable points={points} />
      </div>
    </div>
  );
}

function TrendTable({ points }: { points: ScorecardTrendPoint[] }) {
  const { t } = useTranslation();
  return (
    <details className={styles.details}>
      <summary>{t('common.showAsTable')}</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('scorecard.columns.year')}</th>
            <th scope="col">{t('scorecard.seriesScore')}</th>
            <th scope="col">{t('scorecard.seriesRank')}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.year}>
              <th scope="row">{p.year}</th>
              <td>{formatScore(p.score)}</td>
              <td>{p.rank}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
