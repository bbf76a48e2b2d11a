/**
 * The engine's warnings are written for analysts ("ZERO_RANGE: iCode J3 has zero range …", one line per unit and
 * indicator). An admin needs one plain sentence per kind of problem saying what it means for the result; the raw
 * lines stay in the run's result behind a "자세히" disclosure.
 */
import type { Message } from '../errors.js';
import { frameworkDefinitionSchema } from '../frameworks/definition.js';
import type { Snapshot } from './evaluate.js';

export interface PlainNotice {
  code: string;
  /** How many raw engine warnings this notice stands for. */
  count: number;
  message: Message;
}

interface RawWarning {
  code: string;
  unit: string | null;
  iCode: string | null;
}

const list = (xs: string[], max = 5) => (xs.length > max ? `${xs.slice(0, max).join(', ')} 외 ${xs.length - max}개` : xs.join(', '));
const listEn = (xs: string[], max = 5) => (xs.length > max ? `${xs.slice(0, max).join(', ')} and ${xs.length - max} more` : xs.join(', '));

/** One plain notice per warning code, naming districts and indicators the way the admin knows them. */
export function plainWarnings(raw: readonly RawWarning[], snapshot: Snapshot): PlainNotice[] {
  const def = frameworkDefinitionSchema.parse(snapshot.framework);
  const indName = new Map(def.indicators.map((i) => [i.code, i.name]));
  const unitName = new Map(snapshot.units.map((u) => [u.code, u.name]));
  const byCode = new Map<string, RawWarning[]>();
  for (const w of raw) byCode.set(w.code, [...(byCode.get(w.code) ?? []), w]);
  const out: PlainNotice[] = [];
  for (const [code, ws] of byCode) {
    const units = [...new Set(ws.map((w) => w.unit).filter((u): u is string => u !== null))].map((u) => unitName.get(u) ?? u);
    const inds = [...new Set(ws.map((w) => w.iCode).filter((c): c is string => c !== null && indName.has(c)))];
    const indKo = list(inds.map((c) => `${c} ${indName.get(c)!.ko}`));
    const indEn = listEn(inds.map((c) => `${c} ${indName.get(c)!.en}`));
    let message: Message;
    switch (code) {
      case 'NO_TOP_SCORE':
        message = {
          ko: `${units.length}개 구는 검증된 값이 하나도 없어 총점과 순위가 없습니다 (${list(units)}).`,
          en: `${units.length} district(s) have no verified value at all, so no total score or rank (${listEn(units)}).`,
        };
        break;
      case 'STILL_MISSING_AFTER_IMPUTE':
        message = {
          ko: `값이 없는 항목 ${ws.length}개는 0점으로 계산되었습니다 (지표: ${indKo}).`,
          en: `${ws.length} item(s) without a value earned no points (indicators: ${indEn}).`,
        };
        break;
      case 'ZERO_RANGE':
        message = {
          ko: `모든 구의 값이 같거나 값이 하나뿐이어서 차이를 매길 수 없는 지표가 ${inds.length || ws.length}개 있습니다 (${indKo}). 이 지표에서는 모든 구가 같은 점수를 받습니다.`,
          en: `${inds.length || ws.length} indicator(s) cannot tell districts apart because every value is the same or there is only one (${indEn}); every district earns the same points there.`,
        };
        break;
      case 'NO_PREVIOUS_TIME':
        message = {
          ko: `전년도 값이 없어 증가율을 계산할 수 없는 항목이 ${ws.length}개 있습니다 (${indKo}).`,
          en: `${ws.length} item(s) have no previous-year value for a growth rate (${indEn}).`,
        };
        break;
      case 'DENOMINATOR_NOT_POSITIVE':
        message = {
          ko: `분모가 0 이하여서 계산할 수 없는 항목이 ${ws.length}개 있습니다 (${indKo}).`,
          en: `${ws.length} item(s) have a denominator of zero or less (${indEn}).`,
        };
        break;
      case 'OUT_OF_SCALE':
        message = {
          ko: `허용 범위를 벗어난 값이 ${ws.length}개 있어 범위 안으로 맞춰 계산했습니다 (${indKo}).`,
          en: `${ws.length} value(s) fell outside the scale and were clamped (${indEn}).`,
        };
        break;
      case 'UNIT_SCREENED_OUT':
        message = {
          ko: `자료가 너무 부족한 ${units.length}개 구는 순위 산정에서 빠졌습니다 (${list(units)}).`,
          en: `${units.length} district(s) with too little data were left out of the ranking (${listEn(units)}).`,
        };
        break;
      case 'POINTS_TOTAL':
      case 'POINTS_NOT_ADDITIVE':
      case 'POINTS_OUT_OF_RANGE':
      case 'POINTS_WEIGHT_MISMATCH':
        message = {
          ko: '평가 체계의 배점 설정에 확인이 필요한 부분이 있습니다. 평가 체계 담당자에게 확인하세요.',
          en: 'The framework’s points need checking. Ask whoever maintains the framework.',
        };
        break;
      default:
        message = {
          ko: `계산 중 확인이 필요한 사항이 ${ws.length}건 있습니다. ‘자세히’에서 원문을 보세요.`,
          en: `${ws.length} calculation note(s) need checking. See the details for the original text.`,
        };
    }
    out.push({ code, count: ws.length, message });
  }
  // Missing values earn no points without any engine warning: say so, or a ranking on 2 values looks like a result.
  const missing = snapshot.units.flatMap((u) => def.indicators.filter((i) => (u.values[i.code] ?? null) === null).map((i) => ({ unit: u.name, code: i.code })));
  if (missing.length > 0) {
    const total = snapshot.units.length * def.indicators.length;
    const units = [...new Set(missing.map((m) => m.unit))];
    out.unshift({
      code: 'MISSING_VALUES',
      count: missing.length,
      message: {
        ko: `전체 ${total.toLocaleString('ko-KR')}개 항목 중 ${missing.length.toLocaleString('ko-KR')}개는 검증된 값이 없어 0점으로 계산되었습니다 (${units.length}개 구: ${list(units)}). 이 항목들의 순위·등급은 실제 성과를 나타내지 않습니다.`,
        en: `${missing.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} items have no verified value and earned no points (${units.length} district(s): ${listEn(units)}). Ranks and tiers based on them do not reflect performance.`,
      },
    });
  }
  return out;
}
