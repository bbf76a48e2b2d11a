import { spawn } from 'node:child_process';
import { repoRoot } from './cli.js';

/**
 * Makes sure dist/ holds the server and CLI compiled from the current sources, as `npm install` leaves them:
 * `scripts/build.js server --if-stale` does nothing when dist/ is newer than src/ (a fresh `npm ci` built it in
 * `prepare`), else compiles again (tsc is incremental: only what changed).
 */
export function ensureServerBuilt(timeoutMs = 600_000): Promise<{ output: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/build.js', 'server', '--if-stale'], { cwd: repoRoot, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({ output: out.trim(), ms: performance.now() - t0 });
      else reject(new Error(`scripts/build.js server exited with ${code}:\n${out.slice(-4000)}`));
    });
  });
}
