import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { NotFound } from '../../components/ui/not-found.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { QueryState } from '../../components/ui/query-state.js';
import { paths } from '../../config/paths.js';
import { usePublicAnalysis, useRunAnalysis } from '../../features/analysis/api/get-analysis.js';
import { AnalysisReport } from '../../features/analysis/components/analysis-view.js';
import styles from '../page.module.css';

function Header({ heading, back }: { heading: string; back: { to: string; label: string } }) {
  const { t } = useTranslation();
  return (
    <div className={styles.header}>
      <p>
        <Link to={back.to}>{back.label}</Link>
      </p>
      <h1>{heading}</h1>
      <p className={styles.lead}>{t('analysis.intro')}</p>
    </div>
  );
}

function RunAnalysisPage({ runId }: { runId: number }) {
  const { t } = useTranslation();
  const query = useRunAnalysis(runId);
  return (
    <>
      <PageTitle title={t('analysis.pageTitle')} />
      <Header heading={t('analysis.runHeading', { id: runId })} back={{ to: paths.currentScoring, label: t('analysis.back') }} />
      <QueryState query={query}>{(view) => <AnalysisReport view={view} source={{ runId }} />}</QueryState>
    </>
  );
}

function PublicAnalysisPage({ year }: { year: number }) {
  const { t } = useTranslation();
  const query = usePublicAnalysis(year);
  return (
    <>
      <PageTitle title={t('analysis.pageTitle')} />
      <Header heading={t('analysis.yearHeading', { year })} back={{ to: paths.results(year), label: t('analysis.backResults', { year }) }} />
      <QueryState query={query}>{(view) => <AnalysisReport view={view} source={{ year }} />}</QueryState>
    </>
  );
}

/** The statistical audit of a scoring run (/admin/scoring-runs/:id/analysis) or of a published year (/results/:year/analysis). */
export default function AnalysisPage() {
  const { id, year } = useParams();
  if (id !== undefined && /^\d+$/.test(id)) return <RunAnalysisPage runId={Number(id)} />;
  if (year !== undefined && /^\d{4}$/.test(year)) return <PublicAnalysisPage year={Number(year)} />;
  return <NotFound />;
}
