import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DemoBadge } from '../../components/ui/badge.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { QueryState } from '../../components/ui/query-state.js';
import { EmptyState } from '../../components/ui/status.js';
import { useCycleResults } from '../../features/results/api/get-cycle-results.js';
import { useCycles } from '../../features/results/api/get-cycles.js';
import { CycleNav } from '../../features/results/components/cycle-nav.js';
import { DistrictTileMap } from '../../features/results/components/district-tile-map.js';
import { RankingTable } from '../../features/results/components/ranking-table.js';
import { AwardTierList, ResultsStats } from '../../features/results/components/results-summary.js';
import { resultsDownloadUrl } from '../../features/open-data/api/download-urls.js';
import { paths } from '../../config/paths.js';
import { formatDate } from '../../lib/format.js';
import type { CycleResults } from '../../types/index.js';
import styles from '../page.module.css';

/** Public home: the published cycles and, for the chosen year (default: the latest), its results. */
export default function ResultsPage() {
  const { t } = useTranslation();
  const params = useParams();
  const cycles = useCycles();
  const requestedYear = params.year === undefined ? undefined : Number(params.year);
  const year = requestedYear ?? cycles.data?.[0]?.year;
  const results = useCycleResults(year !== undefined && Number.isInteger(year) ? year : undefined);
  const noResults = <EmptyState title={t('results.empty')} text={t('results.emptyHint')} />;

  return (
    <>
      <PageTitle title={year === undefined ? t('results.pageTitle') : `${t('common.year', { year })} ${t('results.pageTitle')}`} />
      <div className={styles.header}>
        <h1>{t('results.heading')}</h1>
        <p className={styles.lead}>{t('results.intro')}</p>
      </div>

      <QueryState query={cycles} isEmpty={(data) => data.length === 0} empty={noResults}>
        {(data) => (
          <>
            <section aria-labelledby="cycles-heading">
              <h2 id="cycles-heading" className="visually-hidden">
                {t('results.cyclesHeading')}
              </h2>
              <CycleNav cycles={data} selectedYear={year ?? 0} />
            </section>
            <div className={styles.section}>
              {year === undefined || !Number.isInteger(year) ? (
                <EmptyState title={t('errors.notFoundTitle')} />
              ) : (
                <QueryState query={results} isEmpty={(r) => r.units.length === 0} empty={noResults}>
                  {(r) => <CycleResultsView results={r} />}
                </QueryState>
              )}
            </div>
          </>
        )}
      </QueryState>
    </>
  );
}

function CycleResultsView({ results }: { results: CycleResults }) {
  const { t, i18n } = useTranslation();
  const downloads = [
    { href: resultsDownloadUrl(results.year, 'xlsx'), label: t('results.downloadXlsx') },
    { href: resultsDownloadUrl(results.year, 'csv'), label: t('results.downloadCsv') },
  ];
  return (
    <>
      <section aria-labelledby="summary-heading">
        <div className={styles.sectionHeader}>
          <h2 id="summary-heading">
            {/* The cycle title is Korean data; English readers get a heading in their language. */}
            {i18n.language === 'ko' && results.title !== '' ? results.title : t('results.summaryHeading', { year: results.year })}
          </h2>
          {results.demo && <DemoBadge />}
          <span className={styles.meta}>{t('results.publishedAt', { date: formatDate(results.publishedAt, i18n.language) })}</span>
        </div>
        {results.demo && <p className={styles.notice}>{t('common.demoDataNote')}</p>}
        <ResultsStats results={results} />
        <p>
          <Link to={paths.resultsAnalysis(results.year)}>{t('analysis.publicLink')}</Link>
        </p>
      </section>

      <div className={styles.columns}>
        <section className={styles.section} aria-labelledby="map-heading">
          <h2 id="map-heading">{t('results.mapHeading')}</h2>
          <DistrictTileMap year={results.year} units={results.units} />
        </section>
        {results.tiers.length > 0 && (
          <section className={styles.section} aria-labelledby="tiers-heading">
            <h2 id="tiers-heading">{t('results.tiersHeading')}</h2>
            <AwardTierList results={results} />
          </section>
        )}
      </div>

      <section className={styles.section} aria-labelledby="ranking-heading">
        <h2 id="ranking-heading">{t('results.rankingHeading')}</h2>
        <RankingTable results={results} downloads={downloads} />
      </section>
    </>
  );
}
