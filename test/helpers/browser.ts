import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM, chromiumLaunchOptions } from './chromium.js';
import { repoRoot, startServerProcess, type ServerProcess } from './cli.js';
import { DEMO_TEST_PASSWORD, pgliteDemoTemplate } from './db.js';

export { CHROMIUM } from './chromium.js';
export const chromiumAvailable = existsSync(CHROMIUM);
export const webBuilt = existsSync(path.join(repoRoot, 'dist', 'web', 'index.html'));

let noticed = false;
/** One line, once, when the browser tests cannot run here. */
export function browserSkipNotice(): boolean {
  const skip = !chromiumAvailable || !webBuilt;
  if (skip && !noticed) {
    noticed = true;
    console.log(
      !chromiumAvailable
        ? `Browser tests skipped: Chromium not found at ${CHROMIUM} (install Debian's chromium; CI does).`
        : 'Browser tests skipped: the web app is not built (npm run build).',
    );
  }
  return skip;
}

/**
 * A Chromium of the test's own: a connection to the run's one shared Chromium (launched by global setup when the
 * first browser test asks for it; each test still works in browser contexts of its own, and `close()` ends those and
 * the connection), or a browser launched here when there is no global setup to ask.
 */
export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const broker = inject('chromiumBroker');
  if (!broker) return chromium.launch(chromiumLaunchOptions);
  const res = await fetch(broker);
  if (!res.ok) throw new Error(`the shared Chromium did not start: ${await res.text()}`);
  return chromium.connect(await res.text());
}

export interface DemoServer {
  server: ServerProcess;
  url: string;
  password: string;
  stop(): Promise<void>;
}

/**
 * A real `hopejobs serve` with the demo loaded, on a fresh data directory: a copy of the run's demo installation with
 * its demo data (built once per run, as `serve` loads it into an empty data directory), so each file starts its own
 * server without loading the demo again.
 */
export async function startDemoServer(): Promise<DemoServer> {
  const dir = mkdtempSync(path.join(repoRoot, '.tmp', 'browser-'));
  const password = DEMO_TEST_PASSWORD;
  cpSync((await pgliteDemoTemplate({ data: true })).dir, dir, { recursive: true });
  const server = await startServerProcess({ HOPEJOBS_DATA_DIR: dir, HOPEJOBS_DEMO_PASSWORD: password });
  return {
    server,
    url: server.url,
    password,
    async stop() {
      await server.stop('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The bytes of a finished download (read through Playwright, so it works on the shared Chromium too). */
export async function downloadedBytes(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const axeSource = () => readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/** Runs axe-core (WCAG 2.1 A/AA) on the page and returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: our strict CSP (no inline scripts) stays on for the page itself.
  await page.evaluate(axeSource());
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: unknown[] }> }> };
      }
    ).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
  });
}

export async function signInPage(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel(/아이디|Username/).fill(username);
  await page.getByLabel(/비밀번호|Password/).fill(password);
  await page.getByRole('button', { name: /로그인|Sign in/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}
