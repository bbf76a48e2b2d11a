import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ko } from '../locales/ko.js';
import { en } from '../locales/en.js';
import { addKoreanFormats } from './josa-format.js';

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

/** What the UI calls the installation's units and its administration; the texts say {{unitKo}}, {{unitsEn}} … */
export interface InstallationWords {
  unitKo: string;
  unitKoGa: string;
  unitKoReul: string;
  unitKoRo: string;
  unitKoWa: string;
  unitKoNeun: string;
  /** The short noun ('구' / '시·군': "구 승인", "우리 구의") and it with its particles. */
  unitNounKo: string;
  unitNounKoGa: string;
  unitNounKoWa: string;
  unitNounKoNa: string;
  unitEn: string;
  unitsEn: string;
  UnitEn: string;
  UnitsEn: string;
  unitCount: string;
  /** The administration's short noun: '시' ("시·구 공동협력사업"), '도'. */
  parentNounKo: string;
  cityKo: string;
  cityShortKo: string;
  cityFullKo: string;
  cityEn: string;
  cityGovEn: string;
}

/** Seoul's words: the UI reads exactly as before until the installation's own arrive (and when they are Seoul's). */
export const SEOUL_WORDS: InstallationWords = {
  unitKo: '자치구',
  unitKoGa: '자치구가',
  unitKoReul: '자치구를',
  unitKoRo: '자치구로',
  unitKoWa: '자치구와',
  unitKoNeun: '자치구는',
  unitNounKo: '구',
  unitNounKoGa: '구가',
  unitNounKoWa: '구와',
  unitNounKoNa: '구나',
  unitEn: 'district',
  unitsEn: 'districts',
  UnitEn: 'District',
  UnitsEn: 'Districts',
  unitCount: '25',
  parentNounKo: '시',
  cityKo: '서울시',
  cityShortKo: '서울',
  cityFullKo: '서울특별시',
  cityEn: 'Seoul',
  cityGovEn: 'Seoul Metropolitan Government',
};

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources: { ko: { translation: ko }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'ko',
  supportedLngs: ['ko', 'en'],
  interpolation: { escapeValue: false, defaultVariables: { ...SEOUL_WORDS } }, // React escapes
  returnNull: false,
  initAsync: false,
});
// `{{name, josa(이/가)}}`: the particle chosen by the word (src/korean.ts).
addKoreanFormats(i18n);

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

/** Sets the installation's words (from GET /org-units) and re-renders the texts that use them. */
export function setInstallationWords(words: InstallationWords): void {
  const current = i18n.options.interpolation?.defaultVariables as Partial<InstallationWords> | undefined;
  if (current && (Object.keys(words) as Array<keyof InstallationWords>).every((k) => current[k] === words[k])) return;
  i18n.options.interpolation = { ...i18n.options.interpolation, defaultVariables: { ...words } };
  void i18n.changeLanguage(i18n.language);
}
