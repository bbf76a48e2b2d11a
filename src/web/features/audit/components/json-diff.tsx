import { useTranslation } from 'react-i18next';
import { flattenDiff, showValue } from '../utils/flatten-diff.js';
import type { DiffKind } from '../utils/flatten-diff.js';
import styles from './audit.module.css';

const marks: Record<DiffKind, string> = { added: '＋', removed: '－', changed: '△', same: '＝' };

/** An entry's before → after, one line per changed value, each marked by symbol and word (not colour alone). */
export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const rows = flattenDiff(before, after);
  if (rows.length === 0) return <p className={styles.muted}>{t('audit.diff.nothing')}</p>;
  return (
    <table className={styles.diff}>
      <caption className="visually-hidden">{t('audit.diff.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('audit.diff.path')}</th>
          <th scope="col">{t('audit.diff.before')}</th>
          <th scope="col">{t('audit.diff.after')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.path} className={styles[row.kind]}>
            <th scope="row">
              <span className={styles.diffMark} aria-hidden="true">
                {marks[row.kind]}
              </span>
              <span className="visually-hidden">{t(`audit.diff.kinds.${row.kind}`)}: </span>
              <code>{row.path === '' ? t('audit.diff.value') : row.path}</code>
            </th>
            <td>{row.kind === 'added' ? <span className={styles.muted}>–</span> : <code className={styles.before}>{showValue(row.before)}</code>}</td>
            <td>{row.kind === 'removed' ? <span className={styles.muted}>–</span> : <code className={styles.after}>{showValue(row.after)}</code>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
