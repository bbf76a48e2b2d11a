import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { runCli } from '../helpers/cli.js';

describe('configuration', () => {
  it('uses defaults on an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', LOG_LEVEL: 'info', HOPEJOBS_DEMO: true });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.dataDir).toMatch(/data$/);
  });

  it('names every bad variable on its own line', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'nonsense', LOG_LEVEL: 'loud' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const lines = (err as Error).message.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^설정 오류 \/ configuration error: PORT: .*integer.*\(got "abc"\)$/);
    expect(lines[1]).toMatch(/DATABASE_URL: .*postgres:\/\//);
    expect(lines[2]).toMatch(/LOG_LEVEL: /);
  });

  it('rejects a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('limits public downloads to 120 a minute per address unless told otherwise, and checks the render threads', () => {
    expect(loadConfig({})).toMatchObject({ HOPEJOBS_PUBLIC_DOWNLOADS_PER_MIN: 120 });
    expect(loadConfig({}).HOPEJOBS_RENDER_THREADS).toBeUndefined();
    expect(loadConfig({ HOPEJOBS_PUBLIC_DOWNLOADS_PER_MIN: '0', HOPEJOBS_RENDER_THREADS: '2' })).toMatchObject({
      HOPEJOBS_PUBLIC_DOWNLOADS_PER_MIN: 0,
      HOPEJOBS_RENDER_THREADS: 2,
    });
    expect(() => loadConfig({ HOPEJOBS_PUBLIC_DOWNLOADS_PER_MIN: '-1' })).toThrow(/HOPEJOBS_PUBLIC_DOWNLOADS_PER_MIN: .*0 이상/);
    expect(() => loadConfig({ HOPEJOBS_RENDER_THREADS: '0' })).toThrow(/HOPEJOBS_RENDER_THREADS: .*1 이상/);
    expect(() => loadConfig({ HOPEJOBS_RENDER_THREADS: 'many' })).toThrow(/HOPEJOBS_RENDER_THREADS: .*integer/);
  });
});

describe('hopejobs serve with bad configuration', () => {
  it('PORT=abc → one line, exit 2, no stack trace', async () => {
    const r = await runCli(['serve'], { PORT: 'abc' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/PORT/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('DATABASE_URL=nonsense → one line, exit 2', async () => {
    const r = await runCli(['serve'], { DATABASE_URL: 'nonsense' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/DATABASE_URL/);
  });

  it('an unreachable PostgreSQL server → one line, exit 2', async () => {
    const r = await runCli(['serve'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/hopejobs' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/127\.0\.0\.1:1.*ECONNREFUSED/);
  });

  it('prints help listing the subcommands', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['serve', 'migrate', 'seed', 'verify-audit']) expect(r.stdout).toContain(cmd);
  });
});
