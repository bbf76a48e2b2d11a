import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ko } from '../locales/ko.js';
import { en } from '../locales/en.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof ko };
  }
}

export type Language = 'ko' | 'en';

const storageKey = 'hopejobs.lang';

function storedLanguage(): Language {
  try {
    return window.localStorage.getItem(storageKey) === 'en' ? 'en' : 'ko';
  } catch {
    return 'ko';
  }
}

export const i18n = i18next.createInstance();

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources: { ko: { translation: ko }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'ko',
  supportedLngs: ['ko', 'en'],
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});

/** Switches the UI language and remembers the choice on this device. */
export function setLanguage(language: Language): void {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  void i18n.changeLanguage(language);
}

/**
 * The translation of a key built at run time (a status or property code from the server), or `fallback` when the
 * UI has no words for it yet. Keys written in the code are checked by the compiler; these cannot be.
 */
export function translateOr(key: string, fallback: string): string {
  return i18n.exists(key) ? (i18n.t as (k: string) => string)(key) : fallback;
}
