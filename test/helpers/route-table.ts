import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Access } from '../../src/server/access.js';

/** One route as the running app registered it. */
export interface RouteEntry {
  method: string;
  url: string;
  access: Access | undefined;
}

/** `GET /api/v1/cycles/:year` — the key the expectation tables use. */
export const routeKey = (r: Pick<RouteEntry, 'method' | 'url'>) => `${r.method} ${r.url}`;

/**
 * The route table of the real app, read from the app itself: wraps the `fastify` factory so an `onRoute` hook is
 * on the instance before buildApp registers any plugin. HEAD routes are Fastify's automatic twins of GET routes and
 * are left out. Use from a test file:
 *
 *   const routes = vi.hoisted(() => [] as RouteEntry[]);
 *   vi.mock('fastify', async (original) => (await import('../helpers/route-table.js')).withRouteRecorder(await original(), routes));
 */
export function withRouteRecorder<M extends object>(mod: M, into: RouteEntry[]): M {
  const original = (mod as { default: (...args: unknown[]) => FastifyInstance }).default;
  const recording = (...args: unknown[]) => {
    const app = original(...args);
    app.addHook('onRoute', (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        if (method === 'HEAD') continue;
        into.push({ method, url: route.url, access: (route.config as { access?: Access } | undefined)?.access });
      }
    });
    return app;
  };
  Object.assign(recording, original);
  return { ...mod, default: recording, fastify: recording };
}

/** Only the versioned API: documentation and static routes are the plugins' own. */
export const apiRoutes = (all: RouteEntry[]) => all.filter((r) => r.url.startsWith('/api/v1/'));

/** Percent-encodes a path segment; a lone surrogate (which encodeURIComponent refuses) goes out as its raw bytes. */
export function encodeSegment(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return [...Buffer.from(v, 'utf16le').toString('latin1')].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
  }
}

/** Replaces `:name` segments (also inside `:code.csv`-like segments) with the given values; throws on a missing one. */
export function fillPath(url: string, params: Record<string, string | number>): string {
  return url.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`no value for :${name} in ${url}`);
    return encodeSegment(String(v));
  });
}
