import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/ui/page-title.js';
import { QueryState } from '../../components/ui/query-state.js';
import { EmptyState } from '../../components/ui/status.js';
import { DatasetList } from '../../features/open-data/components/dataset-list.js';
import { ButtonLink } from '../../components/ui/button.js';
import { longDownloadUrl } from '../../features/open-data/api/download-urls.js';
import listStyles from '../../features/open-data/components/dataset-list.module.css';
import { useCycles } from '../../features/results/api/get-cycles.js';
import styles from '../page.module.css';

const apiEndpoints = [
  '/api/v1/public/cycles',
  '/api/v1/public/cycles/{year}/results',
  '/api/v1/public/cycles/{year}/results.csv',
  '/api/v1/public/cycles/{year}/districts/{code}/scorecard',
  '/api/v1/public/open-data/indicators-long.csv',
  '/api/v1/public/open-data/dictionary.csv',
];

/** Downloads of every published cycle's results, and a pointer to the API. */
export default function OpenDataPage() {
  const { t, i18n } = useTranslation();
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
          <>
            <section aria-labelledby="datasets-heading">
              <h2 id="datasets-heading">{t('openData.datasetsHeading')}</h2>
              <p>{t('openDataMore.precisionNote')}</p>
              <DatasetList cycles={data} />
            </section>
            <section className={styles.section} aria-labelledby="long-heading">
              <h2 id="long-heading">{t('openDataMore.longHeading')}</h2>
              <p>{t('openDataMore.longDescription')}</p>
              <ul className={listStyles.formats} aria-label={t('openDataMore.longFormatsLabel')}>
                {(
                  [
                    [longDownloadUrl('xlsx', i18n.language), t('openData.xlsx')],
                    [longDownloadUrl('csv', i18n.language), t('openData.csv')],
                    [longDownloadUrl('csv', i18n.language, 'cp949'), t('openDataMore.csvCp949')],
                    [longDownloadUrl('dictionary.csv', i18n.language), t('openDataMore.dictionary')],
                  ] as const
                ).map(([href, label]) => (
                  <li key={href}>
                    <ButtonLink href={href} variant="secondary" size="small" download>
                      {label}
                    </ButtonLink>
                  </li>
                ))}
              </ul>
            </section>
          </>
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
