/** In-app notifications: writing them with the change they announce, the inbox, and deadline reminders. */
export { notify, notifyDistrict, notifyPeople, notificationKinds, type NotificationKind, type NotificationPayload, type NotificationTarget } from './notify.js';
export { listNotifications, markNotificationAsRead, markAllAsRead, type Inbox, type NotificationView } from './inbox.js';
export { deadlineReminders, seoulDay, REMINDER_WINDOW_MS, type ReminderSent } from './deadline-reminders.js';
