import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { cycles } from './cycles.js';
import { users } from './users.js';

/**
 * Every saved version of a cycle's press release (보도자료), as the city edits it in the publication workspace:
 * numbered 1, 2, … per cycle, never changed once written (a restore saves the old text as a new version). The body
 * is the text as edited; `structure` is what the PDF and .docx are laid out from, parsed from it when saved.
 */
export const pressReleaseVersions = pgTable(
  'press_release_versions',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    version: integer('version').notNull(),
    body: text('body').notNull(),
    structure: jsonb('structure').notNull(),
    /** The version this one restored, when it was a restore. */
    restoredFrom: integer('restored_from'),
    authorId: integer('author_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('press_release_versions_cycle_version').on(t.cycleId, t.version), check('press_release_versions_version_check', sql`${t.version} >= 1`)],
);
