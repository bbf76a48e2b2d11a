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

/** How people may sign in here: the password form (unless PASSWORD_SIGN_IN=off) and single sign-on when configured. */
export const signInMethodsSchema = z.object({
  password: z.boolean(),
  /** The identity provider's name as shown on the button, or null when single sign-on is not configured. */
  sso: z.object({ displayName: z.string() }).nullable(),
});

/** Where to go after signing in with the identity provider (a path of this app; anything else goes to the start page). */
export const ssoStartQuery = z.object({ next: z.string().max(500).optional() });

/** What the identity provider sends back (validated by the OpenID Connect library, not here). */
export const ssoCallbackQuery = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(1024).optional(),
  iss: z.string().max(1024).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
  session_state: z.string().max(1024).optional(),
});

/** A redirect (302) to the `Location` header: the identity provider, or back to a page of the app. */
export const redirectAnswer = z.null();

/** Sign-out of a session opened by single sign-on: where to end the identity provider's session too (RP-initiated logout). */
export const logoutAnswer = z.object({ endSessionUrl: z.string() });
