import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ko } from '../../src/web/locales/ko.js';
import { chromiumAvailable, launchBrowser, signInPage } from '../helpers/browser.js';
import { repoRoot, startServerProcess, type ServerProcess } from '../helpers/cli.js';
import { ensureServerBuilt } from '../helpers/server-build.js';
import { ensureWebBuilt } from '../helpers/web-build.js';
import { pageAllows, topLevelPages, webPages, type WebPage } from '../helpers/web-pages.js';

/**
 * The product the way it ships: what `npm install` builds into dist/ — the server and CLI compiled to JavaScript and
 * the web app (each built here when missing or older than its sources) — run by `node bin/hopejobs.js serve`, exactly
 * `npm start`, which must run the compiled build (the start fails if it fell back to the TypeScript sources), in a
 * child process on a fresh data directory, which therefore migrates and loads the demo first. Every top-level page of the
 * web app (read from its router, so a new page is covered without being listed here), the API documentation, the
 * health check, and every demo role signed in and walking its pages in Chromium: no 5xx, no uncaught error.
 * On PGlite always; also on a PostgreSQL server (a fresh database, dropped afterwards) when TEST_DATABASE_URL is set.
 */

const DEMO_PASSWORD = 'smoke-demo-password-1';
const ROLES: Array<{ username: string; role: string }> = [
  { username: 'admin', role: 'city_admin' },
  { username: 'officer.11215', role: 'district_officer' },
  { username: 'approver.11215', role: 'district_approver' },
  { username: 'reviewer.1', role: 'reviewer' },
  { username: 'auditor', role: 'auditor' },
];

const pages = topLevelPages(webPages());
let building: ReturnType<typeof ensureWebBuilt> | null = null;
let compiling: ReturnType<typeof ensureServerBuilt> | null = null;

interface Target {
  name: 'pglite' | 'postgres';
  /** Environment for the server beyond its data directory, and how to clean up after it. */
  open(): Promise<{ env: Record<string, string>; close(): Promise<void> }>;
}

