/**
 * Bonus and penalty adjustments (가점·감점) added to a unit's score after aggregation, with caps.
 *
 * A framework lists its adjustment rules (e.g. bonus "시 정책 협조" up to +2, penalty "자료 제출 지연") and the
 * overall caps (DOMAIN.md default: bonus up to +3, penalty down to −3). The city records entries per unit; this
 * module applies the caps and explains every cut.
 */
import { z } from 'zod';
import { fieldIssue, parseConfig, throwIfErrors, type EngineIssue } from './engine-error.js';
import { checkUnitScores, type UnitScore } from './rank.js';
import { BilingualSchema, formatScore, type Bilingual } from './award-text.js';
import { josaPick } from './korean.js';

/** `bonus` adds points (entries ≥ 0), `penalty` removes points (entries ≤ 0). */
export const AdjustmentKindSchema = z.enum(['bonus', 'penalty']);
export type AdjustmentKind = z.infer<typeof AdjustmentKindSchema>;

/**
 * An entry the platform makes by itself under a rule: `late_submission` — a district's data submitted after a stage's
 * deadline (or still missing when it passes) — with the signed points of each such entry.
 */
export const AdjustmentAutomaticSchema = z.strictObject({ on: z.literal('late_submission'), points: z.number() });

/** One adjustment rule of a framework. `cap` is a magnitude: `cap: 2` on a penalty rule means at most −2. */
export const AdjustmentRuleSchema = z.strictObject({
  code: z.string().min(1),
  name: BilingualSchema,
  kind: AdjustmentKindSchema,
  cap: z.number().nonnegative().optional(),
  automatic: AdjustmentAutomaticSchema.optional(),
});
export type AdjustmentRule = z.infer<typeof AdjustmentRuleSchema>;

/**
 * Adjustment settings of a framework: the rules, the overall caps as magnitudes (`bonusCap: 3` → at most +3,
 * `penaltyCap: 3` → at most −3; absent = no overall cap) and an optional clamp of the final score.
 */
export const AdjustmentConfigSchema = z.strictObject({
  rules: z.array(AdjustmentRuleSchema),
  bonusCap: z.number().nonnegative().optional(),
  penaltyCap: z.number().nonnegative().optional(),
  clamp: z
    .strictObject({ min: z.number().default(0), max: z.number() })
    .refine((c) => c.min <= c.max, { message: 'clamp.min must not exceed clamp.max' })
    .optional(),
});
export type AdjustmentConfig = z.infer<typeof AdjustmentConfigSchema>;
export type AdjustmentConfigInput = z.input<typeof AdjustmentConfigSchema>;

/** One recorded adjustment: signed points (bonus ≥ 0, penalty ≤ 0) for a unit under a rule, with its reason. */
export const AdjustmentEntrySchema = z.strictObject({
  uCode: z.string().min(1),
  rule: z.string().min(1),
  points: z.number(),
  reason: z.string().optional(),
});
export type AdjustmentEntry = z.infer<typeof AdjustmentEntrySchema>;

/** Which cap removed part of an entry. */
export type AdjustmentCutBy = 'rule_cap' | 'bonus_cap' | 'penalty_cap';

/** A part of an entry removed by a cap; `amount` has the entry's sign. */
export interface AdjustmentCut {
  readonly by: AdjustmentCutBy;
  readonly amount: number;
  readonly reason: Bilingual;
}

/** An entry as applied: `points = applied + Σ cuts.amount`. */
export interface AppliedAdjustmentEntry {
  /** Position of the entry in the `entries` argument. */
  readonly index: number;
  readonly rule: string;
  readonly kind: AdjustmentKind;
  readonly points: number;
  readonly applied: number;
  readonly cuts: readonly AdjustmentCut[];
  readonly reason?: string;
}

/** The adjustment of one unit. Bonus amounts are ≥ 0, penalty amounts ≤ 0. */
export interface UnitAdjustment {
  readonly uCode: string;
  readonly base: number | null;
  /** Sums of the entries before any cap. */
  readonly requestedBonus: number;
  readonly requestedPenalty: number;
  /** Applied sums after the caps, and their total `net = bonus + penalty`. */
  readonly bonus: number;
  readonly penalty: number;
  readonly net: number;
  /** What the caps removed: `requested − applied` (bonus ≥ 0, penalty ≤ 0). */
  readonly cutBonus: number;
  readonly cutPenalty: number;
  readonly entries: readonly AppliedAdjustmentEntry[];
  /** `base + net`, before the clamp; `null` without a base score. */
  readonly adjusted: number | null;
  /** The final score: `adjusted` clamped to `[clamp.min, clamp.max]` when a clamp is configured. */
  readonly final: number | null;
  /** Which clamp bound changed the score, if any. */
  readonly clamped: 'min' | 'max' | null;
}

/** Cuts smaller than this are float noise (e.g. 0.1 + 0.2 against a cap of 0.3) and are not made. */
export const ADJUSTMENT_TOLERANCE = 1e-9;

