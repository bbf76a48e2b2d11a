import { useEffect, useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Dialog } from '../../../components/ui/dialog.js';
import { TextField } from '../../../components/ui/form-field.js';
import { focusFirstProblem } from '../../../lib/focus-problem.js';
import { formatDateTime } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { OneTimePasswordResponse, OrgUnit, UserView } from '../../../types/index.js';
import { useReloadUser } from '../api/get-users.js';
import { useResetPassword } from '../api/reset-password.js';
import { useResetSecondFactor } from '../../auth/api/second-factor.js';
import { useSetUserRoles } from '../api/set-user-roles.js';
import { useUpdateUser } from '../api/update-user.js';
import { grantsOf, rowsOf, type RoleRow } from './role-grants.js';
import { roleErrors } from './role-errors.js';
import { RoleRowsEditor } from './role-rows-editor.js';
import { UserProblemAlert } from './user-problem-alert.js';
import { UserRoles } from './user-roles.js';
import { isLocked, UserStatusBadges } from './user-status-badges.js';
import styles from './users.module.css';

interface ManageUserDialogProps {
  /** The account to manage, as the list has it now; null while closed. */
  user: UserView | null;
  selfId: number | null;
  districts: OrgUnit[];
  districtName: (code: string, fallback: string | null) => string;
  onClose: () => void;
  /** A reset password, for the page to show once (the panel closes). */
  onPasswordReset: (response: OneTimePasswordResponse) => void;
  /** After any saved change (the page refreshes the signed-in user when it is their own account). */
  onChanged: (user: UserView) => void;
}

/**
 * A side panel on one account: its name, roles, whether it may sign in, and a password reset after a confirmation.
 * Every change is sent with the version the panel shows; a refusal (someone else first, last city admin, own
 * account) appears next to the action that caused it.
 */
export function ManageUserDialog({ user, onClose, ...rest }: ManageUserDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog placement="side" open={user !== null} onClose={onClose} title={user === null ? '' : t('users.panel.title', { username: user.username })}>
      {user !== null && <ManageUser key={user.id} user={user} {...rest} />}
    </Dialog>
  );
}

