import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { StatusBadge } from '../../../components/ui/status-badge.js';
import { formatDateTime } from '../../../lib/format.js';
import type { MyAssignments, ReviewAssignment } from '../../../types/index.js';

/**
 * Whether the reviewer may score this sheet now: an unsubmitted sheet while the round is open, or — after the round
 * closed — only a sheet whose district × item was reopened for re-review (the server refuses the others).
 */
export function sheetEditable(mine: Pick<MyAssignments, 'stage' | 'round'>, sheet: Pick<ReviewAssignment, 'status' | 'rereview'>): boolean {
  if (sheet.status === 'submitted') return false;
  return sheet.rereview !== null || (mine.stage === 'review' && !mine.round.closed);
}

/** The "재심사 요청" badge of a sheet reopened for re-review. */
export function RereviewBadge() {
  const { t } = useTranslation();
  return <StatusBadge tone="warning" symbol="↻" label={t('reviews.rereview.badge')} />;
}

/** The reopening on the score sheet: why (the accepted objection's reason) and when, and what the reviewer does now. */
export function RereviewNotice({ sheet }: { sheet: ReviewAssignment }) {
  const { t, i18n } = useTranslation();
  if (sheet.rereview === null) return null;
  const done = sheet.status === 'submitted';
  return (
    <Alert tone={done ? 'info' : 'warning'} title={t('reviews.rereview.badge')}>
      <p>{done ? t('reviews.rereview.resubmitted') : t('reviews.rereview.text')}</p>
      <dl>
        <dt>{t('reviews.rereview.reason')}</dt>
        <dd>{sheet.rereview.reason ?? t('reviews.rereview.noReason')}</dd>
        <dt>{t('reviews.rereview.at')}</dt>
        <dd>{formatDateTime(sheet.rereview.reopenedAt, i18n.language)}</dd>
      </dl>
    </Alert>
  );
}
