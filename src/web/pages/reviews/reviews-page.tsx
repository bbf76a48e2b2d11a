import { useCallback } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { NotFound } from '../../components/ui/not-found.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { QueryState } from '../../components/ui/query-state.js';
import { EmptyState } from '../../components/ui/status.js';
import { paths } from '../../config/paths.js';
import { useMe } from '../../features/auth/api/get-me.js';
import { useMyAssignments } from '../../features/reviews/api/get-my-assignments.js';
import { useProgress } from '../../features/reviews/api/get-progress.js';
import { useResults } from '../../features/reviews/api/get-results.js';
import { useDeclarations } from '../../features/reviews/api/get-declarations.js';
import { usePledge } from '../../features/reviews/api/get-pledge.js';
import { useReviewSettings } from '../../features/reviews/api/get-review-settings.js';
import { BlindSetting } from '../../features/reviews/components/blind-setting.js';
import { DeclarationsTable } from '../../features/reviews/components/declarations-table.js';
import { PledgeForm } from '../../features/reviews/components/pledge-form.js';
import { AssignmentList } from '../../features/reviews/components/assignment-list.js';
import { ReviewProgress } from '../../features/reviews/components/review-progress.js';
import { ReviewResults } from '../../features/reviews/components/review-results.js';
import { sheetEditable } from '../../features/reviews/components/rereview.js';
import { Alert } from '../../components/ui/alert.js';
import { formatNumber } from '../../lib/format.js';
import { hasRole } from '../../lib/roles.js';
import type { ReviewAssignment } from '../../types/index.js';
import { CycleYearPicker } from '../cycle-year-picker.js';
import styles from '../page.module.css';

/**
 * The panel review of a cycle. A reviewer sees the districts × indicators assigned to them and opens each score
 * sheet; the city admin and the auditor see the progress (the admin assigns reviewers here).
 */
export default function ReviewsPage() {
  const { t } = useTranslation();
  const params = useParams();
  const year = Number(params.year);
  const me = useMe();
  const isReviewer = hasRole(me.data, 'reviewer');
  const isCity = hasRole(me.data, 'city_admin', 'auditor');

  if (!Number.isInteger(year)) return <NotFound />;
  return (
    <>
      <PageTitle title={t('reviews.pageTitle', { year })} />
      <div className={styles.header}>
        <h1>{t('reviews.heading', { year })}</h1>
        <p className={styles.lead}>{isReviewer ? t('reviews.lead') : t('reviews.leadCity')}</p>
      </div>
      <CycleYearPicker year={year} to={paths.reviews} />
      {isReviewer && <ReviewerPledge year={year} />}
      {isReviewer && <MyReviews year={year} />}
      {isCity && <PanelIntegrity year={year} canEdit={hasRole(me.data, 'city_admin')} />}
      {isCity && <CityProgress year={year} canAssign={hasRole(me.data, 'city_admin')} />}
    </>
  );
}

function ReviewerPledge({ year }: { year: number }) {
  const pledge = usePledge(year);
  return <QueryState query={pledge}>{(data) => <PledgeForm year={year} pledge={data} />}</QueryState>;
}

/** The city's side of the panel's integrity: the blind setting and every reviewer's pledge and declarations. */
function PanelIntegrity({ year, canEdit }: { year: number; canEdit: boolean }) {
  const { t } = useTranslation();
  const settings = useReviewSettings(year);
  const declarations = useDeclarations(year);
  return (
    <section aria-labelledby="panel-integrity-heading" className={styles.section}>
      <h2 id="panel-integrity-heading">{t('reviews.settings.heading')}</h2>
      <QueryState query={settings}>{(data) => <BlindSetting key={data.version} year={year} settings={data} canEdit={canEdit} />}</QueryState>
      <QueryState query={declarations}>{(data) => <DeclarationsTable declarations={data} />}</QueryState>
    </section>
  );
}

function MyReviews({ year }: { year: number }) {
  const { t } = useTranslation();
  const mine = useMyAssignments(year);
  const linkTo = useCallback((a: ReviewAssignment) => paths.reviewAssignment(year, a.id), [year]);
  return (
    <section aria-labelledby="my-reviews-heading">
      <h2 id="my-reviews-heading">{t('reviews.mineHeading')}</h2>
      <QueryState
        query={mine}
        isEmpty={(data) => data.assignments.length === 0}
        empty={<EmptyState title={t('reviews.emptyTitle')} text={t('reviews.emptyText')} />}
      >
        {(data) => {
          const submitted = data.assignments.filter((a) => a.status === 'submitted').length;
          const inRound = data.stage === 'review' && !data.round.closed;
          const rescore = data.assignments.filter((a) => a.rereview !== null && a.status !== 'submitted').length;
          return (
            <>
              {rescore > 0 && (
                <Alert tone="warning" title={t('reviews.rereview.listTitle', { count: rescore, n: formatNumber(rescore) })}>
                  {t('reviews.rereview.listText')}
                </Alert>
              )}
              <p className={styles.meta}>
                {t('reviews.counts', { submitted: formatNumber(submitted), all: formatNumber(data.assignments.length) })} ·{' '}
                {inRound
                  ? t('reviews.editable')
                  : rescore > 0
                    ? t('reviews.rereview.onlyThese')
                    : t('reviews.notEditable', { stage: t(`stages.${data.stage}`) })}
              </p>
              <p className={styles.notice}>{t('reviews.blind')}</p>
              <AssignmentList assignments={data.assignments} linkTo={linkTo} canScore={(a) => sheetEditable(data, a)} />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function CityProgress({ year, canAssign }: { year: number; canAssign: boolean }) {
  const { t } = useTranslation();
  const progress = useProgress(year);
  return (
    <section aria-labelledby="review-progress-heading" className={styles.section}>
      <h2 id="review-progress-heading">{t('reviews.progress.heading')}</h2>
      <QueryState query={progress}>{(data) => <ReviewProgress year={year} progress={data} canAssign={canAssign && data.stage === 'review'} />}</QueryState>
      {progress.data?.round.closed === true && <CityResults year={year} />}
    </section>
  );
}

function CityResults({ year }: { year: number }) {
  const { t } = useTranslation();
  const results = useResults(year, true);
  return (
    <section aria-labelledby="review-results-heading" className={styles.section}>
      <h2 id="review-results-heading">{t('reviews.results.heading')}</h2>
      <QueryState query={results}>{(data) => (data === null ? null : <ReviewResults results={data} />)}</QueryState>
    </section>
  );
}
