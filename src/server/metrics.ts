import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import { cycleCountsByStatus, jobCountsByStatus, liveSessionCount } from '../domain/installation.js';
import type { AppContext } from './context.js';
import { publicFileBuilds } from './public-files.js';

/**
 * Prometheus metrics of one app: HTTP requests by route pattern (never the raw URL, so the label set stays small),
 * status and method; the process (CPU, memory, event-loop lag, GC — prom-client's default set, once per process);
 * the database (reachable, pool clients on a server); and domain gauges read from the database at scrape time
 * (cycles by status, background jobs by kind and status, live sessions). Served by routes/metrics.ts.
 */
export interface AppMetrics {
  contentType: string;
  /** The exposition text of the process and app metrics. */
  text(): Promise<string>;
}

/** Seconds: public reads should land in the first buckets, imports and exports in the last. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const SCRAPE_QUERY_TIMEOUT_MS = 2000;

// Default metrics observe the whole process (and start an event-loop monitor): registered once, however many apps
// the process builds (tests build many).
let processRegistry: client.Registry | null = null;
function processMetrics(): client.Registry {
  if (!processRegistry) {
    processRegistry = new client.Registry();
    client.collectDefaultMetrics({ register: processRegistry, eventLoopMonitoringPrecision: 10 });
  }
  return processRegistry;
}

interface DbSnapshot {
  up: boolean;
  cycles: Array<{ status: string; n: number }>;
  jobs: Array<{ kind: string; status: string; n: number }>;
  sessions: number;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export function registerMetrics(app: FastifyInstance, ctx: AppContext): AppMetrics {
  const registry = new client.Registry();
  const registers = [registry];
  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = new client.Counter({ name: 'http_requests_total', help: 'HTTP requests answered, by route pattern', labelNames, registers });
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to sending the last byte of its answer, by route pattern',
    labelNames,
    buckets: LATENCY_BUCKETS,
    registers,
  });

  app.addHook('onResponse', (req, reply, done) => {
    const labels = { method: req.method, route: req.routeOptions.url ?? '(unmatched)', status_code: reply.statusCode };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
    done();
  });

  // One database round per scrape, shared by the gauges below (they collect in parallel); text() starts a new one.
  let current: Promise<DbSnapshot> | null = null;
  const snapshot = () => {
    current ??= withTimeout(
      (async () => {
        const db = ctx.database.db;
        const [cycles, jobs, sessions] = await Promise.all([cycleCountsByStatus(db), jobCountsByStatus(db), liveSessionCount(db)]);
        return { up: true, cycles, jobs, sessions };
      })(),
      SCRAPE_QUERY_TIMEOUT_MS,
    ).catch((): DbSnapshot => ({ up: false, cycles: [], jobs: [], sessions: 0 }));
    return current;
  };

  new client.Gauge({
    name: 'hopejobs_info',
    help: 'Version and database kind of this app server (always 1)',
    labelNames: ['version', 'db'],
    registers,
    collect() {
      this.set({ version: ctx.version, db: ctx.database.kind }, 1);
    },
  });
  new client.Gauge({
    name: 'hopejobs_db_up',
    help: 'Whether the database answered the scrape queries (1) or not (0)',
    registers,
    async collect() {
      this.set((await snapshot()).up ? 1 : 0);
    },
  });
  const pool = ctx.database.pool;
  if (pool) {
    new client.Gauge({
      name: 'hopejobs_db_pool_clients',
      help: 'pg pool clients: total open, idle, and requests waiting for a client',
      labelNames: ['state'],
      registers,
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }
  new client.Gauge({
    name: 'hopejobs_cycles',
    help: 'Evaluation cycles by status',
    labelNames: ['status'],
    registers,
    async collect() {
      const s = await snapshot();
      this.reset();
      for (const c of s.cycles) this.set({ status: c.status }, c.n);
    },
  });
  new client.Gauge({
    name: 'hopejobs_jobs',
    help: 'Background jobs by kind and status (queued, running, done, failed)',
    labelNames: ['kind', 'status'],
    registers,
    async collect() {
      const s = await snapshot();
      this.reset();
      for (const j of s.jobs) this.set({ kind: j.kind, status: j.status }, j.n);
    },
  });
  new client.Counter({
    name: 'hopejobs_public_file_builds_total',
    help: 'Public pages and downloads built by this process (each once per publication state), by kind',
    labelNames: ['kind'],
    registers,
    collect() {
      this.reset();
      for (const [kind, n] of publicFileBuilds()) this.inc({ kind }, n);
    },
  });
  new client.Gauge({
    name: 'hopejobs_sessions_live',
    help: 'Signed-in sessions that have not expired',
    registers,
    async collect() {
      this.set((await snapshot()).sessions);
    },
  });

  return {
    contentType: registry.contentType,
    async text() {
      current = null;
      const [proc, own] = await Promise.all([processMetrics().metrics(), registry.metrics()]);
      return `${proc}\n${own}`;
    },
  };
}
