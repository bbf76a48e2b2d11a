// Builds what `npm start` and `npx hopejobs` run into dist/: the server and CLI compiled by tsc
// (tsconfig.build.json: src/ without src/web, one .js file per .ts file, so the worker threads and the migrations
// sit beside the modules that load them, as in src/), and the web app by Vite (dist/web). Both at once by default.
//
//   node scripts/build.js [server] [web] [--if-stale]
//
// `--if-stale` builds the server only when dist/ is missing or older than its sources (scripts/build-state.js).
import { spawn } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { root, serverBuildStale, serverStamp } from './build-state.js';

const args = process.argv.slice(2);
const ifStale = args.includes('--if-stale');
const parts = args.filter((a) => !a.startsWith('--'));
const wanted = parts.length ? parts : ['server', 'web'];
const unknown = wanted.filter((p) => p !== 'server' && p !== 'web');
if (unknown.length) {
  console.error(`scripts/build.js: 알 수 없는 대상 / unknown target: ${unknown.join(', ')} (server | web)`);
  process.exit(2);
}

function run(command, argv) {
  return new Promise((resolve) => {
    const child = spawn(command, argv, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

/**
 * One compile at a time in this checkout (test files and benchmarks may ask together): the others wait, then find
 * dist/ fresh. A lock older than ten minutes is left over from a killed build and is taken over.
 */
async function withLock(fn) {
  const lock = path.join(root, 'dist', '.server-build.lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 600_000) rmSync(lock, { force: true });
      else await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

const buildServer = () => withLock(compileServer);

async function compileServer() {
  if (ifStale && serverBuildStale() === null) return 0;
  const started = new Date();
  // tsc's incremental state does not notice outputs deleted behind its back: without a complete previous build
  // (its stamp and entry point), compile everything.
  if (!existsSync(serverStamp) || !existsSync(path.join(root, 'dist', 'cli', 'main.js'))) {
    rmSync(path.join(root, 'dist', '.tsbuildinfo'), { force: true });
  }
  // A failed or interrupted compile leaves no stamp, so `hopejobs` does not run a half-written dist/.
  rmSync(serverStamp, { force: true });
  const code = await run(bin('tsc'), ['-p', 'tsconfig.build.json']);
  if (code !== 0) return code;
  const migrations = path.join(root, 'dist', 'db', 'migrations');
  rmSync(migrations, { recursive: true, force: true });
  cpSync(path.join(root, 'src', 'db', 'migrations'), migrations, { recursive: true });
  mkdirSync(path.dirname(serverStamp), { recursive: true });
  writeFileSync(serverStamp, 'compiled by scripts/build.js; its mtime is when the compile started\n');
  utimesSync(serverStamp, started, started);
  console.log(`hopejobs: 서버·CLI 컴파일 완료 / compiled the server and CLI into dist/ (${((Date.now() - started.getTime()) / 1000).toFixed(1)} s)`);
  return 0;
}

const buildWeb = () => run(bin('vite'), ['build', '--config', 'src/web/vite.config.ts']);

const codes = await Promise.all([wanted.includes('server') ? buildServer() : 0, wanted.includes('web') ? buildWeb() : 0]);
process.exit(codes.find((c) => c !== 0) ?? 0);
