import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { paths } from '../../config/paths.js';
import styles from './site-footer.module.css';

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className={styles.footer}>
      <div className={`container ${styles.inner}`}>
        <p className={styles.name}>
          {t('common.city')} {t('common.appName')}
        </p>
        <p className={styles.owner}>{t('footer.owner')}</p>
        <ul className={styles.links}>
          <li>
            <Link to={paths.openData}>{t('footer.openData')}</Link>
          </li>
          <li>
            <a href="/api/docs">{t('openData.apiDocs')}</a>
          </li>
        </ul>
        <p className={styles.disclaimer}>{t('footer.disclaimer')}</p>
        <p className={styles.copyright}>{t('footer.copyright')}</p>
      </div>
    </footer>
  );
}
