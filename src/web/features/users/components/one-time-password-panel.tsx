import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.js';
import styles from './users.module.css';

export interface OneTimePassword {
  kind: 'created' | 'reset';
  username: string;
  password: string;
}

interface OneTimePasswordPanelProps {
  secret: OneTimePassword;
  /** The admin has passed it on: the password leaves the screen and is gone for good. */
  onDismiss: () => void;
}

async function copyText(text: string, fallbackInput: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard !== undefined) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied or not a secure context: try the old way below.
  }
  if (fallbackInput === null) return false;
  fallbackInput.select();
  return document.execCommand('copy');
}

/**
 * The one-time password of a new or reset account, shown once: a read-only field (selectable), a copy button and
 * the rule that the user must change it at first sign-in. Focus moves to the password when the panel appears, so a
 * screen reader announces it with the note.
 */
export function OneTimePasswordPanel({ secret, onDismiss }: OneTimePasswordPanelProps) {
  const { t } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    setCopy('idle');
    // After the dialog that produced it has closed and handed focus back to its opener.
    const frame = requestAnimationFrame(() => {
      inputRef.current?.focus();
      inputRef.current?.select();
    });
    return () => cancelAnimationFrame(frame);
  }, [secret]);

  const headingId = `${id}-heading`;
  const inputId = `${id}-password`;
  const noteId = `${id}-note`;
  return (
    <section className={styles.oneTime} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.oneTimeHeading}>
        <span aria-hidden="true">✔ </span>
        {secret.kind === 'created' ? t('users.oneTime.created', { username: secret.username }) : t('users.oneTime.reset', { username: secret.username })}
      </h2>
      <label className={styles.oneTimeLabel} htmlFor={inputId}>
        {t('users.oneTime.label')}
      </label>
      <div className={styles.secretRow}>
        <input
          ref={inputRef}
          id={inputId}
          className={styles.secret}
          value={secret.password}
          readOnly
          autoComplete="off"
          spellCheck={false}
          translate="no"
          aria-describedby={noteId}
          onFocus={(event) => event.currentTarget.select()}
        />
        <Button variant="secondary" onClick={() => void copyText(secret.password, inputRef.current).then((ok) => setCopy(ok ? 'copied' : 'failed'))}>
          {t('users.oneTime.copy')}
        </Button>
      </div>
      <p role="status" className={copy === 'failed' ? styles.error : styles.copied}>
        {copy === 'copied' ? t('users.oneTime.copied') : copy === 'failed' ? t('users.oneTime.copyFailed') : ''}
      </p>
      <p id={noteId} className={styles.oneTimeNote}>
        <span aria-hidden="true">⚠ </span>
        {t('users.oneTime.note')}
      </p>
      <Button variant="tertiary" size="small" onClick={onDismiss}>
        {t('users.oneTime.dismiss')}
      </Button>
    </section>
  );
}
