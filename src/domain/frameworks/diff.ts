import type { FrameworkDefinition, Indicator } from './definition.js';

export interface IndicatorChange {
  code: string;
  field: string;
  name: { ko: string; en: string };
  /** Which properties differ, each old → new (points, method, formula, …). */
  changes: Array<{ property: string; before: unknown; after: unknown }>;
}

export interface FrameworkDiff {
  added: Indicator[];
  removed: Indicator[];
  changed: IndicatorChange[];
  fields: { added: string[]; removed: string[]; pointsBefore: Record<string, number>; pointsAfter: Record<string, number> };
  awardsChanged: boolean;
  prizesChanged: boolean;
  adjustmentsChanged: boolean;
  /** One line per change, Korean and English, e.g. "J1 일자리·경제 활성화 기업방문 실적 신설 (6점)". */
  summary: { ko: string[]; en: string[] };
}

const compared: Array<keyof Indicator> = [
  'field',
  'name',
  'points',
  'direction',
  'unit',
  'kind',
  'method',
  'formula',
  'evidenceRequired',
  'bounds',
  'rubric',
  'guidance',
];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function pointsByField(def: FrameworkDefinition): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of def.indicators) out[i.field] = (out[i.field] ?? 0) + i.points;
  return out;
}

const describe = (v: unknown) => (typeof v === 'object' ? JSON.stringify(v) : String(v));

/** A readable diff of two framework versions (e.g. 2018 → 2019), by indicator code. */
export function diffFrameworks(before: FrameworkDefinition, after: FrameworkDefinition): FrameworkDiff {
  const oldBy = new Map(before.indicators.map((i) => [i.code, i]));
  const newBy = new Map(after.indicators.map((i) => [i.code, i]));
  const added = after.indicators.filter((i) => !oldBy.has(i.code));
  const removed = before.indicators.filter((i) => !newBy.has(i.code));
  const changed: IndicatorChange[] = [];
  for (const n of after.indicators) {
    const o = oldBy.get(n.code);
    if (!o) continue;
    const changes = compared.filter((p) => !same(o[p], n[p])).map((p) => ({ property: p, before: o[p], after: n[p] }));
    if (changes.length) changed.push({ code: n.code, field: n.field, name: n.name, changes });
  }
  const oldFields = new Set(before.fields.map((f) => f.code));
  const newFields = new Set(after.fields.map((f) => f.code));
  const ko: string[] = [];
  const en: string[] = [];
  for (const i of added) {
    ko.push(`${i.code} ${i.name.ko} 신설 (${i.points}점)`);
    en.push(`${i.code} ${i.name.en} added (${i.points} points)`);
  }
  for (const i of removed) {
    ko.push(`${i.code} ${i.name.ko} 삭제 (${i.points}점)`);
    en.push(`${i.code} ${i.name.en} removed (${i.points} points)`);
  }
  for (const c of changed) {
    for (const ch of c.changes) {
      if (ch.property === 'points') {
        ko.push(`${c.code} ${c.name.ko} 배점 ${describe(ch.before)}점 → ${describe(ch.after)}점`);
        en.push(`${c.code} ${c.name.en} points ${describe(ch.before)} → ${describe(ch.after)}`);
      } else if (ch.property === 'guidance') {
        ko.push(`${c.code} ${c.name.ko}: 평가 편람 변경`);
        en.push(`${c.code} ${c.name.en}: handbook guidance changed`);
      } else {
        ko.push(`${c.code} ${c.name.ko}: ${ch.property} 변경`);
        en.push(`${c.code} ${c.name.en}: ${ch.property} changed`);
      }
    }
  }
  const awardsChanged = !same(before.awards, after.awards);
  const prizesChanged = !same(before.prizes, after.prizes);
  const adjustmentsChanged = !same(before.adjustments, after.adjustments);
  const note = (changed: boolean, k: string, e: string) => {
    if (!changed) return;
    ko.push(k);
    en.push(e);
  };
  note(awardsChanged, '시상 등급 규칙 변경', 'Award tiers changed');
  note(prizesChanged, '시상금 변경', 'Prize table changed');
  note(adjustmentsChanged, '가점·감점 규칙 변경', 'Bonus/penalty rules changed');
  return {
    added,
    removed,
    changed,
    fields: {
      added: [...newFields].filter((f) => !oldFields.has(f)),
      removed: [...oldFields].filter((f) => !newFields.has(f)),
      pointsBefore: pointsByField(before),
      pointsAfter: pointsByField(after),
    },
    awardsChanged,
    prizesChanged,
    adjustmentsChanged,
    summary: { ko, en },
  };
}
