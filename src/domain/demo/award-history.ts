import { seoulDistricts } from '../reference/seoul.js';

/**
 * The demo's award history before its first computed year (2016): an illustrative reconstruction ("예시 재구성") of
 * the public record in DOMAIN.md, not official results. What the reports say is kept — 2014: 최우수구 4 × 1억 원,
 * 우수구 4 × 8,000만 원, 노력구 2 × 4,000만 원; 2015: the 최우수구 tier dropped; 서대문구 an award every year from
 * 2012 (7 in a row by 2018); 관악구 from 2015 (5 by 2019); 광진구 not in 2015 (4 in a row 2016–2019) — and the
 * rest is chosen so that no district's streak contradicts it. Districts not listed in a year won nothing that year.
 * Prizes of 2012, 2013 and 2015 were not reported: those of 2015 follow 2016's 6,000만 원, 2012–2013 carry none.
 */
interface DemoYear {
  year: number;
  tiers: Array<{ code: 'best' | 'excellent' | 'improved'; name: string; prize: number | null; districts: string[] }>;
  note: string;
}

const DEMO_YEARS_BEFORE: DemoYear[] = [
  {
    year: 2012,
    note: '26개 세부지표·5개 분야 (예시 재구성)',
    tiers: [
      { code: 'excellent', name: '우수구', prize: null, districts: ['서대문구', '노원구', '성북구', '강동구', '은평구', '도봉구', '영등포구', '양천구'] },
    ],
  },
  {
    year: 2013,
    note: '예시 재구성',
    tiers: [{ code: 'excellent', name: '우수구', prize: null, districts: ['서대문구', '성북구', '송파구', '구로구', '마포구', '강서구', '금천구', '동작구'] }],
  },
  {
    year: 2014,
    note: '최우수구 4 × 1억 원, 우수구 4 × 8,000만 원, 노력구 2 × 4,000만 원 (보도 기준, 구별 배정은 예시 재구성)',
    tiers: [
      { code: 'best', name: '최우수구', prize: 100_000_000, districts: ['서대문구', '노원구', '송파구', '강남구'] },
      { code: 'excellent', name: '우수구', prize: 80_000_000, districts: ['양천구', '성동구', '마포구', '구로구'] },
      { code: 'improved', name: '노력구', prize: 40_000_000, districts: ['관악구', '중구'] },
    ],
  },
  {
    year: 2015,
    note: '최우수구 등급 폐지 (보도 기준, 구별 배정과 시상금은 예시 재구성)',
    tiers: [
      { code: 'excellent', name: '우수구', prize: 60_000_000, districts: ['관악구', '서대문구', '노원구', '동작구', '성북구', '양천구', '은평구', '강서구'] },
      { code: 'improved', name: '노력구', prize: 40_000_000, districts: ['광진구', '중랑구'] },
    ],
  },
];

export interface DemoAwardRow {
  year: number;
  code: string;
  name: string;
  /** Tier code as the frameworks name it; null: no award that year. */
  tier: string | null;
  tierName: string | null;
  prize: number | null;
  note: string;
}

const codeOf = new Map(seoulDistricts.map((d) => [d.name, d.code]));

/** Every district in every year 2012–2015: its tier and prize, or none. */
export const demoAwardHistory: readonly DemoAwardRow[] = DEMO_YEARS_BEFORE.flatMap((y) =>
  seoulDistricts.map((d) => {
    const t = y.tiers.find((x) => x.districts.includes(d.name));
    return { year: y.year, code: d.code, name: d.name, tier: t?.code ?? null, tierName: t?.name ?? null, prize: t?.prize ?? null, note: y.note };
  }),
);

// A misspelt district name would silently drop a row: fail at load instead.
for (const y of DEMO_YEARS_BEFORE)
  for (const t of y.tiers) for (const n of t.districts) if (!codeOf.has(n)) throw new Error(`demo award history: unknown district ${n}`);

/** The history as the CSV a city would import (UTF-8 with BOM), so the demo goes through the same import. */
export function demoAwardHistoryCsv(): Buffer {
  const cell = (v: string | number | null) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
  const lines = [
    '연도,코드,이름,등급,시상금,출처,비고',
    ...demoAwardHistory.map((r) => [r.year, r.code, r.name, r.tierName, r.prize, 'demo', `예시 재구성: ${r.note}`].map(cell).join(',')),
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
