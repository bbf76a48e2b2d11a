import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/ui/page-title.js';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/status.js';
import { DatasetList } from '../../features/open-data/components/dataset-list.js';
import { useCycles } from '../../features/results/api/get-cycles.js';
import styles from '../page.module.css';

const apiEndpoints = [
  '/api/v1/public/cycles',
  '/api/v1/public/cycles/{year}/results',
  '/api/v1/public/cycles/{year}/results.csv',
  '/api/v1/public/cycles/{year}/districts/{code}/scorecard',
];

/** Downloads of every published cycle's results, and a pointer to the API. */
export default function OpenDataPage() {
  const { t } = useTranslation();
  const cycles = useCycles();
  return (
    <>
      <PageTitle title={t('openData.pageTitle')} />
      <div className={styles.header}>
        <h1>{t('openData.heading')}</h1>
        <p className={styles.lead}>{t('openData.intro')}</p>
      </div>
      {cycles.isPending ? (
        <LoadingState />
      ) : cycles.isError ? (
        <ErrorState error={cycles.error} onRetry={() => void cycles.refetch()} />
      ) : cycles.data.length === 0 ? (
        <EmptyState title={t('results.empty')} text={t('results.emptyHint')} />
      ) : (
        <section aria-labelledby="datasets-heading">
          <h2 id="datasets-heading">{t('openData.datasetsHeading')}</h2>
          <DatasetList cycles={cycles.data} />
        </section>
      )}
      <section className={styles.section} aria-labelledby="api-heading">
        <h2 id="api-heading">{t('openData.apiHeading')}</h2>
        <p>{t('openData.apiText')}</p>
        <ul className={styles.endpoints}>
          {apiEndpoints.map((endpoint) => (
            <li key={endpoint}>
              <code>GET {endpoint}</code>
            </li>
          ))}
        </ul>
        <p>
          <a href="/api/docs">{t('openData.apiDocs')}</a>
        </p>
      </section>
    </>
  );
}
