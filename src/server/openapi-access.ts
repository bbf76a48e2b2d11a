import type { SwaggerTransform } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { Access } from './access.js';

/**
 * The OpenAPI document states who may call each operation, from the same `config.access` declaration the access
 * hook enforces (so the two cannot drift): `security` names the session cookie where one is needed, and
 * `x-hopejobs-access` is `"public"`, `"authenticated"` or the list of roles. District scoping (an officer sees
 * only their own district) is checked by the services and noted in the description.
 */
function accessLabel(access: Access | undefined): { text: string; machine: 'public' | 'authenticated' | readonly string[] } {
  if (access === undefined || access === 'public') return { text: 'anyone', machine: 'public' };
  if (access === 'authenticated') return { text: 'any signed-in user', machine: 'authenticated' };
  return { text: access.roles.join(', '), machine: access.roles };
}

/** The document describes the versioned API only. */
const isApiOperation = (url: string) => url.startsWith('/api/v1/');

export const accessAwareTransform: SwaggerTransform = (input) => {
  // The web app's pages and built files (registered without a schema by the SPA and @fastify/static), the
  // documentation's own routes and /metrics are not operations of the API: hidden, never transformed.
  if (!isApiOperation(input.url)) return { schema: { hide: true }, url: input.url };
  // An API route may declare no schema at all: it is still an operation, and still states who may call it.
  const out = jsonSchemaTransform({ ...input, schema: input.schema ?? {} });
  const schema = (out.schema ?? {}) as Record<string, unknown>;
  if (schema.hide === true) return out;
  const access = input.route.config?.access;
  const label = accessLabel(access);
  const prior = typeof schema.description === 'string' ? `${schema.description}\n\n` : '';
  return {
    ...out,
    schema: {
      ...schema,
      description: `${prior}권한 / access: ${label.text}`,
      'x-hopejobs-access': label.machine,
      ...(label.machine === 'public' ? { security: [] } : { security: [{ session: [] }] }),
    },
  };
};
