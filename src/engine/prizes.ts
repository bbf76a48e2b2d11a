/**
 * Prize money (시상금) per award tier, in integer won, with totals, and Korean/English won formatting.
 */
import { z } from 'zod';
import { fieldIssue, parseConfig, throwIfErrors, type EngineIssue } from './engine-error.js';
import { groupDigits } from './award-text.js';
import { josaPick } from './korean.js';

/**
 * The prize of one tier, in integer won: `perUnit` = `amount` to each winner (2014: 우수구 8,000만 원 each);
 * `pool` = `pool` split equally among the winners, each share rounded down to a multiple of `roundTo`
 * (default 1,000 won), the undistributed remainder reported.
 */
export const PrizeSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    tier: z.string().min(1),
    kind: z.literal('perUnit'),
    amount: z.number().int().nonnegative(),
  }),
  z.strictObject({
    tier: z.string().min(1),
    kind: z.literal('pool'),
    pool: z.number().int().nonnegative(),
    roundTo: z.number().int().positive().default(1000),
  }),
]);
export type Prize = z.infer<typeof PrizeSchema>;

/** The prize table of a framework: at most one prize per tier; tiers without a prize are honorary (0 won). */
export const PrizeTableSchema = z.strictObject({
  prizes: z.array(PrizeSchema),
});
export type PrizeTableInput = z.input<typeof PrizeTableSchema>;

/** The winners of each tier, as produced by `assignAwards` (its `AwardResult` fits). */
export interface TierWinners {
  readonly tiers: ReadonlyArray<{ readonly code: string; readonly winners: readonly string[] }>;
}

/** Prize money of one tier. */
export interface TierPrize {
  readonly tier: string;
  /** `none` = the tier has no prize row (honorary). */
  readonly kind: 'perUnit' | 'pool' | 'none';
  readonly winners: number;
  /** Won paid to each winner. */
  readonly perUnit: number;
  /** perUnit × winners. */
  readonly total: number;
  /** The pool for a `pool` prize, else `null`. */
  readonly pool: number | null;
  /** pool − total for a `pool` prize (all of it when nobody won), else 0. */
  readonly remainder: number;
}

/** Prize money of one winning unit, summed over its tiers (a stackable tier adds to the main one). */
export interface UnitPrize {
  readonly uCode: string;
  readonly amount: number;
  readonly items: ReadonlyArray<{ readonly tier: string; readonly amount: number }>;
}

export interface PrizeResult {
  /** One row per tier of the awards, in their order. */
  readonly tiers: readonly TierPrize[];
  /** Every winner, in the order of the tiers and their winners. */
  readonly units: readonly UnitPrize[];
  /** Σ tier totals. */
  readonly total: number;
  /** Σ pool remainders not paid out. */
  readonly remainder: number;
}

const FN = 'computePrizes';

/**
 * Computes the prize money per tier and per unit.
 *
 * Formula per tier with w winners: perUnit prize → each = amount, total = amount × w; pool prize →
 * each = ⌊pool / (w × roundTo)⌋ × roundTo, total = each × w, remainder = pool − total (w = 0 → each 0,
 * remainder = pool). Grand total = Σ totals. All amounts are integer won.
 *
 * @throws {EngineInputError} `config.invalid` (schema: negative or non-integer amounts…), `config.duplicate_code` (two
 *   prizes for one tier), `prize.unknown_tier` (a prize for a tier the awards do not have).
 * @example
 * computePrizes({ tiers: [{ code: 'excellent', winners: ['11215', '11440', '11620'] }] },
 *   { prizes: [{ tier: 'excellent', kind: 'pool', pool: 100_000_000 }] })
 * // → each 33,333,000 won, total 99,999,000, remainder 1,000
 */
