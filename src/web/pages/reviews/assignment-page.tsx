import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { NotFound } from '../../components/ui/not-found.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { QueryState } from '../../components/ui/query-state.js';
import { EmptyState } from '../../components/ui/status.js';
import { paths } from '../../config/paths.js';
import { Alert } from '../../components/ui/alert.js';
import { useMe } from '../../features/auth/api/get-me.js';
import { useAssignment } from '../../features/reviews/api/get-assignment.js';
import { useDossier } from '../../features/reviews/api/get-dossier.js';
import { useFramework } from '../../features/frameworks/api/get-framework.js';
import { GuidancePanel } from '../../features/frameworks/components/guidance-panel.js';
import { DossierPanel } from '../../features/reviews/components/dossier-panel.js';
import reviewStyles from '../../features/reviews/components/reviews.module.css';
import { hasRole } from '../../lib/roles.js';
import { useMyAssignments } from '../../features/reviews/api/get-my-assignments.js';
import { ReviewStatusBadge } from '../../features/reviews/components/review-status-badge.js';
import { ScoreForm } from '../../features/reviews/components/score-form.js';
import { RereviewBadge, RereviewNotice, sheetEditable } from '../../features/reviews/components/rereview.js';
import { formatNumber } from '../../lib/format.js';
import { localized } from '../../lib/localized.js';
import styles from '../page.module.css';

/** One score sheet: the district and indicator, the rubric with anchored levels, the reviewer's own marks. */
export default function AssignmentPage() {
  const { t, i18n } = useTranslation();
  const params = useParams();
  const year = Number(params.year);
  const id = Number(params.id);
  const me = useMe();
  const isReviewer = hasRole(me.data, 'reviewer');
  const assignment = useAssignment(year, id);
  const mine = useMyAssignments(year, isReviewer);
  const dossier = useDossier(year, id, !isReviewer || mine.data?.pledgeSigned === true);
  const framework = useFramework(year);

  if (!Number.isInteger(year) || !Number.isInteger(id)) return <NotFound />;
  return (
    <QueryState query={assignment}>
      {(a) => {
        const district = i18n.language === 'en' ? a.orgUnit.nameEn : a.orgUnit.name;
        const indicator = `${a.indicator.code} ${localized(a.indicator.name, i18n.language)}`;
        const mineList = mine.data?.assignments ?? [];
        const index = mineList.findIndex((x) => x.id === a.id);
        const scorable = (x: (typeof mineList)[number]) => mine.data !== undefined && sheetEditable(mine.data, x);
        const next = mineList.slice(index + 1).find(scorable) ?? mineList.find((x) => scorable(x) && x.id !== a.id);
        return (
          <>
            <PageTitle title={`${district} · ${indicator}`} />
            <nav className={styles.breadcrumb} aria-label={t('reviews.breadcrumb')}>
              <ol>
                <li>
                  <Link to={paths.reviews(year)}>{t('reviews.heading', { year })}</Link>
                </li>
                <li aria-current="page">{district}</li>
              </ol>
            </nav>
            <div className={styles.header}>
              <h1>
                {district} · {indicator}
              </h1>
              <p className={styles.lead}>
                {a.indicator.points !== null && t('reviews.sheet.points', { points: formatNumber(a.indicator.points) })} <ReviewStatusBadge status={a.status} />
                {a.rereview !== null && (
                  <>
                    {' '}
                    <RereviewBadge />
                  </>
                )}
              </p>
              <p className={styles.notice}>{t('reviews.blind')}</p>
            </div>
            <RereviewNotice sheet={a} />
            {isReviewer && mine.data?.pledgeSigned === false ? (
              <Alert tone="warning" title={t('reviews.pledge.requiredTitle')}>
                {t('reviews.pledge.requiredText')} <Link to={`${paths.reviews(year)}#pledge-heading`}>{t('reviews.pledge.goSign')}</Link>
              </Alert>
            ) : (
              <div className={reviewStyles.sheetLayout}>
                <QueryState query={dossier}>{(d) => <DossierPanel dossier={d} />}</QueryState>
                <div className={reviewStyles.sheetColumn}>
                  <GuidancePanel
                    year={year}
                    code={a.indicator.code}
                    guidance={framework.data?.definition.indicators.find((i) => i.code === a.indicator.code)?.guidance}
                  />
                  {a.rubric === null ? (
                    <EmptyState title={t('reviews.sheet.noRubric')} />
                  ) : (
                    <ScoreForm
                      key={a.id}
                      year={year}
                      assignment={a}
                      rubric={a.rubric}
                      editable={isReviewer && mine.data !== undefined && sheetEditable(mine.data, a)}
                    />
                  )}
                </div>
              </div>
            )}
            {next !== undefined && (
              <p className={styles.section}>
                <Link to={paths.reviewAssignment(year, next.id)}>
                  {t('reviews.sheet.next', { item: `${i18n.language === 'en' ? next.orgUnit.nameEn : next.orgUnit.name} ${next.indicator.code}` })}
                </Link>
              </p>
            )}
          </>
        );
      }}
    </QueryState>
  );
}
