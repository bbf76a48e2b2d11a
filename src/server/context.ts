import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';

/** What every route plugin receives: the database, the configuration and the app version. */
export interface AppContext {
  database: Database;
  config: Config;
  version: string;
  logger?: Logger;
}
