import type { SwaggerTransform } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { Access } from './access.js';

/**
 * The OpenAPI document states who may call each operation, from the same `config.access` declaration the access
 * hook enforces (so the two cannot drift): `security` names the session cookie where one is needed, and
 * `x-hopejobs-access` is `"public"`, `"authenticated"` or the list of roles. District scoping (an officer sees
 * only their own district) is checked by the services and noted in the description.
 */
export function accessLabel(access: Access | undefined): { ko: string; en: string; machine: 'public' | 'authenticated' | readonly string[] } {
  if (access === undefined || access === 'public') return { ko: '누구나', en: 'anyone', machine: 'public' };
  if (access === 'authenticated') return { ko: '로그인한 사용자', en: 'any signed-in user', machine: 'authenticated' };
  return { ko: access.roles.join(', '), en: access.roles.join(', '), machine: access.roles };
}

export const accessAwareTransform: SwaggerTransform = (input) => {
  const out = jsonSchemaTransform(input);
  const access = input.route.config?.access;
  const label = accessLabel(access);
  const schema = out.schema as Record<string, unknown>;
  const prior = typeof schema.description === 'string' ? `${schema.description}\n\n` : '';
  return {
    ...out,
    schema: {
      ...schema,
      description: `${prior}권한 / access: ${label.en}`,
      'x-hopejobs-access': label.machine,
      ...(label.machine === 'public' ? { security: [] } : { security: [{ session: [] }] }),
    },
  };
};
