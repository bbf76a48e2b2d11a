import type { AdjustmentConfig, AdjustmentRule } from '../../engine/index.js';
import { DomainError, type Message } from '../errors.js';
import { josaPick } from '../../korean.js';

/** Signed points with the minus sign used in Korean documents (−2, +1.5). */
export function signedPoints(p: number): string {
  return p < 0 ? `−${-p}` : `+${p}`;
}

export function ruleOrThrow(config: AdjustmentConfig, code: string): AdjustmentRule {
  const rule = config.rules.find((r) => r.code === code);
  if (!rule) {
    const known = config.rules.map((r) => r.code).join(', ');
    const message: Message = {
      ko: `평가 체계에 없는 가점·감점 항목 "${code}"입니다 (있는 항목: ${known || '없음'}).`,
      en: `The framework has no adjustment rule "${code}" (rules: ${known || 'none'}).`,
    };
    throw new DomainError('invalid', 'unknown_rule', message, [{ path: 'body.rule', message }]);
  }
  return rule;
}

/** An entry under consideration: its rule and signed points. */
export interface CapEntry {
  rule: string;
  points: number;
}

const refuse = (code: string, message: Message) => new DomainError('invalid', code, message, [{ path: 'body.points', message }]);

/**
 * Checks one entry against its rule's sign and range and the caps, counting the district's other live entries
 * (pending or confirmed): the rule's own cap and the framework's overall bonus or penalty cap. Refuses with a
 * message naming the rule, the district and the cap.
 */
export function checkEntry(config: AdjustmentConfig, district: { name: string; code: string }, entry: CapEntry, others: readonly CapEntry[]): void {
  const rule = ruleOrThrow(config, entry.rule);
  const label = { ko: `"${rule.code} ${rule.name.ko}"`, en: `"${rule.code} ${rule.name.en}"` };
  if (!Number.isFinite(entry.points) || entry.points === 0) {
    throw refuse('points_invalid', { ko: '점수는 0이 아닌 숫자여야 합니다.', en: 'Points must be a non-zero number.' });
  }
  if (rule.kind === 'bonus' && entry.points < 0) {
    throw refuse('wrong_sign', {
      ko: `${label.ko}${josaPick(label.ko, '은/는')} 가점 항목입니다. 양수로 입력하세요 (${district.name}).`,
      en: `${label.en} is a bonus rule: enter positive points (${district.code}).`,
    });
  }
  if (rule.kind === 'penalty' && entry.points > 0) {
    throw refuse('wrong_sign', {
      ko: `${label.ko}${josaPick(label.ko, '은/는')} 감점 항목입니다. 음수로 입력하세요 (${district.name}).`,
      en: `${label.en} is a penalty rule: enter negative points (${district.code}).`,
    });
  }
  const magnitude = Math.abs(entry.points);
  const sign = rule.kind === 'bonus' ? 1 : -1;
  const sameRule = others.filter((o) => o.rule === rule.code).reduce((s, o) => s + Math.abs(o.points), 0);
  if (rule.cap !== undefined && sameRule + magnitude > rule.cap + 1e-9) {
    const cap = signedPoints(sign * rule.cap);
    throw refuse('rule_cap_exceeded', {
      ko: `${district.name}의 ${label.ko} 항목 합계가 한도 ${cap}점을 넘습니다 (이미 ${signedPoints(sign * sameRule)}점, 입력 ${signedPoints(entry.points)}점).`,
      en: `${district.code} ${label.en} would exceed the rule's cap of ${cap} (already ${signedPoints(sign * sameRule)}, entered ${signedPoints(entry.points)}).`,
    });
  }
  const kindCap = rule.kind === 'bonus' ? config.bonusCap : config.penaltyCap;
  const kinds = new Map(config.rules.map((r) => [r.code, r.kind]));
  const sameKind = others.filter((o) => kinds.get(o.rule) === rule.kind).reduce((s, o) => s + Math.abs(o.points), 0);
  if (kindCap !== undefined && sameKind + magnitude > kindCap + 1e-9) {
    const cap = signedPoints(sign * kindCap);
    const what = rule.kind === 'bonus' ? { ko: '가점', en: 'bonus' } : { ko: '감점', en: 'penalty' };
    throw refuse(`${rule.kind}_cap_exceeded`, {
      ko: `${district.name}의 ${what.ko} 합계가 총 한도 ${cap}점을 넘습니다 (${label.ko} ${signedPoints(entry.points)}점, 이미 ${signedPoints(sign * sameKind)}점).`,
      en: `${district.code}'s ${what.en} total would exceed the overall cap of ${cap} (${label.en} ${signedPoints(entry.points)}, already ${signedPoints(sign * sameKind)}).`,
    });
  }
}

/**
 * The framework's late-submission rule and the points of one entry: the rule marked `automatic.on =
 * 'late_submission'`, else (frameworks saved before rules could say so) the rule coded P_LATE with −1 within its cap.
 * Null: the framework has no late penalty.
 */
export function lateRuleOf(config: AdjustmentConfig): { rule: AdjustmentRule; points: number } | null {
  const marked = config.rules.find((r) => r.automatic?.on === 'late_submission');
  if (marked?.automatic) return { rule: marked, points: -Math.abs(marked.automatic.points) };
  const late = config.rules.find((r) => r.code === 'P_LATE' && r.kind === 'penalty');
  return late ? { rule: late, points: -Math.min(1, late.cap ?? 1) } : null;
}
