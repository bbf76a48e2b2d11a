/**
 * An indicator's or a field's unit in the reader's language. Frameworks write units in Korean ('건', '명/10만명',
 * '개 항목'); in English the same words are translated piece by piece ('cases', 'people per 100,000 residents',
 * 'items'). A unit with no known word is shown as written.
 */
const WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^10만\s*명$/u, '100,000 residents'],
  [/^개\s*항목$/u, 'items'],
  [/^건$/u, 'cases'],
  [/^명$/u, 'people'],
  [/^점$/u, 'points'],
  [/^원$/u, 'won'],
  [/^천\s*원$/u, 'thousand won'],
  [/^만\s*원$/u, '10,000 won'],
  [/^백만\s*원$/u, 'million won'],
  [/^개$/u, 'items'],
  [/^개소$/u, 'sites'],
  [/^곳$/u, 'places'],
  [/^회$/u, 'times'],
  [/^시간$/u, 'hours'],
  [/^일$/u, 'days'],
  [/^개월$/u, 'months'],
  [/^년$/u, 'years'],
  [/^위$/u, 'rank'],
];

function englishPart(part: string): string {
  const trimmed = part.trim();
  return WORDS.find(([pattern]) => pattern.test(trimmed))?.[1] ?? trimmed;
}

export function unitIn(unit: string | null | undefined, language: string): string {
  if (unit === null || unit === undefined) return '';
  if (language !== 'en') return unit;
  // '명/10만명' → 'people per 100,000 residents'
  return unit.split('/').map(englishPart).join(' per ');
}
