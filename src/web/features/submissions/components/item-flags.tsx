import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format.js';
import type { OutlierFlag } from '../../../types/index.js';
import styles from './submissions.module.css';

/**
 * Outlier warnings for a value, before it is submitted: far from the district's own earlier years, or from the other
 * districts this cycle (robust z-score). A warning, not a blocker: an unusual value may be right.
 */
export function ItemFlags({ flags, unit }: { flags: OutlierFlag[]; unit: string }) {
  const { t } = useTranslation();
  if (flags.length === 0) return null;
  return (
    <ul className={styles.flags}>
      {flags.map((flag) => (
        <li key={flag.kind}>
          <span aria-hidden="true">⚠ </span>
          {t(`submissions.flags.${flag.kind}`, {
            median: `${formatNumber(flag.median)}${unit === '' ? '' : ` ${unit}`}`,
            n: flag.n,
            z: flag.z === null ? '–' : formatNumber(flag.z),
          })}
        </li>
      ))}
    </ul>
  );
}
