import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';

/**
 * Public pages take the most traffic and change only when something is published. Their JSON is therefore built,
 * checked against the route's response schema and serialised once per publication state, then sent as bytes with an
 * ETag (a client or proxy that has it gets 304). The owner is the published-cycles array of the domain cache, which
 * stays the same object until the publication changes; a new array starts an empty set of rendered bodies and the
 * old ones are garbage-collected with it. Failures (404 for an unknown district) are not kept.
 */
export interface RenderedJson {
  body: Buffer;
  etag: string;
}

const rendered = new WeakMap<object, Map<string, Promise<RenderedJson>>>();

export function renderOnce(owner: object, key: string, schema: z.ZodType, build: () => unknown): Promise<RenderedJson> {
  let bodies = rendered.get(owner);
  if (!bodies) rendered.set(owner, (bodies = new Map()));
  const known = bodies.get(key);
  if (known) return known;
  const made = (async () => {
    const body = Buffer.from(JSON.stringify(schema.encode(await build())));
    return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
  })();
  bodies.set(key, made);
  made.catch(() => bodies.delete(key));
  return made;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

export function sendRendered(req: FastifyRequest, reply: FastifyReply, r: RenderedJson) {
  reply.header('etag', r.etag);
  if (matches(req.headers['if-none-match'], r.etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(r.body);
}
