import type { OrgUnit, UnitWords } from '../types/index.js';
import type { InstallationWords } from './i18n.js';

function finalConsonant(word: string): boolean {
  const code = word.charCodeAt(word.length - 1);
  return code >= 0xac00 && code <= 0xd7a3 && (code - 0xac00) % 28 !== 0;
}

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
  const batchim = finalConsonant(ko);
  const noun = words.nounKo;
  const nounBatchim = finalConsonant(noun);
  const rieul = batchim && (ko.charCodeAt(ko.length - 1) - 0xac00) % 28 === 8;
  const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const short = shortName(top.name);
  const metropolitan = /(특별시|광역시)$/.test(top.name);
  // 'Seoul Metropolitan Government' names the government; the texts also need the place ('Seoul median').
  const placeEn = top.nameEn.replace(/ (Metropolitan|Provincial|Special Self-Governing) Government$/, '');
  return {
    unitKo: ko,
    unitKoGa: `${ko}${batchim ? '이' : '가'}`,
    unitKoReul: `${ko}${batchim ? '을' : '를'}`,
    unitKoRo: `${ko}${batchim && !rieul ? '으로' : '로'}`,
    unitKoWa: `${ko}${batchim ? '과' : '와'}`,
    unitKoNeun: `${ko}${batchim ? '은' : '는'}`,
    unitNounKo: noun,
    unitNounKoGa: `${noun}${nounBatchim ? '이' : '가'}`,
    unitNounKoWa: `${noun}${nounBatchim ? '과' : '와'}`,
    unitNounKoNa: `${noun}${nounBatchim ? '이나' : '나'}`,
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
