import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/ui/alert.js';
import { Button, buttonClassName } from '../../components/ui/button.js';
import { TextField } from '../../components/ui/form-field.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { ErrorState, LoadingState } from '../../components/ui/status.js';
import { paths, safeNext, signInFor } from '../../config/paths.js';
import { meQueryKey, useMe } from '../../features/auth/api/get-me.js';
import { secondFactorQueryKey, useBeginEnrolment, useConfirmEnrolment, useSecondFactorStatus } from '../../features/auth/api/second-factor.js';
import { formatDate } from '../../lib/format.js';
import { ApiError } from '../../lib/problem-details.js';
import formStyles from '../../components/ui/form.module.css';
import styles from '../page.module.css';

/**
 * The signed-in user's second factor: its state, and setting it up — a QR code and the key in text, confirmed with a
 * code, then the recovery codes shown this once. While the policy requires it this is the only page the app shows.
 */
export default function AccountSecurityPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const status = useSecondFactorStatus();
  const begin = useBeginEnrolment();
  const confirm = useConfirmEnrolment();
  const queryClient = useQueryClient();
  const [search] = useSearchParams();
  const next = safeNext(search.get('next'));
  const [code, setCode] = useState('');
  const [checked, setChecked] = useState(false);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const codesRef = useRef<HTMLDivElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (recoveryCodes) codesRef.current?.focus();
  }, [recoveryCodes]);
  useEffect(() => {
    if (confirm.isError) alertRef.current?.focus();
  }, [confirm.isError, confirm.error]);

  if (me.isPending || status.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data === null) return <Navigate to={signInFor(paths.accountSecurity)} replace />;
  if (status.isError) return <ErrorState error={status.error} onRetry={() => void status.refetch()} />;
  const state = status.data;
  const problem = confirm.error instanceof ApiError ? confirm.error : null;
  const enrolment = begin.data;

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (code.trim() === '') return;
    confirm.mutate(
      { code: code.trim() },
      {
        onSuccess: async (answer) => {
          setRecoveryCodes(answer.recoveryCodes);
          await queryClient.invalidateQueries({ queryKey: secondFactorQueryKey });
          await queryClient.invalidateQueries({ queryKey: meQueryKey });
        },
      },
    );
  }

  let body;
  if (recoveryCodes) {
    body = (
      <Alert
        ref={codesRef}
        tone="success"
        role="status"
        title={t('totp.recoveryTitle')}
        actions={
          <Link to={next} replace className={buttonClassName({})}>
            {t('totp.done')}
          </Link>
        }
      >
        <p>{t('totp.recoveryText')}</p>
        <ul aria-label={t('totp.recoveryListLabel')} data-testid="recovery-codes">
          {recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
      </Alert>
    );
  } else if (state.enrolled) {
    body = (
      <Alert tone="success" title={t('totp.enrolledTitle')}>
        <p>{t('totp.enrolledText', { date: formatDate(state.enrolledAt, i18n.language), count: state.recoveryCodesLeft })}</p>
        <p>{t('totp.lostDevice')}</p>
      </Alert>
    );
  } else if (!state.canEnrol) {
    body = <p>{t('totp.demoText')}</p>;
  } else if (!enrolment) {
    body = (
      <div>
        {begin.isError && (
          <Alert tone="danger" role="alert" title={t('totp.failed')}>
            <p>{begin.error instanceof ApiError ? (begin.error.detail ?? begin.error.title) : t('errors.generic')}</p>
          </Alert>
        )}
        <Button type="button" onClick={() => begin.mutate()} disabled={begin.isPending}>
          {begin.isPending ? t('totp.starting') : t('totp.start')}
        </Button>
      </div>
    );
  } else {
    const fieldError = checked && code.trim() === '' ? t('totp.required') : undefined;
    body = (
      <>
        <section className={styles.section} aria-labelledby="totp-scan">
          <h2 id="totp-scan">{t('totp.scanHeading')}</h2>
          <img src={`data:image/svg+xml;utf8,${encodeURIComponent(enrolment.qrSvg)}`} alt={t('totp.qrAlt')} width={200} height={200} />
          <p>
            {t('totp.secretLabel')}:{' '}
            <code data-testid="totp-secret" style={{ wordBreak: 'break-all' }}>
              {enrolment.secret}
            </code>
          </p>
        </section>
        <section className={styles.section} aria-labelledby="totp-confirm">
          <h2 id="totp-confirm">{t('totp.confirmHeading')}</h2>
          <form className={formStyles.stack} onSubmit={submit} noValidate>
            {confirm.isError && (
              <Alert ref={alertRef} tone="danger" role="alert" title={t('totp.failed')}>
                <p>{problem?.detail ?? problem?.title ?? t('errors.generic')}</p>
              </Alert>
            )}
            <TextField
              label={t('totp.code')}
              hint={t('totp.codeHint')}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              value={code}
              error={fieldError}
              onChange={(e) => setCode(e.target.value)}
            />
            <div>
              <Button type="submit" disabled={confirm.isPending}>
                {confirm.isPending ? t('totp.confirming') : t('totp.confirm')}
              </Button>
            </div>
          </form>
        </section>
      </>
    );
  }

  return (
    <div className={styles.narrow}>
      <PageTitle title={t('totp.pageTitle')} />
      <div className={styles.card}>
        <h1>{t('totp.heading')}</h1>
        {state.required && !state.enrolled && !recoveryCodes && (
          <Alert tone="warning" title={t('totp.requiredTitle')}>
            <p>{t('totp.requiredText')}</p>
          </Alert>
        )}
        <p className={styles.meta}>{t('totp.intro')}</p>
        {body}
      </div>
    </div>
  );
}
