import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/sequencer.js';

/**
 * Files whose tests measure time against the machine's quiet state (the server answering health checks and the event
 * loop staying free while it refuses a hostile upload, sign-in answers taking alike long): they run last, one at a
 * time, with no other test file competing for the cores.
 */
const timed = [
  'test/server/imports-hostile-xlsx.test.ts',
  'test/server/imports-hostile.test.ts',
  'test/server/public-downloads.test.ts',
  'test/server/sign-in-protection.test.ts',
  'test/security/fuzz-xlsx-import.test.ts',
  'test/security/hostile-uploads.test.ts',
];

/**
 * Files that replace a module for themselves (`vi.mock('fastify')` to record the route table, a spy on
 * process.stderr): they keep modules of their own. Every other file shares its worker's loaded modules
 * (`isolate: false`), which saves loading the server's module graph again for each file; state kept in a module
 * (caches) is keyed by the database handle it was read from, so files sharing a worker never see each other's data.
 */
const ownModules = [
  'test/server/contract.test.ts',
  'test/scenario/review-integrity.test.ts',
  'test/security/fuzz-api.test.ts',
  'test/security/authz-matrix.test.ts',
  'test/cli/errors.test.ts',
];

const maxWorkers = Number(process.env.VITEST_MAX_WORKERS) || availableParallelism() + 1;

const common = {
  globalSetup: ['test/global-setup.ts'],
  // A limit on a hung test, not a speed check (speed is measured in bench/): generous, because on a busy 2-core machine
  // a test that drives the server through hundreds of requests can take several times its quiet duration.
  testTimeout: 90_000,
  hookTimeout: 120_000,
  pool: 'forks' as const,
};

export default defineConfig({
  test: {
    // The longest files start first (test/sequencer.ts).
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        test: {
          ...common,
          name: 'suite',
          include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
          exclude: [...timed, ...ownModules],
          isolate: false,
          // vitest's default is one worker less than the cores: a single worker on a 2-core CI machine. Most files
          // here spend much of their time waiting (on the PostgreSQL server, a server process they started,
          // Chromium), so one worker more than the cores keeps them busy. VITEST_MAX_WORKERS overrides it.
          maxWorkers,
          sequence: { groupOrder: 0 },
        },
      },
      { test: { ...common, name: 'own-modules', include: ownModules, maxWorkers, sequence: { groupOrder: 0 } } },
      { test: { ...common, name: 'timed', include: timed, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
