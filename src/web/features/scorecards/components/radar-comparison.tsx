import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/charts/echart.js';
import { chartTheme } from '../../../components/charts/chart-option.js';
import type { ChartOption } from '../../../components/charts/chart-option.js';
import { formatScore } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import type { ScorecardIndicator } from '../../../types/index.js';
import styles from './charts.module.css';

interface RadarComparisonProps {
  districtName: string;
  indicators: ScorecardIndicator[];
}

/** Breaks a long indicator name into lines of about `width` characters at spaces (or anywhere, for Korean without spaces). */
function wrapName(name: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of name.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if ([...candidate].length <= width || line === '') line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines.slice(0, 3).join('\n');
}

/** The district's normalised score per indicator against the city median, both on 0–100. */
export function RadarComparison({ districtName, indicators }: RadarComparisonProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const compared = useMemo(() => indicators.filter((i) => i.normalised !== null), [indicators]);

  const option = useMemo<ChartOption>(() => {
    const district = t('scorecard.seriesDistrict', { district: districtName });
    const median = t('scorecard.seriesMedian');
    return {
      textStyle: { fontFamily: chartTheme.fontFamily, color: chartTheme.text },
      tooltip: { trigger: 'item' },
      legend: { bottom: 0, data: [district, median], textStyle: { color: chartTheme.text } },
      radar: {
        radius: '55%',
        center: ['50%', '46%'],
        // Axes carry the indicator names (wrapped), not their codes; every axis runs 0–100.
        indicator: compared.map((i) => ({ name: wrapName(localized(i.name, i18n.language), i18n.language === 'en' ? 18 : 9), max: 100, min: 0 })),
        axisName: { color: chartTheme.subtle, fontSize: 11, lineHeight: 14 },
        splitLine: { lineStyle: { color: chartTheme.grid } },
        splitArea: { show: false },
      },
      series: [
        {
          type: 'radar',
          data: [
            {
              name: district,
              value: compared.map((i) => Math.round((i.normalised ?? 0) * 10) / 10),
              lineStyle: { width: 2.5, color: chartTheme.primary },
              itemStyle: { color: chartTheme.primary },
              areaStyle: { color: 'rgba(11, 80, 208, 0.18)' },
            },
            {
              name: median,
              value: compared.map((i) => Math.round((i.median ?? 0) * 10) / 10),
              lineStyle: { width: 2, type: 'dashed', color: chartTheme.secondary },
              itemStyle: { color: chartTheme.secondary },
            },
          ],
        },
      ],
    };
  }, [compared, districtName, t, i18n.language]);

  const summary = compared.map((i) => `${localized(i.name, i18n.language)} ${formatScore(i.normalised, 1)} / ${formatScore(i.median, 1)}`).join(', ');

  return (
    <section className={styles.panel} aria-labelledby={headingId}>
      <h3 id={headingId}>{t('scorecard.radarHeading')}</h3>
      <p className={styles.description}>{t('scorecard.radarDescription')}</p>
      {compared.length < 3 ? (
        <p>{t('scorecard.noRadar')}</p>
      ) : (
        <>
          <EChart option={option} ariaLabel={`${t('scorecard.radarHeading')}: ${summary}`} height={460} />
          <p className={styles.description}>{t('scorecardMore.radarAxisNote')}</p>
          <details className={styles.details}>
            <summary>{t('common.showAsTable')}</summary>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('scorecard.columns.indicator')}</th>
                  <th scope="col">{districtName}</th>
                  <th scope="col">{t('scorecard.seriesMedian')}</th>
                </tr>
              </thead>
              <tbody>
                {compared.map((i) => (
                  <tr key={i.code}>
                    <th scope="row">
                      {i.code} {localized(i.name, i18n.language)}
                    </th>
                    <td>{formatScore(i.normalised, 1)}</td>
                    <td>{formatScore(i.median, 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}
