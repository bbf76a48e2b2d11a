import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { demoBanner } from './demo-banner.js';
import { reportCliError } from './errors.js';

export function registerServeCommand(program: Command) {
  program
    .command('serve')
    .description('웹 서버 시작 / start the web server (migrates, loads the demo on an empty data dir)')
    .action(async () => {
      try {
        const config = loadConfig();
        const { createLogger } = await import('../server/logger.js');
        const { startServer } = await import('../server/start.js');
        const logger = createLogger(config);
        const server = await startServer(config, logger);
        if (server.demo) process.stdout.write(`${demoBanner(server.demo)}\n`);
        process.stdout.write(`희망일자리 평가 서버: ${server.url}  (db: ${server.database.kind}, 시작 ${Math.round(server.startupMs)} ms)\n`);
        let signals = 0;
        const shutdown = (signal: string) => {
          signals++;
          if (signals > 1) {
            process.stderr.write('종료 중입니다… / already shutting down, please wait\n');
            return;
          }
          logger.info({ signal }, 'shutting down');
          server.stop().then(
            () => process.exit(0),
            (err: unknown) => {
              logger.error({ err }, 'shutdown failed');
              process.exit(1);
            },
          );
        };
        process.on('SIGINT', () => shutdown('SIGINT'));
        process.on('SIGTERM', () => shutdown('SIGTERM'));
      } catch (err) {
        process.exitCode = reportCliError(err);
      }
    });
}
