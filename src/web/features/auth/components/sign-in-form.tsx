import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.js';
import { ApiError } from '../../../lib/problem-details.js';
import { useLogin } from '../api/login.js';
import styles from './sign-in-form.module.css';
import { useWaitCountdown, waitOf, waitText } from './use-wait-countdown.js';

type Field = 'username' | 'password';

/** Username and password; the server's messages appear next to the field they name, others above the form. */
export function SignInForm({ onSuccess }: { onSuccess: () => void }) {
  const { t, i18n } = useTranslation();
  const login = useLogin();
  // After too many wrong passwords the server makes this address wait; the button counts the wait down.
  const wait = useWaitCountdown(login.error);
  const id = useId();
  const alertRef = useRef<HTMLDivElement>(null);
  const [missing, setMissing] = useState<Partial<Record<Field, boolean>>>({});

  const problem = login.error instanceof ApiError ? login.error : null;
  const fieldError = (field: Field): string | undefined =>
    missing[field] === true ? t('signIn.required', { field: t(`signIn.${field}`) }) : problem?.fieldError(field);
  const formError =
    login.error === null
      ? null
      : problem === null
        ? t('errors.generic')
        : waitOf(problem) > 0
          ? t('signIn.throttled', { wait: waitText(waitOf(problem), i18n.language) })
          : problem.errors.some((e) => e.path === 'username' || e.path === 'password')
            ? null
            : (problem.detail ?? problem.title);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const username = String(data.get('username') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const nextMissing = { username: username === '', password: password === '' };
    setMissing(nextMissing);
    if (nextMissing.username || nextMissing.password) {
      const first = event.currentTarget.elements.namedItem(nextMissing.username ? 'username' : 'password');
      if (first instanceof HTMLInputElement) first.focus();
      return;
    }
    login.mutate(
      { username, password },
      {
        onSuccess,
        onError: () => alertRef.current?.focus(),
      },
    );
  }

  const renderField = (field: Field, type: string, autoComplete: string) => {
    const error = fieldError(field);
    const inputId = `${id}-${field}`;
    const errorId = `${inputId}-error`;
    return (
      <div className={styles.field}>
        <label htmlFor={inputId}>{t(`signIn.${field}`)}</label>
        <input
          id={inputId}
          name={field}
          type={type}
          autoComplete={autoComplete}
          autoCapitalize="none"
          spellCheck={false}
          aria-invalid={error !== undefined}
          aria-describedby={error === undefined ? undefined : errorId}
          onChange={() => missing[field] === true && setMissing((m) => ({ ...m, [field]: false }))}
        />
        {error !== undefined && (
          <p id={errorId} className={styles.fieldError}>
            {error}
          </p>
        )}
      </div>
    );
  };

  return (
    <form className={styles.form} onSubmit={handleSubmit} noValidate>
      {formError !== null && (
        <div ref={alertRef} className={styles.alert} role="alert" tabIndex={-1}>
          <strong>{t('signIn.failed')}</strong>
          <p>{formError}</p>
        </div>
      )}
      {renderField('username', 'text', 'username')}
      {renderField('password', 'password', 'current-password')}
      <Button type="submit" className={styles.submit} disabled={login.isPending || wait > 0}>
        {login.isPending ? t('signIn.submitting') : wait > 0 ? t('signIn.waiting', { wait: waitText(wait, i18n.language) }) : t('signIn.submit')}
      </Button>
    </form>
  );
}
