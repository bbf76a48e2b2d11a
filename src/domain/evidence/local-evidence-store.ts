import { access, copyFile, mkdir, open, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { blobKey, type EvidenceStore, type StoredBlob } from './evidence-store.js';
import { spoolToFile, type SpooledFile } from './spool.js';

/**
 * Evidence on local disk under `<dir>/ab/cd/<sha256>`. A blob appears atomically: it is written to a temporary
 * file in `<dir>/tmp`, fsynced, then renamed into place (a crash leaves at most a stray temporary file, never a
 * truncated blob), and the directory is fsynced so the rename itself survives a power cut.
 */
export class LocalEvidenceStore implements EvidenceStore {
  readonly spoolDir: string;
  readonly describe: string;

  constructor(readonly dir: string) {
    this.spoolDir = path.join(dir, 'tmp');
    this.describe = `local:${dir}`;
  }

  async put(source: Readable | Buffer): Promise<StoredBlob> {
    return this.putSpooled(await spoolToFile(source, this.spoolDir));
  }

  async putSpooled(file: SpooledFile): Promise<StoredBlob> {
    const blob = { sha256: file.sha256, size: file.size };
    try {
      if (await this.exists(file.sha256)) return blob;
      const target = this.pathOf(file.sha256);
      await mkdir(path.dirname(target), { recursive: true });
      // Same content, same name: if two uploads race, the second rename replaces identical bytes.
      await rename(file.path, target).catch(async (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EXDEV') throw err;
        // Spooled on another file system: copy next to the target first, so the final step is still a rename.
        const near = `${target}.${process.pid}.tmp`;
        await copyFile(file.path, near);
        await fsyncFile(near);
        await rename(near, target);
      });
      await fsyncDir(path.dirname(target));
      return blob;
    } finally {
      await file.discard();
    }
  }

  async open(sha256: string): Promise<Readable> {
    // Open first so a missing blob is a rejected promise, not a stream error later.
    const handle = await open(this.pathOf(sha256), 'r');
    return handle.createReadStream();
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      await access(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }

  private pathOf(sha256: string): string {
    return path.join(this.dir, ...blobKey(sha256).split('/'));
  }
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
