/**
 * Pretendard (OFL-1.1), the Korean font embedded in PDF scorecards; resolved through the installed `pretendard`
 * package so no machine path is ever written down. pdfkit subsets it: only the glyphs used end up in the file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface FontPair {
  regular: Buffer;
  bold: Buffer;
}

let cached: FontPair | null = null;

/** The regular and bold Pretendard OpenType fonts, read once per process. */
export function pretendardFonts(): FontPair {
  if (cached === null) {
    const require = createRequire(import.meta.url);
    const dir = path.join(path.dirname(require.resolve('pretendard/package.json')), 'dist', 'public', 'static');
    cached = {
      regular: readFileSync(path.join(dir, 'Pretendard-Regular.otf')),
      bold: readFileSync(path.join(dir, 'Pretendard-Bold.otf')),
    };
  }
  return cached;
}
