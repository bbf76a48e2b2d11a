// Runs after `npm install`: builds the server, the CLI and the web app into dist/ (scripts/build.js), so that
// `npm start` runs compiled JavaScript at once. Skipped when the sources are not there yet (an install from a
// package without them) or when HOPEJOBS_SKIP_BUILD=1; `hopejobs` then runs the TypeScript sources through tsx.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

if (process.env.HOPEJOBS_SKIP_BUILD === '1' || !existsSync('tsconfig.build.json') || !existsSync('src/web/vite.config.ts')) process.exit(0);
const r = spawnSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
