/** A name the server sends in both languages. */
export interface LocalizedText {
  ko: string;
  en: string;
}

/** Picks the reader's language, falling back to Korean (the language of record). */
export function localized(text: LocalizedText, language: string): string {
  return language === 'en' && text.en !== '' ? text.en : text.ko;
}
