import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, serial, text, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * The levels of the unit hierarchy and the words each is called by, as the installation sets them: the evaluating
 * administration (kind 'city': 서울특별시, 경기도) and the units it evaluates (kind 'district': 자치구, 시·군). The
 * kinds keep their historical codes; the words in Korean and English are data, so a province with 31 시·군 runs
 * the same product as Seoul with its 25 자치구.
 */
export const orgUnitLevels = pgTable(
  'org_unit_levels',
  {
    kind: text('kind').primaryKey(),
    /** 0 for the evaluating administration, 1 for the evaluated units. */
    depth: integer('depth').notNull(),
    /** Formal name of the level: '특별시', '자치구'; '도', '시·군'. */
    nameKo: text('name_ko').notNull(),
    /** Short noun used in counts and titles: '시', '구' ("7개 구", "우수구"); '도', '시·군'. */
    nounKo: text('noun_ko').notNull(),
    /** English singular and plural: 'district' / 'districts'; 'city or county' / 'cities and counties'. */
    nameEn: text('name_en').notNull(),
    pluralEn: text('plural_en').notNull(),
  },
  (t) => [check('org_unit_levels_kind_check', sql`${t.kind} in ('city', 'district')`), check('org_unit_levels_depth_check', sql`${t.depth} in (0, 1)`)],
);

/**
 * Organisational units: the evaluating administration and the units it evaluates (any parent/child pair of
 * administrations); `kind` names their level in org_unit_levels. `code` is the administrative code (e.g. 11215
 * 광진구, 41110 수원시), stable across years.
 */
export const orgUnits = pgTable('org_units', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  kind: text('kind')
    .notNull()
    .references(() => orgUnitLevels.kind),
  parentId: integer('parent_id').references((): AnyPgColumn => orgUnits.id),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Peer groups: a unit's group under a named grouping (grouping '유형', group '도시형' or '농촌형'). An award tier
 * with `group: '유형'` is awarded separately within each group.
 */
export const orgUnitGroups = pgTable(
  'org_unit_groups',
  {
    orgUnitId: integer('org_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    grouping: text('grouping').notNull(),
    groupName: text('group_name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgUnitId, t.grouping] })],
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
