import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { paths } from '../../config/paths.js';
import { PageTitle } from './page-title.js';
import styles from './status.module.css';
import { LockIcon } from './icons.js';

/**
 * "You may not see this" as a page (with a heading) or inside a section. The server decides what each role may do;
 * this only explains its 403 answer kindly.
 */
export function Forbidden({ asPage = false }: { asPage?: boolean }) {
  const { t } = useTranslation();
  const Heading = asPage ? 'h1' : 'p';
  return (
    <div className={`${styles.box} ${styles.forbidden}`} role={asPage ? undefined : 'alert'}>
      {asPage && <PageTitle title={t('forbidden.title')} />}
      <span className={styles.forbiddenIcon} aria-hidden="true">
        <LockIcon />
      </span>
      <Heading className={styles.title}>{t('forbidden.title')}</Heading>
      <p className={styles.text}>{t('forbidden.text')}</p>
      <p className={styles.text}>
        <Link to={paths.home}>{t('errors.goHome')}</Link>
        {' · '}
        <Link to={paths.myWork}>{t('forbidden.myWork')}</Link>
      </p>
    </div>
  );
}
