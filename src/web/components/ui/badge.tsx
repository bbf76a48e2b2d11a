import { useTranslation } from 'react-i18next';
import styles from './badge.module.css';

/** Marks synthetic data wherever it is shown. */
export function DemoBadge() {
  const { t } = useTranslation();
  return (
    <span className={`${styles.badge} ${styles.demo}`} title={t('common.demoDataNote')}>
      {t('common.demoData')}
    </span>
  );
}

const tierClasses = [styles.tier0, styles.tier1, styles.tier2];

/**
 * An award tier. `level` is the tier's position in the cycle's tier list (0 = highest); tiers are data, so the
 * colour follows the order, not the name.
 */
export function AwardBadge({ label, level }: { label: string; level: number }) {
  const tierClass = tierClasses[level] ?? styles.neutral;
  return (
    <span className={`${styles.badge} ${tierClass}`}>
      <span aria-hidden="true">{level === 0 ? '★' : '●'}</span>
      {label}
    </span>
  );
}
