import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, shortHash } from '../../../lib/format.js';
import { translateOr } from '../../../lib/i18n.js';
import type { AuditEntry } from '../../../types/index.js';
import { JsonDiff } from './json-diff.js';
import styles from './audit.module.css';

interface AuditLogTableProps {
  entries: AuditEntry[];
  districtName: (code: string | null) => string;
}

/** Audit entries, newest first; each opens to show its before → after and its place in the hash chain. */
export function AuditLogTable({ entries, districtName }: AuditLogTableProps) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<Set<number>>(new Set());

  function toggle(seq: number) {
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });
  }

  return (
    <div className={styles.scroll} tabIndex={0} role="region" aria-label={t('audit.tableCaption')}>
      <table className={styles.table}>
        <caption className="visually-hidden">{t('audit.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.columns.seq')}</th>
            <th scope="col">{t('audit.columns.at')}</th>
            <th scope="col">{t('audit.columns.actor')}</th>
            <th scope="col">{t('audit.columns.action')}</th>
            <th scope="col">{t('audit.columns.entity')}</th>
            <th scope="col">{t('audit.columns.district')}</th>
            <th scope="col">{t('audit.columns.reason')}</th>
            <th scope="col">{t('audit.columns.details')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const expanded = open.has(entry.seq);
            const detailId = `audit-detail-${entry.seq}`;
            return (
              <Fragment key={entry.seq}>
                <tr className={styles.entryRow}>
                  <td className={styles.seq} data-label={t('audit.columns.seq')}>
                    {entry.seq}
                  </td>
                  <td className={styles.time} data-label={t('audit.columns.at')}>
                    {formatDateTime(entry.at, i18n.language)}
                  </td>
                  <td data-label={t('audit.columns.actor')}>{entry.actorLabel}</td>
                  <td data-label={t('audit.columns.action')}>
                    <span className={styles.action}>{translateOr(`audit.actions.${entry.action}`, entry.action)}</span>
                  </td>
                  <td data-label={t('audit.columns.entity')}>
                    <span>
                      {translateOr(`audit.entities.${entry.entityType}`, entry.entityType)}
                      {entry.entityId !== null && <span className={styles.code}> {entry.entityId}</span>}
                    </span>
                  </td>
                  <td data-label={t('audit.columns.district')}>{districtName(entry.orgUnitCode)}</td>
                  <td data-label={t('audit.columns.reason')}>{entry.reason ?? <span className={styles.muted}>–</span>}</td>
                  <td className={styles.toggleCell}>
                    <button type="button" className={styles.toggle} aria-expanded={expanded} aria-controls={detailId} onClick={() => toggle(entry.seq)}>
                      {expanded ? t('audit.hide') : t('audit.show')}
                      <span className="visually-hidden"> {t('audit.entryLabel', { seq: entry.seq })}</span>
                    </button>
                  </td>
                </tr>
                {expanded && (
                  <tr className={styles.detailRow} id={detailId}>
                    <td colSpan={8}>
                      <div className={styles.detail}>
                        <JsonDiff before={entry.before} after={entry.after} />
                        <dl className={styles.hashes}>
                          <div>
                            <dt>{t('audit.prevHash')}</dt>
                            <dd title={entry.prevHash}>{shortHash(entry.prevHash, 24)}…</dd>
                          </div>
                          <div>
                            <dt>{t('audit.hash')}</dt>
                            <dd title={entry.hash}>{shortHash(entry.hash, 24)}…</dd>
                          </div>
                        </dl>
                      </div>
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