export function computePrizes(awards: TierWinners, table: PrizeTableInput): PrizeResult {
  const parsed = parseConfig(PrizeTableSchema, table, 'table');
  const issues: EngineIssue[] = [...parsed.issues];
  const tierCodes = new Set(awards.tiers.map((t) => t.code));
  const byTier = new Map<string, Prize>();
  parsed.data?.prizes.forEach((p, i) => {
    if (byTier.has(p.tier)) {
      issues.push(
        fieldIssue(
          'config.duplicate_code',
          ['table', 'prizes', i, 'tier'],
          `등급 "${p.tier}"의 시상금이 두 번 정의되었습니다`,
          `tier "${p.tier}" has more than one prize`,
        ),
      );
    }
    if (!tierCodes.has(p.tier)) {
      issues.push(
        fieldIssue(
          'prize.unknown_tier',
          ['table', 'prizes', i, 'tier'],
          `시상 등급 "${p.tier}"${josaPick(p.tier, '이/가')} 없습니다`,
          `no award tier "${p.tier}"`,
        ),
      );
    }
    byTier.set(p.tier, p);
  });
  throwIfErrors(FN, issues);

  const tiers: TierPrize[] = awards.tiers.map((t) => tierPrize(t.code, t.winners.length, byTier.get(t.code)));
  const units = new Map<string, { amount: number; items: Array<{ tier: string; amount: number }> }>();
  awards.tiers.forEach((t, i) => {
    const each = tiers[i]?.perUnit ?? 0;
    for (const u of t.winners) {
      const row = units.get(u) ?? { amount: 0, items: [] };
      row.amount += each;
      row.items.push({ tier: t.code, amount: each });
      units.set(u, row);
    }
  });
  return {
    tiers,
    units: [...units.entries()].map(([uCode, r]) => ({ uCode, amount: r.amount, items: r.items })),
    total: tiers.reduce((s, t) => s + t.total, 0),
    remainder: tiers.reduce((s, t) => s + t.remainder, 0),
  };
}

function tierPrize(tier: string, winners: number, prize: Prize | undefined): TierPrize {
  if (prize === undefined) return { tier, kind: 'none', winners, perUnit: 0, total: 0, pool: null, remainder: 0 };
  if (prize.kind === 'perUnit') {
    return { tier, kind: 'perUnit', winners, perUnit: prize.amount, total: prize.amount * winners, pool: null, remainder: 0 };
  }
  const each = winners === 0 ? 0 : floorDiv(prize.pool, winners * prize.roundTo) * prize.roundTo;
  return { tier, kind: 'pool', winners, perUnit: each, total: each * winners, pool: prize.pool, remainder: prize.pool - each * winners };
}

/** ⌊a / b⌋ for non-negative safe integers, exact even where the float quotient rounds up to an integer. */
function floorDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  while (q * b > a) q -= 1;
  while ((q + 1) * b <= a) q += 1;
  return q;
}

const KO_UNITS: ReadonlyArray<readonly [number, string]> = [
  [1e12, '조'],
  [1e8, '억'],
  [1e4, '만'],
];

function checkWon(functionName: string, amount: number): void {
  if (!Number.isSafeInteger(amount)) {
    throwIfErrors(functionName, [
      fieldIssue(
        'format.not_integer',
        ['amount'],
        `금액은 원 단위 정수여야 합니다 (${String(amount)})`,
        `amount must be an integer number of won (got ${String(amount)})`,
      ),
    ]);
  }
}

/**
 * Formats integer won the Korean way: 만/억/조 units, digits grouped by thousands inside each unit, unit words
 * followed by a space before 원 ("만 원"), plain digits attached ("500원").
 *
 * @throws {EngineInputError} `format.not_integer` for a non-integer or unsafe amount.
 * @example formatWonKo(45_000_000)    // → '4,500만 원'
 * @example formatWonKo(120_000_000)   // → '1억 2,000만 원'
 * @example formatWonKo(1_200_000_000) // → '12억 원'
 * @example formatWonKo(12_345)        // → '1만 2,345원'
 */
export function formatWonKo(amount: number): string {
  checkWon('formatWonKo', amount);
  if (amount === 0) return '0원';
  let rest = Math.abs(amount);
  const parts: string[] = [];
  for (const [size, word] of KO_UNITS) {
    const q = Math.floor(rest / size);
    if (q > 0) parts.push(`${groupDigits(String(q))}${word}`);
    rest -= q * size;
  }
  if (rest > 0) parts.push(groupDigits(String(rest)));
  const text = parts.join(' ');
  return `${amount < 0 ? '-' : ''}${text}${rest > 0 ? '원' : ' 원'}`;
}

/**
 * Formats integer won in English: "KRW" and the digits grouped by thousands.
 *
 * @throws {EngineInputError} `format.not_integer` for a non-integer or unsafe amount.
 * @example formatWonEn(45_000_000) // → 'KRW 45,000,000'
 */
export function formatWonEn(amount: number): string {
  checkWon('formatWonEn', amount);
  return `KRW ${amount < 0 ? '-' : ''}${groupDigits(String(Math.abs(amount)))}`;
}

/**
 * Formats integer won in the given language ({@link formatWonKo} / {@link formatWonEn}).
 *
 * @example formatWon(60_000_000, 'ko') // → '6,000만 원'
 */
export function formatWon(amount: number, lang: 'ko' | 'en'): string {
  return lang === 'ko' ? formatWonKo(amount) : formatWonEn(amount);
}
