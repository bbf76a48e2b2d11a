import type { OrgUnit, UnitWords } from '../types/index.js';
import type { InstallationWords } from './i18n.js';
import { josa } from '../../korean.js';

/** '서울특별시' → '서울', '경기도' → '경기' (how the results page names the administration before a count). */
function shortName(name: string): string {
  return name.replace(/(특별자치시|특별자치도|특별시|광역시|도|시)$/, '');
}

/**
 * The UI's words for an installation from its units and level words: '자치구가' / '시·군이' with the right particles,
 * the count of evaluated units, and the administration's names. `null` keeps Seoul's words.
 */
export function installationWords(units: OrgUnit[], words: UnitWords): InstallationWords | null {
  const top = units.find((u) => u.kind === 'city');
  if (!top) return null;
  const ko = words.nameKo;
  const noun = words.nounKo;
  const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const short = shortName(top.name);
  const metropolitan = /(특별시|광역시)$/.test(top.name);
  // 'Seoul Metropolitan Government' names the government; the texts also need the place ('Seoul median').
  const placeEn = top.nameEn.replace(/ (Metropolitan|Provincial|Special Self-Governing) Government$/, '');
  return {
    unitKo: ko,
    unitKoGa: josa(ko, '이/가'),
    unitKoReul: josa(ko, '을/를'),
    unitKoRo: josa(ko, '으로/로'),
    unitKoWa: josa(ko, '와/과'),
    unitKoNeun: josa(ko, '은/는'),
    unitNounKo: noun,
    unitNounKoGa: josa(noun, '이/가'),
    unitNounKoWa: josa(noun, '와/과'),
    unitNounKoNa: josa(noun, '이나/나'),
    unitEn: words.nameEn,
    unitsEn: words.pluralEn,
    UnitEn: capital(words.nameEn),
    UnitsEn: capital(words.pluralEn),
    unitCount: String(units.filter((u) => u.kind === 'district').length),
    parentNounKo: words.parentNounKo,
    cityKo: metropolitan ? `${short}시` : top.name,
    cityShortKo: short,
    cityFullKo: top.name,
    cityEn: placeEn,
    cityGovEn: / Government$/.test(top.nameEn) ? top.nameEn : `${placeEn} ${metropolitan ? 'Metropolitan' : 'Provincial'} Government`,
  };
}
