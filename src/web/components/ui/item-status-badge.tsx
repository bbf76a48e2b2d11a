import { useTranslation } from 'react-i18next';
import type { ItemStatus } from '../../types/index.js';
import { StatusBadge, type StatusTone } from './status-badge.js';

/** Tone and symbol of each district × indicator status (the same wherever an item is shown). */
export const itemStatusStyle: Record<ItemStatus, { tone: StatusTone; symbol: string }> = {
  not_started: { tone: 'neutral', symbol: '·' },
  draft: { tone: 'neutral', symbol: '✎' },
  submitted: { tone: 'info', symbol: '↑' },
  approved: { tone: 'progress', symbol: '☑' },
  returned: { tone: 'danger', symbol: '↩' },
  verified: { tone: 'success', symbol: '✔' },
};

export function ItemStatusBadge({ status }: { status: ItemStatus }) {
  const { t } = useTranslation();
  const style = itemStatusStyle[status];
  return <StatusBadge tone={style.tone} symbol={style.symbol} label={t(`itemStatus.${status}`)} />;
}
