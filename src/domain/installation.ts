/**
 * The installation's database as the server and the CLI see it: the migrations applied at start and their state
 * for the health and readiness checks, the counts the metrics and the start-up read. The server and the CLI open the
 * connection (src/db/client.ts) and reach everything else in src/db through the domain.
 */
export { migrate, migrationStatus, readMigrations, type Migration, type MigrationStatus } from '../db/migrate.js';
export { cycleCountsByStatus, jobCountsByStatus, liveSessionCount } from '../db/repositories/operational-counts.js';
export { countDemoUsers, countUsers } from '../db/repositories/users.js';
