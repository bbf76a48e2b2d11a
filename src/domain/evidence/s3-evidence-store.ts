import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type * as S3 from '@aws-sdk/client-s3';
import { blobKey, type EvidenceStore, type StoredBlob } from './evidence-store.js';
import { spoolToFile, type SpooledFile } from './spool.js';

type S3Sdk = typeof S3;

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
 * rewritten. Path-style addressing is used with a custom endpoint, as most S3-compatible servers expect. The AWS SDK
 * is loaded with the first request, so a server that keeps its evidence on disk never loads it.
 */
export class S3EvidenceStore implements EvidenceStore {
  readonly describe: string;
  readonly spoolDir: string;
  private sdk: Promise<{ s3: S3Sdk; client: S3.S3Client }> | null = null;
  private readonly prefix: string;

  constructor(private readonly opts: S3EvidenceStoreOptions) {
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
        const { s3, client } = await this.connect();
        await client.send(
          new s3.PutObjectCommand({
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
    const { s3, client } = await this.connect();
    const out = await client.send(new s3.GetObjectCommand({ Bucket: this.opts.bucket, Key: this.key(sha256) }));
    if (!(out.Body instanceof Readable)) throw new Error('evidence store: S3 returned no readable body');
    return out.Body;
  }

  async exists(sha256: string): Promise<boolean> {
    const { s3, client } = await this.connect();
    try {
      await client.send(new s3.HeadObjectCommand({ Bucket: this.opts.bucket, Key: this.key(sha256) }));
      return true;
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404) return false;
      throw err;
    }
  }

  /** For tests and shutdown. */
  close(): void {
    void this.sdk?.then(({ client }) => client.destroy());
  }

  private connect(): Promise<{ s3: S3Sdk; client: S3.S3Client }> {
    this.sdk ??= import('@aws-sdk/client-s3').then((s3) => {
      const { accessKeyId, secretAccessKey, region, endpoint } = this.opts;
      const credentials = accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined;
      const client = new s3.S3Client({
        region: region ?? 'us-east-1',
        ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
        ...(credentials ? { credentials } : {}),
      });
      return { s3, client };
    });
    return this.sdk;
  }

  private key(sha256: string): string {
    return `${this.prefix}${blobKey(sha256)}`;
  }
}