const FN = 'applyAdjustments';

/**
 * Applies bonus/penalty entries to unit scores with per-rule and overall caps.
 *
 * Formula, per unit u and kind k ∈ {bonus, penalty}, with magnitudes |p|:
 *   applied_k(u) = min(cap_k, Σ_rules r of kind k min(cap_r, Σ_entries e of r |p_e|))
 *   net(u) = applied_bonus(u) − applied_penalty(u);  final(u) = clamp(base(u) + net(u), min, max).
 * Attribution of cuts: entries are taken in the order given; an entry that would exceed its rule's cap is applied
 * up to the cap and the rest is cut (`rule_cap`), later entries of that rule are cut entirely; the same is then
 * done with the overall cap of its kind (`bonus_cap` / `penalty_cap`). Totals do not depend on the entry order,
 * only the attribution does. Excesses ≤ {@link ADJUSTMENT_TOLERANCE} are not cut. Units without entries get 0.
 * A unit whose base score is `null` still gets its adjustment but `adjusted` and `final` stay `null`.
 *
 * Complexity O(units + entries). Result order = order of `scores`.
 *
 * @throws {EngineInputError} with every problem: `config.invalid` (schema), `config.duplicate_code` (two rules with
 *   one code), `input.duplicate_unit`, `input.not_finite` (base score NaN/∞), `adjustment.unknown_unit` (entry for
 *   a unit not in `scores`), `adjustment.unknown_rule`, `adjustment.not_finite` (points NaN/∞),
 *   `adjustment.wrong_sign` (a negative bonus or a positive penalty).
 * @example
 * applyAdjustments(
 *   [{ uCode: '11215', score: 80 }],
 *   [{ uCode: '11215', rule: 'B1', points: 2 }, { uCode: '11215', rule: 'B2', points: 2 }],
 *   { rules: [{ code: 'B1', name: { ko: '시 정책 협조', en: 'City policy cooperation' }, kind: 'bonus' },
 *             { code: 'B2', name: { ko: '언론 보도', en: 'Media coverage' }, kind: 'bonus' }], bonusCap: 3 },
 * )[0]
 * // → bonus 3, cutBonus 1 (the B2 entry: 1 applied, 1 cut by the overall bonus cap), net 3, final 83
 */
export function applyAdjustments(scores: readonly UnitScore[], entries: readonly AdjustmentEntry[], config: AdjustmentConfigInput): UnitAdjustment[] {
  const parsed = parseConfig(AdjustmentConfigSchema, config, 'config');
  const issues: EngineIssue[] = [...parsed.issues, ...checkUnitScores(scores, 'scores')];
  const cfg = parsed.data;
  const rules = new Map<string, AdjustmentRule>();
  cfg?.rules.forEach((r, i) => {
    if (rules.has(r.code)) {
      issues.push(
        fieldIssue(
          'config.duplicate_code',
          ['config', 'rules', i, 'code'],
          `가감점 항목 코드 "${r.code}"${josaPick(r.code, '이/가')} 중복됩니다`,
          `adjustment rule code "${r.code}" is repeated`,
        ),
      );
    }
    rules.set(r.code, r);
  });
  const units = new Set(scores.map((s) => s.uCode));
  entries.forEach((e, i) => {
    if (!units.has(e.uCode)) {
      issues.push(
        fieldIssue(
          'adjustment.unknown_unit',
          ['entries', i, 'uCode'],
          `점수 목록에 없는 단위 "${e.uCode}"의 가감점입니다`,
          `adjustment for unit "${e.uCode}", which has no score row`,
        ),
      );
    }
    const rule = rules.get(e.rule);
    if (rule === undefined && cfg !== undefined) {
      issues.push(fieldIssue('adjustment.unknown_rule', ['entries', i, 'rule'], `알 수 없는 가감점 항목 "${e.rule}"`, `unknown adjustment rule "${e.rule}"`));
    }
    if (typeof e.points !== 'number' || !Number.isFinite(e.points)) {
      issues.push(
        fieldIssue(
          'adjustment.not_finite',
          ['entries', i, 'points'],
          `점수가 유한한 숫자가 아닙니다 (${String(e.points)})`,
          `points are not a finite number (${String(e.points)})`,
        ),
      );
    } else if (rule !== undefined && (rule.kind === 'bonus' ? e.points < 0 : e.points > 0)) {
      issues.push(
        rule.kind === 'bonus'
          ? fieldIssue(
              'adjustment.wrong_sign',
              ['entries', i, 'points'],
              `가점 항목 "${rule.code}"에 음수 점수 ${e.points}점`,
              `bonus rule "${rule.code}" given negative points ${e.points}`,
            )
          : fieldIssue(
              'adjustment.wrong_sign',
              ['entries', i, 'points'],
              `감점 항목 "${rule.code}"에 양수 점수 ${e.points}점 (감점은 음수로 적습니다)`,
              `penalty rule "${rule.code}" given positive points ${e.points} (penalties are negative)`,
            ),
      );
    }
  });
  throwIfErrors(FN, issues);
  if (cfg === undefined) throw new Error('unreachable: config issues were reported');

  const byUnit = new Map<string, Array<{ entry: AdjustmentEntry; index: number }>>();
  entries.forEach((entry, index) => {
    const list = byUnit.get(entry.uCode) ?? [];
    list.push({ entry, index });
    byUnit.set(entry.uCode, list);
  });
  return scores.map((s) => adjustUnit(s, byUnit.get(s.uCode) ?? [], rules, cfg));
}

