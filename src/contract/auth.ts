import { z } from 'zod';
import { roles } from './values.js';

/** The longest password accepted (bounds the hashing work of a request). */
export const MAX_PASSWORD_LENGTH = 200;

export const roleGrantSchema = z.object({ role: z.enum(roles), orgUnitCode: z.string().nullable() });

/** The signed-in user. */
export const userSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  isDemo: z.boolean(),
  mustChangePassword: z.boolean(),
  roles: z.array(roleGrantSchema),
});

/** The signed-in user and the CSRF token of the session (answer of sign-in, /me and the password change). */
export const sessionSchema = z.object({ user: userSchema, csrfToken: z.string() });

export const loginBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  newPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});
