import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deadlineReminders, listNotifications, markAllAsRead, markNotificationAsRead, notificationKinds } from '../../domain/notifications/index.js';
import type { AppContext } from '../context.js';

const notificationSchema = z.object({
  id: z.number().int(),
  kind: z.enum(notificationKinds),
  payload: z.object({ message: z.object({ ko: z.string(), en: z.string() }), link: z.string().optional() }).catchall(z.unknown()),
  createdAt: z.date(),
  readAt: z.date().nullable(),
});

export const notificationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;

    app.get(
      '/api/v1/notifications',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['notifications'],
          summary: '알림 / my notifications (to me and to my roles), newest first, with the unread count',
          querystring: z.object({
            before: z.coerce.number().int().positive().optional().describe('Cursor: nextCursor of the previous page'),
            limit: z.coerce.number().int().min(1).max(200).optional(),
            unread: z.enum(['true', 'false']).optional(),
          }),
          response: { 200: z.object({ notifications: z.array(notificationSchema), unread: z.number().int(), nextCursor: z.number().int().nullable() }) },
        },
      },
      async (req) =>
        listNotifications(db, req.principal, { before: req.query.before, limit: req.query.limit, unreadOnly: req.query.unread === 'true' }),
    );

    app.post(
      '/api/v1/notifications/:id/read',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['notifications'],
          summary: 'Mark one of my notifications read',
          params: z.object({ id: z.coerce.number().int().positive() }),
          response: { 200: notificationSchema },
        },
      },
      async (req) => markNotificationAsRead(db, req.principal, req.params.id),
    );

    app.post(
      '/api/v1/notifications/read-all',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['notifications'], summary: 'Mark all my notifications read', response: { 200: z.object({ marked: z.number().int() }) } },
      },
      async (req) => markAllAsRead(db, req.principal),
    );

    app.post(
      '/api/v1/notifications/deadline-reminders',
      {
        config: { access: { roles: ['city_admin'] } },
        schema: {
          tags: ['notifications'],
          summary: 'Send deadline reminders now for stages due within 3 days (idempotent per stage and day; also meant for a scheduler)',
          response: {
            200: z.object({ sent: z.array(z.object({ year: z.number().int(), stage: z.string(), dueAt: z.date(), notifications: z.number().int() })) }),
          },
        },
      },
      async (req) => ({ sent: await deadlineReminders(db, req.principal) }),
    );
  };
