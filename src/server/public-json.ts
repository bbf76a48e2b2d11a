import type { z } from 'zod';
import { storeOnce, type StoredFile } from './public-files.js';

/**
 * A public page's JSON, built, checked against the route's response schema and serialised once per publication
 * state, then stored and sent as bytes with an ETag like every public file (src/server/public-files.ts: `owner` is
 * the publication state, failures such as a 404 for an unknown district are not kept).
 */
export function renderOnce(owner: object, key: string, schema: z.ZodType, build: () => unknown): Promise<StoredFile> {
  return storeOnce(owner, key, async () => ({
    body: Buffer.from(JSON.stringify(schema.encode(await build()))),
    type: 'application/json; charset=utf-8',
  }));
}
