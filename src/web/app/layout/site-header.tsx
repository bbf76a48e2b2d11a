import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { LanguageToggle } from '../../components/ui/language-toggle.js';
import { paths } from '../../config/paths.js';
import { useMe } from '../../features/auth/api/get-me.js';
import { useLogout } from '../../features/auth/api/logout.js';
import { NotificationBell } from '../../features/notifications/components/notification-bell.js';
import { hasRole } from '../../lib/roles.js';
import type { User } from '../../types/index.js';
import type { SigningOutState } from '../password-gate.js';
import styles from './site-header.module.css';
import { UserMenu } from './user-menu.js';

interface MenuItem {
  to: string;
  label: string;
  /** Whether the current address belongs to this item (several addresses can share one item). */
  active: (pathname: string) => boolean;
}

const under = (prefix: string) => (pathname: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

/** The menu of a signed-in user's work, by role; the server decides again on every call. */
function workMenu(user: User, t: TFunction): MenuItem[] {
  const items: MenuItem[] = [];
  const admin = hasRole(user, 'city_admin');
  if (hasRole(user, 'city_admin', 'auditor')) {
    items.push({
      to: paths.admin,
      label: t('header.work.dashboard'),
      active: (p) => p === paths.admin || /^\/admin\/cycles\/[^/]+\/?$/.test(p),
    });
  }
  if (admin) {
    items.push(
      {
        to: paths.currentFramework,
        label: t('header.work.framework'),
        active: (p) => p === paths.currentFramework || /^\/admin\/cycles\/[^/]+\/framework/.test(p),
      },
      { to: paths.currentScoring, label: t('header.work.scoring'), active: (p) => p === paths.currentScoring || /^\/admin\/cycles\/[^/]+\/scoring/.test(p) },
    );
  }
  if (hasRole(user, 'district_officer', 'district_approver')) {
    items.push({ to: paths.myDistrict, label: t('workNav.district'), active: under(paths.myDistrict) });
  }
  if (hasRole(user, 'city_admin', 'auditor')) {
    items.push({ to: paths.currentVerification, label: t('workNav.verification'), active: under(paths.currentVerification) });
  }
  if (hasRole(user, 'reviewer', 'city_admin', 'auditor')) {
    items.push({ to: paths.currentReviews, label: t('workNav.reviews'), active: under(paths.currentReviews) });
  }
  if (hasRole(user, 'city_admin', 'auditor', 'district_officer', 'district_approver')) {
    items.push({ to: paths.currentObjections, label: t('workNav.objections'), active: under(paths.currentObjections) });
    items.push({ to: paths.currentAdjustments, label: t('adjustments.nav'), active: under(paths.currentAdjustments) });
    items.push({ to: paths.audit, label: t('header.work.audit'), active: under(paths.audit) });
  }
  if (hasRole(user, 'city_admin', 'auditor')) {
    items.push({
      to: paths.currentPublication,
      label: t('publication.nav'),
      active: (p) => p === paths.currentPublication || /^\/admin\/cycles\/[^/]+\/publication/.test(p),
    });
  }
  if (hasRole(user, 'city_admin', 'auditor')) items.push({ to: paths.awardHistory, label: t('awardHistory.nav'), active: under(paths.awardHistory) });
  if (admin) items.push({ to: paths.referenceData, label: t('referenceData.nav'), active: under(paths.referenceData) });
  if (admin) items.push({ to: paths.users, label: t('users.nav'), active: under(paths.users) });
  items.push({ to: paths.myWork, label: t('header.nav.myWork'), active: under(paths.myWork) });
  return items;
}

/** Government-style header: city identity strip, service name, public menu, language and sign-in; work menu below. */
export function SiteHeader() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const [signingOut, setSigningOut] = useState(false);
  const navigate = useNavigate();
  const user = me.data ?? null;
  const { pathname } = useLocation();

  // Sign out only when the home page is on screen: a navigation waits for a lazily loaded page, and the page being
  // left would meanwhile see the session end and send the user to sign-in.
  useEffect(() => {
    if (!signingOut || pathname !== paths.home) return;
    setSigningOut(false);
    logout.mutate();
  }, [signingOut, pathname, logout]);

  const publicMenu: MenuItem[] = [
    // Results live at / and under /results/… (scorecards too); they belong to the same item.
    { to: paths.home, label: t('header.nav.results'), active: (p) => p === paths.home || (p.startsWith('/results/') && !p.includes('/districts/')) },
    { to: paths.scorecards, label: t('header.nav.scorecards'), active: (p) => p === paths.scorecards || p.includes('/districts/') },
    { to: paths.openData, label: t('header.nav.openData'), active: under(paths.openData) },
    { to: paths.whatIf, label: t('header.nav.whatIf'), active: under(paths.whatIf) },
  ];
  // While a new password is required the password page is the only one open: no work menu, no bell.
  const mustChange = user?.mustChangePassword === true;
  const work = user === null || mustChange ? [] : workMenu(user, t);

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
              {publicMenu.map((item) => (
                <li key={item.to}>
                  <Link to={item.to} className={styles.navLink} aria-current={item.active(pathname) ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
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
                {mustChange ? (
                  <span className={styles.user}>{t('header.signedInAs', { name: user.displayName })}</span>
                ) : (
                  <>
                    <NotificationBell className={styles.action} />
                    <UserMenu user={user} />
                  </>
                )}
                <button
                  type="button"
                  className={styles.action}
                  disabled={logout.isPending || signingOut}
                  onClick={() => {
                    // Leave a signed-in page first, so that it does not redirect to sign-in as the session ends
                    // (and the password gate lets go of a user who must change it); the session ends once the
                    // home page is shown (see the effect above).
                    const state: SigningOutState = { signingOut: true };
                    setSigningOut(true);
                    void navigate(paths.home, { state });
                  }}
                >
                  {t('header.signOut')}
                </button>
              </>
            )}
          </div>
        </div>
      </div>
      {work.length > 0 && (
        <div className={styles.workBar}>
          <nav className="container" aria-label={t('header.workNavLabel')}>
            <ul className={styles.workList}>
              <li className={styles.workTitle} aria-hidden="true">
                {t('header.workTitle')}
              </li>
              {work.map((item) => (
                <li key={item.to}>
                  <Link to={item.to} className={styles.workLink} aria-current={item.active(pathname) ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      )}
    </header>
  );
}
