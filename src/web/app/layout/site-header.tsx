import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageToggle } from '../../components/ui/language-toggle.js';
import { paths } from '../../config/paths.js';
import { useMe } from '../../features/auth/api/get-me.js';
import { useLogout } from '../../features/auth/api/logout.js';
import styles from './site-header.module.css';

/** Government-style header: city identity strip, service name, main menu, language and sign-in. */
export function SiteHeader() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const user = me.data ?? null;

  const { pathname } = useLocation();
  // Results live at / and under /results/…; both belong to the same menu item.
  const onResults = pathname === paths.home || pathname.startsWith('/results/');

  return (
    <header>
      <div className={styles.masthead}>
        <div className={`container ${styles.mastheadInner}`}>
          <span className={styles.flag} aria-hidden="true" />
          <span>{t('masthead.text')}</span>
        </div>
      </div>
      <div className={styles.header}>
        <div className={`container ${styles.inner}`}>
          <Link to={paths.home} className={styles.brand}>
            <span className={styles.brandCity}>{t('common.city')}</span>
            <span className={styles.brandName}>{t('header.serviceName')}</span>
          </Link>
          <nav className={styles.nav} aria-label={t('header.navLabel')}>
            <ul className={styles.navList}>
              <li>
                <Link to={paths.home} className={styles.navLink} aria-current={onResults ? 'page' : undefined}>
                  {t('header.nav.results')}
                </Link>
              </li>
              <li>
                <NavLink to={paths.openData} className={styles.navLink}>
                  {t('header.nav.openData')}
                </NavLink>
              </li>
              {user !== null && (
                <li>
                  <NavLink to={paths.myWork} className={styles.navLink}>
                    {t('header.nav.myWork')}
                  </NavLink>
                </li>
              )}
            </ul>
          </nav>
          <div className={styles.actions}>
            <LanguageToggle className={styles.action} />
            {user === null ? (
              <Link to={paths.signIn} className={`${styles.action} ${styles.primaryAction}`}>
                {t('header.signIn')}
              </Link>
            ) : (
              <>
                <span className={styles.user}>{t('header.signedInAs', { name: user.displayName })}</span>
                <button
                  type="button"
                  className={styles.action}
                  disabled={logout.isPending}
                  onClick={async () => {
                    // Leave a signed-in page first, so that it does not redirect to sign-in as the session ends.
                    await navigate(paths.home);
                    logout.mutate();
                  }}
                >
                  {t('header.signOut')}
                </button>
              </>
            )}
          </div>
        </div>
      </div>
    </header>
  );
}
