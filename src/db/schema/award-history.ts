import { sql } from 'drizzle-orm';
import { bigint, check, doublePrecision, integer, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { orgUnits } from './org-units.js';
import { users } from './users.js';

/**
 * Award results of years before the product ran the evaluation (수상 이력), imported from a file: one row per unit
 * and year. `tier` is the tier's code as the frameworks name it (null: no award that year), so streaks count across
 * these years and the published runs alike; `tier_name` is that tier's name (e.g. 우수구), for display.
 */
export const awardHistory = pgTable(
  'award_history',
  {
    id: serial('id').primaryKey(),
    orgUnitId: integer('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    year: integer('year').notNull(),
    tier: text('tier'),
    tierName: text('tier_name'),
    rank: integer('rank'),
    score: doublePrecision('score'),
    /** 시상금 in 원. */
    prize: bigint('prize', { mode: 'number' }),
    source: text('source').notNull(),
    note: text('note'),
    importedBy: integer('imported_by').references(() => users.id),
    importedByLabel: text('imported_by_label').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('award_history_unit_year').on(t.orgUnitId, t.year),
    check('award_history_rank_positive', sql`${t.rank} is null or ${t.rank} > 0`),
    check('award_history_prize_nonnegative', sql`${t.prize} is null or ${t.prize} >= 0`),
    check('award_history_tier_name', sql`(${t.tier} is null) = (${t.tierName} is null)`),
  ],
);
