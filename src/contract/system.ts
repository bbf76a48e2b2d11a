import { z } from 'zod';

/** Liveness and readiness, for monitoring and load balancers. */
export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['pglite', 'postgres']),
  version: z.string(),
  migrations: z.object({ applied: z.number().int(), pending: z.number().int(), latest: z.string().nullable() }),
});

export const readySchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({
    database: z.enum(['ok', 'unreachable']),
    migrations: z.enum(['ok', 'pending', 'unknown']),
  }),
});
