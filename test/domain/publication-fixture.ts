/**
 * A fixed, seeded 2019 cycle for the publication tests: the shipped 2019 framework, the 25 Seoul districts with
 * synthetic values of plausible magnitude ("데모 데이터"), a few adjustments and the 2015–2018 tier history that
 * gives 관악구 and 광진구 their streaks when they win again. Changing anything here changes the golden files.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { mulberry32 } from '../../src/domain/demo/random.js';
import { defaultFramework } from '../../src/domain/frameworks/defaults/index.js';
import type { FrameworkDefinition } from '../../src/domain/frameworks/definition.js';
import { seoulDistricts } from '../../src/domain/reference/seoul.js';
import { evaluateSnapshot, type CycleOutcome, type Snapshot } from '../../src/domain/scoring/evaluate.js';

/** Plausible range of each 2019 indicator's raw value, and whether it is a whole count. */
const RANGES: Record<string, [number, number, boolean?]> = {
  S1: [3, 11],
  S2: [1, 9],
  S3: [-4, 24],
  S4: [5, 60, true],
  S5: [20, 220],
  S6: [55, 95],
  S7: [50, 95],
  S8: [100, 700],
  J1: [50, 190, true],
  J2: [70, 125],
  J3: [40, 400],
  J4: [20, 70],
  J5: [200, 1200],
  J6: [0, 12, true],
  J7: [10, 60],
  J8: [0, 4],
  J9: [5, 40],
  J10: [76, 100],
  J11: [0, 5, true],
  J12: [55, 95],
};

/** Districts the demo makes strong, so the story of DOMAIN.md (관악구 5 years, 광진구 4 years) can unfold. */
const STRONG: Record<string, number> = { '11620': 0.95, '11215': 0.95, '11440': 0.8 };

export function fixtureSnapshot(seed = 2019): Snapshot {
  const random = mulberry32(seed);
  const framework = defaultFramework(2019);
  const units = seoulDistricts.map((d, i) => {
    const strength = STRONG[d.code] ?? random();
    const values: Record<string, number | null> = {};
    for (const ind of framework.indicators) {
      const [lo, hi, whole] = RANGES[ind.code] ?? [0, 100];
      const share = Math.min(1, Math.max(0, 0.6 * strength + 0.4 * random()));
      const v = lo + (hi - lo) * share;
      values[ind.code] = whole ? Math.round(v) : Math.round(v * 100) / 100;
    }
    return { code: d.code, name: d.name, values, previousRank: ((i * 7 + 3) % 25) + 1 };
  });
  const excellent = (codes: string[]) => Object.fromEntries(seoulDistricts.map((d) => [d.code, codes.includes(d.code) ? 'excellent' : null]));
  return {
    year: 2019,
    title: '2019 서울 희망일자리 만들기 평가',
    demo: true,
    frameworkVersion: 1,
    framework,
    units,
    adjustments: [
      { uCode: '11215', rule: 'B_POLICY', points: 1.5, reason: '시 일자리 정책 협조' },
      { uCode: '11440', rule: 'B_MEDIA', points: 1, reason: '우수 언론 보도' },
      { uCode: '11500', rule: 'P_LATE', points: -1, reason: '자료 제출 지연' },
    ],
    tierHistory: [
      { year: 2015, tiers: excellent(['11620', '11410']) },
      { year: 2016, tiers: excellent(['11620', '11215', '11410']) },
      { year: 2017, tiers: excellent(['11620', '11215', '11440']) },
      { year: 2018, tiers: excellent(['11620', '11215', '11410']) },
    ],
    streakTiers: ['best', 'excellent'],
  };
}

export interface Fixture {
  snapshot: Snapshot;
  outcome: CycleOutcome;
  framework: FrameworkDefinition;
}

export function fixture(seed = 2019): Fixture {
  const snapshot = fixtureSnapshot(seed);
  return { snapshot, outcome: evaluateSnapshot(snapshot), framework: snapshot.framework as FrameworkDefinition };
}

const goldenDir = path.resolve(import.meta.dirname, '../golden/publication');

/**
 * Compares `actual` with the golden file `name` exactly; `UPDATE_GOLDEN=1 npx vitest run test/domain/publication*`
 * rewrites the file instead (review the diff before committing it).
 */
export function expectGolden(name: string, actual: string): void {
  const file = path.join(goldenDir, name);
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file ${name} is missing: run with UPDATE_GOLDEN=1 to create it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
