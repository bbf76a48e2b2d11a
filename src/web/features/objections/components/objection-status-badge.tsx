import { useTranslation } from 'react-i18next';
import { StatusBadge, type StatusTone } from '../../../components/ui/status-badge.js';
import type { ObjectionStatus } from '../../../types/work-api.js';

const styles: Record<ObjectionStatus, { tone: StatusTone; symbol: string }> = {
  filed: { tone: 'info', symbol: '◷' },
  accepted: { tone: 'success', symbol: '✔' },
  rejected: { tone: 'danger', symbol: '✖' },
  withdrawn: { tone: 'neutral', symbol: '↶' },
};

export function ObjectionStatusBadge({ status }: { status: ObjectionStatus }) {
  const { t } = useTranslation();
  return <StatusBadge tone={styles[status].tone} symbol={styles[status].symbol} label={t(`objections.status.${status}`)} />;
}