/** Takes up to `room` of a magnitude; float-noise excesses are not cut. */
function take(magnitude: number, room: number): number {
  return magnitude - room > ADJUSTMENT_TOLERANCE ? Math.max(0, room) : magnitude;
}

function adjustUnit(
  s: UnitScore,
  list: ReadonlyArray<{ entry: AdjustmentEntry; index: number }>,
  rules: ReadonlyMap<string, AdjustmentRule>,
  cfg: AdjustmentConfig,
): UnitAdjustment {
  const ruleUsed = new Map<string, number>();
  const kindUsed = { bonus: 0, penalty: 0 };
  const requested = { bonus: 0, penalty: 0 };
  const applied = { bonus: 0, penalty: 0 };
  const out: AppliedAdjustmentEntry[] = list.map(({ entry, index }) => {
    const rule = rules.get(entry.rule);
    if (rule === undefined) throw new Error('unreachable: unknown rules were reported');
    const sign = rule.kind === 'bonus' ? 1 : -1;
    const magnitude = Math.abs(entry.points);
    const cuts: AdjustmentCut[] = [];
    let kept = magnitude;
    if (rule.cap !== undefined) {
      const used = ruleUsed.get(rule.code) ?? 0;
      kept = take(magnitude, rule.cap - used);
      ruleUsed.set(rule.code, used + kept);
      if (kept < magnitude) cuts.push(ruleCut(rule, rule.cap, sign * (magnitude - kept)));
    }
    const kindCap = rule.kind === 'bonus' ? cfg.bonusCap : cfg.penaltyCap;
    if (kindCap !== undefined) {
      const before = kept;
      kept = take(before, kindCap - kindUsed[rule.kind]);
      if (kept < before) cuts.push(kindCut(rule.kind, kindCap, sign * (before - kept)));
    }
    kindUsed[rule.kind] += kept;
    requested[rule.kind] += magnitude;
    applied[rule.kind] += kept;
    return {
      index,
      rule: rule.code,
      kind: rule.kind,
      points: entry.points,
      applied: sign * kept + 0,
      cuts,
      ...(entry.reason === undefined ? {} : { reason: entry.reason }),
    };
  });
  const bonus = applied.bonus;
  const penalty = -applied.penalty + 0;
  const net = bonus + penalty;
  const adjusted = s.score === null ? null : s.score + net;
  let final = adjusted;
  let clamped: 'min' | 'max' | null = null;
  if (adjusted !== null && cfg.clamp !== undefined) {
    if (adjusted < cfg.clamp.min) [final, clamped] = [cfg.clamp.min, 'min'];
    else if (adjusted > cfg.clamp.max) [final, clamped] = [cfg.clamp.max, 'max'];
  }
  return {
    uCode: s.uCode,
    base: s.score,
    requestedBonus: requested.bonus,
    requestedPenalty: -requested.penalty + 0,
    bonus,
    penalty,
    net,
    cutBonus: requested.bonus - bonus,
    cutPenalty: -(requested.penalty - applied.penalty) + 0,
    entries: out,
    adjusted,
    final,
    clamped,
  };
}

function signed(points: number): string {
  return points < 0 ? `−${formatScore(-points, 4)}` : `+${formatScore(points, 4)}`;
}

function ruleCut(rule: AdjustmentRule, cap: number, amount: number): AdjustmentCut {
  const sign = rule.kind === 'bonus' ? 1 : -1;
  return {
    by: 'rule_cap',
    amount,
    reason: {
      ko: `"${rule.name.ko}" 항목 한도 ${signed(sign * cap)}점 초과분 ${signed(amount)}점 미반영`,
      en: `${signed(amount)} over the ${signed(sign * cap)} cap of "${rule.name.en}" not applied`,
    },
  };
}

function kindCut(kind: AdjustmentKind, cap: number, amount: number): AdjustmentCut {
  return kind === 'bonus'
    ? {
        by: 'bonus_cap',
        amount,
        reason: {
          ko: `가점 총 한도 ${signed(cap)}점 초과분 ${signed(amount)}점 미반영`,
          en: `${signed(amount)} over the overall bonus cap of ${signed(cap)} not applied`,
        },
      }
    : {
        by: 'penalty_cap',
        amount,
        reason: {
          ko: `감점 총 한도 ${signed(-cap)}점 초과분 ${signed(amount)}점 미반영`,
          en: `${signed(amount)} over the overall penalty cap of ${signed(-cap)} not applied`,
        },
      };
}
