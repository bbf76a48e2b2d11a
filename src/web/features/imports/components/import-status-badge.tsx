import { useTranslation } from 'react-i18next';
import { StatusBadge, type StatusTone } from '../../../components/ui/status-badge.js';
import { translateOr } from '../../../lib/i18n.js';

const tones: Record<string, { tone: StatusTone; symbol: string }> = {
  queued: { tone: 'neutral', symbol: '…' },
  validating: { tone: 'info', symbol: '⟳' },
  running: { tone: 'info', symbol: '⟳' },
  committed: { tone: 'success', symbol: '✔' },
  failed: { tone: 'danger', symbol: '✖' },
};

export function ImportStatusBadge({ status }: { status: string }) {
  useTranslation();
  const style = tones[status] ?? { tone: 'neutral' as const, symbol: '·' };
  return <StatusBadge tone={style.tone} symbol={style.symbol} label={translateOr(`imports.status.${status}`, status)} />;
}