function ManageUser({ user, selfId, districts, districtName, onPasswordReset, onChanged }: Omit<ManageUserDialogProps, 'onClose'> & { user: UserView }) {
  const { t, i18n } = useTranslation();
  // The mutations live here, not in the sections: a saved change gives the account a new version, and the sections
  // start again from it (their key), while the answer still reaches this component.
  const rename = useUpdateUser();
  const toggle = useUpdateUser();
  const setRoles = useSetUserRoles();
  const reset = useResetPassword();
  const resetFactor = useResetSecondFactor();
  const reload = useReloadUser();
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  function saved(message: string) {
    return (response: { user: UserView }) => {
      setNotice(message);
      onChanged(response.user);
      requestAnimationFrame(() => noticeRef.current?.focus());
    };
  }

  const loadCurrent = (mutation: { reset: () => void }) => (current: unknown) => {
    mutation.reset();
    setNotice(null);
    reload(current);
  };

  const version = user.version;
  return (
    <div className={styles.panel}>
      <div className={styles.panelSummary}>
        <UserStatusBadges user={user} />
        <dl className={styles.facts}>
          <div>
            <dt>{t('users.columns.username')}</dt>
            <dd>
              <code className={styles.mono}>{user.username}</code>
              {user.id === selfId && <span className={styles.you}>{t('users.panel.you')}</span>}
            </dd>
          </div>
          <div>
            <dt>{t('users.panel.createdAt')}</dt>
            <dd>{formatDateTime(user.createdAt, i18n.language)}</dd>
          </div>
          <div>
            <dt>{t('users.panel.lastSeenAt')}</dt>
            <dd>{user.lastSeenAt === null ? t('users.never') : formatDateTime(user.lastSeenAt, i18n.language)}</dd>
          </div>
        </dl>
        <UserRoles roles={user.roles} districtName={districtName} />
        {user.dutyWarnings.length > 0 && (
          <Alert tone="warning" title={t('users.dutyWarningTitle')}>
            {user.dutyWarnings.map((w) => (
              <p key={w.orgUnitCode}>{localized(w.message, i18n.language)}</p>
            ))}
          </Alert>
        )}
      </div>

      {notice !== null && (
        <Alert ref={noticeRef} tone="success" role="status">
          {notice}
        </Alert>
      )}

      <PanelSection title={t('users.panel.nameHeading')}>
        <NameForm
          key={version}
          user={user}
          mutation={rename}
          onLoadCurrent={loadCurrent(rename)}
          onSubmit={(displayName) => {
            setNotice(null);
            rename.mutate({ id: user.id, request: { version, displayName } }, { onSuccess: saved(t('users.panel.nameSaved')) });
          }}
        />
      </PanelSection>

      <PanelSection title={t('users.panel.rolesHeading')}>
        <RolesForm
          key={version}
          user={user}
          districts={districts}
          mutation={setRoles}
          onLoadCurrent={loadCurrent(setRoles)}
          onSubmit={(rows) => {
            setNotice(null);
            setRoles.mutate({ id: user.id, request: { version, roles: grantsOf(rows) } }, { onSuccess: saved(t('users.panel.rolesSaved')) });
          }}
        />
      </PanelSection>

      <PanelSection title={t('users.panel.statusHeading')}>
        <p className={styles.sectionText}>{t(user.disabled ? 'users.panel.disabledText' : 'users.panel.activeText')}</p>
        {isLocked(user) && <p className={styles.sectionText}>{t('users.panel.lockedText', { time: formatDateTime(user.lockedUntil, i18n.language) })}</p>}
        {toggle.isError && <ProblemAfterAction error={toggle.error} onLoadCurrent={loadCurrent(toggle)} />}
        <Button
          variant="secondary"
          disabled={toggle.isPending}
          onClick={() => {
            setNotice(null);
            const disabled = !user.disabled;
            toggle.mutate(
              { id: user.id, request: { version, disabled } },
              { onSuccess: saved(t(disabled ? 'users.panel.disabledDone' : 'users.panel.enabledDone')) },
            );
          }}
        >
          {toggle.isPending ? t('common.working') : t(user.disabled ? 'users.panel.enable' : 'users.panel.disable')}
        </Button>
      </PanelSection>

      <PanelSection title={t('users.panel.resetHeading')}>
        <ResetPassword
          key={version}
          user={user}
          mutation={reset}
          onLoadCurrent={loadCurrent(reset)}
          onConfirm={() => {
            setNotice(null);
            reset.mutate({ id: user.id, version }, { onSuccess: onPasswordReset });
          }}
        />
      </PanelSection>

      {user.secondFactor && (
        <PanelSection title={t('totp.reset')}>
          <ResetSecondFactor
            user={user}
            mutation={resetFactor}
            onConfirm={() => {
              setNotice(null);
              resetFactor.mutate(user.id, {
                onSuccess: () => {
                  setNotice(t('totp.resetDone'));
                  onChanged({ ...user, secondFactor: false });
                  requestAnimationFrame(() => noticeRef.current?.focus());
                },
              });
            }}
          />
        </PanelSection>
      )}
    </div>
  );
}

function PanelSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className={styles.panelSection}>
      <h3 className={styles.panelHeading}>{title}</h3>
      {children}
    </section>
  );
}

interface MutationState {
  error: unknown;
  isError: boolean;
  isPending: boolean;
}

/** The problem of an action, focused as it appears so that keyboard and screen-reader users hear it. */
function ProblemAfterAction({ error, onLoadCurrent, atFields }: { error: unknown; onLoadCurrent: (current: unknown) => void; atFields?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [error]);
  return <UserProblemAlert ref={ref} error={error} atFields={atFields} onLoadCurrent={onLoadCurrent} />;
}

