import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seoulDistricts } from '../../src/domain/reference/seoul.js';
import { xlsxBuffer } from '../fixtures/imports/upload.js';
import { repoRoot, runCli } from '../helpers/cli.js';

/** `hopejobs import-populations` with a workbook as the statistics portal gives it, into a seeded data directory. */
describe('hopejobs import-populations', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    mkdirSync(path.join(repoRoot, '.tmp'), { recursive: true });
    dir = mkdtempSync(path.join(repoRoot, '.tmp', 'cli-populations-'));
    env = { HOPEJOBS_DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' };
    const seeded = await runCli(['seed'], env, 120_000);
    expect(seeded.code, seeded.stderr).toBe(0);
  }, 150_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const workbook = async (extra: Array<Array<string | number>> = []) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('인구');
    ws.addRow(['행정구역코드', '행정구역', '연도', '인구']);
    seoulDistricts.forEach((d, i) => ws.addRow([d.code, d.name, 2021, 200_000 + i]));
    for (const row of extra) ws.addRow(row);
    return xlsxBuffer(wb);
  };

  it('loads the first sheet of a workbook, and refuses one with a bad row naming sheet, row and column', async () => {
    const good = path.join(dir, 'populations.xlsx');
    writeFileSync(good, await workbook());
    const ok = await runCli(['import-populations', good], env, 120_000);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('25 population figures loaded (2021)');

    const bad = path.join(dir, 'bad.xlsx');
    writeFileSync(bad, await workbook([['11215', '광진구', 2022, -1]]));
    const refused = await runCli(['import-populations', bad], env, 120_000);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("'인구' 시트 27행 인구 열: 인구는 1 이상의 정수여야 합니다.");
  }, 300_000);
});
