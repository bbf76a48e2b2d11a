import { useTranslation } from 'react-i18next';
import type { ItemComparison } from '../../../types/index.js';
import styles from './verification.module.css';

/**
 * Where the value sits among this year's peers: a bar from the lowest to the highest district, with marks for the
 * median, last year and this value. Decorative: the same figures are written next to it.
 */
export function PeerRange({ value, peers, lastYear }: { value: number | null; peers: ItemComparison['peers']; lastYear: number | null }) {
  const { t } = useTranslation();
  if (peers.min === null || peers.max === null || value === null) return null;
  const lo = Math.min(peers.min, value, lastYear ?? value);
  const hi = Math.max(peers.max, value, lastYear ?? value);
  const at = (x: number) => (hi === lo ? 50 : ((x - lo) / (hi - lo)) * 100);
  return (
    <div className={styles.range} aria-hidden="true">
      <div className={styles.rangeTrack} style={{ left: `${at(peers.min)}%`, width: `${at(peers.max) - at(peers.min)}%` }} />
      {peers.median !== null && (
        <span className={`${styles.rangeMark} ${styles.rangeMedian}`} style={{ left: `${at(peers.median)}%` }} title={t('verification.panel.legend.median')} />
      )}
      {lastYear !== null && (
        <span className={`${styles.rangeMark} ${styles.rangeLast}`} style={{ left: `${at(lastYear)}%` }} title={t('verification.panel.legend.lastYear')} />
      )}
      <span className={`${styles.rangeMark} ${styles.rangeValue}`} style={{ left: `${at(value)}%` }} title={t('verification.panel.legend.value')} />
      <div className={styles.rangeLegend}>
        <span>
          <i className={styles.rangeValue} /> {t('verification.panel.legend.value')}
        </span>
        <span>
          <i className={styles.rangeMedian} /> {t('verification.panel.legend.median')}
        </span>
        {lastYear !== null && (
          <span>
            <i className={styles.rangeLast} /> {t('verification.panel.legend.lastYear')}
          </span>
        )}
      </div>
    </div>
  );
}
