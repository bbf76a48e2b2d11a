import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ko } from '../../src/web/locales/ko.js';
import { en } from '../../src/web/locales/en.js';

/**
 * Korean that reads right, everywhere: every text a person reads — a domain or engine message, a CLI line, a
 * document, a web locale string — chooses its particle by the word before it (src/korean.ts, or the i18next format
 * `{{word, josa(이/가)}}`), and no screen text carries an internal code, a formula's source or a hash.
 */
const root = join(import.meta.dirname, '..', '..');

/** The fallback particles a reader should never see: "이(가)", "을(를)", "과(와)", "은(는)", "(으)로" … */
const FALLBACK = /이\(가\)|가\(이\)|을\(를\)|를\(을\)|과\(와\)|와\(과\)|은\(는\)|는\(은\)|\(으\)로|\(이\)나|\(이\)라/u;
/** A particle written after a run-time word in source: `${name}이 …`, `'${code}'가 …`. */
const FIXED_AFTER_CODE = /\$\{(?:[^{}`]|\{[^{}`]*\})*\}['"’”]?(?:으로|로|이|가|을|를|은|는|과|와)(?=[\s.,)!?:'"`])/u;
/** The same in a locale string: `{{version}}이`, `#{{id}}를` (installation words carry their own: {{unitKoGa}}). */
const FIXED_AFTER_VARIABLE = /\{\{[^},]+\}\}['"’”]?(?:으로|로|이|가|을|를|은|는|과|와)(?=[\s.,)!?:'"’”]|$)/u;
/** An audit action or other dotted code (`submission.submitted`), a formula's source, a hash. */
const DOTTED_CODE = /(?<![\w.@/])[a-z][a-z0-9]*(?:_[a-z0-9]+)*\.[a-z][a-z0-9_]*(?![\w/])/u;
const FORMULA_SOURCE = /\b(?:count|sum|ratio|per100k)\("/u;
const HASH = /\b[0-9a-f]{12,}\b/iu;

/** Locale strings whose subject is the code itself: the formula editor's example, the audit filter on action codes. */
const CODE_IS_THE_SUBJECT = new Set(['framework.formulaHint', 'audit.filters.actionHint']);

function* strings(tree: unknown, path = ''): Generator<[string, string]> {
  if (typeof tree === 'string') yield [path, tree];
  else if (tree !== null && typeof tree === 'object')
    for (const [key, value] of Object.entries(tree)) yield* strings(value, path === '' ? key : `${path}.${key}`);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

const HANGUL = /[\uac00-\ud7a3]/u;

/** Source lines that hold Korean text (comments left out: they may name the fallbacks they forbid). */
function koreanSourceLines(): Array<{ where: string; text: string }> {
  return sourceFiles(join(root, 'src')).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((text, i) => ({ where: `${relative(root, file)}:${i + 1}`, text }))
      .filter(({ text }) => HANGUL.test(text) && !/^\s*(\/\/|\/\*|\*)/.test(text)),
  );
}

describe('Korean texts read right', () => {
  it('no source text writes a fallback particle or a fixed particle after a run-time word', () => {
    const lines = koreanSourceLines();
    expect(lines.length).toBeGreaterThan(1000);
    expect(lines.filter(({ text }) => FALLBACK.test(text)).map(({ where, text }) => `${where}: ${text.trim()}`)).toEqual([]);
    expect(lines.filter(({ text }) => FIXED_AFTER_CODE.test(text)).map(({ where, text }) => `${where}: ${text.trim()}`)).toEqual([]);
  });

  it('no Korean message template shows a formula source or a hash', () => {
    const templates = koreanSourceLines().filter(({ text }) => /\bko:/.test(text));
    expect(templates.length).toBeGreaterThan(300);
    const leaks = templates.filter(({ text }) => {
      const ko = /\bko:\s*(['"`])(.*?)\1/u.exec(text)?.[2] ?? '';
      return FORMULA_SOURCE.test(ko) || HASH.test(ko);
    });
    expect(leaks.map(({ where, text }) => `${where}: ${text.trim()}`)).toEqual([]);
  });

  it.each([
    ['ko', ko],
    ['en', en],
  ] as const)('the %s locale has no fallback particle, no particle fixed after a variable, no code, formula or hash', (_lang, tree) => {
    const all = [...strings(tree)];
    expect(all.length).toBeGreaterThan(1000);
    const bad = all.filter(([path, text]) => {
      const plain = text.replace(/\{\{[^}]*\}\}/gu, '');
      if (FALLBACK.test(text) || FIXED_AFTER_VARIABLE.test(text)) return true;
      if (CODE_IS_THE_SUBJECT.has(path)) return false;
      return DOTTED_CODE.test(plain.replace(/\b(?:e\.g|i\.e)\./gu, '')) || FORMULA_SOURCE.test(plain) || HASH.test(plain) || /로버스트|robust z/iu.test(plain);
    });
    expect(bad.map(([path, text]) => `${path}: ${text}`)).toEqual([]);
  });

  it('every audit action the domain records has words in both languages (the log shows no code)', () => {
    const actions = new Set<string>();
    for (const { text } of sourceFiles(join(root, 'src'))
      .filter((f) => f.includes(`${join('src', 'domain')}`) || f.includes(join('src', 'server')))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((text) => ({ text })),
      )) {
      if (!/\baction:|audited\(/.test(text)) continue;
      for (const m of text.matchAll(/'([a-z_]+\.[a-z_]+)'/gu)) actions.add(m[1]!);
    }
    expect(actions.size).toBeGreaterThan(50);
    const missing = [...actions].filter((a) => !(a in ko.audit.actions) || !(a in en.audit.actions));
    expect(missing).toEqual([]);
  });
});
