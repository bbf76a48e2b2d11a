/**
 * Generates examples/seoul-2019.json: the default Seoul framework of docs (an illustrative reconstruction, not the
 * official indicator list) with synthetic data for the 25 districts, 2018 and 2019 ("데모 데이터").
 * Reproducible: a fixed seed drives a small PRNG (mulberry32); run `npx tsx examples/make-seoul-example.ts [out.json]`.
 */
import { writeFileSync } from 'node:fs';
import { framework2019 } from '../src/domain/frameworks/defaults/framework-2019.js';

const SEED = 2019;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(SEED);
const between = (lo: number, hi: number) => lo + (hi - lo) * random();
const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

// Code, name, approximate 2019 population, living zone (생활권).
const DISTRICTS: [string, string, number, string][] = [
  ['11110', '종로구', 151000, '도심권'],
  ['11140', '중구', 126000, '도심권'],
  ['11170', '용산구', 229000, '도심권'],
  ['11200', '성동구', 300000, '동북권'],
  ['11215', '광진구', 352000, '동북권'],
  ['11230', '동대문구', 346000, '동북권'],
  ['11260', '중랑구', 394000, '동북권'],
  ['11290', '성북구', 442000, '동북권'],
  ['11305', '강북구', 313000, '동북권'],
  ['11320', '도봉구', 330000, '동북권'],
  ['11350', '노원구', 530000, '동북권'],
  ['11380', '은평구', 481000, '서북권'],
  ['11410', '서대문구', 312000, '서북권'],
  ['11440', '마포구', 376000, '서북권'],
  ['11470', '양천구', 455000, '서남권'],
  ['11500', '강서구', 591000, '서남권'],
  ['11530', '구로구', 405000, '서남권'],
  ['11545', '금천구', 233000, '서남권'],
  ['11560', '영등포구', 368000, '서남권'],
  ['11590', '동작구', 397000, '서남권'],
  ['11620', '관악구', 500000, '서남권'],
  ['11650', '서초구', 430000, '동남권'],
  ['11680', '강남구', 544000, '동남권'],
  ['11710', '송파구', 673000, '동남권'],
  ['11740', '강동구', 442000, '동남권'],
];

type MetaRow = Record<string, string | number | null>;
const node = (row: MetaRow): MetaRow => ({ Direction: 1, Type: 'Indicator', Level: 1, ...row });

const iMeta: MetaRow[] = [
  { iCode: 'HJ', iName: '서울 희망일자리 종합', Level: 3, Parent: null, Weight: null, Direction: 1, Type: 'Aggregate', Unit: '점' },
  { iCode: 'SE', iName: '사회적경제 시장 활성화', Level: 2, Parent: 'HJ', Weight: 40, Direction: 1, Type: 'Aggregate', Unit: '점' },
  { iCode: 'JC', iName: '양질의 일자리창출 활성화', Level: 2, Parent: 'HJ', Weight: 60, Direction: 1, Type: 'Aggregate', Unit: '점' },
  node({ iCode: 'S1', iName: '사회적경제기업 제품 공공구매 실적 (목표 대비)', Parent: 'SE', Weight: 8, Method: 'target', Target: 100, Cap: 100, Unit: '목표 대비 %' }),
  node({ iCode: 'S2', iName: '사회적경제기업 신규 발굴·육성 (인구 10만명당)', Parent: 'SE', Weight: 6, Method: 'minmax', Denominator: 'Pop', ScaleFactor: 100000, Unit: '개' }),
  node({ iCode: 'S3', iName: '사회적경제 시장 확대 (관내 기업 매출 증가율)', Parent: 'SE', Weight: 5, Method: 'yoy', Unit: '억원' }),
  node({ iCode: 'S4', iName: '입주공간·판로 지원 실적', Parent: 'SE', Weight: 4, Method: 'minmax', Unit: '건' }),
  node({ iCode: 'S5', iName: '청년인재 직무체험·사회적경제 교육 참여 (인구 10만명당)', Parent: 'SE', Weight: 4, Method: 'minmax', Denominator: 'Pop', ScaleFactor: 100000, Unit: '명' }),
  node({ iCode: 'S6', iName: '민관 협력 사회적경제 생태계 조성 (정성)', Parent: 'SE', Weight: 5, Method: 'passthrough', Unit: '심사 점수 0–100' }),
  node({ iCode: 'S7', iName: '자치구 특화 사회적경제 우수사례 (정성)', Parent: 'SE', Weight: 4, Method: 'passthrough', Unit: '심사 점수 0–100' }),
  node({ iCode: 'S8', iName: '사회적경제 주민 인식 확산 (교육·홍보)', Parent: 'SE', Weight: 4, Method: 'bands', Bands: '5;10;20;30', Unit: '회' }),
  node({ iCode: 'J1', iName: '일자리·경제 활성화 기업방문 실적 (신설)', Parent: 'JC', Weight: 6, Method: 'target', Target: 200, Cap: 100, Unit: '건' }),
  node({ iCode: 'J2', iName: '일자리 목표 공시제 목표 달성률', Parent: 'JC', Weight: 6, Method: 'target', Target: 100, Cap: 100, Unit: '%' }),
  node({ iCode: 'J3', iName: '취업박람회·구인구직 만남의 날 개최 및 채용 연계 (행사당 채용)', Parent: 'JC', Weight: 6, Method: 'minmax', Unit: '명/회' }),
  node({ iCode: 'J4', iName: '구직자 취업역량 강화 (장년층·경력단절여성 수료자 취업률)', Parent: 'JC', Weight: 6, Method: 'minmax', Unit: '%' }),
  node({ iCode: 'J5', iName: '일자리센터 취업알선 실적 (인구 10만명당)', Parent: 'JC', Weight: 5, Method: 'zscore', Denominator: 'Pop', ScaleFactor: 100000, ZMean: 50, ZSD: 20, Floor: 0, Cap: 100, Unit: '건' }),
  node({ iCode: 'J6', iName: '민·관·학 일자리 거버넌스 운영 (참여 기관)', Parent: 'JC', Weight: 4, Method: 'bands', Bands: '3;5;8', BandScores: '0;40;70;100', Unit: '기관' }),
  node({ iCode: 'J7', iName: '청년 일자리 사업 민간취업 연계율', Parent: 'JC', Weight: 5, Method: 'minmax', Unit: '%' }),
  node({ iCode: 'J8', iName: '취약계층 노동자 보호체계 구축 (새벽인력쉼터, 청소노동자 실태조사·시설개선)', Parent: 'JC', Weight: 6, Method: 'bands', Bands: '1;2;3;4', Unit: '충족 항목 수 (0–4)' }),
  node({ iCode: 'J9', iName: '공공일자리 참여자 민간취업 연계율', Parent: 'JC', Weight: 4, Method: 'minmax', Unit: '%' }),
  node({ iCode: 'J10', iName: '일자리사업 예산 집행률', Parent: 'JC', Weight: 3, Method: 'goalposts', Lo: 80, Hi: 100, Unit: '%' }),
  node({ iCode: 'J11', iName: '생활임금·노동존중 시책 이행', Parent: 'JC', Weight: 3, Method: 'bands', Bands: '1;2;3', Unit: '이행 항목 수 (0–3)' }),
  node({ iCode: 'J12', iName: '일자리사업 성과·혁신 우수사례 발굴 (정성)', Parent: 'JC', Weight: 6, Method: 'passthrough', Unit: '심사 점수 0–100' }),
  { iCode: 'Zone', iName: '생활권', Level: null, Parent: null, Weight: null, Direction: null, Type: 'Group' },
  { iCode: 'Pop', iName: '주민등록 인구', Level: null, Parent: null, Weight: null, Direction: null, Type: 'Denominator', Unit: '명' },
];

