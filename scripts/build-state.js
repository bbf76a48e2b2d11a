// Whether dist/ holds a compiled server and CLI that `hopejobs` may run: read by bin/hopejobs.js at every start (a
// few milliseconds: one stat per source file) and by scripts/build.js (`--if-stale`).
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Written by scripts/build.js when the compile succeeded; its mtime is the moment the compile started. */
export const serverStamp = path.join(root, 'dist', '.server-build');
/** What the compiled server and CLI are made of (the web app is built separately, into dist/web). */
const serverInputs = [path.join(root, 'src'), path.join(root, 'tsconfig.json'), path.join(root, 'tsconfig.build.json')];
const webSources = path.join(root, 'src', 'web');

function newerThan(p, time) {
  if (p === webSources) return null;
  const s = statSync(p, { throwIfNoEntry: false });
  if (!s) return null; // removed while we looked
  if (s.mtimeMs > time) return p;
  for (const entry of s.isDirectory() ? readdirSync(p) : []) {
    const found = newerThan(path.join(p, entry), time);
    if (found) return found;
  }
  return null;
}

/**
 * Why dist/ must be built again before `hopejobs` can run it, or null when the compiled server is there and newer
 * than every source it is compiled from. The reason is bilingual: `{ ko, en }`.
 */
export function serverBuildStale() {
  if (!existsSync(serverStamp) || !existsSync(path.join(root, 'dist', 'cli', 'main.js'))) {
    return { ko: '컴파일된 서버(dist/)가 없습니다', en: 'dist/ holds no compiled server' };
  }
  const built = statSync(serverStamp).mtimeMs;
  const changed = serverInputs.map((p) => (existsSync(p) ? newerThan(p, built) : null)).find((p) => p !== null);
  if (!changed) return null;
  const file = path.relative(root, changed);
  return { ko: `dist/ 빌드 이후 ${file}이(가) 바뀌었습니다`, en: `${file} changed since dist/ was built` };
}
