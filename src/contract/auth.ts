import { z } from 'zod';
import { roles } from './values.js';

/** The longest password accepted (bounds the hashing work of a request). */
export const MAX_PASSWORD_LENGTH = 200;

export const roleGrantSchema = z.object({ role: z.enum(roles), orgUnitCode: z.string().nullable() });

/**
 * The session's second factor: `pending` is what it must do before anything else (`code`: enter a one-time code,
 * `enrol`: set one up, required by the installation's policy); `satisfied`: it may publish results and change roles.
 */
export const secondFactorStateSchema = z.object({
  enrolled: z.boolean(),
  passed: z.boolean(),
  pending: z.enum(['none', 'code', 'enrol']),
  satisfied: z.boolean(),
});

/** The signed-in user. */
export const userSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  isDemo: z.boolean(),
  mustChangePassword: z.boolean(),
  roles: z.array(roleGrantSchema),
  secondFactor: secondFactorStateSchema,
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

/** A one-time code (6 digits) from the authenticator app, or a recovery code. */
export const secondFactorCodeBody = z.object({ code: z.string().trim().min(1).max(40) });

/** The signed-in user's second factor, as the account security page shows it (never the secret). */
export const secondFactorStatusSchema = z.object({
  enrolled: z.boolean(),
  enrolledAt: z.string().nullable(),
  recoveryCodesLeft: z.number().int(),
  required: z.boolean(),
  canEnrol: z.boolean(),
});

/** A new enrolment: the secret (base32) for typing in, the otpauth:// URI and it as a QR code (SVG); shown this once. */
export const totpEnrolmentSchema = z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() });

/** The recovery codes of a confirmed enrolment, shown this once. */
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });

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
