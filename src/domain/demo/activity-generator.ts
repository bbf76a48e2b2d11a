import type { FormulaRecord } from '../formula/index.js';
import { rng, type Rng } from './random.js';

/**
 * Synthetic activity records for one district and one data period, with believable magnitudes scaled by
 * population and by a "strength" that makes some districts consistently better (so that the demo has winners,
 * streaks and a most-improved district). All deterministic from (code, year).
 */
export interface DemoRecord extends FormulaRecord {
  type: string;
}

export interface DistrictYear {
  code: string;
  name: string;
  year: number;
  population: number;
  /** Around 0; +1.5 is a very strong district that year. */
  strength: number;
  period: { start: string; end: string };
  /** Generate only records dated up to this day (an open cycle is half-way). */
  until?: string;
}

const BOOSTS: Record<string, (year: number) => number> = {
  '11215': () => 1.25, // 광진구: 4년 연속 우수구 (2016–2019)
  '11620': () => 1.6, // 관악구: 5년 연속
  '11410': (y) => (y <= 2018 ? 1.6 : 0.4), // 서대문구: 연속 기록이 2018년에 끝남
  '11440': (y) => (y === 2018 ? -1.0 : y >= 2019 ? -0.4 : 0), // 마포구: 2018년 주춤, 2019년 우수구 (4,500만 원)
  '11320': (y) => (y === 2017 ? -1.2 : 0), // 도봉구
  '11680': (y) => (y === 2018 ? -1.2 : 0), // 강남구
  '11530': (y) => (y === 2019 ? -1.0 : 0), // 구로구
};

