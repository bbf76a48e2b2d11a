import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format.js';
import { translateOr } from '../../../lib/i18n.js';
import type { CycleDetail } from '../../../types/index.js';
import { statusColours, statusOrder } from './status-colours.js';
import styles from './cycle-counts.module.css';

type CountKind = keyof typeof statusOrder;

/** Submissions, panel reviews and objections of the cycle, by status, with a stacked bar of the shares. */
export function CycleCounts({ cycle }: { cycle: CycleDetail }) {
  const { t } = useTranslation();
  const kinds: CountKind[] = ['submissions', 'reviews', 'objections'];
  return (
    <div className={styles.groups}>
      {kinds.map((kind) => {
        const counts = cycle.counts[kind];
        const known: readonly string[] = statusOrder[kind];
        // Statuses the server may add later are listed after the known ones, under their own code.
        const statuses = [...known, ...Object.keys(counts).filter((s) => !known.includes(s))];
        const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
        return (
          <section key={kind} className={styles.group} aria-labelledby={`count-${kind}`}>
            <h3 id={`count-${kind}`}>
              {t(`cycles.counts.${kind}`)}
              <span className={styles.total}>{t('cycles.counts.total', { count: total, formatted: formatNumber(total) })}</span>
            </h3>
            {total === 0 ? (
              <p className={styles.empty}>{t('cycles.counts.none')}</p>
            ) : (
              <>
                <dl className={styles.list}>
                  {statuses.map((status) => (
                    <div key={status} className={styles.row}>
                      <dt>
                        <span className={styles.dot} style={{ background: statusColours[status] }} aria-hidden="true" />
                        {statusLabel(kind, status)}
                      </dt>
                      <dd>{formatNumber(counts[status] ?? 0)}</dd>
                    </div>
                  ))}
                </dl>
                <div className={styles.bar} aria-hidden="true">
                  {statuses.map((status) => {
                    const n = counts[status] ?? 0;
                    return n === 0 ? null : <span key={status} style={{ width: `${(n / total) * 100}%`, background: statusColours[status] }} />;
                  })}
                </div>
              </>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** The status in words; a status this screen does not know yet shows its code. */
function statusLabel(kind: CountKind, status: string): string {
  return translateOr(`cycles.status.${kind}.${status}`, status);
}
