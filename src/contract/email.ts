import { z } from 'zod';
import { notificationKinds } from './values.js';

/** How a kind of notification is e-mailed: at once, in the daily digest (one e-mail per Seoul day), or not at all. */
export const emailModes = ['immediate', 'digest', 'off'] as const;
export type EmailMode = (typeof emailModes)[number];
export const emailLanguages = ['ko', 'en'] as const;

export const emailPreferenceSchema = z.object({ kind: z.enum(notificationKinds), mode: z.enum(emailModes) });

/** My e-mail settings: the address (none: nothing is mailed), the language, and one mode per kind of notification. */
export const emailSettingsSchema = z.object({
  email: z.string().nullable(),
  language: z.enum(emailLanguages),
  preferences: z.array(emailPreferenceSchema),
  /** Whether this installation sends e-mail at all (an SMTP server is configured). */
  delivery: z.boolean(),
});

export const emailSettingsBody = z.object({
  email: z.email().max(254).nullable(),
  language: z.enum(emailLanguages),
  preferences: z.array(emailPreferenceSchema).max(notificationKinds.length),
});

/** The signed token of an unsubscribe link (bounded: longer input is refused before anything is looked up). */
export const unsubscribeQuery = z.object({ token: z.string().min(16).max(128) });
export const unsubscribedSchema = z.object({ unsubscribed: z.literal(true) });
