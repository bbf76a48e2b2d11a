import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  markedSchema,
  notificationIdParams,
  notificationPageSchema,
  notificationQuery,
  notificationSchema,
  remindersSentSchema,
} from '../../contract/notifications.js';
import { deadlineReminders, listNotifications, markAllAsRead, markNotificationAsRead } from '../../domain/notifications/index.js';
import type { AppContext } from '../context.js';

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
          querystring: notificationQuery,
          response: { 200: notificationPageSchema },
        },
      },
      async (req) => listNotifications(db, req.principal, { before: req.query.before, limit: req.query.limit, unreadOnly: req.query.unread === 'true' }),
    );

    app.post(
      '/api/v1/notifications/:id/read',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['notifications'],
          summary: 'Mark one of my notifications read',
          params: notificationIdParams,
          response: { 200: notificationSchema },
        },
      },
      async (req) => markNotificationAsRead(db, req.principal, req.params.id),
    );

    app.post(
      '/api/v1/notifications/read-all',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['notifications'], summary: 'Mark all my notifications read', response: { 200: markedSchema } },
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
          response: { 200: remindersSentSchema },
        },
      },
      async (req) => ({ sent: await deadlineReminders(db, req.principal) }),
    );
  };
