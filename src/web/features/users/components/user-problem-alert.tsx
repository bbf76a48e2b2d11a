import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { ApiError } from '../../../lib/problem-details.js';

interface UserProblemAlertProps {
  error: unknown;
  /** After `stale_version`: show the account as it is now (`current` from the problem document, if any). */
  onLoadCurrent: (current: unknown) => void;
  /** A message already shown at a field; the alert then only says to look there. */
  atFields?: boolean;
}

/**
 * A refused change of an account: someone else changed it first (with a button that loads the current version),
 * the last enabled city admin, your own account, or any other problem the server names.
 */
export const UserProblemAlert = forwardRef<HTMLDivElement, UserProblemAlertProps>(function UserProblemAlert({ error, onLoadCurrent, atFields = false }, ref) {
  const { t } = useTranslation();
  const problem = error instanceof ApiError ? error : null;
  const code = problem?.code;
  if (code === 'stale_version') {
    return (
      <Alert
        ref={ref}
        tone="warning"
        role="alert"
        title={t('users.problems.staleTitle')}
        actions={
          <Button variant="secondary" size="small" onClick={() => onLoadCurrent(problem?.extensions.current)}>
            {t('users.problems.loadCurrent')}
          </Button>
        }
      >
        <p>{t('users.problems.staleText')}</p>
      </Alert>
    );
  }
  const title =
    code === 'last_admin' ? t('users.problems.lastAdminTitle') : code === 'self' ? t('users.problems.selfTitle') : (problem?.title ?? t('errors.heading'));
  // Refusing to disable your own account needs no more words than its title.
  const text = atFields ? t('users.form.fixFields') : code === 'self' ? undefined : (problem?.detail ?? (problem === null ? t('errors.generic') : undefined));
  return (
    <Alert ref={ref} tone="danger" role="alert" title={title}>
      {text !== undefined && <p>{text}</p>}
    </Alert>
  );
});
