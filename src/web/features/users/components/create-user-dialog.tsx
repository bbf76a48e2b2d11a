import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.js';
import { Dialog } from '../../../components/ui/dialog.js';
import { TextField } from '../../../components/ui/form-field.js';
import { focusFirstProblem } from '../../../lib/focus-problem.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { OneTimePasswordResponse, OrgUnit } from '../../../types/index.js';
import { useCreateUser } from '../api/create-user.js';
import { grantsOf, newRoleRow, type RoleRow } from './role-grants.js';
import { roleErrors } from './role-errors.js';
import { RoleRowsEditor } from './role-rows-editor.js';
import { UserProblemAlert } from './user-problem-alert.js';
import formStyles from '../../../components/ui/form.module.css';

interface CreateUserDialogProps {
  open: boolean;
  onClose: () => void;
  districts: OrgUnit[];
  /** The new account and its one-time password, for the page to show once. */
  onCreated: (response: OneTimePasswordResponse) => void;
}

const formId = 'create-user-form';

/** A new account: username, name and one or more roles. The server answers with a one-time password. */
export function CreateUserDialog({ open, onClose, districts, onCreated }: CreateUserDialogProps) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const alertRef = useRef<HTMLDivElement>(null);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [rows, setRows] = useState<RoleRow[]>(() => [newRoleRow()]);
  const [checked, setChecked] = useState(false);

  const problem = create.error instanceof ApiError ? create.error : null;
  const usernameError =
    checked && username.trim() === ''
      ? t('users.form.required')
      : (problem?.fieldError('body.username') ??
        problem?.fieldError('username') ??
        (problem?.code === 'username_taken' ? (problem.detail ?? problem.title) : undefined));
  const displayNameError =
    checked && displayName.trim() === '' ? t('users.form.required') : (problem?.fieldError('displayName') ?? problem?.fieldError('body.displayName'));
  const roles = roleErrors(rows, checked, problem, t);
  const atFields =
    usernameError !== undefined || displayNameError !== undefined || roles.groupError !== undefined || roles.rowErrors.some((e) => e !== undefined);

  function reset() {
    create.reset();
    setUsername('');
    setDisplayName('');
    setRows([newRoleRow()]);
    setChecked(false);
  }

  function close() {
    reset();
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    create.reset();
    if (username.trim() === '' || displayName.trim() === '' || !roles.valid) {
      focusFirstProblem(formId, alertRef);
      return;
    }
    create.mutate(
      { username: username.trim(), displayName: displayName.trim(), roles: grantsOf(rows) },
      {
        onSuccess: (response) => {
          reset();
          onCreated(response);
        },
        onError: () => focusFirstProblem(formId, alertRef),
      },
    );
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('users.form.title')}
      footer={
        <>
          <Button variant="tertiary" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" form={formId} disabled={create.isPending}>
            {create.isPending ? t('common.working') : t('users.form.submit')}
          </Button>
        </>
      }
    >
      <form id={formId} className={formStyles.stack} onSubmit={submit} noValidate>
        {create.isError && <UserProblemAlert ref={alertRef} error={create.error} atFields={atFields} onLoadCurrent={() => create.reset()} />}
        <TextField
          label={t('users.form.username')}
          hint={t('users.form.usernameHint')}
          value={username}
          required
          maxLength={100}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          error={usernameError}
          onChange={(event) => setUsername(event.target.value)}
        />
        <TextField
          label={t('users.form.displayName')}
          hint={t('users.form.displayNameHint')}
          value={displayName}
          required
          maxLength={100}
          autoComplete="off"
          error={displayNameError}
          onChange={(event) => setDisplayName(event.target.value)}
        />
        <RoleRowsEditor rows={rows} onChange={setRows} districts={districts} rowErrors={roles.rowErrors} groupError={roles.groupError} />
      </form>
    </Dialog>
  );
}
