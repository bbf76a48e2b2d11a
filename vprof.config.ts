import { defineConfig } from 'vitest/config';
export default defineConfig({ test: { root: '/work/main', globalSetup: ['test/global-setup.ts'], testTimeout: 3_000_000, hookTimeout: 600_000, pool: 'forks', include: ['test/**/*.test.ts'], execArgv: ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] } });
