import { useTranslation } from 'react-i18next';
import { StatusBadge, type StatusTone } from '../../../components/ui/status-badge.js';
import type { ObjectionStage, ObjectionStatus } from '../../../types/index.js';

const styles: Record<ObjectionStatus, { tone: StatusTone; symbol: string }> = {
  filed: { tone: 'info', symbol: '◷' },
  accepted: { tone: 'success', symbol: '✔' },
  rejected: { tone: 'danger', symbol: '✖' },
  withdrawn: { tone: 'neutral', symbol: '↶' },
};

/** An objection's status; an open one says which stage it waits in (the contested district's reply, or the decision). */
export function ObjectionStatusBadge({ status, stage }: { status: ObjectionStatus; stage?: ObjectionStage }) {
  const { t } = useTranslation();
  if (status === 'filed' && stage === 'awaiting_reply') return <StatusBadge tone="warning" symbol="✉" label={t('objections.stage.awaiting_reply')} />;
  if (status === 'filed' && stage === 'awaiting_decision') return <StatusBadge tone="info" symbol="◷" label={t('objections.stage.awaiting_decision')} />;
  return <StatusBadge tone={styles[status].tone} symbol={styles[status].symbol} label={t(`objections.status.${status}`)} />;
}
