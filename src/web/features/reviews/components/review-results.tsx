import { useMemo } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/data-table/data-table.js';
import tableStyles from '../../../components/ui/table.module.css';
import { formatNumber, formatScore } from '../../../lib/format.js';
import type { ReviewResults as Results } from '../../../types/index.js';
import styles from './reviews.module.css';

type Item = Results['items'][number];

/**
 * The closed round's outcome: each item's panel score (a trimmed mean from `trimFrom` reviewers on) and each
 * reviewer's systematic deviation, flagged when harsh or lenient beyond the rule.
 */
export function ReviewResults({ results }: { results: Results }) {
  const { t } = useTranslation();
  const columns = useMemo<ColumnDef<Item, unknown>[]>(
    () => [
      { id: 'district', header: t('reviews.results.district'), accessorFn: (i) => i.orgUnitName },
      { id: 'indicator', header: t('reviews.results.indicator'), accessorFn: (i) => i.indicatorCode },
      { id: 'n', header: t('reviews.results.n'), accessorFn: (i) => i.n, meta: { numeric: true } },
      {
        id: 'score',
        header: t('reviews.results.score'),
        accessorFn: (i) => i.score,
        cell: (info) => formatScore(info.row.original.score, 1),
        meta: { numeric: true },
      },
      {
        id: 'trimmed',
        header: t('reviews.results.trimmed'),
        accessorFn: (i) => (i.trimmed ? 1 : 0),
        cell: (info) => t(info.row.original.trimmed ? 'common.yes' : 'common.no'),
      },
    ],
    [t],
  );
  return (
    <div className={styles.progress}>
      <p className={styles.muted}>{t('reviews.results.rule', { trimFrom: results.trimFrom })}</p>
      <DataTable
        data={results.items}
        columns={columns}
        caption={t('reviews.results.caption')}
        getRowId={(i) => `${i.orgUnitCode}:${i.indicatorCode}`}
        searchText={(i) => `${i.orgUnitName} ${i.indicatorCode}`}
        filterLabel={t('reviews.filter')}
        maxHeight="40vh"
      />
      {results.reviewers.length > 0 && <ReviewerFlags results={results} />}
    </div>
  );
}

function ReviewerFlags({ results }: { results: Results }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t('reviews.results.reviewersHeading')}</h3>
      <div className={tableStyles.scroll} tabIndex={0} role="region" aria-label={t('reviews.results.reviewersCaption')}>
        <table className={tableStyles.table}>
          <caption className="visually-hidden">{t('reviews.results.reviewersCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reviews.progress.reviewer')}</th>
              <th scope="col" className={tableStyles.num}>
                {t('reviews.results.items')}
              </th>
              <th scope="col" className={tableStyles.num}>
                {t('reviews.results.deviation')}
              </th>
              <th scope="col" className={tableStyles.num}>
                z
              </th>
              <th scope="col">{t('reviews.results.flag')}</th>
            </tr>
          </thead>
          <tbody>
            {results.reviewers.map((r) => (
              <tr key={r.username}>
                <th scope="row">{r.displayName}</th>
                <td className={tableStyles.num}>{formatNumber(r.items)}</td>
                <td className={tableStyles.num}>{formatScore(r.meanDeviation, 1)}</td>
                <td className={tableStyles.num}>{formatScore(r.z, 2)}</td>
                <td>{r.flagged ? `⚠ ${t(`reviews.results.direction.${r.direction ?? 'harsh'}`)}` : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
