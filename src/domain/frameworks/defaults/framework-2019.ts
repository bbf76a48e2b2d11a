import type { FrameworkDefinitionInput } from '../definition.js';
import { illustrativeNotice, standardAdjustments, tierNames } from './common.js';
import { standardRubric } from './rubrics.js';

type IndicatorInput = FrameworkDefinitionInput['indicators'][number];

const q = (i: Omit<IndicatorInput, 'kind'>): IndicatorInput => ({ kind: 'quantitative', ...i });
const panel = (code: string, field: string, ko: string, en: string, points: number): IndicatorInput => ({
  code,
  field,
  name: { ko, en },
  points,
  kind: 'qualitative',
  unit: '점',
  method: { type: 'passthrough', max: 100 },
  formula: null,
  evidenceRequired: true,
  bounds: { min: 0, max: 100 },
  rubric: standardRubric(),
});

const ELDER_OR_WOMEN = 'target_group == "장년층" || target_group == "경력단절여성"';

/** The 2019 indicators of DOMAIN.md: 사회적경제 (S1–S8, 40 points) and 일자리 (J1–J12, 60 points). */
export const indicators2019: IndicatorInput[] = [
  q({
    code: 'S1',
    field: 'S',
    name: { ko: '사회적경제기업 제품 공공구매 실적 (목표 대비)', en: 'Public procurement from social-economy enterprises (vs target)' },
    points: 8,
    unit: '%',
    method: { type: 'target', target: 7, cap: 100 },
    formula: 'ratio(sum("public_procurement", "se_amount"), sum("public_procurement", "total_amount"))',
    bounds: { min: 0, max: 100 },
  }),
  q({
    code: 'S2',
    field: 'S',
    name: { ko: '사회적경제기업 신규 발굴·육성 (인구 10만 명당)', en: 'New social-economy enterprises per 100,000 residents' },
    points: 6,
    unit: '개/10만명',
    method: { type: 'minmax' },
    formula: 'per100k(count("se_enterprise", is_new))',
    bounds: { min: 0 },
  }),
  q({
    code: 'S3',
    field: 'S',
    name: { ko: '사회적경제 시장 확대 (관내 기업 매출 증가율)', en: 'Social-economy market growth (sales growth of local enterprises)' },
    points: 5,
    unit: '%',
    method: { type: 'minmax' },
    formula: 'growth(sum("se_enterprise", "yearly_sales"))',
    bounds: { min: -100, max: 1000 },
  }),
  q({
    code: 'S4',
    field: 'S',
    name: { ko: '입주공간·판로 지원 실적', en: 'Incubation space and market-access support' },
    points: 4,
    unit: '개',
    method: { type: 'minmax' },
    formula: 'sum("incubation_space", "tenants") + sum("market_support", "enterprises")',
    bounds: { min: 0 },
  }),
  q({
    code: 'S5',
    field: 'S',
    name: { ko: '청년인재 직무체험 참여 (인구 10만 명당)', en: 'Youth job experience participants per 100,000 residents' },
    points: 4,
    unit: '명/10만명',
    method: { type: 'minmax' },
    // Social-economy education is S8's: counting its participants here too scored the same people twice.
    formula: 'per100k(sum("youth_job_experience", "participants"))',
    bounds: { min: 0 },
  }),
  panel('S6', 'S', '민관 협력 사회적경제 생태계 조성', 'Public–private social-economy ecosystem', 5),
  panel('S7', 'S', '자치구 특화 사회적경제 우수사례', 'District best practice in social economy', 4),
  q({
    code: 'S8',
    field: 'S',
    name: { ko: '사회적경제 주민 인식 확산 (교육·홍보)', en: 'Residents’ awareness of social economy (education, promotion)' },
    points: 4,
    unit: '명/10만명',
    method: { type: 'bands', thresholds: [150, 300, 450, 600], scores: [20, 40, 60, 80, 100] },
    formula: 'per100k(sum("se_education", "participants"))',
    bounds: { min: 0 },
  }),
  q({
    code: 'J1',
    field: 'J',
    name: { ko: '일자리·경제 활성화 기업방문 실적', en: 'Company visits for jobs and the local economy' },
    points: 6,
    unit: '건',
    method: { type: 'target', target: 120, cap: 100 },
    formula: 'count("company_visit")',
    bounds: { min: 0, max: 5000 },
    isNew: true,
  }),
  q({
    code: 'J2',
    field: 'J',
    name: { ko: '일자리 목표 공시제 목표 달성률', en: 'Achievement of the published job targets' },
    points: 6,
    unit: '%',
    method: { type: 'target', target: 100, cap: 100 },
    formula: null,
    bounds: { min: 0, max: 300 },
  }),
  q({
    code: 'J3',
    field: 'J',
    name: { ko: '취업박람회·구인구직 만남의 날 채용 연계 실적 (인구 10만 명당)', en: 'Hires through job fairs and matching days per 100,000 residents' },
    points: 6,
    unit: '명/10만명',
    method: { type: 'minmax' },
    // Total hires, not hires per event: holding more events (the monthly "19데이") must never lower the score.
    formula: 'per100k(sum("job_fair", "hires"))',
    bounds: { min: 0 },
  }),
  q({
    code: 'J4',
    field: 'J',
    name: {
      ko: '구직자 취업역량 강화 (장년층·경력단절여성 교육 수료·취업률)',
      en: 'Employability training for older workers and career-interrupted women: employment rate',
    },
    points: 6,
    unit: '%',
    method: { type: 'minmax' },
    formula: `ratio(sum("training_course", "employed", ${ELDER_OR_WOMEN}), sum("training_course", "completed", ${ELDER_OR_WOMEN}))`,
    bounds: { min: 0, max: 100 },
  }),
  q({
    code: 'J5',
    field: 'J',
    name: { ko: '일자리센터 취업알선 실적 (인구 10만 명당)', en: 'Job-centre placements per 100,000 residents' },
    points: 5,
    unit: '건/10만명',
    method: { type: 'zscore' },
    formula: 'per100k(sum("job_placement", "placements"))',
    bounds: { min: 0 },
  }),
  q({
    code: 'J6',
    field: 'J',
    name: { ko: '민·관·학 일자리 거버넌스 운영', en: 'Public–private–academic job governance' },
    points: 4,
    unit: '회',
    // Meetings held (partners signed once are not work done each year); bands spread the demo's 0–14 meetings.
    method: { type: 'bands', thresholds: [2, 4, 6, 9], scores: [20, 40, 60, 80, 100] },
    formula: 'sum("governance_mou", "meetings")',
    bounds: { min: 0 },
  }),
  q({
    code: 'J7',
    field: 'J',
    name: { ko: '청년 일자리 사업 민간취업 연계율', en: 'Youth job programmes: private employment rate' },
    points: 5,
    unit: '%',
    method: { type: 'minmax' },
    formula: 'ratio(sum("youth_job_experience", "employed_private"), sum("youth_job_experience", "completed"))',
    bounds: { min: 0, max: 100 },
  }),
  q({
    code: 'J8',
    field: 'J',
    name: {
      ko: '취약계층 노동자 보호체계 구축 (새벽인력쉼터, 청소노동자 실태조사·시설개선)',
      en: 'Protection of vulnerable workers (dawn shelters, cleaning-worker surveys and facilities)',
    },
    points: 6,
    unit: '개 항목',
    // Four items: the dawn shelter by the share of a 250-working-day year it was open (상시 운영 = 1), a
    // cleaning-worker survey, a survey of other vulnerable workers, facility improvements. Bands round to the
    // nearest whole item.
    method: { type: 'bands', thresholds: [0.5, 1.5, 2.5, 3.5], scores: [0, 25, 50, 75, 100] },
    formula:
      'least(sum("dawn_shelter", "days_open") / 250, 1) + least(count("worker_survey", target == "청소노동자"), 1) + least(count("worker_survey", target != "청소노동자"), 1) + least(count("facility_improvement"), 1)',
    bounds: { min: 0, max: 4 },
  }),
  q({
    code: 'J9',
    field: 'J',
    name: { ko: '공공일자리 참여자 민간취업 연계율', en: 'Public job participants moving to private jobs' },
    points: 4,
    unit: '%',
    method: { type: 'minmax' },
    formula: 'ratio(sum("public_job_program", "employed_private"), sum("public_job_program", "participants"))',
    bounds: { min: 0, max: 100 },
  }),
  q({
    code: 'J10',
    field: 'J',
    name: { ko: '일자리사업 예산 집행률', en: 'Job programme budget execution' },
    points: 3,
    unit: '%',
    method: { type: 'goalposts', lo: 80, hi: 100 },
    formula: null,
    bounds: { min: 0, max: 100 },
  }),
  q({
    code: 'J11',
    field: 'J',
    name: { ko: '생활임금·노동존중 시책 이행', en: 'Living wage and labour-respect measures' },
    points: 3,
    unit: '개 항목',
    method: { type: 'bands', thresholds: [1, 2, 3, 4, 5], scores: [0, 20, 40, 60, 80, 100] },
    formula: null,
    bounds: { min: 0, max: 5 },
    evidenceRequired: true,
  }),
  panel('J12', 'J', '일자리사업 성과·혁신 우수사례 발굴', 'Best practice in job programme results and innovation', 6),
];

