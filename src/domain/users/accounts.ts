import type { z } from 'zod';
import { USERNAME_PATTERN, type userViewSchema } from '../../contract/users.js';
import { findOrgUnitByCode } from '../../db/repositories/org-units.js';
import { deleteSessionsOfUser } from '../../db/repositories/sessions.js';
import { usersWithTotp } from '../../db/repositories/totp.js';
import {
  enabledCityAdminIds,
  findUserById,
  insertUser,
  listUsers,
  lockUser,
  membershipsOfUsers,
  replaceRoles,
  updateUserFields,
  type MembershipWithName,
  type UserFilter,
  type UserRow,
} from '../../db/repositories/users.js';
import type { Role } from '../../db/repositories/users.js';
import type { Db } from '../../db/client.js';
import type { DbOrTx } from '../../db/tx.js';
import { appendAudit } from '../audit.js';
import { endSessionsOnPrivilegeChange, type Principal } from '../auth.js';
import { actorOf, requireRole } from '../authz.js';
import { DomainError, notFound, type FieldProblem } from '../errors.js';
import { hashPassword, randomPassword } from '../passwords.js';
import { delayedUntil, forgetAttemptsOfName } from '../sign-in-protection.js';
import { requireSecondFactor } from '../totp.js';

import { josaPick } from '../../korean.js';

/** An account as the city admin sees it: never the password hash (the answer's schema is in src/contract/users.ts). */
export type UserView = z.output<typeof userViewSchema>;

export type DutyWarning = UserView['dutyWarnings'][number];

/** The districts where one account holds both district roles, each with the warning the city admin sees. */
export function dutyWarningsOf(roles: ReadonlyArray<{ role: Role; orgUnitCode: string | null; orgUnitName?: string | null }>): DutyWarning[] {
  const officer = new Set(roles.filter((r) => r.role === 'district_officer').map((r) => r.orgUnitCode));
  const out: DutyWarning[] = [];
  for (const r of roles) {
    if (r.role !== 'district_approver' || !r.orgUnitCode || !officer.has(r.orgUnitCode)) continue;
    const name = r.orgUnitName ?? r.orgUnitCode;
    out.push({
      code: 'officer_and_approver',
      orgUnitCode: r.orgUnitCode,
      message: {
        ko: `${name}의 담당자와 승인권자를 한 사람이 맡습니다. 직무 분리를 위해 이 사람은 자기가 입력하거나 제출한 항목을 승인할 수 없으므로, 그 구에는 다른 승인권자가 있어야 합니다.`,
        en: `One person is both officer and approver of ${name}. To keep duties apart they cannot approve what they entered or submitted, so the district needs another approver.`,
      },
    });
  }
  return out;
}

export interface RoleInput {
  role: Role;
  orgUnitCode?: string | null | undefined;
}

export { USERNAME_PATTERN };
const DISTRICT_ROLES: ReadonlySet<Role> = new Set(['district_officer', 'district_approver']);

function view(row: UserRow, roles: MembershipWithName[], delayed: Date | undefined, secondFactor: boolean): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    isDemo: row.isDemo,
    disabled: row.disabledAt !== null,
    lockedUntil: delayed?.toISOString() ?? null,
    mustChangePassword: row.mustChangePassword,
    secondFactor,
    roles,
    lastSeenAt: row.lastSignInAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
    dutyWarnings: dutyWarningsOf(roles),
  };
}

async function viewsOf(db: DbOrTx, rows: UserRow[]): Promise<UserView[]> {
  const roles = await membershipsOfUsers(
    db,
    rows.map((r) => r.id),
  );
  const delays = await delayedUntil(
    db,
    rows.map((r) => r.username),
  );
  const withFactor = await usersWithTotp(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => view(r, roles.get(r.id) ?? [], delays.get(r.username), withFactor.has(r.id)));
}

/** Accounts are the city administrator's to see and change. */
function requireAccountAdmin(principal: Principal | null): asserts principal is Principal {
  requireRole(principal, 'city_admin');
}

export async function listAccounts(db: DbOrTx, principal: Principal | null, filter: UserFilter = {}): Promise<UserView[]> {
  requireAccountAdmin(principal);
  return viewsOf(db, await listUsers(db, filter));
}

export async function getAccount(db: DbOrTx, principal: Principal | null, id: number): Promise<UserView> {
  requireAccountAdmin(principal);
  return accountView(db, id);
}

async function accountView(db: DbOrTx, id: number): Promise<UserView> {
  return (await viewsOf(db, [await userRowOrThrow(db, id, { lock: false })]))[0]!;
}

