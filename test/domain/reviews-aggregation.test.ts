import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import type { Rubric } from '../../src/domain/frameworks/definition.js';
import { standardRubric } from '../../src/domain/frameworks/defaults/rubrics.js';
import {
  panelAggregate,
  panelTrimmedMean,
  reviewerDeviationFlags,
  rubricScore,
  rubricScoreProblems,
  safePanelTrimmedMean,
  type ReviewerItemScore,
} from '../../src/domain/reviews/index.js';

const pointsRubric: Rubric = {
  scale: 'points',
  criteria: [
    { code: 'a', name: { ko: '가', en: 'A' }, weight: 2, maxPoints: 10 },
    { code: 'b', name: { ko: '나', en: 'B' }, weight: 1, maxPoints: 20 },
  ],
};

describe('a reviewer’s total on the 0–100 scale', () => {
  it('weights each criterion’s level: (level − 1) / 4 × 100', () => {
    // plan 30 % × 75 + delivery 40 % × 50 + impact 30 % × 100 = 22.5 + 20 + 30
    expect(rubricScore(standardRubric(), { plan: 4, delivery: 3, impact: 5 })).toBeCloseTo(72.5, 12);
    expect(rubricScore(standardRubric(), { plan: 1, delivery: 1, impact: 1 })).toBe(0);
    expect(rubricScore(standardRubric(), { plan: 5, delivery: 5, impact: 5 })).toBe(100);
  });

  it('weights points against each criterion’s maximum: points / maxPoints × 100', () => {
    // a: 7/10 = 70 (weight 2), b: 5/20 = 25 (weight 1) → (140 + 25) / 3
    expect(rubricScore(pointsRubric, { a: 7, b: 5 })).toBeCloseTo(55, 12);
    expect(rubricScore(pointsRubric, { a: 10, b: 20 })).toBe(100);
  });

  it('names every criterion that is missing, unknown or out of range, in both languages', () => {
    const partial = rubricScoreProblems(standardRubric(), { plan: 6, extra: 3 }, { complete: false });
    expect(partial.map((p) => p.path)).toEqual(['scores.extra', 'scores.plan']);
    expect(partial[1]!.message.ko).toContain('1, 2, 3, 4, 5');
    expect(partial[1]!.message.en).toContain('got 6');
    expect(rubricScoreProblems(standardRubric(), { plan: 2.5 }, { complete: false })).toHaveLength(1);
    const missing = rubricScoreProblems(standardRubric(), { plan: 3 }, { complete: true });
    expect(missing.map((p) => p.path)).toEqual(['scores.delivery', 'scores.impact']);
    expect(rubricScoreProblems(pointsRubric, { a: 11, b: -1 }, { complete: true, pathPrefix: 'body.scores' }).map((p) => p.path)).toEqual([
      'body.scores.a',
      'body.scores.b',
    ]);
    expect(() => rubricScore(standardRubric(), { plan: 3 })).toThrow(/rubricScore/);
  });
});

