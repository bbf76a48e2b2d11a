import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/problem-details.js';
import { Button } from './button.js';
import { Forbidden } from './forbidden.js';
import styles from './status.module.css';

export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className={`${styles.box} ${styles.loading}`} role="status" aria-live="polite">
      <span className={styles.spinner} aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

export function EmptyState({ title, text }: { title: string; text?: string }) {
  return (
    <div className={styles.box}>
      <p className={styles.title}>{title}</p>
      {text !== undefined && <p className={styles.text}>{text}</p>}
    </div>
  );
}

/** Shows an API problem (title, detail, field messages) or any other error, with an optional retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const problem = error instanceof ApiError ? error : null;
  if (problem?.status === 403 && problem.code !== 'csrf') return <Forbidden />;
  // A 4xx answer will not change on a retry (not found, forbidden…), so offer a retry only for other failures.
  const isClientError = problem !== null && problem.status >= 400 && problem.status < 500;
  const detail = problem?.detail ?? (problem === null ? t('errors.generic') : undefined);
  return (
    <div className={`${styles.box} ${styles.error}`} role="alert">
      <p className={styles.title}>{problem?.title ?? t('errors.heading')}</p>
      {detail !== undefined && <p className={styles.text}>{detail}</p>}
      {problem !== null && problem.errors.length > 0 && (
        <ul className={styles.fieldErrors}>
          {problem.errors.map((e) => (
            <li key={`${e.path}:${e.message}`}>{e.path === '' ? e.message : `${e.path}: ${e.message}`}</li>
          ))}
        </ul>
      )}
      {onRetry !== undefined && !isClientError && (
        <Button variant="secondary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </div>
  );
}
