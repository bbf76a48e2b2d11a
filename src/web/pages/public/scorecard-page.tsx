import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DemoBadge } from '../../components/ui/badge.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { QueryState } from '../../components/ui/query-state.js';
import { paths } from '../../config/paths.js';
import { useCycleResults } from '../../features/results/api/get-cycle-results.js';
import { useScorecard } from '../../features/scorecards/api/get-scorecard.js';
import { Explanation } from '../../features/scorecards/components/explanation.js';
import { IndicatorTable } from '../../features/scorecards/components/indicator-table.js';
import { RadarComparison } from '../../features/scorecards/components/radar-comparison.js';
import { ScorecardSummary } from '../../features/scorecards/components/scorecard-summary.js';
import { TrendCharts } from '../../features/scorecards/components/trend-charts.js';
import { Robustness } from '../../features/scorecards/components/robustness.js';
import { scorecardPdfUrl } from '../../features/open-data/api/download-urls.js';
import { tierDisplay } from '../../lib/award-tiers.js';
import type { CycleResults, Scorecard } from '../../types/index.js';
import { NotFound } from '../../components/ui/not-found.js';
import styles from '../page.module.css';

/** Public scorecard of one district in one cycle; field and tier names come from the cycle's results. */
export default function ScorecardPage() {
  const params = useParams();
  const year = Number(params.year);
  const code = params.code ?? '';
  if (!Number.isInteger(year) || code === '') return <NotFound />;
  return <ScorecardView year={year} code={code} />;
}

function ScorecardView({ year, code }: { year: number; code: string }) {
  const { t } = useTranslation();
  const scorecard = useScorecard(year, code);
  const results = useCycleResults(year);

  return (
    <>
      <nav className={styles.breadcrumb} aria-label={t('scorecard.breadcrumbLabel')}>
        <ol>
          <li>
            <Link to={paths.home}>{t('header.nav.results')}</Link>
          </li>
          <li>
            <Link to={paths.results(year)}>{t('scorecard.backToResults', { year })}</Link>
          </li>
          {scorecard.data !== undefined && <li aria-current="page">{scorecard.data.district.name}</li>}
        </ol>
      </nav>
      <QueryState query={scorecard}>{(data) => <ScorecardContent scorecard={data} results={results.data ?? null} />}</QueryState>
    </>
  );
}

function ScorecardContent({ scorecard, results }: { scorecard: Scorecard; results: CycleResults | null }) {
  const { t, i18n } = useTranslation();
  const district = scorecard.district.name;
  const tier = tierDisplay(results?.tiers ?? [], scorecard.awardTier, i18n.language);
  const unitCount = results?.units.length ?? null;

  return (
    <>
      <PageTitle title={t('scorecard.pageTitle', { district })} />
      <div className={styles.header}>
        <div className={styles.sectionHeader}>
          <h1>{t('scorecard.heading', { year: scorecard.year, district })}</h1>
          {scorecard.demo && <DemoBadge />}
        </div>
        {scorecard.demo && <p className={styles.notice}>{t('common.demoDataNote')}</p>}
        <p>
          <a href={scorecardPdfUrl(scorecard.year, scorecard.district.code, i18n.language)} download>
            {t('scorecardMore.pdfLink')}
          </a>{' '}
          <span className={styles.meta}>({t('scorecardMore.pdfHint')})</span>
        </p>
      </div>

      <ScorecardSummary scorecard={scorecard} tier={tier} unitCount={unitCount} />

      <section className={styles.section} aria-labelledby="robustness-heading">
        <h2 id="robustness-heading">{t('scorecardMore.robustnessHeading')}</h2>
        <Robustness scorecard={scorecard} tiers={results?.tiers ?? []} />
      </section>

      {(scorecard.explanation.ko.length > 0 || scorecard.explanation.en.length > 0) && (
        <section className={styles.section} aria-labelledby="explanation-heading">
          <h2 id="explanation-heading">{t('scorecard.explanationHeading')}</h2>
          <Explanation explanation={scorecard.explanation} />
        </section>
      )}

      <section className={styles.section} aria-labelledby="indicators-heading">
        <h2 id="indicators-heading">{t('scorecard.indicatorsHeading')}</h2>
        <IndicatorTable indicators={scorecard.indicators} fields={results?.fields ?? []} />
      </section>

      <section className={styles.section} aria-labelledby="trend-heading">
        <h2 id="trend-heading" className="visually-hidden">
          {t('scorecard.trendsHeading')}
        </h2>
        {scorecard.trend.length < 2 ? <p>{t('scorecard.noTrend')}</p> : <TrendCharts trend={scorecard.trend} unitCount={unitCount} />}
      </section>

      <div className={styles.section}>
        <RadarComparison districtName={district} indicators={scorecard.indicators} />
      </div>
    </>
  );
}
