import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { DomainError } from '../errors.js';

export interface SpooledFile {
  path: string;
  sha256: string;
  size: number;
  /** Removes the file; safe to call twice. */
  discard(): Promise<void>;
}

export function fileTooLarge(maxBytes: number): DomainError {
  const mb = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  return new DomainError(
    'invalid',
    'file_too_large',
    { ko: `파일이 너무 큽니다. 최대 ${mb}MB까지 올릴 수 있습니다.`, en: `The file is too large. The limit is ${mb} MB.` },
    [],
    { maxBytes },
  );
}

/**
 * Streams bytes into a new file in `dir`, hashing and counting as they pass, and fsyncs it. Stops reading as soon
 * as the count passes `maxBytes` (the rest of an oversize upload is never written), deletes the partial file and
 * throws `file_too_large`. The file name is random, never derived from user input.
 */
export async function spoolToFile(source: Readable | Buffer, dir: string, maxBytes = Infinity): Promise<SpooledFile> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `.spool-${process.pid}-${randomBytes(8).toString('hex')}`);
  const discard = () => rm(file, { force: true });
  const hash = createHash('sha256');
  const handle = await open(file, 'wx', 0o600);
  let size = 0;
  const input = Buffer.isBuffer(source) ? Readable.from([source]) : source;
  try {
    for await (const chunk of input as AsyncIterable<Buffer | string>) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buf.length;
      if (size > maxBytes) {
        input.destroy();
        throw fileTooLarge(maxBytes);
      }
      hash.update(buf);
      await handle.write(buf);
    }
    await handle.sync();
    await handle.close();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await discard();
    throw err;
  }
  return { path: file, sha256: hash.digest('hex'), size, discard };
}