/** The account's row (locked for the rest of the transaction with `lock`), or 404. */
async function userRowOrThrow(db: DbOrTx, id: number, { lock }: { lock: boolean }): Promise<UserRow> {
  const row = lock ? await lockUser(db, id) : await findUserById(db, id);
  if (!row) throw notFound({ ko: `사용자 ${id}`, en: `User ${id}` });
  return row;
}

function staleVersion(current: UserView): DomainError {
  return new DomainError(
    'conflict',
    'stale_version',
    { ko: '다른 사용자가 이 계정을 먼저 바꾸었습니다. 새로 고친 뒤 다시 하세요.', en: 'Someone else changed this account first. Reload and try again.' },
    [],
    { current },
  );
}

/** Role inputs resolved to org unit ids; a district role needs a district, the city roles take none. */
async function resolveRoles(db: DbOrTx, input: RoleInput[]): Promise<Array<{ role: Role; orgUnitId: number | null }>> {
  const problems: FieldProblem[] = [];
  const out: Array<{ role: Role; orgUnitId: number | null }> = [];
  const seen = new Set<string>();
  for (const [i, r] of input.entries()) {
    const path = `body.roles.${i}.orgUnitCode`;
    const code = r.orgUnitCode?.trim() || null;
    let orgUnitId: number | null = null;
    if (code) {
      const unit = await findOrgUnitByCode(db, code);
      if (!unit) {
        problems.push({ path, message: { ko: `기관 코드 ${code}${josaPick(code, '이/가')} 없습니다.`, en: `No org unit with code ${code}.` } });
        continue;
      }
      if (DISTRICT_ROLES.has(r.role) && unit.kind !== 'district') {
        problems.push({ path, message: { ko: '자치구 역할에는 자치구를 지정해야 합니다.', en: 'A district role needs a district.' } });
        continue;
      }
      orgUnitId = unit.id;
    } else if (DISTRICT_ROLES.has(r.role)) {
      problems.push({ path, message: { ko: '자치구 담당자·승인자는 자치구를 지정해야 합니다.', en: 'A district officer or approver needs a district.' } });
      continue;
    }
    const key = `${r.role}/${orgUnitId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ role: r.role, orgUnitId });
  }
  if (problems.length > 0) {
    throw new DomainError('invalid', 'validation', { ko: '역할 지정이 올바르지 않습니다.', en: 'The roles are not valid.' }, problems);
  }
  return out;
}

/** Refuses a change that would leave the installation without an enabled city admin. */
async function keepOneAdmin(tx: DbOrTx, userId: number, stillAdmin: boolean): Promise<void> {
  if (stillAdmin) return;
  const admins = await enabledCityAdminIds(tx);
  if (admins.length === 1 && admins[0] === userId) {
    throw new DomainError('conflict', 'last_admin', {
      ko: '사용 중인 시 관리자가 한 명도 남지 않게 됩니다. 다른 관리자를 먼저 지정하세요.',
      en: 'This would leave no enabled city administrator. Appoint another one first.',
    });
  }
}

export interface CreatedAccount {
  user: UserView;
  /** Shown once to the admin who created the account; the user must replace it at the first sign-in. */
  oneTimePassword: string;
}

export async function createAccount(
  db: Db,
  principal: Principal | null,
  input: { username: string; displayName: string; roles: RoleInput[] },
): Promise<CreatedAccount> {
  requireAccountAdmin(principal);
  // Granting roles with a new account is a change of roles: it needs the second factor (src/domain/totp.ts).
  if (input.roles.length > 0) requireSecondFactor(principal);
  const actor = actorOf(principal);
  const username = input.username.trim().toLowerCase();
  const oneTimePassword = randomPassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const user = await db.transaction(async (tx) => {
    const memberships = await resolveRoles(tx, input.roles);
    const id = await insertUser(tx, { username, displayName: input.displayName.trim(), passwordHash, mustChangePassword: true });
    if (id === null) {
      throw new DomainError(
        'conflict',
        'username_taken',
        { ko: `아이디 "${username}"${josaPick(username, '은/는')} 이미 있습니다.`, en: `The username "${username}" is taken.` },
        [{ path: 'body.username', message: { ko: '이미 있는 아이디입니다.', en: 'This username is taken.' } }],
      );
    }
    await replaceRoles(tx, id, memberships);
    const created = await accountView(tx, id);
    await appendAudit(tx, actor, {
      action: 'user.created',
      entityType: 'user',
      entityId: id,
      after: auditShape(created),
      ...(created.dutyWarnings.length > 0 ? { reason: created.dutyWarnings.map((w) => w.message.ko).join(' ') } : {}),
    });
    return created;
  });
  return { user, oneTimePassword };
}

/** What the audit log keeps of an account (no secrets). */
function auditShape(u: UserView) {
  return {
    username: u.username,
    displayName: u.displayName,
    disabled: u.disabled,
    roles: u.roles.map((r) => `${r.role}${r.orgUnitCode ? `@${r.orgUnitCode}` : ''}`),
    ...(u.dutyWarnings.length > 0 ? { dutyWarnings: u.dutyWarnings.map((w) => `${w.code}@${w.orgUnitCode}`) } : {}),
  };
}

async function editing(tx: DbOrTx, id: number, version: number): Promise<{ row: UserRow; before: UserView }> {
  const row = await userRowOrThrow(tx, id, { lock: true });
  const before = (await viewsOf(tx, [row]))[0]!;
  if (row.version !== version) throw staleVersion(before);
  return { row, before };
}

export async function updateAccount(
  db: Db,
  principal: Principal | null,
  id: number,
  input: { version: number; displayName?: string | undefined; disabled?: boolean | undefined },
): Promise<UserView> {
  requireAccountAdmin(principal);
  const actor = actorOf(principal);
  return db.transaction(async (tx) => {
    const { row, before } = await editing(tx, id, input.version);
    const disabling = input.disabled === true && row.disabledAt === null;
    if (disabling && actor.userId === id) {
      throw new DomainError('conflict', 'self', { ko: '자신의 계정은 사용 중지할 수 없습니다.', en: 'You cannot disable your own account.' });
    }
    if (disabling) await keepOneAdmin(tx, id, false);
    await updateUserFields(tx, id, {
      ...(input.displayName !== undefined ? { displayName: input.displayName.trim() } : {}),
      ...(input.disabled !== undefined ? { disabledAt: input.disabled ? (row.disabledAt ?? new Date()) : null } : {}),
    });
    // A disabled account's sessions end now, not at their expiry.
    if (disabling) await deleteSessionsOfUser(tx, id);
    const after = await accountView(tx, id);
    await appendAudit(tx, actor, {
      action: disabling ? 'user.disabled' : input.disabled === false && before.disabled ? 'user.enabled' : 'user.updated',
      entityType: 'user',
      entityId: id,
      before: auditShape(before),
      after: auditShape(after),
    });
    return after;
  });
}

export async function setAccountRoles(db: Db, principal: Principal | null, id: number, input: { version: number; roles: RoleInput[] }): Promise<UserView> {
  requireAccountAdmin(principal);
  requireSecondFactor(principal);
  const actor = actorOf(principal);
  return db.transaction(async (tx) => {
    const { before } = await editing(tx, id, input.version);
    const memberships = await resolveRoles(tx, input.roles);
    await keepOneAdmin(
      tx,
      id,
      memberships.some((m) => m.role === 'city_admin'),
    );
    await replaceRoles(tx, id, memberships);
    await updateUserFields(tx, id, {}); // the version: an edit open on the old roles is now stale
    const after = await accountView(tx, id);
    // Giving one person both district roles is allowed, but on record with the warning the admin was shown.
    const warned = after.dutyWarnings.filter((w) => !before.dutyWarnings.some((b) => b.orgUnitCode === w.orgUnitCode));
    await appendAudit(tx, actor, {
      action: 'user.roles_set',
      entityType: 'user',
      entityId: id,
      before: auditShape(before),
      after: auditShape(after),
      ...(warned.length > 0 ? { reason: warned.map((w) => w.message.ko).join(' ') } : {}),
    });
    // New privileges take effect through a new sign-in: a token from before the change is worthless.
    await endSessionsOnPrivilegeChange(tx, actor, id, 'roles set');
    return after;
  });
}

export async function resetAccountPassword(db: Db, principal: Principal | null, id: number, input: { version: number }): Promise<CreatedAccount> {
  requireAccountAdmin(principal);
  const actor = actorOf(principal);
  const oneTimePassword = randomPassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const user = await db.transaction(async (tx) => {
    const { row } = await editing(tx, id, input.version);
    if (row.isDemo) {
      throw new DomainError('conflict', 'demo_account', { ko: '데모 계정의 비밀번호는 바꿀 수 없습니다.', en: 'A demo account’s password cannot be reset.' });
    }
    await updateUserFields(tx, id, { passwordHash, mustChangePassword: true });
    // The way back in for someone kept waiting: the name's sign-in delays end, from every address.
    const cleared = await forgetAttemptsOfName(tx, row.username);
    await appendAudit(tx, actor, { action: 'user.password_reset', entityType: 'user', entityId: id, after: { signInCountersCleared: cleared } });
    await endSessionsOnPrivilegeChange(tx, actor, id, 'password reset');
    return accountView(tx, id);
  });
  return { user, oneTimePassword };
}
