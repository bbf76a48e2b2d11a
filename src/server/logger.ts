import pino, { type Logger } from 'pino';
import type { Config } from '../config.js';

/** JSON lines on stdout (one object per event), ready for any log shipper. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { service: 'hopejobs' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'password', '*.password'], censor: '[redacted]' },
  });
}
