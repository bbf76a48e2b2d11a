import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import type { BlockingList } from '../../../types/index.js';
import styles from './gate-panel.module.css';

/** The items blocking a step (district, indicator, status), behind a disclosure; says when the list is cut short. */
export function BlockingTable({ list, caption, open = false }: { list: BlockingList; caption: string; open?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <details className={styles.details} open={open}>
      <summary>{t('gates.showList', { total: formatNumber(list.total) })}</summary>
      <table className={styles.table}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('gates.columns.district')}</th>
            <th scope="col">{t('gates.columns.indicator')}</th>
            <th scope="col">{t('gates.columns.status')}</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((item) => (
            <tr key={`${item.district.code}:${item.indicator.code}`}>
              <td>{item.district.name}</td>
              <td>
                {item.indicator.code} {localized(item.indicator.name, i18n.language)}
              </td>
              <td>{t(`gates.status.${item.status}`, { defaultValue: item.status })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.truncated && <p className={styles.note}>{t('gates.shown', { total: formatNumber(list.total), shown: formatNumber(list.items.length) })}</p>}
    </details>
  );
}
