import { describe, expect, it } from 'vitest';
import { josa, josaPick } from '../../src/korean.js';

describe('josa: the particle a Korean reader expects after the word', () => {
  it.each([
    ['결과', '을/를', '결과를'],
    ['광진구', '이/가', '광진구가'],
    ['서울특별시', '은/는', '서울특별시는'],
    ['기업방문', '와/과', '기업방문과'],
    ['버전 2', '이/가', '버전 2가'],
    ['실행 #6', '이/가', '실행 #6이'],
    ['10', '을/를', '10을'],
    ['1,000', '와/과', '1,000과'],
    ['3.5', '이/가', '3.5가'],
    ['3.0', '이/가', '3.0이'],
    ['82%', '을/를', '82%를'],
    ['7.5%', '이/가', '7.5%가'],
    ['12', '으로/로', '12로'],
    ['7', '으로/로', '7로'],
    ['3', '으로/로', '3으로'],
    ["'사회적경제 시장 활성화'(40점)", '와/과', "'사회적경제 시장 활성화'(40점)와"],
    ["'양질의 일자리 창출'(60점)", '와/과', "'양질의 일자리 창출'(60점)과"],
    ['‘구인구직 만남의 날’', '을/를', '‘구인구직 만남의 날’을'],
    ['J3', '이/가', 'J3이'],
    ['S12', '을/를', 'S12를'],
  ] as const)('%s + %s → %s', (word, particle, expected) => {
    expect(josa(word, particle)).toBe(expected);
  });

  it('only the particle, for templates that place it themselves', () => {
    expect(josaPick('평가위원', '이/가')).toBe('이');
    expect(josaPick('(괄호만)', '을/를')).toBe('을');
  });
});
