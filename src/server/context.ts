import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { EvidenceStore } from '../domain/evidence/index.js';
import type { OidcRelyingParty } from './oidc.js';

import type { MailSettings } from '../domain/notifications/email/index.js';

/** What every route plugin receives: the database, the configuration, the evidence store and the app version. */
export interface AppContext {
  database: Database;
  /** A read replica for the public pages when DATABASE_READ_URL is set; they read the primary otherwise. */
  readDatabase?: Database;
  config: Config;
  /** Uploaded files (local directory or S3), one per app: the routes and the job worker share it. */
  evidenceStore: EvidenceStore;
  version: string;
  /** Outgoing e-mail (SMTP): null when not configured, and then nothing is ever mailed. */
  mail: MailSettings | null;
  logger?: Logger;
  /** Single sign-on with OpenID Connect, when OIDC_ISSUER is set (src/server/oidc.ts). */
  oidc?: OidcRelyingParty | null;
}
