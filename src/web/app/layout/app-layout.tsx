import { Suspense, useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/ui/status.js';
import { PasswordGate } from '../password-gate.js';
import { SecondFactorGate } from '../second-factor-gate.js';
import { SiteFooter } from './site-footer.js';
import { SiteHeader } from './site-header.js';
import styles from './app-layout.module.css';

/** Page frame: skip link, header, main content (pages load lazily inside it) and footer. */
export function AppLayout() {
  const { t } = useTranslation();
  const mainRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const firstRender = useRef(true);

  // After navigating, move focus to the new content so that screen-reader and keyboard users start there.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: false });
    window.scrollTo(0, 0);
  }, [pathname]);

  return (
    <>
      <a className={styles.skipLink} href="#main">
        {t('skipLink')}
      </a>
      <SiteHeader />
      <main id="main" ref={mainRef} tabIndex={-1} className={styles.main}>
        <div className="container">
          <Suspense fallback={<LoadingState />}>
            <SecondFactorGate>
              <PasswordGate>
                <Outlet />
              </PasswordGate>
            </SecondFactorGate>
          </Suspense>
        </div>
      </main>
      <SiteFooter />
    </>
  );
}
