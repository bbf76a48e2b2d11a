import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bothLanguages, issueMessage, messageOfStored, storedMessage, zodMessage } from '../../src/message.js';

const m = { ko: '파일을 읽을 수 없습니다.', en: 'The file cannot be read.' };

describe('one {ko, en} message', () => {
  it('is stored as JSON and read back, and older texts are read too', () => {
    expect(messageOfStored(storedMessage(m))).toEqual(m);
    expect(messageOfStored(null)).toBeNull();
    // Rows written before: "한국어 / English", or one language only.
    expect(messageOfStored('작업자가 3번 응답을 멈췄습니다 / the worker stopped responding 3 times')).toEqual({
      ko: '작업자가 3번 응답을 멈췄습니다',
      en: 'the worker stopped responding 3 times',
    });
    expect(messageOfStored('ENOSPC: no space left on device')).toEqual({ ko: 'ENOSPC: no space left on device', en: 'ENOSPC: no space left on device' });
    expect(messageOfStored('{not json')).toEqual({ ko: '{not json', en: '{not json' });
  });

  it('travels through zod: a schema message of any check, a custom issue, and zod’s own words in both languages', () => {
    const schema = z.object({
      code: z.string().regex(/^\d{5}$/, zodMessage({ ko: '다섯 자리 코드', en: 'a 5-digit code' })),
      n: z.number().int(zodMessage({ ko: '정수여야 합니다', en: 'must be an integer' })),
      plain: z.string().min(3, 'at least three'),
      bare: z.string(),
      pair: z.object({ lo: z.number(), hi: z.number() }).superRefine((p, ctx) => {
        if (p.lo >= p.hi) ctx.addIssue({ code: 'custom', path: ['hi'], message: zodMessage({ ko: '상한이 커야 합니다', en: 'hi must exceed lo' }) });
      }),
    });
    const r = schema.safeParse({ code: '12', n: 1.5, plain: 'ab', bare: 7, pair: { lo: 2, hi: 1 } });
    expect(r.success).toBe(false);
    const byPath = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), issueMessage(i)]));
    expect(byPath.code).toEqual({ ko: '다섯 자리 코드', en: 'a 5-digit code' });
    expect(byPath.n).toEqual({ ko: '정수여야 합니다', en: 'must be an integer' });
    expect(byPath.plain).toEqual({ ko: 'at least three', en: 'at least three' });
    expect(byPath.bare!.en).toMatch(/expected string/i);
    expect(byPath.bare!.ko).toMatch(/[\uac00-\ud7a3].*number/);
    expect(byPath['pair.hi']).toEqual({ ko: '상한이 커야 합니다', en: 'hi must exceed lo' });
  });

  it('is shown on one line in both languages, once when they are the same', () => {
    expect(bothLanguages(m)).toBe('파일을 읽을 수 없습니다. / The file cannot be read.');
    expect(bothLanguages({ ko: 'ENOSPC', en: 'ENOSPC' })).toBe('ENOSPC');
  });
});
