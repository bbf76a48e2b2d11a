import { sql } from 'drizzle-orm';
import { boolean, check, date, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import type { CycleStatus } from '../../contract/values.js';

export { cycleStatuses, type CycleStatus } from '../../contract/values.js';

/** One evaluation round per year; the data period defaults to Sep 1 of the previous year – Aug 31. */
export const cycles = pgTable(
  'cycles',
  {
    id: serial('id').primaryKey(),
    year: integer('year').notNull().unique(),
    title: text('title').notNull(),
    dataPeriodStart: date('data_period_start', { mode: 'string' }).notNull(),
    dataPeriodEnd: date('data_period_end', { mode: 'string' }).notNull(),
    status: text('status').$type<CycleStatus>().notNull().default('draft'),
    isDemo: boolean('is_demo').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('cycles_period_check', sql`${t.dataPeriodStart} <= ${t.dataPeriodEnd}`),
    check('cycles_status_check', sql`${t.status} in ('draft','open','verification','review','scoring','provisional','objections','final','published')`),
  ],
);