describe('the panel score of an item (trimmed mean)', () => {
  it('drops one highest and one lowest score when there are five', () => {
    // 50 and 95 go: (55 + 60 + 65) / 3
    expect(panelAggregate([50, 55, 60, 65, 95])).toEqual({ score: 60, trimmed: true, droppedLow: 0, droppedHigh: 4 });
    expect(panelAggregate([40, 70, 60, 100, 80])).toEqual({ score: 70, trimmed: true, droppedLow: 0, droppedHigh: 3 });
  });

  it('drops only the two extremes of a larger panel', () => {
    // 10 and 90 go: (20 + 30 + 40 + 50) / 4
    expect(panelTrimmedMean([10, 20, 30, 40, 50, 90])).toBe(35);
  });

  it('takes the plain mean below five scores', () => {
    expect(panelAggregate([40, 70, 60, 100])).toEqual({ score: 67.5, trimmed: false, droppedLow: null, droppedHigh: null });
    expect(panelTrimmedMean([42])).toBe(42);
  });

  it('drops one copy of a tied extreme, the earliest', () => {
    expect(panelAggregate([70, 70, 70, 70, 70])).toEqual({ score: 70, trimmed: true, droppedLow: 0, droppedHigh: 4 });
    expect(panelAggregate([30, 30, 50, 80, 80])).toMatchObject({ score: (30 + 50 + 80) / 3, droppedLow: 0, droppedHigh: 4 });
  });

  it('refuses no scores or a non-number, and the safe variant says so without throwing', () => {
    expect(() => panelTrimmedMean([])).toThrow(DomainError);
    expect(() => panelTrimmedMean([50, Number.NaN])).toThrow(/panelAggregate: score #2/);
    const r = safePanelTrimmedMean([]);
    expect(r.success).toBe(false);
    expect(!r.success && r.error.code).toBe('invalid_panel_scores');
    expect(safePanelTrimmedMean([10, 20])).toEqual({ success: true, data: 15 });
  });
});

describe('flags of reviewers who deviate systematically', () => {
  // E is 20 points below the others' mean on every item; A–D take turns being high and low.
  const table: Array<[string, number, number, number, number, number]> = [
    ['item1', 60, 70, 80, 70, 50],
    ['item2', 80, 60, 70, 70, 50],
    ['item3', 70, 80, 60, 70, 50],
  ];
  const scores: ReviewerItemScore[] = table.flatMap(([item, ...totals]) => totals.map((total, i) => ({ reviewer: 'ABCDE'[i]!, item, total })));

  it('flags a systematically harsh reviewer and no one else', () => {
    const flags = reviewerDeviationFlags(scores);
    // item1: A 60 − mean(70, 80, 70, 50) = −7.5, B 70 − 65 = 5, C 80 − 62.5 = 17.5, D 5, E 50 − 70 = −20; items 2, 3
    // rotate A–C, so D_A = D_B = D_C = (−7.5 + 5 + 17.5) / 3 = 5, D_D = 5, D_E = −20.
    // D = [5, 5, 5, 5, −20]: mean 0, population sd √((4·25 + 400) / 5) = 10, z_E = −2, z_A = 0.5.
    const e = flags.find((f) => f.reviewer === 'E')!;
    expect(e).toMatchObject({ items: 3, flagged: true, direction: 'harsh', reasons: ['deviation', 'zscore'] });
    expect(e.meanDeviation).toBeCloseTo(-20, 12);
    expect(e.z).toBeCloseTo(-2, 12);
    for (const r of ['A', 'B', 'C', 'D']) {
      const f = flags.find((x) => x.reviewer === r)!;
      expect(f.meanDeviation).toBeCloseTo(5, 12);
      expect(f.z).toBeCloseTo(0.5, 12);
      expect(f.flagged).toBe(false);
    }
    expect(flags.map((f) => f.reviewer)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('flags a lenient reviewer by the absolute threshold alone', () => {
    // Three reviewers, C always 18 above the other two (who agree): D_C = +18, D_A = D_B = −9.
    const three = ['i1', 'i2', 'i3'].flatMap((item, k) => [
      { reviewer: 'A', item, total: 50 + k * 10 },
      { reviewer: 'B', item, total: 50 + k * 10 },
      { reviewer: 'C', item, total: 68 + k * 10 },
    ]);
    const c = reviewerDeviationFlags(three).find((f) => f.reviewer === 'C')!;
    expect(c.meanDeviation).toBeCloseTo(18, 12);
    // D = [−9, −9, 18]: sd √((81 + 81 + 324) / 3) = √162, z_C = 18 / 12.73 = 1.41 < 2
    expect(c.z).toBeCloseTo(18 / Math.sqrt(162), 12);
    expect(c).toMatchObject({ flagged: true, direction: 'lenient', reasons: ['deviation'] });
  });

  it('does not flag on too few items, nor when the panel agrees', () => {
    const few = scores.filter((s) => s.item !== 'item3');
    expect(reviewerDeviationFlags(few).find((f) => f.reviewer === 'E')).toMatchObject({ items: 2, flagged: false, z: null });
    const agree = reviewerDeviationFlags(scores.map((s) => ({ ...s, total: 60 })));
    expect(agree.every((f) => !f.flagged && f.meanDeviation === 0 && f.z === null)).toBe(true);
    expect(reviewerDeviationFlags([{ reviewer: 'A', item: 'x', total: 10 }])).toEqual([
      { reviewer: 'A', items: 0, meanDeviation: null, z: null, flagged: false, direction: null, reasons: [] },
    ]);
  });

  it('refuses a reviewer scoring the same item twice', () => {
    expect(() => reviewerDeviationFlags([...scores, { reviewer: 'A', item: 'item1', total: 1 }])).toThrow(/twice/);
  });
});
