import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { attachmentDisposition } from '../domain/exports/download-name.js';

/**
 * What anonymous visitors read or download — results and scorecard JSON, open data (CSV, JSON, xlsx), scorecard
 * PDFs, the engine input — changes only when something is published, so each is built once per publication state
 * and then sent as stored bytes with a strong ETag (a client or proxy that has them gets 304).
 *
 * Keyed by publication state: the owner of the stored files is the published-cycles array of the domain cache
 * (src/domain/publication/published-results.ts), one object per publication fingerprint (src/db/repositories/
 * publication-fingerprint.ts) — the same object while the fingerprint read from the database is unchanged, a new
 * one as soon as it changes (a re-publication, a new final run, an edited press release, here or on another app
 * server). Files are only ever looked up under the state they were built from, so a new state starts with no files
 * and can never be answered with the bytes of an earlier one; the old files are garbage-collected with their state.
 *
 * Per process, not in the database: every app server builds each file once per publication state for itself (a
 * few dozen PDFs of a fraction of a second each, spread over the first requests), and a stored copy costs nothing
 * but memory — the files a state can hold are bounded by published years × districts × languages, since a request
 * for anything unpublished fails before a build and failures are not kept.
 *
 * Concurrent first requests for the same file share one build (single flight): the promise is stored before the
 * build starts.
 */
export interface StoredFile {
  body: Buffer;
  etag: string;
  type: string;
  /** Download name (Content-Disposition: attachment); none for a page's JSON. */
  name?: string;
}

export interface BuiltFile {
  body: Buffer;
  type: string;
  name?: string;
}

const stored = new WeakMap<object, Map<string, Promise<StoredFile>>>();
const builds = new Map<string, number>();

/** The part of a key before the first ':' names the kind of file (for the build counter). */
const kindOf = (key: string) => (key.includes(':') ? key.slice(0, key.indexOf(':')) : key);

/** The stored file under `key` for the publication state `owner`, built by `build` the first time it is asked for. */
export function storeOnce(owner: object, key: string, build: () => Promise<BuiltFile>): Promise<StoredFile> {
  let files = stored.get(owner);
  if (!files) stored.set(owner, (files = new Map()));
  const known = files.get(key);
  if (known) return known;
  const made = (async () => {
    const file = await build();
    builds.set(kindOf(key), (builds.get(kindOf(key)) ?? 0) + 1);
    return { ...file, etag: `"${createHash('sha256').update(file.body).digest('base64url').slice(0, 27)}"` };
  })();
  files.set(key, made);
  made.catch(() => files.delete(key));
  return made;
}

/** Files built so far in this process, by kind (`results`, `scorecard`, `scorecard.pdf`, `results.xlsx`, …). */
export function publicFileBuilds(): ReadonlyMap<string, number> {
  return builds;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

/**
 * Sends a stored file, or 304 when the client's If-None-Match holds its ETag. Only a successful answer is
 * publicly cacheable; error answers are sent by src/server/problem.ts with `no-store`. A file only signed-in users
 * may read (e.g. the handbook of a draft framework) is sent with `cacheControl` 'private, no-cache'.
 */
export function sendStored(req: FastifyRequest, reply: FastifyReply, file: StoredFile, cacheControl = 'public, max-age=60') {
  reply.header('cache-control', cacheControl).header('etag', file.etag);
  if (matches(req.headers['if-none-match'], file.etag)) return reply.code(304).send();
  if (file.name !== undefined) reply.header('content-disposition', attachmentDisposition(file.name));
  return reply.type(file.type).send(file.body);
}
