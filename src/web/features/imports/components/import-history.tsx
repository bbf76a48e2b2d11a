import { useTranslation } from 'react-i18next';
import { ProgressBar } from '../../../components/ui/progress-bar.js';
import { QueryState } from '../../../components/ui/query-state.js';
import { formatDateTime, formatNumber } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import type { ImportView } from '../../../types/index.js';
import { isActiveImport, useImports } from '../api/get-imports.js';
import { ImportErrorsTable } from './import-errors-table.js';
import { ImportStatusBadge } from './import-status-badge.js';
import styles from './imports.module.css';

/**
 * The district's recent imports of the cycle with their status; those still running show their progress and are
 * followed automatically, so a user who left the page finds them here.
 */
export function ImportHistory({ code, year }: { code: string; year: number }) {
  const { t } = useTranslation();
  const imports = useImports(code, year);
  return (
    <QueryState query={imports} isEmpty={(data) => data.items.length === 0} empty={<p className={styles.meta}>{t('imports.history.empty')}</p>}>
      {(data) => (
        <ul className={styles.history}>
          {data.items.map((item) => (
            <HistoryItem key={item.id} item={item} />
          ))}
        </ul>
      )}
    </QueryState>
  );
}

function HistoryItem({ item }: { item: ImportView }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <li className={styles.historyItem}>
      <div className={styles.historyHead}>
        <strong className={styles.fileName}>{item.fileName}</strong>
        <ImportStatusBadge status={item.status} />
      </div>
      <p className={styles.meta}>
        {t('imports.history.meta', {
          when: formatDateTime(item.createdAt, language),
          format: item.format.toUpperCase(),
          rows: formatNumber(item.totalRows),
          by: item.createdBy ?? '–',
        })}
      </p>
      {isActiveImport(item) && (
        <ProgressBar
          value={item.job?.progress === undefined || item.job.progress === 0 ? null : item.job.progress}
          label={t('imports.job.running', { name: item.fileName })}
        />
      )}
      {item.status === 'failed' && item.errors.length > 0 && (
        <details className={styles.details}>
          <summary>{t('imports.history.showErrors', { count: item.errorCount })}</summary>
          <ImportErrorsTable
            caption={t('imports.errors.caption', { name: item.fileName })}
            total={item.errorCount}
            errors={item.errors.map((e) => ({ sheet: e.sheet, row: e.row, column: e.column, message: localized(e.message, language) }))}
          />
        </details>
      )}
    </li>
  );
}
