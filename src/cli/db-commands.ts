import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { demoBanner } from './demo-banner.js';
import { reportCliError } from './errors.js';

/** Opens the configured database with migrations applied, runs `fn`, always closes. */
export async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const { openDatabase } = await import('../db/client.js');
  const { migrate } = await import('../domain/installation.js');
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

export function registerDbCommands(program: Command) {
  program
    .command('migrate')
    .description('데이터베이스 마이그레이션 적용 / apply pending database migrations')
    .action(async () => {
      try {
        const config = loadConfig();
        const { openDatabase } = await import('../db/client.js');
        const { migrate } = await import('../domain/installation.js');
        const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
        try {
          const applied = await migrate(database);
          process.stdout.write(applied.length ? `적용함 / applied: ${applied.join(', ')}\n` : '최신 상태 / already up to date\n');
        } finally {
          await database.close();
        }
      } catch (err) {
        process.exitCode = reportCliError(err);
      }
    });

  program
    .command('seed')
    .description('기준 데이터·데모 데이터 적재 / load reference data (and the demo with --demo)')
    .option('--demo', '데모 기관·주기·계정 / demo cycles and accounts (resets demo passwords)')
    .option(
      '--admin <username>',
      '시 관리자 계정 생성(또는 비밀번호 재설정), 일회용 비밀번호 출력 / create the city admin (or reset its password); prints a one-time random password',
    )
    .action(async (opts: { demo?: boolean; admin?: string }) => {
      try {
        await withDatabase(async (database) => {
          if (opts.admin !== undefined) {
            const { createAdmin } = await import('../domain/admin-account.js');
            const admin = await createAdmin(database.db, opts.admin);
            process.stdout.write(
              `${admin.created ? '시 관리자 계정 생성 / city admin created' : '비밀번호 재설정·세션 종료 / password reset, sessions ended'}: ${admin.username}\n` +
                `비밀번호 / password: ${admin.password}\n` +
                '이 비밀번호는 지금 한 번만 표시되며, 처음 로그인할 때 새 비밀번호로 바꿔야 합니다 / shown only this once; you choose your own password at the first sign-in\n',
            );
            if (!opts.demo) return;
          }
          const { seedDemo, seedReferenceUnits } = await import('../domain/seed.js');
          const { loadDemoData } = await import('../domain/demo/load-demo.js');
          if (opts.demo) {
            const result = await seedDemo(database.db, { password: process.env.HOPEJOBS_DEMO_PASSWORD || undefined });
            const data = await loadDemoData(database.db);
            if (data)
              process.stdout.write(
                `데모 데이터 / demo data: ${data.records} records, ${data.submissions} submissions, published runs ${data.runs.join(', ')}\n`,
              );
            process.stdout.write(`${demoBanner(result)}\n`);
          } else {
            await seedReferenceUnits(database.db);
            process.stdout.write('기준 데이터(시·자치구) 적재 완료 / reference units loaded\n');
          }
        });
      } catch (err) {
        process.exitCode = reportCliError(err);
      }
    });

  program
    .command('import-populations <file>')
    .description(
      '연도별 인구 적재 (주민등록 인구통계 CSV 또는 .xlsx 첫 시트: code, name, year, value) — 한 행이라도 틀리면 아무것도 적재하지 않음 / load yearly populations from a resident-registration CSV or .xlsx (all or nothing)',
    )
    .action(async (file: string) => {
      try {
        const { createReadStream, readFileSync } = await import('node:fs');
        const { importPopulationRows, importPopulations } = await import('../domain/reference/populations.js');
        const { firstSheetRows } = await import('../domain/reference/workbook-rows.js');
        const actor = { userId: null, label: 'cli' };
        // A workbook (ZIP) is read from its first sheet; anything else as CSV (UTF-8 or CP949).
        const bytes = readFileSync(file);
        const isWorkbook = bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
        const result = await withDatabase(async (database) => {
          if (!isWorkbook) return importPopulations(database.db, createReadStream(file), actor);
          const { sheet, rows } = await firstSheetRows(bytes);
          return importPopulationRows(database.db, rows, actor, { sheet });
        });
        process.stdout.write(
          `인구 ${result.rows}건 적재 (${result.years.join(', ')}년) / ${result.rows} population figures loaded (${result.years.join(', ')})\n`,
        );
      } catch (err) {
        process.exitCode = reportCliError(err);
      }
    });

  program
    .command('import-award-history <file>')
    .description(
      '과거 수상 이력 적재 (CSV UTF-8/CP949 또는 xlsx: 연도, 코드, 이름, 등급[, 순위, 점수, 시상금, 출처, 비고]) — 한 행이라도 틀리면 아무것도 적재하지 않음 / load past award results (all or nothing)',
    )
    .option('--source <text>', '출처 (행에 출처가 없을 때) / where the results come from, for rows without a source')
    .action(async (file: string, opts: { source?: string }) => {
      try {
        const { readFile } = await import('node:fs/promises');
        const path = await import('node:path');
        const { importAwardHistory } = await import('../domain/award-history/index.js');
        const { systemPrincipal } = await import('../domain/authz.js');
        const bytes = await readFile(file);
        const result = await withDatabase((database) =>
          importAwardHistory(database.db, systemPrincipal, { bytes, fileName: path.basename(file), source: opts.source }),
        );
        process.stdout.write(
          `수상 이력 ${result.rows}건 적재 (${result.years.join(', ')}년, 수상 ${result.awarded}건) / ${result.rows} award results loaded (${result.years.join(', ')}; ${result.awarded} with a tier)\n`,
        );
      } catch (err) {
        process.exitCode = reportCliError(err);
      }
    });

  program
    .command('verify-audit')
    .description('감사 로그 해시 체인 검증 / verify the audit log hash chain')
    .action(async () => {
      try {
        const { verifyAuditChain } = await import('../domain/audit.js');
        const result = await withDatabase((database) => verifyAuditChain(database.db));
        if (result.ok) {
          process.stdout.write(`감사 로그 정상 / audit log intact: ${result.entries} entries, head ${result.lastHash.slice(0, 16)}…\n`);
        } else {
          for (const p of result.problems) process.stdout.write(`seq ${p.seq}: ${p.problem} — ${p.detail}\n`);
          process.stdout.write(`감사 로그 변조 감지 / audit log tampered: ${result.problems.length} problem(s)\n`);
          process.exitCode = 1;
        }
      } catch (err) {
        process.exitCode = reportCliError(err);
      }
    });
}
