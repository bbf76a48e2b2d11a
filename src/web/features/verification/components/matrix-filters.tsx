import { useTranslation } from 'react-i18next';
import { CheckboxField, SelectField } from '../../../components/ui/form-field.js';
import type { ItemStatus } from '../../../types/index.js';
import type { MatrixFilter } from './matrix-filter.js';
import styles from './verification.module.css';

const statuses: ItemStatus[] = ['not_started', 'draft', 'submitted', 'approved', 'returned', 'verified'];

/** Status, outlier, lateness and changed-after-submission filters of the matrix. */
export function MatrixFilters({ filter, onChange, matching }: { filter: MatrixFilter; onChange: (filter: MatrixFilter) => void; matching: number }) {
  const { t } = useTranslation();
  return (
    <div className={styles.filters} role="group" aria-label={t('verification.filters.label')}>
      <SelectField
        label={t('verification.filters.status')}
        value={filter.status}
        onChange={(e) => onChange({ ...filter, status: e.target.value as MatrixFilter['status'] })}
        className={styles.statusFilter}
      >
        <option value="all">{t('verification.filters.all')}</option>
        {statuses.map((status) => (
          <option key={status} value={status}>
            {t(`itemStatus.${status}`)}
          </option>
        ))}
      </SelectField>
      <CheckboxField label={t('verification.filters.flagged')} checked={filter.flagged} onChange={(e) => onChange({ ...filter, flagged: e.target.checked })} />
      <CheckboxField label={t('verification.filters.late')} checked={filter.late} onChange={(e) => onChange({ ...filter, late: e.target.checked })} />
      <CheckboxField label={t('verification.filters.changed')} checked={filter.changed} onChange={(e) => onChange({ ...filter, changed: e.target.checked })} />
      <p className={styles.matching} aria-live="polite">
        {t('verification.filters.matching', { count: matching })}
      </p>
    </div>
  );
}
