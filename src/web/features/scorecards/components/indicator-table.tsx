import { useTranslation } from 'react-i18next';
import { formatNumber, formatScore } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import type { ResultField, ScorecardIndicator } from '../../../types/index.js';
import styles from './indicator-table.module.css';

interface FieldGroup {
  code: string;
  name: string;
  points: number;
  indicators: ScorecardIndicator[];
}

/** Indicators grouped by field, fields in the cycle's order; a field the cycle does not list keeps its code. */
function groupByField(indicators: ScorecardIndicator[], fields: ResultField[], language: string): FieldGroup[] {
  const groups = new Map<string, FieldGroup>();
  for (const field of fields) {
    groups.set(field.code, { code: field.code, name: localized(field.name, language), points: field.points, indicators: [] });
  }
  for (const indicator of indicators) {
    let group = groups.get(indicator.field);
    if (group === undefined) {
      group = { code: indicator.field, name: indicator.field, points: 0, indicators: [] };
      groups.set(indicator.field, group);
    }
    group.indicators.push(indicator);
  }
  return [...groups.values()]
    .filter((g) => g.indicators.length > 0)
    .map((g) => ({ ...g, points: g.points || g.indicators.reduce((sum, i) => sum + i.points, 0) }));
}

function AchievementBar({ earned, points }: { earned: number | null; points: number }) {
  const { t } = useTranslation();
  if (earned === null || points <= 0) return <span className={styles.muted}>{t('scorecard.notScored')}</span>;
  const share = Math.max(0, Math.min(1, earned / points));
  return (
    <span className={styles.bar}>
      <span className={styles.track} aria-hidden="true">
        <span className={styles.fill} style={{ width: `${share * 100}%`, display: 'block' }} />
      </span>
      <span className={styles.percent}>{formatNumber(Math.round(share * 1000) / 10)}%</span>
    </span>
  );
}

interface IndicatorTableProps {
  indicators: ScorecardIndicator[];
  fields: ResultField[];
}

/** Points earned per indicator with a bar of the share earned, field by field. */
export function IndicatorTable({ indicators, fields }: IndicatorTableProps) {
  const { t, i18n } = useTranslation();
  const groups = groupByField(indicators, fields, i18n.language);
  return (
    <div>
      {groups.map((group) => {
        const earned = group.indicators.reduce((sum, i) => sum + (i.earned ?? 0), 0);
        const headingId = `field-${group.code}`;
        return (
          <div key={group.code} className={styles.field}>
            <h3 id={headingId} className={styles.fieldHeading}>
              <span>{group.name}</span>
              <span className={styles.subtotal}>{t('scorecard.fieldSubtotal', { earned: formatScore(earned), points: formatNumber(group.points) })}</span>
            </h3>
            <div className={styles.scroll} tabIndex={0} role="region" aria-labelledby={headingId}>
              <table className={styles.table}>
                <thead>
                  <tr>
                    <th scope="col">{t('scorecard.columns.indicator')}</th>
                    <th scope="col" className={styles.numeric}>
                      {t('scorecard.columns.earned')} / {t('scorecard.columns.points')}
                    </th>
                    <th scope="col">{t('scorecard.columns.achievement')}</th>
                    <th scope="col" className={styles.numeric}>
                      {t('scorecard.columns.rawValue')}
                    </th>
                    <th scope="col" className={styles.numeric}>
                      {t('scorecard.columns.normalised')}
                    </th>
                    <th scope="col" className={styles.numeric}>
                      {t('scorecard.columns.median')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {group.indicators.map((indicator) => (
                    <tr key={indicator.code}>
                      <th scope="row">
                        <span className={styles.code}>{indicator.code}</span> {localized(indicator.name, i18n.language)}
                      </th>
                      <td className={styles.numeric}>
                        <strong>{formatScore(indicator.earned)}</strong>
                        <span className={styles.muted}> / {formatNumber(indicator.points)}</span>
                      </td>
                      <td className={styles.barCell}>
                        <AchievementBar earned={indicator.earned} points={indicator.points} />
                      </td>
                      <td className={styles.numeric}>
                        {formatNumber(indicator.rawValue)}
                        {indicator.rawValue !== null && indicator.unit !== null && ` ${indicator.unit}`}
                      </td>
                      <td className={styles.numeric}>{formatScore(indicator.normalised, 1)}</td>
                      <td className={styles.numeric}>{formatScore(indicator.median, 1)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        );
      })}
      <p className={styles.note}>{t('scorecard.normalisedNote')}</p>
    </div>
  );
}
