import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPglite } from '../../src/db/client.js';
import { listAwardHistory } from '../../src/domain/award-history/index.js';
import { systemPrincipal } from '../../src/domain/authz.js';
import { runCli } from '../helpers/cli.js';

/** `hopejobs import-award-history FILE`: a CP949 CSV loads; a file with a bad row loads nothing and says where. */
describe('hopejobs import-award-history (CLI)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(path.dirname(inject('pgliteTemplate')), 'cli-awards-'));
    cpSync(inject('pgliteTemplate'), dir, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a CP949 file all or nothing, reporting a bad row by row and column', async () => {
    const env = { HOPEJOBS_DATA_DIR: dir, HOPEJOBS_DEMO: '0' };
    expect((await runCli(['seed'], env)).code).toBe(0);
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, iconv.encode('연도,코드,이름,등급\n2014,11215,광진구,우수구\n2014,11620,관악구,대상\n', 'cp949'));
    const refused = await runCli(['import-award-history', bad], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('3행 등급 열');

    const good = path.join(dir, 'good.csv');
    writeFileSync(good, iconv.encode('연도,코드,이름,등급,시상금\n2014,11215,광진구,우수구,"80,000,000"\n2014,11620,관악구,,\n', 'cp949'));
    const loaded = await runCli(['import-award-history', good, '--source', '2014 보도자료'], env);
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(loaded.stdout).toContain('수상 이력 2건 적재 (2014년, 수상 1건)');

    const database = await openPglite(dir);
    try {
      const rows = await listAwardHistory(database.db, systemPrincipal);
      expect(rows.map((r) => [r.orgUnitName, r.tier, r.prize, r.source, r.importedByLabel])).toEqual([
        ['광진구', 'excellent', 80_000_000, '2014 보도자료', 'system'],
        ['관악구', null, null, '2014 보도자료', 'system'],
      ]);
    } finally {
      await database.close();
    }
  }, 120_000);
});
