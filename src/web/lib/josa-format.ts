import type { i18n as I18n } from 'i18next';
import { josa, josaPick, type Particle } from '../../korean.js';

/**
 * The i18next format `josa`: a locale string writes `{{name, josa(이/가)}}` and reads "버전 2가", "실행 #6이",
 * "광진구와" — the particle chosen by the interpolated word, through the one helper in `src/korean.ts`; where a quote
 * closes between the word and its particle, `"{{label}}"{{label, particle(으로/로)}}` gives the particle alone. Either order
 * of the pair is accepted ('와/과' or '과/와'). i18next hands the text in the parentheses over as an option *key*
 * ("이/가": ''), so the particle is the one option key of the form "한글/한글".
 */
const PARTICLE_KEY = /^[\uac00-\ud7a3]+\/[\uac00-\ud7a3]+$/u;

const PARTICLES: readonly Particle[] = [
  '이/가',
  '을/를',
  '은/는',
  '으로/로',
  '와/과',
  '이나/나',
  '이란/란',
  '아/야',
  '이랑/랑',
  '이에요/예요',
  '으로서/로서',
  '으로써/로써',
  '으로부터/로부터',
  '이라/라',
];

/** The es-hangul particle named by `written` ('이/가', '과/와' → '와/과'), or null for an unknown one. */
export function particleOf(written: string): Particle | null {
  const pair = written.trim();
  const swapped = pair.split('/').reverse().join('/');
  return PARTICLES.find((p) => p === pair || p === swapped) ?? null;
}

function wordAndParticle(value: unknown, options: Record<string, unknown> | undefined): [string, Particle | null] {
  const word = value === null || value === undefined ? '' : String(value as string | number);
  const key = Object.keys(options ?? {}).find((k) => PARTICLE_KEY.test(k));
  return [word, key === undefined ? null : particleOf(key)];
}

/** The format `josa`: `value` followed by the particle named in `options` (unchanged when none is named). */
export function josaFormat(value: unknown, _lng: string | undefined, options: Record<string, unknown> | undefined): string {
  const [word, particle] = wordAndParticle(value, options);
  return particle === null || word === '' ? word : josa(word, particle);
}

/** The format `particle`: only the particle for `value` (for a word in quotes: `"{{w}}"{{w, particle(이/가)}}`). */
export function particleFormat(value: unknown, _lng: string | undefined, options: Record<string, unknown> | undefined): string {
  const [word, particle] = wordAndParticle(value, options);
  return particle === null || word === '' ? '' : josaPick(word, particle);
}

/** Registers the Korean formats on an initialised i18next instance. */
export function addKoreanFormats(instance: I18n): void {
  instance.services.formatter?.add('josa', josaFormat);
  instance.services.formatter?.add('particle', particleFormat);
}
