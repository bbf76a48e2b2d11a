import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';
import { deleteSession } from '../db/repositories/sessions.js';
import { orgUnitIdByCode } from '../db/repositories/org-units.js';
import {
  findUserByExternalIdentity,
  findUserById,
  findUserByUsername,
  grantRole,
  insertExternalUser,
  linkExternalIdentity,
  recordSignIn,
} from '../db/repositories/users.js';
import type { Role } from '../db/repositories/users.js';
import { appendAudit, type Actor } from './audit.js';
import { hashToken, openSession, principalOf, type DemoPolicy, type LoginResult } from './auth.js';
import type { SecondFactorPolicy } from './totp.js';
import { josa } from '../korean.js';
import { DomainError } from './errors.js';
import { hashPassword } from './passwords.js';

/**
 * Single sign-on (OpenID Connect): what happens once the identity provider's answer has been validated (state,
 * PKCE, the ID token's signature, issuer, audience, nonce and expiry — src/server/oidc.ts with openid-client).
 *
 * The person is found by the identity (issuer and subject) linked to an account on an earlier sign-in; on the first
 * one, by the configured claim (OIDC_USERNAME_CLAIM) equal to an account's name, which links the two from then on.
 * Someone without an account is refused, or given a new one when OIDC_PROVISION allows it — with no role, or the one
 * minimal role the configuration names. Roles are granted in the product only: nothing in the token is read as a
 * role, whatever claims the identity provider sends.
 */

/** OIDC_PROVISION: `off`, `no-role`, `reviewer`, `auditor` or `district-officer:<unit code>`. */
export type ProvisionSetting = string;

export interface SsoIdentity {
  issuer: string;
  subject: string;
  /** Every claim of the validated ID token (and userinfo): only the username claim and `name` are read. */
  claims: Record<string, unknown>;
}

export interface SsoPolicy extends DemoPolicy, SecondFactorPolicy {
  usernameClaim: string;
  provision: ProvisionSetting;
}

const refused = (code: string, ko: string, en: string) => new DomainError('forbidden', code, { ko, en });

export const ssoNoAccount = () =>
  refused(
    'sso_no_account',
    '기관 계정으로 확인되었지만 이 서비스의 계정이 없습니다. 시 관리자에게 계정을 요청하세요.',
    'Your organisation confirmed who you are, but you have no account here. Ask the city administrator for one.',
  );

const ssoAccountUnusable = () =>
  refused('sso_account_unusable', '이 계정은 사용할 수 없습니다. 시 관리자에게 문의하세요.', 'This account cannot be used. Ask the city administrator.');

const ssoNoUsername = (claim: string) =>
  refused(
    'sso_no_username',
    `기관 계정 정보에 ${claim} 항목이 없어 계정을 찾을 수 없습니다. 시 관리자에게 문의하세요.`,
    `The organisation’s answer has no ${claim}, so no account can be matched. Ask the city administrator.`,
  );

/** The role a provisioned account starts with (never city_admin nor an approver: those are granted in the product). */
function provisionedRole(setting: ProvisionSetting): { role: Role; unitCode: string | null } | null {
  if (setting === 'reviewer' || setting === 'auditor') return { role: setting, unitCode: null };
  const officer = /^district-officer:(.+)$/.exec(setting);
  return officer ? { role: 'district_officer', unitCode: officer[1]! } : null;
}

function claimText(claims: Record<string, unknown>, name: string): string | null {
  const v = claims[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

/**
 * Signs in the person the identity provider vouched for: the existing session mechanism (a fresh token, the
 * previous one revoked), `last_sign_in_at`, and an audit entry (`auth.login` with `via: 'sso'`; a refusal is
 * `auth.sso_refused`).
 */
export async function signInWithSso(
  db: Db,
  identity: SsoIdentity,
  policy: SsoPolicy,
  client: { ip: string | null; userAgent: string | null; previousToken?: string | null },
): Promise<LoginResult> {
  const username = claimText(identity.claims, policy.usernameClaim);
  const refuse = async (error: DomainError, userId: number | null, label: string) => {
    await db.transaction((tx) =>
      appendAudit(
        tx,
        { userId, label },
        { action: 'auth.sso_refused', entityType: 'user', entityId: userId, after: { issuer: identity.issuer, reason: error.code, address: client.ip } },
      ),
    );
    return error;
  };

  let user = await findUserByExternalIdentity(db, identity.issuer, identity.subject);
  let linked = false;
  let provisioned = false;
  if (!user) {
    if (username === null) throw await refuse(ssoNoUsername(policy.usernameClaim), null, 'anonymous');
    const byName = await findUserByUsername(db, username);
    if (byName) {
      // An account already linked to another identity is not taken over by a second one with the same name.
      if (byName.externalIssuer !== null) throw await refuse(ssoAccountUnusable(), byName.id, byName.username);
      user = byName;
      linked = true;
    } else if (policy.provision === 'off') {
      throw await refuse(ssoNoAccount(), null, 'anonymous');
    } else {
      const role = provisionedRole(policy.provision);
      const id = await db.transaction(async (tx) => {
        const unitId = role?.unitCode ? await orgUnitIdByCode(tx, role.unitCode) : null;
        if (role?.unitCode && unitId === undefined) {
          throw new DomainError('unavailable', 'sso_provision_misconfigured', {
            ko: `OIDC_PROVISION의 단위 코드 ${josa(role.unitCode, '이/가')} 없습니다. 운영자에게 알리세요.`,
            en: `OIDC_PROVISION names unit ${role.unitCode}, which does not exist. Tell the operator.`,
          });
        }
        const newId = await insertExternalUser(tx, {
          username,
          displayName: claimText(identity.claims, 'name') ?? username,
          passwordHash: await hashPassword(randomBytes(32).toString('base64url')),
          externalIssuer: identity.issuer,
          externalSubject: identity.subject,
        });
        if (newId === null) return null;
        if (role) await grantRole(tx, newId, role.role, unitId ?? null);
        const actor: Actor = { userId: newId, label: username };
        await appendAudit(tx, actor, {
          action: 'user.provisioned_by_sso',
          entityType: 'user',
          entityId: newId,
          after: { issuer: identity.issuer, role: role?.role ?? null, orgUnitCode: role?.unitCode ?? null },
        });
        return newId;
      });
      if (id === null) throw await refuse(ssoAccountUnusable(), null, 'anonymous');
      user = await findUserById(db, id);
      provisioned = true;
    }
  }
  if (!user || user.disabledAt) throw await refuse(ssoAccountUnusable(), user?.id ?? null, user?.username ?? 'anonymous');
  if (user.isDemo && policy.allowDemo === false) throw await refuse(ssoAccountUnusable(), user.id, user.username);

  const account = user;
  const actor: Actor = { userId: account.id, label: account.username };
  const opened = await db.transaction(async (tx) => {
    if (linked && !(await linkExternalIdentity(tx, account.id, identity.issuer, identity.subject))) return null;
    if (client.previousToken) await deleteSession(tx, hashToken(client.previousToken));
    await recordSignIn(tx, account.id);
    const session = await openSession(tx, account.id, client, { identityProvider: identity.issuer });
    await appendAudit(tx, actor, {
      action: 'auth.login',
      entityType: 'user',
      entityId: account.id,
      after: { via: 'sso', issuer: identity.issuer, linked, provisioned, address: client.ip },
    });
    return session;
  });
  if (!opened) throw await refuse(ssoAccountUnusable(), account.id, account.username);
  return { token: opened.token, principal: await principalOf(db, account, opened, policy) };
}
