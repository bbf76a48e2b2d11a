import { describe, expect, it } from 'vitest';
import { pressReleaseDraft, pressReleaseSummaryEn } from '../../src/domain/publication/index.js';
import { particle } from '../../src/domain/publication/korean-text.js';
import { seoulDistricts } from '../../src/domain/reference/seoul.js';
import { fixture } from './publication-fixture.js';

const { outcome, framework } = fixture();
const options = { cityName: '서울시', date: '2019-11-20', demo: true } as const;
const draft = pressReleaseDraft(outcome, framework, options);

describe('pressReleaseDraft', () => {
  it('leads with a headline naming the best districts and the two longest current streaks', () => {
    const headline = draft.split('\n').find((l) => l.startsWith('# '));
    expect(headline).toBe('# 서울시, 2019 희망일자리 만들기 평가 결과 발표… 광진구 등 3개 구 최우수구, 관악구 5년·광진구 4년 연속 우수구');
  });

  it('names the winners of every tier with their prize money and the total', () => {
    for (const tier of outcome.tiers) {
      const line = draft.split('\n').find((l) => l.startsWith(`  ○ ${tier.name.ko}(`));
      expect(line, tier.code).toBeDefined();
      for (const code of tier.winners) expect(line).toContain(outcome.units.find((u) => u.code === code)!.name);
    }
    expect(draft).toContain('최우수구(3개 구): 광진구·관악구·노원구 — 각 6,000만 원');
    expect(draft).toContain('시상금 총 6억 2,500만 원');
  });

  it('reports the streaks in a sentence ("N년 연속 우수구")', () => {
    expect(draft).toContain('□ 관악구는 2015년부터 5년 연속, 광진구는 2016년부터 4년 연속 우수구에 선정되는 성과를 거뒀다.');
    expect(draft).toContain('서대문구도 2년 연속 우수구에 이름을 올렸다.');
  });

  it('describes what was evaluated: fields, indicators, data period, districts', () => {
    expect(draft).toContain(
      "25개 자치구가 2018년 9월부터 2019년 8월까지 추진한 일자리 정책 실적을 대상으로, '사회적경제 시장 활성화'(40점)와 '양질의 일자리창출 활성화'(60점) 2개 분야 20개 세부지표",
    );
    expect(draft).toContain("'일자리·경제 활성화 기업방문 실적' 지표를 새로 도입");
  });

  it('says that demo data and the illustrative framework are not official', () => {
    expect(draft.startsWith('[데모 데이터]')).toBe(true);
    expect(draft).toContain('실제 평가 결과가 아닙니다');
    expect(draft).toContain('공식 평가지표가 아닙니다');
    const official = pressReleaseDraft(outcome, { ...framework, illustrative: false }, { ...options, demo: false });
    expect(official).not.toContain('데모 데이터');
    expect(official).not.toContain('공식 평가지표가 아닙니다');
  });

  it('uses the activity lines given for the winners', () => {
    const text = pressReleaseDraft(outcome, framework, {
      ...options,
      highlights: [{ orgUnitCode: '11215', lines: ['대학·상공회의소 등 8개 기관과 민·관·학 일자리 거버넌스 협약', '매월 구인구직 만남의 날 "19데이" 운영'] }],
    });
    expect(text).toContain(
      '  ○ 광진구 (최우수구, 4년 연속)\n    - 대학·상공회의소 등 8개 기관과 민·관·학 일자리 거버넌스 협약\n    - 매월 구인구직 만남의 날 "19데이" 운영',
    );
    expect(text).not.toContain('활동 실적 요약을 입력하십시오');
  });

  it('derives highlights from the winners’ strongest indicators when none are given', () => {
    expect(draft).toContain("  ○ 광진구 (최우수구, 4년 연속)\n    - '사회적경제기업 신규 발굴·육성' 6.00점(배점 6점)");
  });

  it('leaves a quote and contact placeholders for the city to fill', () => {
    expect(draft).toContain('□ ○○○ 서울시 일자리정책과장은 "[인용문을 입력하십시오');
    expect(draft).toContain('문의: 서울시 일자리정책과 ○○○');
    expect(draft).toContain('보도일시: 2019. 11. 20.(수)');
  });

  it('refuses a date that is not a calendar date', () => {
    expect(() => pressReleaseDraft(outcome, framework, { ...options, date: '2019-02-30' })).toThrow(/pressReleaseDraft: date must be/);
  });

  // The golden file of the 2019 press release comes from the demo (test/server/demo-public-record.test.ts).
});

describe('pressReleaseSummaryEn', () => {
  const names = Object.fromEntries(seoulDistricts.map((d) => [d.code, d.nameEn]));
  const text = pressReleaseSummaryEn(outcome, framework, { cityName: 'Seoul', date: '2019-11-20', demo: true, unitNamesEn: names });

  it('summarises winners, prizes and streaks in English', () => {
    expect(text).toContain(
      '# Seoul announces the 2019 Hope Jobs evaluation results: Gwangjin-gu and 2 other districts named best districts; Gwanak-gu excellent 5 years running',
    );
    expect(text).toContain('- Best district (3): Gwangjin-gu, Gwanak-gu and Nowon-gu — KRW 60,000,000 each');
    expect(text).toContain('Prize money totals KRW 625,000,000 for 17 districts.');
    expect(text).toContain('Gwanak-gu 5 years (2015–2019)');
    expect(text).toContain('[DEMO DATA]');
  });
});

describe('Korean particles', () => {
  it('follow the final consonant of the word, reading digits and closing brackets as spoken', () => {
    expect(particle('광진구', '은/는')).toBe('광진구는');
    expect(particle('서울시', '은/는')).toBe('서울시는');
    expect(particle('성북구', '과/와')).toBe('성북구와');
    expect(particle("'활성화'(40점)", '과/와')).toBe("'활성화'(40점)와");
    expect(particle('노원구', '이다/다')).toBe('노원구다');
    expect(particle('부산진', '이다/다')).toBe('부산진이다');
  });
});
