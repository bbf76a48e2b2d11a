import { useTranslation } from 'react-i18next';
import styles from './rank-change.module.css';

/** Movement from the previous rank to this one: ▲ climbed, ▼ fell (a smaller rank number is better). */
/** The movement since the previous rank; nothing for a unit without a rank (no score this time). */
export function RankChange({ previousRank, rank }: { previousRank: number | null; rank: number | null }) {
  const { t } = useTranslation();
  if (rank === null) return null;
  if (previousRank === null) {
    return <span className={`${styles.change} ${styles.new}`}>{t('results.movement.new')}</span>;
  }
  const climbed = previousRank - rank;
  if (climbed === 0) {
    return (
      <span className={`${styles.change} ${styles.same}`}>
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">{t('results.movement.same')}</span>
      </span>
    );
  }
  const up = climbed > 0;
  const label = t(up ? 'results.movement.up' : 'results.movement.down', { count: Math.abs(climbed) });
  return (
    <span className={`${styles.change} ${up ? styles.up : styles.down}`} title={label}>
      <span aria-hidden="true">
        {up ? '▲' : '▼'} {Math.abs(climbed)}
      </span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
