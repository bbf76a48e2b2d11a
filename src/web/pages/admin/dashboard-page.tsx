import { useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/ui/alert.js';
import { DemoBadge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { NotFound } from '../../components/ui/not-found.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { QueryState } from '../../components/ui/query-state.js';
import { EmptyState } from '../../components/ui/status.js';
import { paths } from '../../config/paths.js';
import { useMe } from '../../features/auth/api/get-me.js';
import { useCycle } from '../../features/cycles/api/get-cycle.js';
import { useCycles } from '../../features/cycles/api/get-cycles.js';
import { CreateCycleDialog } from '../../features/cycles/components/create-cycle-dialog.js';
import { CycleCounts } from '../../features/cycles/components/cycle-counts.js';
import { CycleSelector, defaultCycleYear } from '../../features/cycles/components/cycle-selector.js';
import { DeadlineForm } from '../../features/cycles/components/deadline-form.js';
import { GatePanel } from '../../features/cycles/components/gate-panel.js';
import { StageStepper } from '../../features/cycles/components/stage-stepper.js';
import { TransitionDialog } from '../../features/cycles/components/transition-dialog.js';
import { VerificationProgress } from '../../features/cycles/components/verification-progress.js';
import { formatDate } from '../../lib/format.js';
import { localized } from '../../lib/localized.js';
import { hasRole } from '../../lib/roles.js';
import type { Cycle, CycleDetail, CycleStage } from '../../types/index.js';
import styles from '../page.module.css';
import admin from './admin.module.css';
import work from '../work.module.css';
import { EyeIcon } from '../../components/ui/icons.js';

/**
 * City dashboard: pick a cycle, see its stage, deadlines and counts, move it forward (city admin) or read it
 * (auditor). `/admin` opens the cycle in progress.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const params = useParams();
  const navigate = useNavigate();
  const cycles = useCycles();
  const me = useMe();
  const isAdmin = hasRole(me.data, 'city_admin');
  const [creating, setCreating] = useState(false);
  const year = params.year === undefined ? undefined : Number(params.year);

  if (year !== undefined && !Number.isInteger(year)) return <NotFound />;

  return (
    <>
      <PageTitle title={year === undefined ? t('dashboard.pageTitle') : `${t('common.year', { year })} ${t('dashboard.pageTitle')}`} />
      <div className={styles.header}>
        <h1>{t('dashboard.heading')}</h1>
        <p className={styles.lead}>{t(isAdmin ? 'dashboard.introAdmin' : 'dashboard.introReadOnly')}</p>
      </div>
      <QueryState
        query={cycles}
        isEmpty={(data) => data.length === 0}
        empty={
          <>
            <EmptyState title={t('dashboard.noCycles')} />
            {isAdmin && (
              <p>
                <Button onClick={() => setCreating(true)}>{t('cycles.create.open')}</Button>
              </p>
            )}
          </>
        }
      >
        {(list) => {
          const selected = year ?? defaultCycleYear(list);
          if (year === undefined && selected !== undefined) return <Navigate to={paths.adminCycle(selected)} replace />;
          if (selected === undefined) return null;
          return (
            <>
              <div className={admin.toolbar}>
                <CycleSelector cycles={list} year={selected} onChange={(y) => void navigate(paths.adminCycle(y))} />
                <div className={admin.toolbarEnd}>
                  {isAdmin ? (
                    <Button variant="secondary" onClick={() => setCreating(true)}>
                      <span aria-hidden="true">＋</span>
                      {t('cycles.create.open')}
                    </Button>
                  ) : (
                    <span className={admin.readOnly}>
                      <EyeIcon />
                      {t('common.readOnly')}
                    </span>
                  )}
                </div>
              </div>
              {list.some((c) => c.year === selected) ? (
                <CycleView year={selected} isAdmin={isAdmin} />
              ) : (
                <EmptyState title={t('dashboard.cycleMissing', { year: selected })} />
              )}
            </>
          );
        }}
      </QueryState>
      {isAdmin && cycles.data !== undefined && (
        <CreateCycleDialog
          cycles={cycles.data as Cycle[]}
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(y) => void navigate(paths.adminCycle(y))}
        />
      )}
    </>
  );
}

function CycleView({ year, isAdmin }: { year: number; isAdmin: boolean }) {
  const cycle = useCycle(year);
  return <QueryState query={cycle}>{(data) => <CycleContent cycle={data} isAdmin={isAdmin} />}</QueryState>;
}

function CycleContent({ cycle, isAdmin }: { cycle: CycleDetail; isAdmin: boolean }) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [moved, setMoved] = useState<CycleStage | null>(null);
  const language = i18n.language;

  return (
    <>
      <section className={admin.panel} aria-labelledby="cycle-heading">
        <div className={admin.cycleHead}>
          <div>
            <h2 id="cycle-heading">{language === 'ko' ? cycle.title : t('dashboard.cycleHeading', { year: cycle.year })}</h2>
            <dl className={admin.facts}>
              <div>
                <dt>{t('dashboard.stage')}</dt>
                <dd>{localized(cycle.stageName, language)}</dd>
              </div>
              <div>
                <dt>{t('dashboard.dataPeriod')}</dt>
                <dd>
                  {t('dashboard.period', {
                    from: formatDate(cycle.dataPeriodStart, language),
                    to: formatDate(cycle.dataPeriodEnd, language),
                  })}
                </dd>
              </div>
              {cycle.publishedAt !== null && (
                <div>
                  <dt>{t('dashboard.publishedAt')}</dt>
                  <dd>{formatDate(cycle.publishedAt, language)}</dd>
                </div>
              )}
            </dl>
          </div>
          {cycle.isDemo && <DemoBadge />}
        </div>

        {moved !== null && (
          <Alert tone="success" role="status">
            {t('dashboard.moved', { stage: t(`stages.${moved}`) })}
          </Alert>
        )}

        <h3 className="visually-hidden">{t('cycles.stepperLabel')}</h3>
        <StageStepper cycle={cycle} />

        <div className={admin.nextStep}>
          {cycle.next === null ? (
            <p>{t('dashboard.finished')}</p>
          ) : (
            <>
              <div>
                <p>
                  {t('dashboard.nextStage')} <strong>{t(`stages.${cycle.next}`)}</strong>
                </p>
                {cycle.blockers.length === 0 ? (
                  <p className={styles.meta}>
                    <span aria-hidden="true">✔ </span>
                    {t('dashboard.ready')}
                  </p>
                ) : (
                  <ul className={admin.blockerSummary}>
                    {cycle.blockers.map((b) => (
                      <li key={b.code}>
                        <span aria-hidden="true">{b.overridable ? '⚠ ' : '✖ '}</span>
                        <span className="visually-hidden">{t(b.overridable ? 'cycles.transition.overridable' : 'cycles.transition.hard')}: </span>
                        {localized(b.message, language)}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
              {isAdmin && (
                <Button
                  onClick={() => {
                    setMoved(null);
                    setConfirming(true);
                  }}
                >
                  {t('dashboard.nextButton')}
                  <span aria-hidden="true">→</span>
                </Button>
              )}
            </>
          )}
        </div>
      </section>

      <section className={styles.section} aria-labelledby="links-heading">
        <h2 id="links-heading">{t('dashboard.workHeading')}</h2>
        <ul className={admin.links}>
          <li>
            <Link className={work.linkCard} to={paths.framework(cycle.year)}>
              <strong>{t('dashboard.links.framework')}</strong>
              <span>{t('dashboard.links.frameworkText')}</span>
            </Link>
          </li>
          <li>
            <Link className={work.linkCard} to={paths.scoring(cycle.year)}>
              <strong>{t('dashboard.links.scoring')}</strong>
              <span>{t('dashboard.links.scoringText')}</span>
            </Link>
          </li>
          <li>
            <Link className={work.linkCard} to={paths.audit}>
              <strong>{t('dashboard.links.audit')}</strong>
              <span>{t('dashboard.links.auditText')}</span>
            </Link>
          </li>
          {cycle.status === 'published' && (
            <li>
              <Link className={work.linkCard} to={paths.results(cycle.year)}>
                <strong>{t('dashboard.links.results')}</strong>
                <span>{t('dashboard.links.resultsText')}</span>
              </Link>
            </li>
          )}
        </ul>
      </section>

      {cycle.gate !== null && cycle.next !== null && (
        <section className={styles.section} aria-labelledby="gate-heading">
          <h2 id="gate-heading">{t('gates.heading')}</h2>
          <GatePanel cycle={cycle} />
        </section>
      )}

      <section className={styles.section} aria-labelledby="progress-heading">
        <h2 id="progress-heading">{t('dashboard.progressHeading')}</h2>
        <VerificationProgress cycle={cycle} fallback={<CycleCounts cycle={cycle} />} />
      </section>

      {isAdmin && cycle.next !== null && (
        <section className={styles.section} aria-labelledby="deadlines-heading">
          <h2 id="deadlines-heading">{t('cycles.deadlines.heading')}</h2>
          <p className={styles.meta}>{t('cycles.deadlines.intro')}</p>
          <DeadlineForm cycle={cycle} />
        </section>
      )}

      {isAdmin && <TransitionDialog cycle={cycle} open={confirming} onClose={() => setConfirming(false)} onDone={setMoved} />}
    </>
  );
}
