import { describe, expect, it } from 'vitest';
import { unitIn } from '../../src/web/lib/unit-words.js';

describe('units in the reader’s language', () => {
  it.each([
    ['건', 'cases'],
    ['명', 'people'],
    ['점', 'points'],
    ['원', 'won'],
    ['개 항목', 'items'],
    ['%', '%'],
    ['명/10만명', 'people per 100,000 residents'],
    ['건/10만명', 'cases per 100,000 residents'],
    ['개/10만 명', 'items per 100,000 residents'],
    ['톤', '톤'],
  ])('%s in English is %s; Korean keeps it', (unit, english) => {
    expect(unitIn(unit, 'en')).toBe(english);
    expect(unitIn(unit, 'ko')).toBe(unit);
  });

  it('no unit is no text', () => {
    expect(unitIn(null, 'en')).toBe('');
    expect(unitIn(undefined, 'ko')).toBe('');
  });
});
