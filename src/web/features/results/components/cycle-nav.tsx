import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { paths } from '../../../config/paths.js';
import type { PublicCycle } from '../../../types/index.js';
import styles from './cycle-nav.module.css';

/** The published cycles as a row of year links; the selected one is marked as the current page. */
export function CycleNav({ cycles, selectedYear }: { cycles: PublicCycle[]; selectedYear: number }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('results.cyclesNavLabel')}>
      <ul className={styles.list}>
        {cycles.map((cycle) => (
          <li key={cycle.year}>
            <Link to={paths.results(cycle.year)} className={styles.link} aria-current={cycle.year === selectedYear ? 'page' : undefined}>
              {t('common.year', { year: cycle.year })}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
