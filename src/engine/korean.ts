import { josa as hangulJosa, numberToHangul } from 'es-hangul';

/**
 * Korean particles chosen by the word before them — "버전 2가", "실행 #6이", "결과를", "'…활성화'(40점)와" — for every
 * message, document, e-mail and screen. es-hangul decides for a Hangul or Latin last letter; this adds what a name in
 * our texts ends with: a number (read aloud: 10 → 십, 6 → 육), a closing quote or bracket (the particle follows the
 * word before a parenthetical, "활성화'(40점)와"), trailing punctuation.
 *
 * Write `${josa(name, '이/가')}` — never "이(가)" or "을(를)" after a name that is only known at run time.
 */
export type Particle = Parameters<typeof hangulJosa>[1];

/** A trailing parenthetical "(40점)", "[2019]", and quotes or spaces around the word. */
const TRAILING_ASIDE = /\s*[([（［][^()[\]（）［］]*[)\]）］]\s*$/u;
const TRAILING_MARKS = /['"’”»」』〉》\s.,!?·]+$/u;
const TRAILING_NUMBER = /(\d+(?:[.,]\d+)*)$/u;

/** The syllable (or letter) the particle is chosen by: what a Korean reader pronounces last. */
function spokenEnd(word: string): string {
  let w = word;
  for (let i = 0; i < 4; i += 1) {
    const before = w;
    w = w.replace(TRAILING_MARKS, '');
    if (TRAILING_ASIDE.test(w)) {
      const before = w.replace(TRAILING_ASIDE, '').trim();
      // Only an aside ("(괄호만)"): its own last word decides.
      w = before !== '' ? before : w.replace(/^\s*[([（［]/u, '').replace(/[)\]）］]\s*$/u, '');
    }
    if (w === before) break;
  }
  // A unit sign is read aloud: "82%" 팔십이 퍼센트, "3℃" 삼 도.
  if (/\d\s*%$/u.test(w)) return '트';
  const number = TRAILING_NUMBER.exec(w)?.[1];
  if (number !== undefined) {
    const plain = number.replace(/,/g, '');
    const [whole = '0', fraction] = plain.split('.');
    // "3.5" is read 삼 점 오: its last digit decides; a whole number is read by its value (10 → 십, 1000 → 천).
    const spoken = fraction ? numberToHangul(Number(fraction.slice(-1))) || '영' : numberToHangul(Number(whole)) || '영';
    return spoken.slice(-1);
  }
  return w === '' ? word : w;
}

/** `word` followed by the right form of `particle` ('이/가', '을/를', '은/는', '과/와', '으로/로', '이나/나', …). */
export function josa(word: string | number, particle: Particle): string {
  return `${word}${josaPick(word, particle)}`;
}

/** Only the particle's form for `word` — for templates that place it themselves. */
export function josaPick(word: string | number, particle: Particle): string {
  return hangulJosa.pick(spokenEnd(String(word)), particle);
}
