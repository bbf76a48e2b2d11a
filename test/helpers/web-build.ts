import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './cli.js';

export const webDist = path.join(repoRoot, 'dist', 'web');
const webIndex = path.join(webDist, 'index.html');
/** What the built web app is made of: its sources, the engine the what-if simulator bundles, the locked dependencies. */
const webInputs = [path.join(repoRoot, 'src', 'web'), path.join(repoRoot, 'src', 'engine'), path.join(repoRoot, 'package-lock.json')];

function newestMtime(p: string): number {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** Why dist/web must be built again, or null when it is there and newer than everything it is built from. */
export function webBuildStale(): string | null {
  if (!existsSync(webIndex)) return 'dist/web is not built';
  const built = statSync(webIndex).mtimeMs;
  const newest = Math.max(...webInputs.filter((p) => existsSync(p)).map(newestMtime));
  return newest > built ? 'the web sources changed since dist/web was built' : null;
}

function run(command: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${out.slice(-4000)}`));
    });
  });
}

/**
 * Makes sure dist/web is the web app as `npm run build:web` builds it from the current sources: nothing to do when
 * it is newer than its sources (a fresh `npm ci` built it in `prepare`); otherwise it is built once more. The new
 * build goes to a scratch directory first and is then laid over dist/web with index.html renamed into place last,
 * so a server of another test that already serves the old build keeps finding every file its pages ask for
 * (built files have content hashes in their names, so old and new ones sit side by side).
 */
export async function ensureWebBuilt(): Promise<{ built: boolean; reason: string | null; ms: number }> {
  const reason = webBuildStale();
  const t0 = performance.now();
  if (reason === null) return { built: false, reason, ms: 0 };
  const scratch = path.join(repoRoot, '.tmp', `web-build-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(path.dirname(scratch), { recursive: true });
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    await run(npm, ['run', 'build:web', '--', '--outDir', scratch, '--emptyOutDir'], 600_000);
    mkdirSync(webDist, { recursive: true });
    cpSync(scratch, webDist, { recursive: true, force: true, filter: (src) => src !== path.join(scratch, 'index.html') });
    cpSync(path.join(scratch, 'index.html'), `${webIndex}.next`);
    renameSync(`${webIndex}.next`, webIndex);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { built: true, reason, ms: performance.now() - t0 };
}
