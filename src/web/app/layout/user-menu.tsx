import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { paths } from '../../config/paths.js';
import type { User } from '../../types/index.js';
import styles from './site-header.module.css';

/**
 * The signed-in user's menu (a disclosure: the button shows and hides a list of links): their work and their
 * password. It closes on Escape (focus back on the button), a click elsewhere and any navigation.
 */
export function UserMenu({ user }: { user: User }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listId = useId();

  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!(event.target instanceof Node) || rootRef.current?.contains(event.target) !== true) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  return (
    <div ref={rootRef} className={styles.userMenu}>
      <button ref={buttonRef} type="button" className={styles.action} aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
        <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5">
          <circle cx="8" cy="5.5" r="2.75" />
          <path d="M2.5 14c.6-2.9 2.8-4.5 5.5-4.5s4.9 1.6 5.5 4.5" />
        </svg>
        <span className={styles.userName}>{t('header.signedInAs', { name: user.displayName })}</span>
        <span aria-hidden="true" className={styles.caret}>
          ▾
        </span>
      </button>
      <ul id={listId} className={styles.userMenuList} hidden={!open}>
        <li>
          <Link to={paths.myWork} className={styles.userMenuLink}>
            {t('userMenu.myWork')}
          </Link>
        </li>
        <li>
          <Link to={paths.changePassword} className={styles.userMenuLink} aria-current={pathname === paths.changePassword ? 'page' : undefined}>
            {t('userMenu.changePassword')}
          </Link>
        </li>
        <li>
          <Link to={paths.accountSecurity} className={styles.userMenuLink} aria-current={pathname === paths.accountSecurity ? 'page' : undefined}>
            {t('totp.menu')}
          </Link>
        </li>
        <li>
          <Link to={paths.emailSettings} className={styles.userMenuLink} aria-current={pathname === paths.emailSettings ? 'page' : undefined}>
            {t('emailSettings.menu')}
          </Link>
        </li>
      </ul>
    </div>
  );
}
