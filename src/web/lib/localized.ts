/** A text the server sends in both languages (a name, a message), or a list of sentences in both. */
export interface LocalizedText<T extends string | readonly string[] = string> {
  ko: T;
  en: T;
}

/** The one way the web picks the reader's language from a `{ ko, en }`, falling back to Korean (the language of record). */
export function localized<T extends string | readonly string[]>(text: LocalizedText<T>, language: string): T {
  return language === 'en' && text.en.length > 0 ? text.en : text.ko;
}