const targets: Target[] = [{ name: 'pglite', open: async () => ({ env: {}, close: async () => undefined }) }];
const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) {
  targets.push({
    name: 'postgres',
    async open() {
      // Named like the test databases of this run, so the global teardown drops it even if this file is killed.
      const name = `hj_smoke_${inject('runId')}`;
      const admin = async (sql: string) => {
        const client = new pg.Client({ connectionString: serverUrl });
        await client.connect();
        try {
          await client.query(sql);
        } finally {
          await client.end();
        }
      };
      await admin(`CREATE DATABASE ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return { env: { DATABASE_URL: url.toString() }, close: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
    },
  });
}

/** What went wrong while a page was open. */
interface PageFinding {
  page: string;
  what: string;
}

/**
 * The smoke test on one database: one file per database (production.pglite.test.ts, production.postgres.test.ts), so
 * the two run side by side on two workers.
 */
export function productionSmokeOn(name: Target['name']): void {
  const target = targets.find((t) => t.name === name);
  if (!target) {
    describe.skip(`the app as \`npm start\` runs it, on ${name} (TEST_DATABASE_URL is not set)`, () => it('needs the PostgreSQL server', () => {}));
    return;
  }
  describe(`the app as \`npm start\` runs it, on ${name}`, () => smokeOn(target));
}

function smokeOn(target: Target): void {
  // One Chromium for the file (each check uses a fresh context of it).
  let launching: Promise<Browser> | null = null;
  afterAll(async () => (await launching)?.close());

  let server: ServerProcess;
  let base: string;
  let dataDir: string;
  let closeTarget: () => Promise<void> = async () => undefined;
  let browser: Browser | null = null;
  const timings: Record<string, number> = {};
  const clientErrors: PageFinding[] = [];
  let pagesOpened = 0;

  beforeAll(async () => {
    let t0 = performance.now();
    building ??= ensureWebBuilt();
    compiling ??= ensureServerBuilt();
    const [build, compiled] = await Promise.all([building, compiling]);
    timings.build = Math.round(performance.now() - t0);
    if (build.built) console.log(`smoke: built the web app (${build.reason}) in ${Math.round(build.ms / 1000)} s`);
    if (compiled.output) console.log(`smoke: ${compiled.output}`);
    mkdirSync(path.join(repoRoot, '.tmp'), { recursive: true });
    dataDir = mkdtempSync(path.join(repoRoot, '.tmp', 'smoke-'));
    const t = await target.open();
    closeTarget = t.close;
    t0 = performance.now();
    server = await startServerProcess({ HOPEJOBS_DATA_DIR: dataDir, HOPEJOBS_DEMO_PASSWORD: DEMO_PASSWORD, ...t.env }, 480_000, 'compiled');
    timings.firstStart = Math.round(performance.now() - t0);
    base = server.url;
    if (chromiumAvailable) browser = await (launching ??= launchBrowser());
    else console.log('smoke: Chromium not found, the pages are checked over HTTP only');
  }, 900_000);

  afterAll(async () => {
    console.log(`smoke (${target.name}): ${pagesOpened} pages opened in Chromium; timings ms: ${JSON.stringify(timings)}`);
    await server?.stop('SIGTERM');
    await closeTarget();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const get = (url: string, init: RequestInit = {}) => fetch(`${base}${url}`, { redirect: 'follow', ...init });

  it('reads the pages from the web app’s router', () => {
    const paths = pages.map((p) => p.path);
    // Spot checks that the reader understood the router (guards included); the list itself is whatever it declares.
    expect(paths).toEqual(expect.arrayContaining(['/', '/sign-in', '/admin', '/admin/users', '/district', '/notifications']));
    expect(pages.find((p) => p.path === '/admin/users')?.roles).toEqual(['city_admin']);
    expect(pages.find((p) => p.path === '/')?.roles).toBeNull();
  });

  it('serves the built web app at / and at every page address, with every file index.html names', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await index.text();
    const files = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]!);
    expect(
      files.some((f) => f.startsWith('/assets/') && f.endsWith('.js')),
      'index.html loads the built bundle',
    ).toBe(true);
    for (const f of files) {
      const res = await get(f);
      expect(res.status, f).toBe(200);
      await res.arrayBuffer();
    }
    for (const p of pages) {
      const res = await get(p.path);
      expect(res.status, p.path).toBe(200);
      expect(await res.text(), p.path).toBe(html);
    }
  }, 60_000);

  it('serves the API documentation, and every operation states who may call it', async () => {
    const ui = await get('/api/docs');
    expect(ui.status, await ui.clone().text()).toBe(200);
    expect(ui.headers.get('content-type')).toMatch(/^text\/html/);
    await ui.arrayBuffer();
    const res = await get('/api/docs/json');
    expect(res.status, await res.clone().text()).toBe(200);
    const doc = (await res.json()) as OpenAPIV3.Document;
    const ops = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.entries(item ?? {}).map(([method, op]) => ({
        key: `${method.toUpperCase()} ${p}`,
        op: op as OpenAPIV3.OperationObject & { 'x-hopejobs-access'?: unknown },
      })),
    );
    expect(ops.length).toBeGreaterThan(80);
    // The web app's pages and files are not operations of the API.
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/v1/'))).toEqual([]);
    expect(ops.filter(({ op }) => op['x-hopejobs-access'] === undefined).map(({ key }) => key)).toEqual([]);
  });

  it('answers the health check', async () => {
    const res = await get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', db: target.name, migrations: { pending: 0 } });
  });

  it('builds the public downloads (on its render worker threads, from dist/)', async () => {
    const pdf = await get('/api/v1/public/cycles/2019/districts/11215/scorecard.pdf');
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const xlsx = await get('/api/v1/public/cycles/2019/results.xlsx');
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  }, 120_000);

  /**
   * The objections page is open to every signed-in role at the router because its deciders are users named per
   * cycle (a committee may include a reviewer); a role outside the evaluation's parties that is not named is refused
   * by the server, as it should be. For such a role the page is not its own.
   */
  const namedOnly = (p: WebPage, roles: readonly string[]) =>
    p.path.startsWith('/objections') && !roles.some((r) => ['city_admin', 'auditor', 'district_officer', 'district_approver'].includes(r));

  /** Opens each page in the context and reports what went wrong: 5xx answers, uncaught errors, error screens. */
  async function walk(
    context: BrowserContext,
    who: string,
    list: WebPage[],
    roles: readonly string[],
  ): Promise<{ findings: PageFinding[]; visited: string[] }> {
    pagesOpened += list.length;
    const findings: PageFinding[] = [];
    const visited: string[] = [];
    let current = '(sign-in)';
    const page: Page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30_000);
    page.on('response', (r) => {
      if (r.status() >= 500) findings.push({ page: current, what: `${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}` });
      else if (r.status() >= 400) clientErrors.push({ page: `${who} ${current}`, what: `${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}` });
    });
    // Requests in flight, so that a page counts as loaded only once what it asked for has come back.
    let inflight = 0;
    const spinner = page.locator('main [role="status"]', { hasText: ko.common.loading });
    page.on('request', () => inflight++);
    // (Clamped: a request of the sign-in before these listeners may still finish.)
    page.on('requestfinished', () => (inflight = Math.max(0, inflight - 1)));
    page.on('requestfailed', () => (inflight = Math.max(0, inflight - 1)));
    page.on('pageerror', (err) => findings.push({ page: current, what: `uncaught ${err.name}: ${err.message}` }));
    page.on('requestfailed', (r) => {
      // Leaving a page cancels what it still loads; anything else is a failure.
      if (!/ERR_ABORTED/.test(r.failure()?.errorText ?? ''))
        findings.push({ page: current, what: `request failed ${r.method()} ${r.url()}: ${r.failure()?.errorText}` });
    });
    for (const p of list) {
      current = p.path;
      const res = await page.goto(`${base}${p.path}`, { waitUntil: 'load', timeout: 60_000 });
      visited.push(p.path);
      if (res?.status() !== 200) findings.push({ page: p.path, what: `document answered ${res?.status()}` });
      // The document's load is not the end: the page loads its chunk, may redirect, then loads its data. Settled: nothing
      // in flight, no spinner, something shown, at four checks in a row 100 ms apart (Playwright's own "network idle"
      // waits 500 ms; a page that asks for something later starts a request, which resets the count; a page that
      // never settles still fails).
      let calm = 0;
      for (const until = Date.now() + 60_000; calm < 4 && Date.now() < until;) {
        await page.waitForTimeout(100);
        const settled = inflight === 0 && (await spinner.count()) === 0 && (await page.locator('main').innerText()).trim() !== '';
        calm = settled ? calm + 1 : 0;
      }
      const main = (await page.locator('main').innerText({ timeout: 10_000 })).trim();
      if (main.includes(ko.errors.pageLoadFailed)) findings.push({ page: p.path, what: 'the page failed to render (route error screen)' });
      if (main.includes(ko.errors.notFoundTitle)) findings.push({ page: p.path, what: 'the page shows “not found”' });
      if (p.roles !== null && pageAllows(p, roles) && !namedOnly(p, roles) && main.includes(ko.forbidden.title))
        findings.push({ page: p.path, what: 'the role’s own page says “forbidden”' });
      if (main === '') findings.push({ page: p.path, what: 'the page shows nothing' });
      if ((await spinner.count()) > 0 || inflight > 0)
        findings.push({ page: p.path, what: `the page is still loading after 60 s (${inflight} requests in flight)` });
    }
    return { findings, visited };
  }

  it('shows every public page to a visitor in Chromium without a 5xx or an uncaught error', async (ctx) => {
    if (!browser) return ctx.skip();
    const t0 = performance.now();
    const context = await browser.newContext({ locale: 'ko-KR' });
    try {
      const { findings, visited } = await walk(
        context,
        'visitor',
        pages.filter((p) => p.roles === null),
        [],
      );
      expect(visited.length).toBeGreaterThanOrEqual(5);
      expect(findings).toEqual([]);
    } finally {
      await context.close();
      timings.visitor = Math.round(performance.now() - t0);
    }
  }, 300_000);

  it('opens the API documentation linked from every page footer in Chromium, with its operations listed', async (ctx) => {
    if (!browser) return ctx.skip();
    const context = await browser.newContext({ locale: 'ko-KR' });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (err) => problems.push(`uncaught ${err.name}: ${err.message}`));
      page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${new URL(r.url()).pathname}`));
      await page.goto(`${base}/api/docs`, { waitUntil: 'load', timeout: 60_000 });
      // The UI fetched the document and rendered its operations (one is enough to know it read it).
      await page.locator('.opblock').first().waitFor({ timeout: 60_000 });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  // The five roles walk at once, each in a browser context of its own (a page's settle checks leave the machine idle
  // most of the time; one after another they took most of this file's time).
  it.concurrent.for(ROLES)(
    'signs in as $username, who sees themself at /api/v1/me and opens every page of the role in Chromium',
    { timeout: 300_000 },
    async ({ username, role }, ctx) => {
      const t0 = performance.now();
      const login = await get('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      expect(login.status, await login.clone().text()).toBe(200);
      const cookie = login.headers
        .getSetCookie()
        .find((c) => c.startsWith('hj_session='))
        ?.split(';')[0];
      expect(cookie).toBeDefined();
      const me = await get('/api/v1/me', { headers: { cookie: cookie! } });
      expect(me.status).toBe(200);
      const { user } = (await me.json()) as { user: { username: string; roles: Array<{ role: string }> } };
      expect(user.username).toBe(username);
      const roles = user.roles.map((r) => r.role);
      expect(roles).toContain(role);

      if (!browser) return ctx.skip();
      const context = await browser.newContext({ locale: 'ko-KR' });
      try {
        const page = await context.newPage();
        await signInPage(page, base, username, DEMO_PASSWORD);
        const own = pages.filter((p) => p.path !== '/sign-in' && pageAllows(p, roles));
        const { findings, visited } = await walk(context, username, own, roles);
        expect(visited.length).toBeGreaterThanOrEqual(5);
        expect(findings, `${username}: ${JSON.stringify(findings, null, 1)}`).toEqual([]);
      } finally {
        await context.close();
        timings[username] = Math.round(performance.now() - t0);
      }
    },
  );

  it('logged no server error meanwhile', () => {
    if (clientErrors.length) console.log(`smoke (${target.name}): 4xx answers the pages got: ${JSON.stringify(clientErrors)}`);
    // LOG_LEVEL=warn: pino writes errors (level 50) and fatals (60) as JSON lines.
    const errors = server
      .output()
      .split('\n')
      .filter((l) => /"level":(50|60)/.test(l));
    expect(errors).toEqual([]);
  });
}
