/**
 * Words shared by every publication artefact: the demo label, the illustrative-framework notice, tier and unit
 * lookups and short indicator names, so that the CSV, the workbook, the press release and the scorecard say the
 * same thing in the same words.
 */
import type { FrameworkDefinition, Indicator } from '../frameworks/definition.js';
import type { CycleOutcome, UnitOutcome } from '../scoring/evaluate.js';

export type Lang = 'ko' | 'en';

export const DEMO_LABEL = { ko: '데모 데이터', en: 'Demo data' } as const;

export const DEMO_NOTICE = {
  ko: '데모 데이터: 재현 가능한 합성 자료로 만든 결과이며 실제 평가 결과가 아닙니다.',
  en: 'Demo data: results computed from reproducible synthetic data, not an actual evaluation.',
} as const;

/** The framework's own notice when it is an illustrative reconstruction, else `null`. */
export function illustrativeNotice(framework: FrameworkDefinition): { ko: string; en: string } | null {
  if (!framework.illustrative) return null;
  return framework.notice ?? { ko: '예시 재구성 평가 체계이며 공식 평가지표가 아닙니다.', en: 'An illustrative framework, not the official indicator set.' };
}

/** The name of a tier code in the outcome, or the code itself when the outcome does not know it. */
export function tierName(outcome: CycleOutcome, code: string | null, lang: Lang): string {
  if (code === null) return '';
  return outcome.tiers.find((t) => t.code === code)?.name[lang] ?? code;
}

/** Units of the outcome by code. */
export function unitsByCode(outcome: CycleOutcome): Map<string, UnitOutcome> {
  return new Map(outcome.units.map((u) => [u.code, u]));
}

/**
 * An indicator or field name without its trailing parenthetical qualifier, for column headers:
 * "사회적경제기업 제품 공공구매 실적 (목표 대비)" → "사회적경제기업 제품 공공구매 실적". The full name stays in the dictionary.
 */
export function shortName(name: string): string {
  const stripped = name.replace(/\s*\([^()]*\)\s*$/, '');
  return stripped === '' ? name : stripped;
}

export function indicatorByCode(framework: FrameworkDefinition): Map<string, Indicator> {
  return new Map(framework.indicators.map((i) => [i.code, i]));
}

/** "광진구·관악구·노원구" (Korean lists of names use the middle dot), "A, B and C" in English. */
export function joinNames(names: readonly string[], lang: Lang): string {
  if (lang === 'ko') return names.join('·');
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The default title of a cycle's results. */
export function resultsTitle(outcome: CycleOutcome, lang: Lang): string {
  return lang === 'ko' ? `${outcome.year} 희망일자리 만들기 평가 결과` : `${outcome.year} hope jobs evaluation results`;
}

/** The notices every artefact carries, in this order: demo data, illustrative framework. */
export function publicationNotices(framework: FrameworkDefinition, demo: boolean): Array<{ ko: string; en: string }> {
  const notices: Array<{ ko: string; en: string }> = [];
  if (demo) notices.push({ ...DEMO_NOTICE });
  const illustrative = illustrativeNotice(framework);
  if (illustrative) notices.push({ ko: illustrative.ko, en: illustrative.en });
  return notices;
}
