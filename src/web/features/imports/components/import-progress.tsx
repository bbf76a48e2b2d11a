import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { ProgressBar } from '../../../components/ui/progress-bar.js';
import { ErrorState } from '../../../components/ui/status.js';
import { formatNumber } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import { importsQueryKey, isActiveImport } from '../api/get-imports.js';
import { useImport } from '../api/get-import.js';
import { ImportErrorsTable } from './import-errors-table.js';
import styles from './imports.module.css';

/** Follows one background import until it is committed or refused; the page may be left meanwhile. */
export function ImportProgress({ importId, onFinished }: { importId: number; onFinished?: () => void }) {
  const { t, i18n } = useTranslation();
  const query = useImport(importId);
  const data = query.data;
  const finished = data !== undefined && !isActiveImport(data);
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!finished) return;
    onFinished?.();
    if (data.orgUnitCode !== null) void queryClient.invalidateQueries({ queryKey: importsQueryKey(data.orgUnitCode) });
    // Once per import.
  }, [finished, importId]);

  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (data === undefined || isActiveImport(data)) {
    const fraction = data?.job?.progress ?? null;
    return (
      <div role="status" className={styles.job}>
        <ProgressBar
          value={fraction === 0 ? null : fraction}
          label={data === undefined ? t('imports.job.starting') : t('imports.job.running', { name: data.fileName })}
          detail={data !== undefined && data.processedRows > 0 ? t('imports.job.rows', { rows: formatNumber(data.processedRows) }) : undefined}
        />
        <p className={styles.meta}>{t('imports.job.leave')}</p>
      </div>
    );
  }
  if (data.status === 'committed') {
    return (
      <Alert tone="success" role="status" title={t('imports.job.committed', { name: data.fileName })}>
        <p>{t('imports.job.committedRows', { rows: formatNumber(data.processedRows) })}</p>
      </Alert>
    );
  }
  return (
    <Alert tone="danger" role="alert" title={t('imports.job.failed', { name: data.fileName, count: data.errorCount })}>
      <ImportErrorsTable
        caption={t('imports.errors.caption', { name: data.fileName })}
        total={data.errorCount}
        errors={data.errors.map((e) => ({ sheet: e.sheet, row: e.row, column: e.column, message: localized(e.message, i18n.language) }))}
      />
    </Alert>
  );
}
