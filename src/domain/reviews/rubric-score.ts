import { DomainError, type FieldProblem } from '../errors.js';
import type { Rubric } from '../frameworks/definition.js';

/** A reviewer's marks for one item: rubric criterion code → level (1–5) or points (0..maxPoints). */
export type CriterionScores = Record<string, number>;

type Criterion = Rubric['criteria'][number];

/** The levels a criterion accepts: its anchored levels when the rubric lists them, 1–5 otherwise. */
function allowedLevels(c: Criterion): number[] {
  return c.levels?.length ? c.levels.map((l) => l.level).sort((a, b) => a - b) : [1, 2, 3, 4, 5];
}

function criterionProblem(rubric: Rubric, c: Criterion, value: number, path: string): FieldProblem | null {
  if (rubric.scale === 'levels') {
    const levels = allowedLevels(c);
    if (levels.includes(value)) return null;
    return {
      path,
      message: {
        ko: `'${c.name.ko}' 점수는 ${levels.join(', ')} 중 하나여야 합니다 (입력: ${value}).`,
        en: `'${c.name.en}' must be one of the levels ${levels.join(', ')} (got ${value}).`,
      },
    };
  }
  const max = c.maxPoints;
  if (max === undefined) {
    return { path, message: { ko: `평가 기준표 오류: '${c.name.ko}'에 만점이 없습니다.`, en: `Rubric error: '${c.name.en}' has no maxPoints.` } };
  }
  if (Number.isFinite(value) && value >= 0 && value <= max) return null;
  return {
    path,
    message: {
      ko: `'${c.name.ko}' 점수는 0점부터 ${max}점 사이여야 합니다 (입력: ${value}).`,
      en: `'${c.name.en}' must be between 0 and ${max} points (got ${value}).`,
    },
  };
}

/**
 * Checks a reviewer's marks against a rubric: no unknown criterion, each level one of the criterion's anchored
 * levels (1–5) or each points value within 0..maxPoints, and — when `complete` — every criterion marked.
 * Returns every problem found (empty when valid), each with a path under `pathPrefix`.
 *
 * @example rubricScoreProblems(standardRubric(), { plan: 6 }, { complete: false }) // [{ path: 'scores.plan', … }]
 */
export function rubricScoreProblems(
  rubric: Rubric,
  scores: CriterionScores,
  opts: { complete: boolean; pathPrefix?: string } = { complete: true },
): FieldProblem[] {
  const prefix = opts.pathPrefix ?? 'scores';
  const problems: FieldProblem[] = [];
  const known = new Set(rubric.criteria.map((c) => c.code));
  for (const code of Object.keys(scores)) {
    if (!known.has(code)) {
      problems.push({ path: `${prefix}.${code}`, message: { ko: `평가 기준표에 없는 항목입니다: ${code}`, en: `Not a criterion of the rubric: ${code}` } });
    }
  }
  for (const c of rubric.criteria) {
    const value = scores[c.code];
    if (value === undefined) {
      if (opts.complete) {
        problems.push({ path: `${prefix}.${c.code}`, message: { ko: `'${c.name.ko}' 점수를 입력하세요.`, en: `Score '${c.name.en}'.` } });
      }
      continue;
    }
    const p = criterionProblem(rubric, c, value, `${prefix}.${c.code}`);
    if (p) problems.push(p);
  }
  return problems;
}

/**
 * A reviewer's total for one item on a 0–100 scale: the weighted mean of the criteria, each normalised to 0–100.
 *
 *   total = Σ wᵢ·sᵢ / Σ wᵢ,  sᵢ = (levelᵢ − 1) / 4 × 100 (scale `levels`)  or  sᵢ = pointsᵢ / maxPointsᵢ × 100 (scale `points`)
 *
 * so level 1 everywhere is 0, level 5 everywhere is 100, and a criterion's weight is its share of the total.
 * O(criteria).
 *
 * @throws DomainError `invalid_rubric_scores` when a criterion is missing, unknown or out of range (see
 *   {@link rubricScoreProblems}); the problems name each criterion.
 * @example
 * // plan 30 % at level 4, delivery 40 % at level 3, impact 30 % at level 5:
 * rubricScore(standardRubric(), { plan: 4, delivery: 3, impact: 5 }) // (30·75 + 40·50 + 30·100) / 100 = 72.5
 */
export function rubricScore(rubric: Rubric, scores: CriterionScores): number {
  const problems = rubricScoreProblems(rubric, scores, { complete: true });
  if (problems.length > 0) {
    throw new DomainError(
      'invalid',
      'invalid_rubric_scores',
      { ko: 'rubricScore: 평가 기준표에 맞지 않는 점수입니다.', en: 'rubricScore: the scores do not fit the rubric.' },
      problems,
    );
  }
  let weighted = 0;
  let weights = 0;
  for (const c of rubric.criteria) {
    const v = scores[c.code]!;
    const normalised = rubric.scale === 'levels' ? ((v - 1) / 4) * 100 : (v / c.maxPoints!) * 100;
    weighted += c.weight * normalised;
    weights += c.weight;
  }
  return weighted / weights;
}
