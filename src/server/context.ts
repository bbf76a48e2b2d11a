import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';

/** What every route plugin receives: the database, the configuration and the app version. */
export interface AppContext {
  database: Database;
  /** A read replica for the public pages when DATABASE_READ_URL is set; they read the primary otherwise. */
  readDatabase?: Database;
  config: Config;
  version: string;
  logger?: Logger;
}
