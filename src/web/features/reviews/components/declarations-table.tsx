import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format.js';
import type { ReviewDeclarations } from '../../../types/index.js';
import styles from './reviews.module.css';

/** The city's view of the panel's integrity: who signed the pledge, and which conflicts each reviewer declared. */
export function DeclarationsTable({ declarations }: { declarations: ReviewDeclarations }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <div className={styles.tableWrap}>
      <table className={styles.simpleTable}>
        <caption>{t('reviews.declarations.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reviews.declarations.reviewer')}</th>
            <th scope="col">{t('reviews.declarations.pledge')}</th>
            <th scope="col">{t('reviews.declarations.tiedTo')}</th>
            <th scope="col">{t('reviews.declarations.conflicts')}</th>
          </tr>
        </thead>
        <tbody>
          {declarations.reviewers.map((r) => (
            <tr key={r.username}>
              <th scope="row">
                {r.displayName} <span className={styles.dossierMeta}>({r.username})</span>
              </th>
              <td>
                {r.pledge === null
                  ? t('reviews.declarations.notSigned')
                  : t('reviews.declarations.signed', { at: formatDateTime(r.pledge.signedAt, language) })}
              </td>
              <td>{r.tiedTo.length === 0 ? '—' : r.tiedTo.join(', ')}</td>
              <td>
                {r.conflicts.length === 0
                  ? '—'
                  : r.conflicts.map((c) => (
                      <p key={c.orgUnitCode} className={styles.cellLine}>
                        <strong>{c.orgUnitName}</strong> — {c.reason} <span className={styles.dossierMeta}>({formatDateTime(c.declaredAt, language)})</span>
                      </p>
                    ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
