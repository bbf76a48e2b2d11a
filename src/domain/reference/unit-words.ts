import { topUnit, unitLevels } from '../../db/repositories/org-units.js';
import type { DbOrTx } from '../../db/tx.js';

/**
 * The words the installation calls its units by, from its unit levels (org_unit_levels): the evaluated units
 * ("7개 구", "25개 자치구", "districts"; a province: "시·군", "cities and counties") and the evaluating
 * administration ("시"; "도"). Everything that names the units in text — award reasons, the streak label, the
 * press release, the public pages — takes them from here instead of writing '구'.
 */
export interface UnitWords {
  /** Short noun of an evaluated unit, in counts and titles: '구' ("7개 구", "우수구"); '시·군'. */
  nounKo: string;
  /** Formal name of the level: '자치구'; '시·군'. */
  nameKo: string;
  /** English singular and plural: 'district', 'districts'. */
  nameEn: string;
  pluralEn: string;
  /** Short noun of the evaluating administration: '시' ("시·구 공동협력사업", "시는"); '도'. */
  parentNounKo: string;
}

/** The words of the Seoul installation (and the default of a new one, as the first migration sets them). */
export const SEOUL_UNIT_WORDS: UnitWords = { nounKo: '구', nameKo: '자치구', nameEn: 'district', pluralEn: 'districts', parentNounKo: '시' };

/** The installation's unit words (the defaults for a level not set). */
export async function unitWords(db: DbOrTx): Promise<UnitWords> {
  const levels = await unitLevels(db);
  const member = levels.find((l) => l.kind === 'district');
  const parent = levels.find((l) => l.kind === 'city');
  return {
    nounKo: member?.nounKo ?? SEOUL_UNIT_WORDS.nounKo,
    nameKo: member?.nameKo ?? SEOUL_UNIT_WORDS.nameKo,
    nameEn: member?.nameEn ?? SEOUL_UNIT_WORDS.nameEn,
    pluralEn: member?.pluralEn ?? SEOUL_UNIT_WORDS.pluralEn,
    parentNounKo: parent?.nounKo ?? SEOUL_UNIT_WORDS.parentNounKo,
  };
}

/**
 * The title a unit with a streak of excellent results holds: '우수구' for a one-syllable noun, '우수 시·군' for a
 * longer one (as provinces write it); English 'Excellent district'.
 */
export function excellentTitle(words: UnitWords): { ko: string; en: string } {
  const ko = words.nounKo.length === 1 ? `우수${words.nounKo}` : `우수 ${words.nounKo}`;
  return { ko, en: `Excellent ${words.nameEn}` };
}

/** "7개 구" / "31개 시·군". */
export function countKo(n: number, words: UnitWords): string {
  return `${n}개 ${words.nounKo}`;
}

/**
 * The evaluating administration as a press release names it: '서울특별시' → '서울시', '부산광역시' → '부산시',
 * '세종특별자치시' → '세종시', '제주특별자치도' → '제주도', '경기도' stays. '서울시' when no unit of the top level exists.
 */
export function shortAdministrationName(name: string | null): string {
  if (!name) return '서울시';
  const m = /^(.+?)(특별자치시|특별시|광역시|특별자치도)$/.exec(name);
  if (!m) return name;
  return `${m[1]}${m[2]!.endsWith('도') ? '도' : '시'}`;
}

/** The short name of the installation's evaluating administration (its unit of the top level). */
export async function administrationShortName(db: DbOrTx): Promise<string> {
  return shortAdministrationName((await topUnit(db))?.name ?? null);
}

/** "자치구 11999" / "District 11999" in Seoul, "시·군 41999" / "City or county 41999" in a province: what a not-found names. */
export async function unitLabel(db: DbOrTx, code: string): Promise<{ ko: string; en: string }> {
  const words = await unitWords(db);
  return { ko: `${words.nameKo} ${code}`, en: `${words.nameEn.charAt(0).toUpperCase()}${words.nameEn.slice(1)} ${code}` };
}
