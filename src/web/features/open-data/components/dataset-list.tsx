import { useTranslation } from 'react-i18next';
import { DemoBadge } from '../../../components/ui/badge.js';
import { ButtonLink } from '../../../components/ui/button.js';
import { formatDate } from '../../../lib/format.js';
import type { PublicCycle } from '../../../types/index.js';
import { handbookDownloadUrl, resultsDownloadUrl } from '../api/download-urls.js';
import type { ResultsFormat } from '../api/download-urls.js';
import styles from './dataset-list.module.css';

const formats: ResultsFormat[] = ['xlsx', 'csv', 'json'];

/** One downloadable dataset per published cycle, in every format the server exports. */
export function DatasetList({ cycles }: { cycles: PublicCycle[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className={styles.list}>
      {cycles.map((cycle) => (
        <li key={cycle.year} className={styles.item}>
          <div>
            <h3 className={styles.title}>
              {t('openData.datasetTitle', { year: cycle.year })}
              {cycle.demo && <DemoBadge />}
            </h3>
            <p className={styles.description}>
              {t('openData.datasetDescription')} · {t('results.publishedAt', { date: formatDate(cycle.publishedAt, i18n.language) })}
            </p>
          </div>
          <ul className={styles.formats} aria-label={t('openData.formatsLabel', { year: cycle.year })}>
            {formats.map((format) => (
              <li key={format}>
                <ButtonLink href={resultsDownloadUrl(cycle.year, format)} variant="secondary" size="small" download>
                  {t(`openData.${format}`)}
                </ButtonLink>
              </li>
            ))}
            <li>
              <ButtonLink href={handbookDownloadUrl(cycle.year, i18n.language)} variant="secondary" size="small" download>
                {t('handbook.publicPdf')}
              </ButtonLink>
            </li>
          </ul>
        </li>
      ))}
    </ul>
  );
}
