import { z } from 'zod';
import { messageSchema, type Message } from '../message.js';

/**
 * Schemas every resource shares: route parameters (year, ids, district codes, indicator codes), the bilingual text
 * pair, a field problem, and the empty answer of a 204.
 */

/** A cycle year in a path or query (`/cycles/:year`). */
export const year = z.coerce.number().int().min(2000).max(2100);
export const yearParams = z.object({ year });

/** A district's 5-digit administrative code (`11215`). */
export const districtCode = z.string().regex(/^\d{5}$/);
/** The same, with the message the import and record routes give. */
export const adminCode = z.string().regex(/^\d{5}$/, 'a 5-digit administrative code');
/** An org unit code in the submission, verification, objection and evidence paths (looser: any short code). */
export const unitCode = z.string().regex(/^[0-9A-Za-z_-]{1,20}$/);
export const indicatorParam = z.string().regex(/^[A-Z][A-Z0-9_]{0,15}$/);

/** A positive row id in a path (`/objections/:id`). */
export const positiveId = z.coerce.number().int().positive();
/** A row id that fits a PostgreSQL `integer`. */
export const rowId = z.coerce.number().int().min(1).max(2_147_483_647);

/** A text in Korean and English: the one message type (src/message.ts). */
export const bilingual = messageSchema;
export type Bilingual = Message;
/** A problem with one input, in both languages. */
export const fieldProblem = z.object({ path: z.string(), message: bilingual });

export const unitRef = z.object({ code: z.string(), name: z.string() });

/** The answer of a 204. */
export const noContent = z.null();

/** Output language of a download (`?lang=`). */
export const lang = z.enum(['ko', 'en']);

/** RFC 9457 problem details as the central error handler writes them (documented per status where a route lists them). */
export const problemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string(),
  errors: z.array(z.looseObject({ path: z.string(), message: z.string() })).optional(),
});
