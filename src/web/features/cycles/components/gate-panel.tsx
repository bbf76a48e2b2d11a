import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import type { CycleDetail } from '../../../types/index.js';
import { BlockingTable } from './blocking-list.js';
import styles from './gate-panel.module.css';

const itemOrder = ['not_started', 'draft', 'returned', 'submitted', 'approved', 'verified'] as const;
const reviewOrder = ['unassigned', 'assigned', 'draft', 'submitted'] as const;

/**
 * What the next stage waits for: every item of every district counted by status (never-started items included),
 * and for each guard the items that block it. City admin and auditor only (the server sends no gate to others).
 */
export function GatePanel({ cycle }: { cycle: CycleDetail }) {
  const { t, i18n } = useTranslation();
  const gate = cycle.gate;
  if (gate === null) return null;
  const groups = [
    { id: 'items', heading: t('gates.itemsHeading'), total: gate.submissions.total, order: itemOrder, counts: gate.submissions.byStatus },
    { id: 'reviews', heading: t('gates.reviewsHeading'), total: gate.reviews.total, order: reviewOrder, counts: gate.reviews.byStatus },
  ].filter((g) => g.total > 0);
  const lists = cycle.blockers.filter((b) => b.blocking !== null && b.blocking.total > 0);
  return (
    <div className={styles.panel}>
      <p className={styles.note}>{t('gates.intro')}</p>
      <div className={styles.groups}>
        {groups.map((g) => (
          <section key={g.id} aria-labelledby={`gate-${g.id}`} className={styles.group}>
            <h3 id={`gate-${g.id}`}>
              {g.heading} <span className={styles.total}>{t('gates.total', { formatted: formatNumber(g.total) })}</span>
            </h3>
            <dl className={styles.counts}>
              {g.order.map((status) => (
                <div key={status} className={(g.counts[status] ?? 0) > 0 && status !== 'verified' && status !== 'submitted' ? styles.pending : undefined}>
                  <dt>
                    {g.id === 'items'
                      ? t(`gates.status.${status as (typeof itemOrder)[number]}`)
                      : t(`gates.reviewStatus.${status as (typeof reviewOrder)[number]}`)}
                  </dt>
                  <dd>{formatNumber(g.counts[status] ?? 0)}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      {lists.length === 0 ? (
        <p className={styles.note}>{t('gates.ready')}</p>
      ) : (
        lists.map((b) => (
          <div key={b.code} className={styles.blocker}>
            <p>
              <span aria-hidden="true">⚠ </span>
              {localized(b.message, i18n.language)}
            </p>
            <BlockingTable list={b.blocking!} caption={localized(b.message, i18n.language)} />
          </div>
        ))
      )}
    </div>
  );
}
