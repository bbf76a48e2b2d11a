import { z } from 'zod';

/**
 * Every text the system shows a person — a domain error, a field problem, a failed job, a notice, a validation
 * message — is a `Message`: Korean (the language of record) and English, side by side. It travels as this object
 * from where it is made to where it is shown: the API answers with the caller's language (problem details) or with
 * both (views), the web picks one with its `localized` helper, a terminal prints both with {@link bothLanguages}.
 * Where it is stored, it is stored as JSON ({@link storedMessage}, read back with {@link messageOfStored}).
 *
 * zod is the one place that only carries strings: a schema's own message is written as a `Message` with
 * {@link zodMessage}, and {@link issueMessage} turns any zod issue back into one.
 */
export interface Message {
  ko: string;
  en: string;
}

export type Lang = 'ko' | 'en';

/** A message in an API schema (OpenAPI and response serialisation). */
export const messageSchema = z.object({ ko: z.string(), en: z.string() });

/** Both languages on one line, Korean first: what a terminal, a log line or a bilingual cell shows. */
export function bothLanguages(m: Message): string {
  return m.ko === m.en ? m.ko : `${m.ko} / ${m.en}`;
}

/** A text that exists in one language only (a third party's error, a name): the same words in both slots. */
export function untranslated(text: string): Message {
  return { ko: text, en: text };
}

function isMessage(v: unknown): v is Message {
  return typeof v === 'object' && v !== null && typeof (v as Message).ko === 'string' && typeof (v as Message).en === 'string';
}

/** A message as a text column stores it: JSON. */
export function storedMessage(m: Message): string {
  return JSON.stringify({ ko: m.ko, en: m.en });
}

/**
 * A stored message read back: JSON from {@link storedMessage}; rows written before messages were stored as JSON
 * hold "한국어 / English" (split at the first " / ") or one language only.
 */
export function messageOfStored(text: string | null): Message | null {
  if (text === null) return null;
  if (text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (isMessage(parsed)) return { ko: parsed.ko, en: parsed.en };
    } catch {
      // not JSON after all: an old plain text
    }
  }
  const at = text.indexOf(' / ');
  return at > 0 ? { ko: text.slice(0, at), en: text.slice(at + 3) } : untranslated(text);
}

/** A schema's own message inside the string zod carries; only {@link issueMessage} reads it. */
const ZOD_PREFIX = 'i18n:';

/**
 * A custom message in both languages for a zod schema: `.regex(re, zodMessage({ ko, en }))`, `.min(1, …)`,
 * `.refine(ok, …)`, `ctx.addIssue({ code: 'custom', path, message: zodMessage(…) })`.
 */
export function zodMessage(m: Message): string {
  return `${ZOD_PREFIX}${storedMessage(m)}`;
}

const koLocale = z.locales.ko();
const enLocale = z.locales.en();

function localeText(locale: typeof koLocale, issue: object): string | undefined {
  const out = locale.localeError?.(issue as z.core.$ZodRawIssue);
  return typeof out === 'string' ? out : out?.message;
}

/**
 * A value of the type zod named in "received …": a finished issue no longer holds the input, which the locales need
 * to name the type in their own words.
 */
const receivedValue: Record<string, unknown> = {
  number: 0,
  string: '',
  boolean: false,
  null: null,
  array: [],
  object: {},
  undefined: undefined,
  nan: NaN,
  bigint: 0n,
};

/**
 * The message of a zod issue in both languages: a schema's own {@link zodMessage} as written; zod's built-in
 * message from its Korean and English locales; any other custom text (one language) as written.
 */
export function issueMessage(issue: { readonly code: string; readonly message: string }): Message {
  const text = issue.message;
  if (text.startsWith(ZOD_PREFIX)) {
    const own = messageOfStored(text.slice(ZOD_PREFIX.length));
    if (own) return own;
  }
  if (issue.code === 'invalid_type' && !('input' in issue)) {
    const received = /received (\w+)$/.exec(text)?.[1];
    if (received !== undefined && received in receivedValue) issue = { ...issue, input: receivedValue[received] } as typeof issue;
  }
  const en = localeText(enLocale, issue);
  // Only zod's own (English) text is translated; a custom message is shown as the schema wrote it.
  if (en === undefined || en !== text) return untranslated(text);
  return { ko: localeText(koLocale, issue) ?? text, en };
}
