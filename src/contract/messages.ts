/** Marks a custom validation message that carries both languages; the server's problem mapper picks the caller's. */
export const BILINGUAL_MESSAGE = 'i18n:';

/**
 * A custom validation message in both languages, for a schema: `z.string().regex(re, validationMessage({ ko, en }))`.
 * The problem details carry the caller's language; a plain custom message is shown as written.
 */
export function validationMessage(message: { ko: string; en: string }): string {
  return `${BILINGUAL_MESSAGE}${JSON.stringify(message)}`;
}
