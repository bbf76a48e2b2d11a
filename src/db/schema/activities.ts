import { bigserial, boolean, date, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { orgUnits } from './org-units.js';
import { users } from './users.js';

/**
 * Kinds of activity a district records (company visit, job fair, training course, …). Built-in types ship with
 * the product; a city admin defines more without code. `fields` is a list of typed field definitions validated by
 * the domain (key, labels, type, required, bounds, options).
 */
export const recordTypes = pgTable('record_types', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  nameKo: text('name_ko').notNull(),
  nameEn: text('name_en').notNull(),
  builtin: boolean('builtin').notNull().default(false),
  fields: jsonb('fields').notNull(),
  active: boolean('active').notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** One thing a district did, dated; indicator formulas count and sum these within a cycle's data period. */
export const activityRecords = pgTable(
  'activity_records',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgUnitId: integer('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    recordTypeId: integer('record_type_id')
      .notNull()
      .references(() => recordTypes.id),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    data: jsonb('data').notNull(),
    importId: integer('import_id'),
    createdBy: integer('created_by').references(() => users.id),
    updatedBy: integer('updated_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('activity_records_unit_type_date_idx').on(t.orgUnitId, t.recordTypeId, t.occurredOn), index('activity_records_import_idx').on(t.importId)],
);

/** Uploaded import files and their outcome (validated as a whole, committed in one transaction). */
export const imports = pgTable('imports', {
  id: serial('id').primaryKey(),
  cycleId: integer('cycle_id'),
  orgUnitId: integer('org_unit_id').references(() => orgUnits.id),
  format: text('format').notNull(),
  fileName: text('file_name').notNull(),
  status: text('status').notNull(),
  totalRows: integer('total_rows').notNull().default(0),
  processedRows: integer('processed_rows').notNull().default(0),
  errorCount: integer('error_count').notNull().default(0),
  errors: jsonb('errors'),
  summary: jsonb('summary'),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});
