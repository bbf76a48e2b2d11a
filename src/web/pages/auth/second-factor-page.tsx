import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { TextField } from '../../components/ui/form-field.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { ErrorState, LoadingState } from '../../components/ui/status.js';
import { paths, safeNext } from '../../config/paths.js';
import { useMe } from '../../features/auth/api/get-me.js';
import { useLogout } from '../../features/auth/api/logout.js';
import { useSecondFactorStep } from '../../features/auth/api/second-factor.js';
import { waitText } from '../../features/auth/components/use-wait-countdown.js';
import { ApiError } from '../../lib/problem-details.js';
import formStyles from '../../components/ui/form.module.css';
import styles from '../page.module.css';

/** The wait of a `code_throttled` answer (429), or 0. */
function codeWait(error: unknown): number {
  if (!(error instanceof ApiError) || error.code !== 'code_throttled') return 0;
  const seconds = error.extensions.retryAfter;
  return typeof seconds === 'number' && seconds > 0 ? seconds : 0;
}

/**
 * The second step of signing in, for users with a second factor: a code from the authenticator app or a recovery
 * code. The session opened by the password can do nothing else (the gate keeps the user here).
 */
export default function SecondFactorPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const next = safeNext(search.get('next'));
  const step = useSecondFactorStep();
  const logout = useLogout();
  const [code, setCode] = useState('');
  const [checked, setChecked] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const wait = codeWait(step.error);

  useEffect(() => {
    if (step.isError) alertRef.current?.focus();
  }, [step.isError, step.error]);

  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data === null) return <Navigate to={paths.signIn} replace />;
  if (me.data.secondFactor.pending !== 'code') return <Navigate to={next} replace />;

  const fieldError = checked && code.trim() === '' ? t('totp.required') : undefined;
  const problem = step.error instanceof ApiError ? step.error : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (code.trim() === '') return;
    step.mutate({ code: code.trim() }, { onSuccess: () => void navigate(next, { replace: true }) });
  }

  return (
    <div className={styles.narrow}>
      <PageTitle title={t('totp.stepPageTitle')} />
      <div className={styles.card}>
        <h1>{t('totp.stepHeading')}</h1>
        <p className={styles.meta}>{t('totp.stepIntro')}</p>
        <form className={formStyles.stack} onSubmit={submit} noValidate>
          {step.isError && (
            <Alert ref={alertRef} tone="danger" role="alert" title={t('totp.failed')}>
              <p>{wait > 0 ? t('totp.throttled', { wait: waitText(wait, i18n.language) }) : (problem?.detail ?? problem?.title ?? t('errors.generic'))}</p>
            </Alert>
          )}
          <TextField
            label={t('totp.stepCode')}
            hint={t('totp.stepHint')}
            name="code"
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={code}
            error={fieldError}
            onChange={(e) => setCode(e.target.value)}
          />
          <div>
            <Button type="submit" disabled={step.isPending}>
              {step.isPending ? t('totp.stepSubmitting') : t('totp.stepSubmit')}
            </Button>{' '}
            <Button
              type="button"
              variant="secondary"
              onClick={() => logout.mutate(undefined, { onSettled: () => void navigate(paths.signIn, { replace: true }) })}
            >
              {t('totp.signOut')}
            </Button>
          </div>
        </form>
      </div>
    </div>
  );
}
