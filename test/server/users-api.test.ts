import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const PASSWORD = 'test-password-1';

interface UserView {
  id: number;
  username: string;
  disabled: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  roles: Array<{ role: string; orgUnitCode: string | null; orgUnitName: string | null }>;
  lastSeenAt: string | null;
  version: number;
}

const cookieOf = (res: LightMyRequestResponse) => `hj_session=${res.cookies.find((c) => c.name === 'hj_session')!.value}`;

describe.each(backends())('user accounts on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let admin: Client;

  const login = (username: string, password: string) => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  const as = (cookie: string, csrf: string) => ({
    get: (url: string) => app.inject({ url, headers: { cookie } }),
    post: (url: string, payload: object) => app.inject({ method: 'POST', url, payload, headers: { cookie, 'x-csrf-token': csrf } }),
  });
  const auditActions = async (userId: number) =>
    (
      (await db.db.execute(`SELECT action FROM audit_log WHERE entity_type = 'user' AND entity_id = '${userId}' ORDER BY seq`)) as unknown as {
        rows: Array<{ action: string }>;
      }
    ).rows.map((r) => r.action);

  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    app = await testApp(db);
    admin = await signIn(app, 'admin', PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  async function create(username: string, roles: Array<{ role: string; orgUnitCode?: string }>) {
    const res = await admin.request('POST', '/api/v1/users', { username, displayName: `${username} 담당`, roles });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ user: UserView; oneTimePassword: string }>();
  }

  it('creates an account with a one-time password that allows nothing but choosing a new one', async () => {
    const { user, oneTimePassword } = await create('Kim.Officer', [{ role: 'district_officer', orgUnitCode: '11215' }]);
    expect(user).toMatchObject({
      username: 'kim.officer',
      mustChangePassword: true,
      disabled: false,
      roles: [{ role: 'district_officer', orgUnitCode: '11215', orgUnitName: '광진구' }],
    });
    expect(JSON.stringify(user)).not.toContain(oneTimePassword);
    expect(await auditActions(user.id)).toEqual(['user.created']);

    const listed = await admin.request('GET', '/api/v1/users?orgUnitCode=11215&role=district_officer');
    expect(listed.json<{ users: UserView[] }>().users.map((u) => u.username)).toEqual(['kim.officer', 'officer.11215']);
    expect((await admin.request('GET', '/api/v1/users?q=KIM.OFF')).json<{ users: UserView[] }>().users.map((u) => u.username)).toEqual(['kim.officer']);
    expect((await admin.request('GET', '/api/v1/users?q=%25')).json<{ users: UserView[] }>().users).toEqual([]);

    const first = await login('kim.officer', oneTimePassword);
    expect(first.statusCode).toBe(200);
    expect(first.json().user.mustChangePassword).toBe(true);
    const temp = as(cookieOf(first), first.json().csrfToken);
    const blocked = await temp.get('/api/v1/cycles');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('password_change_required');
    expect((await temp.get('/api/v1/me')).statusCode).toBe(200);

    const wrong = await temp.post('/api/v1/me/password', { currentPassword: 'nope', newPassword: 'a-good-password-1' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'wrong_password', errors: [{ path: 'body.currentPassword' }] });
    for (const weak of ['short', 'my-kim.officer-pw', oneTimePassword, '1234567890', 'aaaaaaaaaaaa']) {
      const res = await temp.post('/api/v1/me/password', { currentPassword: oneTimePassword, newPassword: weak });
      expect(res.statusCode, weak).toBe(400);
      expect(res.json().code, weak).toBe('weak_password');
      expect(res.json().errors.length, weak).toBeGreaterThan(0);
    }
    const english = await app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: oneTimePassword, newPassword: 'short' },
      headers: { cookie: cookieOf(first), 'x-csrf-token': first.json().csrfToken, 'accept-language': 'en' },
    });
    expect(english.json().errors[0].message).toContain('at least 10 characters');

    const changed = await temp.post('/api/v1/me/password', { currentPassword: oneTimePassword, newPassword: '광진 일자리 2026!' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().user.mustChangePassword).toBe(false);
    // the session in use was replaced; the old token is worthless, the new one works
    expect((await temp.get('/api/v1/me')).statusCode).toBe(401);
    const renewed = as(cookieOf(changed), changed.json().csrfToken);
    expect((await renewed.get('/api/v1/cycles')).statusCode).toBe(200);
    expect((await login('kim.officer', oneTimePassword)).statusCode).toBe(401);
    expect((await login('kim.officer', '광진 일자리 2026!')).statusCode).toBe(200);
    expect(await auditActions(user.id)).toEqual(expect.arrayContaining(['user.created', 'auth.login', 'auth.password_changed', 'auth.sessions_rotated']));
    const after = (await admin.request('GET', `/api/v1/users/${user.id}`)).json<{ user: UserView }>().user;
    expect(after.mustChangePassword).toBe(false);
    expect(after.lastSeenAt).not.toBeNull();
  });

  it('refuses a taken username and roles without the district they need, naming the field', async () => {
    const taken = await admin.request('POST', '/api/v1/users', { username: 'officer.11215', displayName: 'x', roles: [] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'username_taken', errors: [{ path: 'body.username' }] });
    const noDistrict = await admin.request('POST', '/api/v1/users', {
      username: 'no.district',
      displayName: 'x',
      roles: [{ role: 'auditor' }, { role: 'district_approver' }],
    });
    expect(noDistrict.statusCode).toBe(400);
    expect(noDistrict.json().errors).toEqual([expect.objectContaining({ path: 'body.roles.1.orgUnitCode' })]);
    const cityAsDistrict = await admin.request('POST', '/api/v1/users', {
      username: 'no.district',
      displayName: 'x',
      roles: [{ role: 'district_officer', orgUnitCode: '11000' }],
    });
    expect(cityAsDistrict.statusCode).toBe(400);
    const badName = await admin.request('POST', '/api/v1/users', { username: 'a b', displayName: 'x', roles: [] });
    expect(badName.statusCode).toBe(400);
    expect(badName.json().errors).toEqual([{ path: 'body.username', message: '아이디는 영문 소문자·숫자·. _ - 로 3–64자이며 영문자나 숫자로 시작합니다.' }]);
    const badNameEn = await admin.request('POST', '/api/v1/users', { username: 'a b', displayName: 'x', roles: [] }, { 'accept-language': 'en' });
    expect(badNameEn.json().errors[0].message).toBe('3–64 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit');
    expect((await admin.request('GET', '/api/v1/users?q=no.district')).json<{ users: UserView[] }>().users).toEqual([]);
  });

  it('disables an account (its sessions end, the right password no longer signs in) and enables it again', async () => {
    const { user, oneTimePassword } = await create('lee.approver', [{ role: 'district_approver', orgUnitCode: '11215' }]);
    const session = await login('lee.approver', oneTimePassword);
    const stale = await admin.request('PATCH', `/api/v1/users/${user.id}`, { version: user.version + 5, disabled: true });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale_version', current: { id: user.id, version: user.version } });

    const disabled = await admin.request('PATCH', `/api/v1/users/${user.id}`, { version: user.version, disabled: true });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json().user).toMatchObject({ disabled: true, version: user.version + 1 });
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie: cookieOf(session) } })).statusCode).toBe(401);
    // Even the right password gets the answer of a wrong one: a guesser learns nothing about the account.
    const refused = await login('lee.approver', oneTimePassword);
    const wrong = await login('lee.approver', 'wrong-password');
    expect(refused.statusCode).toBe(401);
    expect(refused.body).toBe(wrong.body);
    expect(wrong.json().code).toBe('bad_credentials');

    const enabled = await admin.request('PATCH', `/api/v1/users/${user.id}`, { version: user.version + 1, disabled: false, displayName: '이 팀장' });
    expect(enabled.json().user).toMatchObject({ disabled: false, version: user.version + 2 });
    expect((await login('lee.approver', oneTimePassword)).statusCode).toBe(200);
    expect(await auditActions(user.id)).toEqual(expect.arrayContaining(['user.disabled', 'user.enabled']));
  });

  it('replaces roles and ends the sessions, so the new roles hold from the next sign-in', async () => {
    const { user, oneTimePassword } = await create('park.reviewer', [{ role: 'reviewer' }]);
    const before = await login('park.reviewer', oneTimePassword);
    const res = await admin.request('PUT', `/api/v1/users/${user.id}/roles`, {
      version: user.version,
      roles: [{ role: 'auditor' }, { role: 'reviewer', orgUnitCode: '11110' }, { role: 'auditor' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user.roles).toEqual([
      { role: 'auditor', orgUnitCode: null, orgUnitName: null },
      { role: 'reviewer', orgUnitCode: '11110', orgUnitName: '종로구' },
    ]);
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie: cookieOf(before) } })).statusCode).toBe(401);
    expect((await login('park.reviewer', oneTimePassword)).json().user.roles.map((r: { role: string }) => r.role)).toEqual(['auditor', 'reviewer']);
  });

  it('resets a password: a new one-time password, unlocked, old password and sessions gone', async () => {
    const { user, oneTimePassword } = await create('choi.officer', [{ role: 'district_officer', orgUnitCode: '11110' }]);
    const session = await login('choi.officer', oneTimePassword);
    for (let i = 0; i < 5; i++) await login('choi.officer', 'wrong-password');
    const locked = (await admin.request('GET', `/api/v1/users/${user.id}`)).json<{ user: UserView }>().user;
    expect(locked.lockedUntil).not.toBeNull();
    const reset = await admin.request('POST', `/api/v1/users/${user.id}/password-reset`, { version: locked.version });
    expect(reset.statusCode, reset.body).toBe(200);
    const { oneTimePassword: next, user: afterReset } = reset.json<{ user: UserView; oneTimePassword: string }>();
    expect(next).not.toBe(oneTimePassword);
    expect(afterReset).toMatchObject({ lockedUntil: null, mustChangePassword: true });
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie: cookieOf(session) } })).statusCode).toBe(401);
    expect((await login('choi.officer', oneTimePassword)).statusCode).toBe(401);
    expect((await login('choi.officer', next)).json().user.mustChangePassword).toBe(true);
    const demo = (await admin.request('GET', '/api/v1/users?q=officer.11215')).json<{ users: UserView[] }>().users[0]!;
    expect((await admin.request('POST', `/api/v1/users/${demo.id}/password-reset`, { version: demo.version })).json().code).toBe('demo_account');
  });

  it('exports the account list as xlsx: one row per role, KST times, formula-like names escaped, no password', async () => {
    const { user, oneTimePassword } = await create('jung.officer', [
      { role: 'district_officer', orgUnitCode: '11215' },
      { role: 'reviewer', orgUnitCode: '11110' },
    ]);
    await admin.request('PATCH', `/api/v1/users/${user.id}`, { version: user.version, displayName: '=HYPERLINK("http://x")' });
    const res = await admin.request('GET', '/api/v1/users.xlsx?q=jung');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''%EC%82%AC%EC%9A%A9%EC%9E%90");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const sheet = wb.getWorksheet('사용자')!;
    const rows = sheet
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['아이디', '이름', '역할', '기관 코드', '기관', '상태', '마지막 로그인 (KST)', '만든 날 (KST)']);
    expect(rows.slice(1).map((r) => r.slice(0, 6))).toEqual([
      ['jung.officer', '\'=HYPERLINK("http://x")', '자치구 담당자', '11215', '광진구', '비밀번호 변경 필요'],
      ['jung.officer', '\'=HYPERLINK("http://x")', '평가위원', '11110', '종로구', '비밀번호 변경 필요'],
    ]);
    const created = rows[1]![7] as Date;
    // Excel shows a zone-less date: the cell holds the wall-clock time in Seoul, nine hours ahead of UTC
    expect(created.getTime() - new Date((await admin.request('GET', `/api/v1/users/${user.id}`)).json().user.createdAt).getTime()).toBe(9 * 3600_000);
    expect(res.rawPayload.includes(Buffer.from(oneTimePassword))).toBe(false);
    const english = await admin.request('GET', '/api/v1/users.xlsx?q=jung&lang=en');
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(english.rawPayload as never);
    expect(wbEn.getWorksheet('Users')!.getRow(2).getCell(3).value).toBe('District officer');
  });

  it('never leaves the installation without an enabled city admin, and an admin cannot disable themself', async () => {
    const me = (await admin.request('GET', '/api/v1/users?q=admin&role=city_admin')).json<{ users: UserView[] }>().users.find((u) => u.username === 'admin')!;
    const others = (await admin.request('GET', '/api/v1/users?role=city_admin'))
      .json<{ users: UserView[] }>()
      .users.filter((u) => u.id !== me.id && !u.disabled);
    for (const o of others) expect((await admin.request('PATCH', `/api/v1/users/${o.id}`, { version: o.version, disabled: true })).statusCode).toBe(200);
    const self = await admin.request('PATCH', `/api/v1/users/${me.id}`, { version: me.version, disabled: true });
    expect(self.json().code).toBe('self');
    const last = await admin.request('PUT', `/api/v1/users/${me.id}/roles`, { version: me.version, roles: [{ role: 'auditor' }] });
    expect(last.statusCode).toBe(409);
    expect(last.json().code).toBe('last_admin');
    // with a second admin appointed, the first may step down
    const { user: deputy } = await create('deputy.admin', [{ role: 'city_admin', orgUnitCode: '11000' }]);
    const stepDown = await admin.request('PUT', `/api/v1/users/${me.id}/roles`, { version: me.version, roles: [{ role: 'auditor' }] });
    expect(stepDown.statusCode, stepDown.body).toBe(200);
    expect(deputy.roles[0]!.role).toBe('city_admin');
  });
});
