#!/usr/bin/env node
// `hopejobs` (`npx hopejobs`, and `npm start` = `hopejobs serve`): runs the compiled CLI in dist/, which
// `npm install` builds (`npm run build` builds it again). When dist/ is missing or older than the sources, it runs
// the TypeScript sources through tsx instead and says so in one line; HOPEJOBS_FROM_SOURCE=1 does that on purpose,
// without the line (development, tests).
import { serverBuildStale } from '../scripts/build-state.js';

const fromSource = process.env.HOPEJOBS_FROM_SOURCE === '1';
const stale = fromSource ? null : serverBuildStale();
if (!fromSource && stale === null) {
  await import('../dist/cli/main.js');
} else {
  if (stale) {
    process.stderr.write(
      `hopejobs: ${stale.ko} — TypeScript 소스를 tsx로 실행합니다 (느린 시작; \`npm run build\`) / ${stale.en}: running the TypeScript sources with tsx (slower start; \`npm run build\`)\n`,
    );
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
