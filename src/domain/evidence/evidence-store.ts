import type { Readable } from 'node:stream';
import type { SpooledFile } from './spool.js';

export interface StoredBlob {
  sha256: string;
  size: number;
}

/**
 * Content-addressed storage of evidence bytes: a file is stored under the sha256 of its content, so the same bytes
 * are stored once however often they are uploaded, and a stored file can never be overwritten with other content.
 * Which names, types and owners refer to a blob is the database's business (evidence_files), not the store's.
 */
export interface EvidenceStore {
  /** Human description for logs and health (no secrets). */
  readonly describe: string;
  /** Where uploads are spooled while they are checked; ideally on the same file system as the store. */
  readonly spoolDir?: string;
  put(source: Readable | Buffer): Promise<StoredBlob>;
  /** Stores a file already spooled and hashed (see spoolToFile), moving rather than copying it where possible. */
  putSpooled(file: SpooledFile): Promise<StoredBlob>;
  open(sha256: string): Promise<Readable>;
  exists(sha256: string): Promise<boolean>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Guards every lookup: a key is exactly 64 lower-case hex digits, so it can never name a path outside the store. */
export function assertSha256(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new TypeError(`evidence store: not a sha256 hex digest: ${JSON.stringify(sha256).slice(0, 80)}`);
}

/** `ab/cd/abcd…`: two levels of fan-out keep directories small with millions of files. */
export function blobKey(sha256: string): string {
  assertSha256(sha256);
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}