function NameForm({
  user,
  mutation,
  onSubmit,
  onLoadCurrent,
}: {
  user: UserView;
  mutation: MutationState;
  onSubmit: (displayName: string) => void;
  onLoadCurrent: (current: unknown) => void;
}) {
  const { t } = useTranslation();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [checked, setChecked] = useState(false);
  const problem = mutation.error instanceof ApiError ? mutation.error : null;
  const error =
    checked && displayName.trim() === '' ? t('users.form.required') : (problem?.fieldError('displayName') ?? problem?.fieldError('body.displayName'));

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (displayName.trim() === '') return;
    onSubmit(displayName.trim());
  }

  return (
    <form className={styles.inlineForm} onSubmit={submit} noValidate>
      {mutation.isError && <ProblemAfterAction error={mutation.error} atFields={error !== undefined} onLoadCurrent={onLoadCurrent} />}
      <TextField
        label={t('users.form.displayName')}
        value={displayName}
        required
        maxLength={100}
        autoComplete="off"
        error={error}
        onChange={(event) => setDisplayName(event.target.value)}
      />
      <div>
        <Button type="submit" disabled={mutation.isPending || displayName.trim() === user.displayName}>
          {mutation.isPending ? t('common.working') : t('users.panel.saveName')}
        </Button>
      </div>
    </form>
  );
}

function RolesForm({
  user,
  districts,
  mutation,
  onSubmit,
  onLoadCurrent,
}: {
  user: UserView;
  districts: OrgUnit[];
  mutation: MutationState;
  onSubmit: (rows: RoleRow[]) => void;
  onLoadCurrent: (current: unknown) => void;
}) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<RoleRow[]>(() => rowsOf(user.roles));
  const [checked, setChecked] = useState(false);
  const problem = mutation.error instanceof ApiError ? mutation.error : null;
  const roles = roleErrors(rows, checked, problem, t);
  const atFields = roles.groupError !== undefined || roles.rowErrors.some((e) => e !== undefined);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChecked(true);
    if (!roles.valid) {
      focusFirstProblem(event.currentTarget);
      return;
    }
    onSubmit(rows);
  }

  return (
    <form className={styles.inlineForm} onSubmit={submit} noValidate>
      {mutation.isError && <ProblemAfterAction error={mutation.error} atFields={atFields} onLoadCurrent={onLoadCurrent} />}
      <RoleRowsEditor rows={rows} onChange={setRows} districts={districts} rowErrors={roles.rowErrors} groupError={roles.groupError} />
      <div>
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? t('common.working') : t('users.panel.saveRoles')}
        </Button>
      </div>
    </form>
  );
}

function ResetPassword({
  user,
  mutation,
  onConfirm,
  onLoadCurrent,
}: {
  user: UserView;
  mutation: MutationState;
  onConfirm: () => void;
  onLoadCurrent: (current: unknown) => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  return (
    <>
      <p className={styles.sectionText}>{t('users.panel.resetText')}</p>
      {mutation.isError && <ProblemAfterAction error={mutation.error} onLoadCurrent={onLoadCurrent} />}
      {confirming ? (
        <div className={styles.confirm}>
          <p ref={confirmRef} tabIndex={-1} className={styles.confirmText}>
            {t('users.panel.resetConfirm', { username: user.username })}
          </p>
          <div className={styles.actions}>
            <Button disabled={mutation.isPending} onClick={onConfirm}>
              {mutation.isPending ? t('common.working') : t('users.panel.resetConfirmButton')}
            </Button>
            <Button variant="tertiary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </div>
      ) : (
        <Button
          variant="secondary"
          onClick={() => {
            setConfirming(true);
            requestAnimationFrame(() => confirmRef.current?.focus());
          }}
        >
          {t('users.panel.reset')}
        </Button>
      )}
    </>
  );
}

/** Another account's second factor (a lost phone), removed after a confirmation; the server refuses one's own. */
function ResetSecondFactor({
  user,
  mutation,
  onConfirm,
}: {
  user: UserView;
  mutation: { isPending: boolean; isError: boolean; error: unknown };
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  return (
    <>
      {mutation.isError && <ProblemAfterAction error={mutation.error} onLoadCurrent={() => setConfirming(false)} />}
      {confirming ? (
        <div className={styles.confirm}>
          <p ref={confirmRef} tabIndex={-1} className={styles.confirmText}>
            {t('totp.resetConfirm', { name: user.username })}
          </p>
          <div className={styles.actions}>
            <Button disabled={mutation.isPending} onClick={onConfirm}>
              {mutation.isPending ? t('common.working') : t('totp.reset')}
            </Button>
            <Button variant="tertiary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </div>
      ) : (
        <Button
          variant="secondary"
          onClick={() => {
            setConfirming(true);
            requestAnimationFrame(() => confirmRef.current?.focus());
          }}
        >
          {t('totp.reset')}
        </Button>
      )}
    </>
  );
}
