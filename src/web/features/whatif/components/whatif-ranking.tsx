import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RankChange } from '../../../components/ui/rank-change.js';
import { paths } from '../../../config/paths.js';
import { formatDelta, formatScore } from '../../../lib/format.js';
import styles from './whatif.module.css';

export interface SimulatedRow {
  code: string;
  name: string;
  score: number;
  rank: number;
  publishedScore: number | null;
  publishedRank: number | null;
}

/** The simulated ranking against the published one: ▲/▼ steps, both scores and the difference. */
export function WhatIfRanking({ rows, year }: { rows: SimulatedRow[]; year: number }) {
  const { t } = useTranslation();
  return (
    <div className={styles.tableBox} tabIndex={0} role="region" aria-label={t('whatif.rankingCaption')}>
      <table className={styles.table}>
        <caption className="visually-hidden">{t('whatif.rankingCaption')}</caption>
        <thead>
          <tr>
            <th scope="col" className={styles.num}>
              {t('whatif.columns.rank')}
            </th>
            <th scope="col">{t('results.columns.district')}</th>
            <th scope="col" className={styles.num}>
              {t('whatif.columns.score')}
            </th>
            <th scope="col">{t('whatif.columns.change')}</th>
            <th scope="col" className={`${styles.num} ${styles.wideOnly}`}>
              {t('whatif.columns.publishedRank')}
            </th>
            <th scope="col" className={styles.num}>
              {t('whatif.columns.scoreChange')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.code} className={row.publishedRank !== null && row.publishedRank !== row.rank ? styles.moved : undefined}>
              <td className={styles.num}>
                <strong>{Number.isNaN(row.rank) ? '–' : row.rank}</strong>
              </td>
              <th scope="row" className={styles.name}>
                <Link to={paths.scorecard(year, row.code)}>{row.name}</Link>
              </th>
              <td className={styles.num}>{formatScore(row.score)}</td>
              <td>{Number.isNaN(row.rank) ? '–' : <RankChange previousRank={row.publishedRank} rank={row.rank} />}</td>
              <td className={`${styles.num} ${styles.wideOnly}`}>{row.publishedRank ?? '–'}</td>
              <td className={styles.num}>{row.publishedScore === null ? '–' : formatDelta(row.score - row.publishedScore)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