// A latent "effort" per district makes indicators move together, as real results do.
const effort = new Map(DISTRICTS.map(([code]) => [code, between(-1, 1)]));
effort.set('11215', 1.1); // 광진구: a strong district in the demo story (4 years in a row 우수구).
const sales2018 = new Map(DISTRICTS.map(([code]) => [code, between(60, 420)]));

function districtRow(code: string, name: string, pop: number, zone: string, year: 2018 | 2019): MetaRow {
  const e = (effort.get(code) ?? 0) + (year === 2018 ? between(-0.4, 0.2) : between(-0.2, 0.4));
  const f = (lo: number, hi: number, digits = 0) => round(clamp(between(lo, hi) + e * (hi - lo) * 0.25, lo, hi), digits);
  const popThousands = pop / 100000;
  const base = sales2018.get(code)!;
  return {
    uCode: code,
    uName: name,
    Time: year,
    Zone: zone,
    Pop: year === 2019 ? pop : round(pop * between(1.0, 1.02)),
    S1: f(60, 130, 1),
    S2: round(f(2, 12, 1) * popThousands),
    S3: round(year === 2018 ? base : base * (1 + f(-5, 25, 1) / 100), 1),
    S4: f(5, 60),
    S5: round(f(40, 400) * popThousands),
    S6: f(50, 95),
    S7: f(45, 95),
    S8: f(2, 40),
    J1: f(80, 320),
    J2: f(70, 125, 1),
    J3: f(2, 30, 1),
    J4: f(20, 75, 1),
    J5: round(f(300, 1400) * popThousands),
    J6: f(1, 12),
    J7: f(10, 60, 1),
    J8: f(0, 4),
    J9: f(5, 40, 1),
    J10: f(72, 100, 1),
    J11: f(0, 3),
    J12: f(50, 95),
  };
}

const iData: MetaRow[] = [];
for (const year of [2018, 2019] as const) {
  for (const [code, name, pop, zone] of DISTRICTS) iData.push(districtRow(code, name, pop, zone, year));
}
// One unsubmitted figure, to show that a missing value earns no points.
const missing = iData.find((r) => r['uCode'] === '11545' && r['Time'] === 2019)!;
missing['S4'] = null;

const evaluation = {
  about: {
    title: '서울 희망일자리 만들기 시·구 공동협력사업 평가 (2019) — 예시',
    note: '데모 데이터 / illustrative reconstruction: 지표 구성과 배점은 공개 보도를 바탕으로 재구성한 예시이며 공식 평가 기준이 아닙니다. 수치는 시드로 생성한 가상 자료입니다.',
    generatedBy: 'examples/make-seoul-example.ts',
    seed: SEED,
  },
  options: { denominate: true, points: true, explainTop: 3 },
  // Award tiers of the shipped 2019 framework: 최우수구 3, 우수구 7, 장려구 5, 노력구 2 (most improved).
  awards: framework2019.awards,
  iMeta,
  iData,
};

// Optional argument: another output path (tests regenerate into a temporary file and compare).
const target = process.argv[2] ?? new URL('./seoul-2019.json', import.meta.url);
writeFileSync(target, JSON.stringify(evaluation, null, 2) + '\n');
process.stdout.write(`wrote ${iData.length} rows\n`);
