import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { blobKey, type EvidenceStore, type StoredBlob } from './evidence-store.js';
import { spoolToFile, type SpooledFile } from './spool.js';

export interface S3EvidenceStoreOptions {
  bucket: string;
  /** For S3-compatible services (MinIO, Ceph, NCP Object Storage…); omitted for AWS itself. */
  endpoint?: string | undefined;
  region?: string | undefined;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  /** Key prefix inside the bucket. */
  prefix?: string;
  /** Where uploads are spooled before they are sent (the sha256 names the object, so it must be known first). */
  spoolDir?: string;
}

/**
 * Evidence in an S3-compatible bucket under `<prefix>ab/cd/<sha256>`. S3 writes are atomic per object, so a
 * crash leaves either the whole object or none; an existing key already holds these exact bytes and is not
 * rewritten. Path-style addressing is used with a custom endpoint, as most S3-compatible servers expect.
 */
export class S3EvidenceStore implements EvidenceStore {
  readonly describe: string;
  readonly spoolDir: string;
  private readonly client: S3Client;
  private readonly prefix: string;

  constructor(private readonly opts: S3EvidenceStoreOptions) {
    const credentials =
      opts.accessKeyId && opts.secretAccessKey ? { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey } : undefined;
    this.client = new S3Client({
      region: opts.region ?? 'us-east-1',
      ...(opts.endpoint ? { endpoint: opts.endpoint, forcePathStyle: true } : {}),
      ...(credentials ? { credentials } : {}),
    });
    this.prefix = opts.prefix ?? 'evidence/';
    this.spoolDir = opts.spoolDir ?? path.join(tmpdir(), 'hopejobs-evidence-spool');
    this.describe = `s3:${opts.endpoint ?? 'aws'}/${opts.bucket}/${this.prefix}`;
  }

  async put(source: Readable | Buffer): Promise<StoredBlob> {
    return this.putSpooled(await spoolToFile(source, this.spoolDir));
  }

  async putSpooled(file: SpooledFile): Promise<StoredBlob> {
    try {
      if (!(await this.exists(file.sha256))) {
        await this.client.send(
          new PutObjectCommand({
            Bucket: this.opts.bucket,
            Key: this.key(file.sha256),
            Body: createReadStream(file.path),
            ContentLength: file.size,
            ContentType: 'application/octet-stream',
            ChecksumSHA256: Buffer.from(file.sha256, 'hex').toString('base64'),
          }),
        );
      }
      return { sha256: file.sha256, size: file.size };
    } finally {
      await file.discard();
    }
  }

  async open(sha256: string): Promise<Readable> {
    const out = await this.client.send(new GetObjectCommand({ Bucket: this.opts.bucket, Key: this.key(sha256) }));
    if (!(out.Body instanceof Readable)) throw new Error('evidence store: S3 returned no readable body');
    return out.Body;
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.opts.bucket, Key: this.key(sha256) }));
      return true;
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404) return false;
      throw err;
    }
  }

  /** For tests and shutdown. */
  close(): void {
    this.client.destroy();
  }

  private key(sha256: string): string {
    return `${this.prefix}${blobKey(sha256)}`;
  }
}
