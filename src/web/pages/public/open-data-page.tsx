import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/ui/page-title.js';
import { QueryState } from '../../components/ui/query-state.js';
import { EmptyState } from '../../components/ui/status.js';
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
      <QueryState query={cycles} isEmpty={(data) => data.length === 0} empty={<EmptyState title={t('results.empty')} text={t('results.emptyHint')} />}>
        {(data) => (
          <section aria-labelledby="datasets-heading">
            <h2 id="datasets-heading">{t('openData.datasetsHeading')}</h2>
            <DatasetList cycles={data} />
          </section>
        )}
      </QueryState>
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
