import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { CheckboxField } from '../../../components/ui/form-field.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { MatrixCell } from '../../../types/index.js';
import { useBulkVerify } from '../api/bulk-verify.js';
import styles from './verification.module.css';

interface BulkVerifyBarProps {
  year: number;
  picking: boolean;
  onPickingChange: (picking: boolean) => void;
  selected: Map<number, MatrixCell>;
  onSelect: (cells: Map<number, MatrixCell>) => void;
  /** Approved items that pass the current filter (the ones "select all" picks). */
  approvedInView: MatrixCell[];
}

/** Picking approved items in the matrix and verifying them together (all or nothing). */
export function BulkVerifyBar({ year, picking, onPickingChange, selected, onSelect, approvedInView }: BulkVerifyBarProps) {
  const { t } = useTranslation();
  const bulk = useBulkVerify(year);
  const problem = bulk.error instanceof ApiError ? bulk.error : null;
  return (
    <>
      <div className={styles.bulkBar}>
        <CheckboxField
          label={t('verification.bulk.pick')}
          checked={picking}
          onChange={(e) => {
            onPickingChange(e.target.checked);
            if (!e.target.checked) onSelect(new Map());
            bulk.reset();
          }}
        />
        {picking && (
          <>
            <Button
              variant="tertiary"
              size="small"
              onClick={() => onSelect(new Map(approvedInView.map((c) => [c.id, c])))}
              disabled={approvedInView.length === 0}
            >
              {t('verification.bulk.selectAll', { count: approvedInView.length })}
            </Button>
            <p aria-live="polite">{t('verification.bulk.selected', { count: selected.size })}</p>
            <Button
              disabled={selected.size === 0 || bulk.isPending}
              onClick={() =>
                bulk.mutate(
                  [...selected.values()].map((c) => ({ id: c.id, version: c.version })),
                  { onSuccess: () => onSelect(new Map()) },
                )
              }
            >
              {bulk.isPending ? t('common.working') : t('verification.bulk.verify', { count: selected.size })}
            </Button>
          </>
        )}
      </div>
      <div aria-live="polite">
        {bulk.isSuccess && (
          <Alert tone="success" role="status">
            {t('verification.bulk.done', { count: bulk.data.verified.length })}
          </Alert>
        )}
        {problem !== null && (
          <Alert tone="danger" role="alert" title={problem.title}>
            <p>{problem.detail}</p>
            <p>{t('verification.bulk.retry')}</p>
          </Alert>
        )}
      </div>
      {picking && <p className={styles.muted}>{t('verification.bulk.hint')}</p>}
    </>
  );
}
