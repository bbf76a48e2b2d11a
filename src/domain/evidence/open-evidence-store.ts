import path from 'node:path';
import type { Config } from '../../config.js';
import type { EvidenceStore } from './evidence-store.js';
import { LocalEvidenceStore } from './local-evidence-store.js';
import { S3EvidenceStore } from './s3-evidence-store.js';

type StoreConfig = Pick<
  Config,
  'dataDir' | 'HOPEJOBS_S3_BUCKET' | 'HOPEJOBS_S3_ENDPOINT' | 'HOPEJOBS_S3_REGION' | 'HOPEJOBS_S3_ACCESS_KEY_ID' | 'HOPEJOBS_S3_SECRET_ACCESS_KEY'
>;

/** The configured store: an S3-compatible bucket when HOPEJOBS_S3_BUCKET is set, `<data dir>/evidence` otherwise. */
export function openEvidenceStore(config: StoreConfig): EvidenceStore {
  if (config.HOPEJOBS_S3_BUCKET) {
    return new S3EvidenceStore({
      bucket: config.HOPEJOBS_S3_BUCKET,
      endpoint: config.HOPEJOBS_S3_ENDPOINT,
      region: config.HOPEJOBS_S3_REGION,
      accessKeyId: config.HOPEJOBS_S3_ACCESS_KEY_ID,
      secretAccessKey: config.HOPEJOBS_S3_SECRET_ACCESS_KEY,
      spoolDir: path.join(config.dataDir, 'tmp', 'evidence-spool'),
    });
  }
  return new LocalEvidenceStore(path.join(config.dataDir, 'evidence'));
}

/** HOPEJOBS_MAX_UPLOAD_MB in bytes. */
export function uploadLimits(config: Pick<Config, 'HOPEJOBS_MAX_UPLOAD_MB'>): { maxBytes: number } {
  return { maxBytes: Math.floor(config.HOPEJOBS_MAX_UPLOAD_MB * 1024 * 1024) };
}
