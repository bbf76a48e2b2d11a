import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { TextField } from '../../../components/ui/form-field.js';
import { focusFirstProblem } from '../../../lib/focus-problem.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { User } from '../../../types/index.js';
import { useChangePassword } from '../api/change-password.js';
import formStyles from '../../../components/ui/form.module.css';
import { useWaitCountdown, waitOf, waitText } from './use-wait-countdown.js';

type Field = 'currentPassword' | 'newPassword' | 'confirmPassword';

// The server's rule too (counted in characters, not UTF-16 units); it also checks the rest.
const MIN_LENGTH = 10;
const formId = 'change-password-form';

/** The server's message for a field: its `errors[]` by path, and the codes that concern one field as a whole. */
function serverError(problem: ApiError | null, field: Field): string | undefined {
  if (problem === null) return undefined;
  const byPath = problem.errors.filter((e) => e.path === field || e.path === `body.${field}`).map((e) => e.message);
  if (byPath.length > 0) return byPath.join(' ');
  if (field === 'currentPassword' && problem.code === 'wrong_password') return problem.detail ?? problem.title;
  if (field === 'newPassword' && problem.code === 'weak_password') {
    // Every reason the password was refused, whatever path the server gave them.
    const reasons = problem.errors.map((e) => e.message);
    return reasons.length > 0 ? reasons.join(' ') : (problem.detail ?? problem.title);
  }
  return undefined;
}

/**
 * Current password, new password and its confirmation. The form checks that the two new ones match and are long
 * enough; the server decides the rest (wrong current password, a weak new one) and its messages go to the field.
 */
export function ChangePasswordForm({ user, forced, onChanged }: { user: User; forced: boolean; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const change = useChangePassword();
  // Wrong current passwords count like wrong sign-ins: after five the server makes this address wait.
  const wait = useWaitCountdown(change.error);
  const alertRef = useRef<HTMLDivElement>(null);
  const [values, setValues] = useState<Record<Field, string>>({ currentPassword: '', newPassword: '', confirmPassword: '' });
  const [checked, setChecked] = useState(false);

  const problem = change.error instanceof ApiError ? change.error : null;
  const localError = (field: Field): string | undefined => {
    if (!checked) return undefined;
    const value = values[field];
    if (value === '') return t('password.required');
    if (field === 'newPassword' && [...value].length < MIN_LENGTH) return t('password.tooShort');
    if (field === 'confirmPassword' && value !== values.newPassword) return t('password.mismatch');
    return undefined;
  };
  const errors: Record<Field, string | undefined> = {
    currentPassword: localError('currentPassword') ?? serverError(problem, 'currentPassword'),
    newPassword: localError('newPassword') ?? serverError(problem, 'newPassword'),
    confirmPassword: localError('confirmPassword') ?? serverError(problem, 'confirmPassword'),
  };
  const atFields = Object.values(errors).some((e) => e !== undefined);

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    change.reset();
    const { currentPassword, newPassword, confirmPassword } = values;
    if (currentPassword === '' || [...newPassword].length < MIN_LENGTH || confirmPassword !== newPassword) {
      focusFirstProblem(formId, alertRef);
      return;
    }
    change.mutate({ currentPassword, newPassword }, { onSuccess: onChanged, onError: () => focusFirstProblem(formId, alertRef) });
  }

  const set = (field: Field) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: event.target.value }));

  return (
    <form id={formId} className={formStyles.stack} onSubmit={submit} noValidate>
      {change.isError && (
        <Alert ref={alertRef} tone="danger" role="alert" title={t('password.failed')}>
          <p>
            {atFields
              ? t('password.fixFields')
              : waitOf(problem) > 0
                ? t('password.throttled', { wait: waitText(waitOf(problem), i18n.language) })
                : (problem?.detail ?? problem?.title ?? t('errors.generic'))}
          </p>
        </Alert>
      )}
      {/* For password managers: whose password this is. */}
      <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
      <TextField
        label={t('password.current')}
        hint={forced ? t('password.currentForcedHint') : undefined}
        type="password"
        name="currentPassword"
        autoComplete="current-password"
        required
        value={values.currentPassword}
        error={errors.currentPassword}
        onChange={set('currentPassword')}
      />
      <TextField
        label={t('password.new')}
        hint={t('password.newHint')}
        type="password"
        name="newPassword"
        autoComplete="new-password"
        required
        minLength={MIN_LENGTH}
        value={values.newPassword}
        error={errors.newPassword}
        onChange={set('newPassword')}
      />
      <TextField
        label={t('password.confirm')}
        type="password"
        name="confirmPassword"
        autoComplete="new-password"
        required
        value={values.confirmPassword}
        error={errors.confirmPassword}
        onChange={set('confirmPassword')}
      />
      <div>
        <Button type="submit" disabled={change.isPending || wait > 0}>
          {change.isPending ? t('password.submitting') : wait > 0 ? t('password.waiting', { wait: waitText(wait, i18n.language) }) : t('password.submit')}
        </Button>
      </div>
    </form>
  );
}
