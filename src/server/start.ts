import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { openDatabase, openPostgres, type Database } from '../db/client.js';
import { countUsers, migrate } from '../domain/installation.js';
import { applyLatePenalties } from '../domain/adjustments/index.js';
import { systemPrincipal } from '../domain/authz.js';
import { loadDemoData } from '../domain/demo/load-demo.js';
import { deadlineReminders } from '../domain/notifications/index.js';
import { seedDemo, type DemoSeedResult } from '../domain/seed.js';
import { buildApp } from './app.js';

export interface RunningServer {
  url: string;
  database: Database;
  demo: DemoSeedResult | null;
  startupMs: number;
  stop(): Promise<void>;
}

/**
 * Opens the database, applies pending migrations, loads the demo on an empty installation (when HOPEJOBS_DEMO is
 * on) and listens. `stop()` closes the HTTP server first, then the database, so PGlite is always closed cleanly.
 */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const t0 = performance.now();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  let readDatabase: Database | undefined;
  try {
    const applied = await migrate(database);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    let demo: DemoSeedResult | null = null;
    if (config.HOPEJOBS_DEMO && (await countUsers(database.db)) === 0) {
      demo = await seedDemo(database.db, { password: config.HOPEJOBS_DEMO_PASSWORD });
      const data = await loadDemoData(database.db);
      logger.info({ accounts: demo.accounts.length, records: data?.records, ms: data?.ms }, 'demo data loaded');
    }
    // Public pages may read a replica; it is never migrated or written (the primary's changes replicate to it).
    readDatabase = config.DATABASE_READ_URL ? await openPostgres(config.DATABASE_READ_URL, { createMissing: false }) : undefined;
    const app = await buildApp({ database, ...(readDatabase ? { readDatabase } : {}), config, logger });
    const address = await app.listen({ port: config.PORT, host: config.HOST });
    const url = address.replace('127.0.0.1', 'localhost').replace('[::1]', 'localhost');
    // Deadline reminders and late penalties: idempotent per stage and day (per stage and district), so every app server may run them.
    const remind = async () => {
      await deadlineReminders(database.db, systemPrincipal, new Date()).catch((err: unknown) => logger.warn({ err }, 'deadline reminders failed'));
      await applyLatePenalties(database.db, systemPrincipal, new Date()).catch((err: unknown) => logger.warn({ err }, 'late penalties failed'));
    };
    const reminders = setInterval(remind, 60 * 60 * 1000);
    reminders.unref();
    void remind();
    let stopping: Promise<void> | null = null;
    return {
      url,
      database,
      demo,
      startupMs: performance.now() - t0,
      stop() {
        stopping ??= (async () => {
          clearInterval(reminders);
          await app.close();
          await readDatabase?.close();
          await database.close();
        })();
        return stopping;
      },
    };
  } catch (err) {
    await readDatabase?.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw err;
  }
}