/** The demo's yearly strength of a district: a stable base, known boosts, and a little yearly noise. */
export function demoStrength(code: string, year: number): number {
  const base = rng('base', code).between(-1, 1);
  const noise = rng('noise', code, year).normal() * 0.3;
  return base + (BOOSTS[code]?.(year) ?? 0) + noise;
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

const COMPANY_PREFIXES = ['한빛', '서울', '미래', '동행', '푸른', '새솔', '다온', '한마음', '누리', '희망', '세움', '온누리'];
const COMPANY_SUFFIXES = ['정밀', '식품', '물류', '디자인', '소프트', '테크', '기계', '푸드', '컴퍼니', '산업', '상사', '랩'];
const INDUSTRIES = ['제조업', '도소매업', '정보통신업', '숙박·음식점업', '사업지원서비스업', '건설업', '보건·복지'];
const GOVERNANCE_PARTNERS = [
  '세종대학교',
  '건국대학교',
  '광진구 상공회',
  '그랜드워커힐 서울',
  '롯데백화점 건대스타시티점',
  '서울동부고용노동지청',
  '광진구 일자리센터',
  '지역 사회적경제협의회',
];

function company(r: Rng) {
  return `${r.pick(COMPANY_PREFIXES)}${r.pick(COMPANY_SUFFIXES)}`;
}

const round = (x: number) => Math.max(0, Math.round(x));

/** Every record of one district in one data period. */
export function generateDistrictYear(dy: DistrictYear): DemoRecord[] {
  const r = rng('records', dy.code, dy.year);
  const m = Math.exp(0.28 * dy.strength);
  const pop = dy.population / 100_000;
  const end = dy.until && dy.until < dy.period.end ? dy.until : dy.period.end;
  const span = Math.max(1, daysBetween(dy.period.start, end));
  const share = span / Math.max(1, daysBetween(dy.period.start, dy.period.end));
  const out: DemoRecord[] = [];
  let n = 0;
  const day = () => addDays(dy.period.start, r.int(0, span));
  const push = (type: string, data: Record<string, unknown>, occurredOn = day()) => {
    out.push({ id: `${dy.code}-${dy.year}-${n++}`, type, occurredOn, data });
  };
  const times = (k: number) => round(k * share);

  // 기업방문 (counted from 2018; a new 2019 indicator, but districts were already visiting)
  const visits = times((dy.year >= 2018 ? 70 : 35) * m * (0.8 + 0.4 * r.next()) * Math.sqrt(pop / 3.5));
  for (let i = 0; i < visits; i++) {
    push('company_visit', {
      company_name: company(r),
      industry: r.pick(INDUSTRIES),
      purpose: r.pick(['구인 지원', '애로 해소', '정책 안내', '기타']),
      jobs_found: r.int(0, Math.round(3 * m)),
      follow_up: r.chance(0.4),
    });
  }
  // 취업박람회·만남의 날 (monthly "19데이" in strong districts)
  const fairs = times(5 + 7 * Math.min(m, 1.6) + r.int(0, 2));
  for (let i = 0; i < fairs; i++) {
    const seekers = r.int(80, 260);
    const interviews = round(seekers * r.between(0.3, 0.6));
    push('job_fair', {
      kind: i % 4 === 0 ? '취업박람회' : i % 4 === 3 ? '채용설명회' : '구인구직 만남의 날',
      name: i % 4 === 0 ? `${dy.name} 일자리 박람회` : `구인구직 만남의 날 ${i + 1}회`,
      companies: r.int(8, 40),
      job_seekers: seekers,
      interviews,
      hires: Math.min(seekers, round(seekers * Math.min(0.45, 0.07 * m * r.between(0.8, 1.25)))),
    });
  }
  // 취업역량 교육
  const groups = ['장년층', '경력단절여성', '청년', '기타'] as const;
  const courses = times(r.int(8, 13));
  for (let i = 0; i < courses; i++) {
    const enrolled = r.int(18, 40);
    const completed = round(enrolled * r.between(0.78, 0.96));
    push('training_course', {
      name: `${groups[i % 4]} 취업역량 강화 과정 ${Math.floor(i / 4) + 1}기`,
      target_group: groups[i % 4]!,
      enrolled,
      completed,
      employed: Math.min(completed, round(completed * Math.min(0.9, 0.36 * m * r.between(0.85, 1.15)))),
    });
  }
  // 사회적경제기업 (existing ones report yearly sales; some are new this period)
  const enterprises = round(pop * 9 * m * r.between(0.9, 1.1));
  const fresh = round(pop * 2.2 * m * r.between(0.7, 1.3) * share);
  const kinds = ['사회적기업', '예비사회적기업', '협동조합', '사회적협동조합', '마을기업', '자활기업'];
  const growth = 1 + 0.05 * (dy.year - 2014) * m;
  for (let i = 0; i < enterprises + fresh; i++) {
    const isNew = i >= enterprises;
    const e = rng('enterprise', dy.code, i);
    push('se_enterprise', {
      name: `${e.pick(COMPANY_PREFIXES)}${e.pick(['사회적협동조합', '협동조합', '마을기업', '공방', '나눔터'])} ${i + 1}`,
      kind: e.pick(kinds),
      is_new: isNew,
      jobs: e.int(3, 25),
      yearly_sales: round(e.between(1.5e8, 6e8) * (isNew ? 0.4 : growth) * r.between(0.9, 1.1) * share),
      ...(isNew ? { certified_on: day() } : {}),
    });
  }
  // 공공구매 (monthly per department)
  const months = times(12);
  for (let i = 0; i < months; i++) {
    const total = round(pop * 9.5e7 * r.between(0.8, 1.2));
    push(
      'public_procurement',
      {
        department: r.pick(['총무과', '일자리경제과', '복지정책과', '공원녹지과', '교육지원과']),
        item: r.pick(['사무용품', '행사 용역', '청소 용역', '도시락', '인쇄물', '조경 자재']),
        total_amount: total,
        se_amount: Math.min(total, round(total * Math.min(0.16, 0.045 * m * r.between(0.8, 1.2)))),
      },
      addDays(dy.period.start, Math.min(span, i * 30 + 15)),
    );
  }
  // 입주공간·판로 지원
  for (let i = 0; i < r.int(1, 3); i++) {
    const tenants = round(r.int(4, 12) * m);
    push('incubation_space', {
      space_name: `${dy.name} 사회적경제 혁신센터 ${i + 1}`,
      area_m2: r.int(120, 900),
      tenants,
      new_tenants: Math.min(tenants, r.int(0, 4)),
    });
  }
  for (let i = 0; i < times(r.int(2, 5)); i++) {
    push('market_support', {
      name: r.pick(['착한 장터', '공공구매 상담회', '온라인 기획전', '사회적경제 박람회 참가']),
      enterprises: round(r.int(5, 15) * m),
      sales: r.int(5, 60) * 1_000_000,
    });
  }
  // 청년인재 직무체험
  for (let i = 0; i < times(r.int(2, 4)); i++) {
    const participants = round(r.int(15, 40) * m);
    const completed = round(participants * r.between(0.8, 0.95));
    push('youth_job_experience', {
      program: `청년인재 사회적경제 직무체험 ${i + 1}기`,
      participants,
      completed,
      employed_private: Math.min(completed, round(completed * Math.min(0.85, 0.3 * m * r.between(0.8, 1.2)))),
    });
  }
  // 사회적경제 교육·홍보
  for (let i = 0; i < times(r.int(6, 11)); i++) {
    push('se_education', {
      name: `사회적경제 ${i % 2 ? '아카데미' : '알리기 행사'} ${i + 1}`,
      kind: r.pick(['교육', '홍보행사', '캠페인']),
      participants: round((r.int(60, 220) * m * pop) / 3.5),
    });
  }
  // 일자리센터 취업알선 (monthly)
  for (let i = 0; i < months; i++) {
    const referrals = round(pop * 55 * r.between(0.8, 1.2));
    const month = addDays(dy.period.start, i * 30 + 5).slice(0, 7);
    push(
      'job_placement',
      { month, referrals, placements: Math.min(referrals, round(referrals * Math.min(0.8, 0.32 * Math.sqrt(m) * r.between(0.85, 1.15)))) },
      `${month}-28`,
    );
  }
  // 취약계층 노동자 보호
  if (r.chance(Math.min(0.95, 0.35 * m)))
    push('dawn_shelter', { shelter_name: `${dy.name} 새벽인력쉼터`, days_open: round(300 * share), users: round(r.int(2000, 9000) * share) });
  if (r.chance(Math.min(0.95, 0.4 * m)))
    push('worker_survey', { target: '청소노동자', respondents: r.int(40, 200), findings: '휴게공간 부족, 고용 안정 요구' });
  if (r.chance(0.3)) push('worker_survey', { target: '경비노동자', respondents: r.int(30, 150), findings: '야간 근무 여건 개선 필요' });
  for (let i = 0; i < r.int(0, Math.round(2 * m)); i++) {
    push('facility_improvement', {
      site: `${r.pick(['구청', '주민센터', '공원 관리소', '체육센터'])} 휴게실`,
      workers_benefited: r.int(5, 40),
      cost: r.int(5, 40) * 1_000_000,
    });
  }
  // 민·관·학 일자리 거버넌스
  const mous = dy.code === '11215' && dy.year >= 2019 ? 1 : r.int(0, 2);
  for (let i = 0; i < mous; i++) {
    const partners = dy.code === '11215' && dy.year >= 2019 ? GOVERNANCE_PARTNERS.length : r.int(2, 7);
    push('governance_mou', {
      name: dy.code === '11215' && dy.year >= 2019 ? '민·관·학 일자리 거버넌스 업무협약' : `지역 일자리 협의체 협약 ${i + 1}`,
      partners,
      partner_names: GOVERNANCE_PARTNERS.slice(0, partners).join(', '),
      meetings: round(r.int(2, 6) * m * share),
    });
  }
  // 우수사례
  push('best_practice', {
    title: dy.code === '11215' ? '기업 맞춤형 인재 양성과 월례 "19데이" 채용 연계' : `${dy.name} 일자리 우수사례`,
    summary: '구인 기업 수요를 반영한 맞춤형 교육과 현장 면접을 연계하여 채용으로 이어지게 함',
    indicator_code: 'J12',
  });
  // 공공일자리
  for (let i = 0; i < times(r.int(2, 4)); i++) {
    const participants = r.int(30, 150);
    push('public_job_program', {
      program: `공공일자리 ${r.pick(['환경 정비', '생활 방역', '복지 도우미', '디지털 안내'])} 사업`,
      participants,
      employed_private: round(participants * Math.min(0.5, 0.14 * m * r.between(0.8, 1.2))),
    });
  }
  return out;
}

/** Values a district enters directly, and the panel's 0–100 scores, for the demo. */
export function demoDirectValues(code: string, year: number, strength: number): Record<string, number> {
  const r = rng('direct', code, year);
  const clip = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
  const panel = () => Math.round(clip(62 + 11 * strength + r.normal() * 6, 20, 98) * 10) / 10;
  return {
    J2: Math.round(clip(88 + 9 * strength + r.normal() * 6, 55, 130) * 10) / 10,
    J10: Math.round(clip(89 + 4 * strength + r.normal() * 3, 70, 100) * 10) / 10,
    J11: Math.round(clip(2.6 + strength + r.normal() * 0.7, 0, 5)),
    S6: panel(),
    S7: panel(),
    J12: panel(),
  };
}
