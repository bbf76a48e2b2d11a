import { useTranslation } from 'react-i18next';
import { StatusBadge, type StatusTone } from '../../../components/ui/status-badge.js';
import type { ReviewStatus } from '../../../types/index.js';

const styles: Record<ReviewStatus, { tone: StatusTone; symbol: string }> = {
  assigned: { tone: 'neutral', symbol: '·' },
  draft: { tone: 'info', symbol: '✎' },
  submitted: { tone: 'success', symbol: '✔' },
};

export function ReviewStatusBadge({ status }: { status: ReviewStatus }) {
  const { t } = useTranslation();
  return <StatusBadge tone={styles[status].tone} symbol={styles[status].symbol} label={t(`reviews.status.${status}`)} />;
}
