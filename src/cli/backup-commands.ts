import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { withDatabase } from './db-commands.js';
import { reportCliError } from './errors.js';

export function registerBackupCommands(program: Command) {
  program
    .command('backup')
    .description('백업 (DB + 증빙 파일) / back up the database and evidence files to one file')
    .requiredOption('-o, --out <file>', '백업 파일 / backup file, e.g. hopejobs-2026-11-25.hjb')
    .action(async (opts: { out: string }) => {
      try {
        const config = loadConfig();
        const { backupDatabase } = await import('../domain/backup.js');
        const { openEvidenceStore } = await import('../domain/evidence/index.js');
        const s = await withDatabase((database) => backupDatabase(database.db, openEvidenceStore(config), opts.out));
        const rows = Object.values(s.tables).reduce((a, b) => a + b, 0);
        process.stdout.write(
          `백업 완료 / backup written: ${opts.out} (${rows} rows in ${Object.keys(s.tables).length} tables, ${s.evidenceFiles} evidence files)\n`,
        );
      } catch (err) {
        process.exitCode = reportCliError(err);
      }
    });

  program
    .command('restore')
    .description('백업 복원 (빈 데이터베이스로) / restore a backup into an empty database')
    .argument('<file>', '백업 파일 / backup file')
    .action(async (file: string) => {
      try {
        const config = loadConfig();
        const { restoreDatabase } = await import('../domain/backup.js');
        const { openEvidenceStore } = await import('../domain/evidence/index.js');
        const s = await withDatabase((database) => restoreDatabase(database.db, openEvidenceStore(config), file));
        const rows = Object.values(s.tables).reduce((a, b) => a + b, 0);
        process.stdout.write(`복원 완료 / restored: ${rows} rows, ${s.evidenceFiles} evidence files; audit log verified (${s.auditEntries} entries)\n`);
      } catch (err) {
        process.exitCode = reportCliError(err);
      }
    });
}
