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

const common = {
  globalSetup: ['test/global-setup.ts'],
  testTimeout: 30_000,
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
          exclude: timed,
          // vitest's default is one worker less than the cores: a single worker on a 2-core CI machine. Most files
          // here spend much of their time waiting (on the PostgreSQL server, a server process they started,
          // Chromium), so one worker more than the cores keeps them busy. VITEST_MAX_WORKERS overrides it.
          maxWorkers: Number(process.env.VITEST_MAX_WORKERS) || availableParallelism() + 1,
          sequence: { groupOrder: 0 },
        },
      },
      { test: { ...common, name: 'timed', include: timed, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
