import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format.js';
import tableStyles from '../../../components/ui/table.module.css';
import styles from './imports.module.css';

export interface ImportErrorRow {
  sheet?: string;
  row?: number;
  column?: string;
  message: string;
}

/**
 * Every problem of a refused file, one row each (sheet, row, column, reason), so that the officer can fix the file
 * in one pass. `total` counts problems beyond those listed (the server lists up to a limit).
 */
export function ImportErrorsTable({ errors, total, caption }: { errors: ImportErrorRow[]; total: number; caption: string }) {
  const { t } = useTranslation();
  return (
    <div className={styles.errors}>
      {total > errors.length && (
        <p className={styles.meta}>{t('imports.errors.truncated', { shown: formatNumber(errors.length), total: formatNumber(total) })}</p>
      )}
      <div className={`${tableStyles.scroll} ${styles.errorsScroll}`} tabIndex={0} role="region" aria-label={caption}>
        <table className={tableStyles.table}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('imports.errors.sheet')}</th>
              <th scope="col" className={tableStyles.num}>
                {t('imports.errors.row')}
              </th>
              <th scope="col">{t('imports.errors.column')}</th>
              <th scope="col">{t('imports.errors.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((error, index) => (
              <tr key={`${error.sheet ?? ''}:${error.row ?? ''}:${error.column ?? ''}:${index}`}>
                <td>{error.sheet ?? '–'}</td>
                <td className={tableStyles.num}>{error.row === undefined ? '–' : formatNumber(error.row)}</td>
                <td>{error.column ?? '–'}</td>
                <td>{error.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
