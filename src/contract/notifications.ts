import { z } from 'zod';
import { bilingual } from './common.js';
import { notificationKinds } from './values.js';

export const notificationSchema = z.object({
  id: z.number().int(),
  kind: z.enum(notificationKinds),
  payload: z.object({ message: bilingual, link: z.string().optional() }).catchall(z.unknown()),
  createdAt: z.date(),
  readAt: z.date().nullable(),
});

export const notificationQuery = z.object({
  before: z.coerce.number().int().positive().optional().describe('Cursor: nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  unread: z.enum(['true', 'false']).optional(),
});
export const notificationPageSchema = z.object({
  notifications: z.array(notificationSchema),
  unread: z.number().int(),
  nextCursor: z.number().int().nullable(),
});
export const notificationIdParams = z.object({ id: z.coerce.number().int().positive() });
export const markedSchema = z.object({ marked: z.number().int() });
export const remindersSentSchema = z.object({
  sent: z.array(z.object({ year: z.number().int(), stage: z.string(), dueAt: z.date(), notifications: z.number().int() })),
});
