import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { josa } from '../../../../korean.js';
import { ButtonLink } from '../../../components/ui/button.js';
import { apiUrl } from '../../../lib/api-client.js';
import styles from './sign-in-form.module.css';

const REASONS = ['unreachable', 'failed', 'expired', 'no_account', 'unusable'] as const;
type Reason = (typeof REASONS)[number];

/** The server sends people back to sign-in with `?sso=<reason>` when single sign-on did not work. */
export function ssoReason(value: string | null): Reason | null {
  return REASONS.find((r) => r === value) ?? null;
}

/**
 * The "sign in with the organisation account" button: a plain link to the server, which sends the browser on to the
 * identity provider. A failed attempt is explained above it, in words (never the provider's error codes).
 */
export function SsoSignIn({ displayName, next, reason }: { displayName: string; next: string; reason: Reason | null }) {
  const { t, i18n } = useTranslation();
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (reason !== null) alertRef.current?.focus();
  }, [reason]);
  // The name as configured, e.g. "서울시 통합인증 / Seoul SSO": each language shows its half when there are two.
  const halves = displayName.split(' / ');
  const name = (i18n.language.startsWith('en') ? halves[1] : halves[0]) ?? halves[0] ?? displayName;
  const label = i18n.language.startsWith('en') ? t('sso.buttonNamed', { name }) : t('sso.buttonNamed', { nameRo: josa(name, '으로/로') });
  return (
    <div className={styles.form}>
      {reason !== null && (
        <div ref={alertRef} className={styles.alert} role="alert" tabIndex={-1}>
          <strong>{t('sso.failedTitle')}</strong>
          <p>{t(`sso.reasons.${reason}`)}</p>
        </div>
      )}
      <ButtonLink className={styles.submit} href={`${apiUrl('/auth/sso/start')}?next=${encodeURIComponent(next)}`}>
        {label}
      </ButtonLink>
    </div>
  );
}
