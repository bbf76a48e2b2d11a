// Runs after `npm install`: builds the web app so that `npm start` can serve it at once.
// Skipped when the web sources are not there yet or when HOPEJOBS_SKIP_BUILD=1.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

if (process.env.HOPEJOBS_SKIP_BUILD === '1' || !existsSync('src/web/vite.config.ts')) process.exit(0);
const r = spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
