import styles from './status-badge.module.css';

export type StatusTone = 'neutral' | 'progress' | 'info' | 'success' | 'warning' | 'danger';

/**
 * A workflow status as a badge: a symbol and the status name, in the tone's colours (never colour alone).
 * Callers map their own statuses to a tone and a symbol.
 */
export function StatusBadge({ tone, symbol, label }: { tone: StatusTone; symbol?: string; label: string }) {
  return (
    <span className={`${styles.badge} ${styles[tone]}`}>
      {symbol !== undefined && <span aria-hidden="true">{symbol}</span>}
      {label}
    </span>
  );
}
