import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const cliPath = path.join(repoRoot, 'bin', 'hopejobs.js');
/** What bin/hopejobs.js prints when it falls back to the TypeScript sources (dist/ missing or stale). */
export const SOURCE_FALLBACK_NOTICE = 'running the TypeScript sources with tsx';

/**
 * Which form of the CLI a test runs: `auto` — what `hopejobs` itself picks: dist/ when it is built and newer than the
 * sources (a fresh clone after `npm install`: starts in a fraction of tsx's time), else the TypeScript sources with
 * bin/hopejobs.js's one-line notice on stderr, so a test never needs a build; `source` — the sources on purpose
 * (HOPEJOBS_FROM_SOURCE=1); `compiled` — dist/ as `npm start` runs it, which must then be built and fresh
 * (test/helpers/server-build.ts).
 */
export type CliForm = 'auto' | 'source' | 'compiled';
const formEnv = (form: CliForm): Record<string, string> => (form === 'source' ? { HOPEJOBS_FROM_SOURCE: '1' } : {});

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `hopejobs …` as a user would, with a clean environment plus `env`. */
export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000, form: CliForm = 'auto'): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...formEnv(form), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hopejobs ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `hopejobs serve` on a free port and waits for its "listening" line. In the `compiled` form it refuses to
 * go on when the CLI fell back to the sources, so a test of what ships never quietly tests tsx instead.
 */
export function startServerProcess(env: Record<string, string>, timeoutMs = 180_000, form: CliForm = 'auto'): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, 'serve'], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', PORT: '0', ...formEnv(form), ...env },
    });
    let out = '';
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${out}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (form === 'compiled' && out.includes(SOURCE_FALLBACK_NOTICE)) {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(`hopejobs ran the sources, not dist/:\n${out}`));
        return;
      }
      const m = /(http:\/\/localhost:\d+)/.exec(out);
      if (m && /서버/.test(out)) {
        clearTimeout(timer);
        resolve({
          child,
          url: m[1]!,
          output: () => out,
          stop: (signal = 'SIGINT') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}
