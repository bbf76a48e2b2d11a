import { useCallback } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { NotFound } from '../../components/ui/not-found.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { QueryState } from '../../components/ui/query-state.js';
import { EmptyState } from '../../components/ui/status.js';
import { paths } from '../../config/paths.js';
import { useMe } from '../../features/auth/api/get-me.js';
import { useScoringRun } from '../../features/scoring/api/get-scoring-run.js';
import { useScoringRuns } from '../../features/scoring/api/get-scoring-runs.js';
import { RunComparisonView } from '../../features/scoring/components/run-comparison.js';
import { RunList } from '../../features/scoring/components/run-list.js';
import { RunResult } from '../../features/scoring/components/run-result.js';
import { RunScoringForm } from '../../features/scoring/components/run-scoring-form.js';
import { localized } from '../../lib/localized.js';
import { hasRole } from '../../lib/roles.js';
import styles from '../page.module.css';
import { CurrentCycleRedirect } from './current-cycle-redirect.js';
import admin from './admin.module.css';
import { EyeIcon } from '../../components/ui/icons.js';

/** Scoring runs of a cycle: run one (city admin), list them, read a run's ranking, reproduce it, compare two. */
export default function ScoringPage() {
  const params = useParams();
  if (params.year === undefined) return <CurrentCycleRedirect to={paths.scoring} />;
  const year = Number(params.year);
  if (!Number.isInteger(year)) return <NotFound />;
  return <ScoringScreen key={year} year={year} />;
}

function ScoringScreen({ year }: { year: number }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const isAdmin = hasRole(me.data, 'city_admin');
  const runs = useScoringRuns(year);
  const [search, setSearch] = useSearchParams();
  const requested = Number(search.get('run'));
  const selected = Number.isInteger(requested) && requested > 0 ? requested : (runs.data?.[0]?.id ?? null);
  const run = useScoringRun(selected);
  const select = useCallback((id: number) => setSearch({ run: String(id) }, { replace: true }), [setSearch]);

  const tiers = run.data?.result?.tiers ?? [];
  const tierName = useCallback(
    (code: string | null) => {
      if (code === null) return '–';
      const tier = tiers.find((x) => x.code === code);
      return tier === undefined ? code : localized(tier.name, i18n.language);
    },
    [tiers, i18n.language],
  );

  return (
    <>
      <PageTitle title={t('scoring.pageTitle', { year })} />
      <nav className={styles.breadcrumb} aria-label={t('scorecard.breadcrumbLabel')}>
        <ol>
          <li>
            <Link to={paths.adminCycle(year)}>{t('dashboard.breadcrumb', { year })}</Link>
          </li>
          <li aria-current="page">{t('scoring.heading')}</li>
        </ol>
      </nav>
      <div className={styles.header}>
        <h1>{t('scoring.pageTitle', { year })}</h1>
        <p className={styles.lead}>{t('scoring.intro')}</p>
        {!isAdmin && (
          <span className={admin.readOnly}>
            <EyeIcon />
            {t('scoring.readOnly')}
          </span>
        )}
      </div>

      {isAdmin && (
        <section className={admin.panel} aria-labelledby="run-heading">
          <h2 id="run-heading">{t('scoring.run.heading')}</h2>
          <RunScoringForm year={year} onCreated={select} />
        </section>
      )}

      <section className={styles.section} aria-labelledby="runs-heading">
        <h2 id="runs-heading">{t('scoring.listHeading')}</h2>
        <QueryState
          query={runs}
          isEmpty={(list) => list.length === 0}
          empty={<EmptyState title={t('scoring.noRuns')} text={t(isAdmin ? 'scoring.noRunsAdmin' : 'scoring.noRunsReader')} />}
        >
          {(list) => <RunList runs={list} selected={selected} onSelect={select} />}
        </QueryState>
      </section>

      {selected !== null && (
        <section className={styles.section} aria-labelledby="result-heading">
          <h2 id="result-heading">{t('scoring.resultHeading', { id: selected })}</h2>
          <QueryState query={run}>{(data) => <RunResult key={data.id} run={data} year={year} canDecide={isAdmin} />}</QueryState>
        </section>
      )}

      {runs.data !== undefined && runs.data.length >= 2 && (
        <section className={styles.section} aria-labelledby="compare-heading">
          <h2 id="compare-heading">{t('scoring.compare.heading')}</h2>
          <p className={styles.meta}>{t('scoring.compare.intro')}</p>
          <RunComparisonView runs={runs.data} tierName={tierName} />
        </section>
      )}
    </>
  );
}
