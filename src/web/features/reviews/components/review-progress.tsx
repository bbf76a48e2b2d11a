import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { ProgressBar } from '../../../components/ui/progress-bar.js';
import { formatNumber } from '../../../lib/format.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { ReviewProgress as Progress } from '../../../types/index.js';
import { useAssignReviewers } from '../api/assign-reviewers.js';
import tableStyles from '../../../components/ui/table.module.css';
import styles from './reviews.module.css';

/**
 * The city's view of the panel review: how many score sheets are submitted, each reviewer's load, and (city admin,
 * review stage) assigning reviewers automatically — balanced, never to their own district.
 */
export function ReviewProgress({ year, progress, canAssign }: { year: number; progress: Progress; canAssign: boolean }) {
  const { t } = useTranslation();
  const assign = useAssignReviewers(year);
  const problem = assign.error instanceof ApiError ? assign.error : null;
  const { totals } = progress;
  return (
    <div className={styles.progress}>
      <ProgressBar
        value={totals.all === 0 ? 0 : totals.submitted / totals.all}
        label={t('reviews.progress.submitted', { submitted: formatNumber(totals.submitted), all: formatNumber(totals.all) })}
      />
      <p className={styles.muted}>
        {progress.round.closed ? t('reviews.progress.closed') : t('reviews.progress.open')} · {t('reviews.progress.drafts', { count: totals.draft })}
      </p>
      {canAssign && !progress.round.closed && (
        <div className={styles.assign}>
          <p>{totals.all === 0 ? t('reviews.progress.assignIntro') : t('reviews.progress.reassignIntro')}</p>
          <Button disabled={assign.isPending} onClick={() => assign.mutate(undefined)}>
            {assign.isPending ? t('common.working') : t('reviews.progress.assign')}
          </Button>
          <div aria-live="polite">
            {assign.data !== undefined && (
              <Alert
                tone={assign.data.shortfalls.length > 0 ? 'warning' : 'success'}
                role="status"
                title={t('reviews.progress.assigned', { created: assign.data.created, items: assign.data.items })}
              >
                {assign.data.shortfalls.length > 0 && <p>{t('reviews.progress.shortfalls', { count: assign.data.shortfalls.length })}</p>}
              </Alert>
            )}
            {problem !== null && (
              <Alert tone="danger" role="alert" title={problem.title}>
                <p>{problem.detail}</p>
              </Alert>
            )}
          </div>
        </div>
      )}
      {progress.reviewers.length > 0 && (
        <div className={tableStyles.scroll} tabIndex={0} role="region" aria-label={t('reviews.progress.reviewersCaption')}>
          <table className={tableStyles.table}>
            <caption className="visually-hidden">{t('reviews.progress.reviewersCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reviews.progress.reviewer')}</th>
                <th scope="col">{t('reviews.progress.tiedTo')}</th>
                <th scope="col" className={tableStyles.num}>
                  {t('reviews.progress.assignedCount')}
                </th>
                <th scope="col" className={tableStyles.num}>
                  {t('reviews.progress.submittedCount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {progress.reviewers.map((r) => (
                <tr key={r.username}>
                  <th scope="row">{r.displayName}</th>
                  <td>{r.tiedTo.length === 0 ? '–' : r.tiedTo.join(', ')}</td>
                  <td className={tableStyles.num}>{formatNumber(r.assigned)}</td>
                  <td className={tableStyles.num}>{formatNumber(r.submitted)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
