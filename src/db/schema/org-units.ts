import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, serial, text, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * Organisational units: the city and its districts (or any parent/child pair of administrations).
 * `code` is the administrative code (e.g. 11215 광진구), stable across years.
 */
export const orgUnits = pgTable(
  'org_units',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    kind: text('kind').notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => orgUnits.id),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('org_units_kind_check', sql`${t.kind} in ('city', 'district')`)],
);

/** Resident population per unit and year (used for per-capita indicators). */
export const orgUnitPopulations = pgTable(
  'org_unit_populations',
  {
    orgUnitId: integer('org_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    population: integer('population').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgUnitId, t.year] }), check('population_positive', sql`${t.population} > 0`)],
);