export const framework2019: FrameworkDefinitionInput = {
  title: { ko: '2019 서울 희망일자리 만들기 평가지표 (예시 재구성)', en: '2019 Seoul hope jobs evaluation framework (illustrative)' },
  illustrative: true,
  notice: illustrativeNotice,
  fields: [
    { code: 'S', name: { ko: '사회적경제 시장 활성화', en: 'Social-economy market activation' } },
    { code: 'J', name: { ko: '양질의 일자리창출 활성화', en: 'Quality job creation' } },
  ],
  indicators: indicators2019,
  adjustments: standardAdjustments,
  awards: {
    tiers: [
      { code: 'best', name: tierNames.best, rule: { kind: 'topN', n: 3 } },
      { code: 'excellent', name: tierNames.excellent, rule: { kind: 'topN', n: 7 } },
      { code: 'encouragement', name: tierNames.encouragement, rule: { kind: 'topN', n: 5 } },
      { code: 'improved', name: tierNames.improved, rule: { kind: 'mostImproved', n: 2, minGain: 3 } },
    ],
  },
  prizes: {
    prizes: [
      { tier: 'best', kind: 'perUnit', amount: 60_000_000 },
      { tier: 'excellent', kind: 'perUnit', amount: 45_000_000 },
      { tier: 'encouragement', kind: 'perUnit', amount: 20_000_000 },
      { tier: 'improved', kind: 'perUnit', amount: 15_000_000 },
    ],
  },
  objectionWindowDays: 4,
};
