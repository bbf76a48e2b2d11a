import { OCCURRED_ON, type FieldDefinition } from '../activities/definition.js';
import { checkFieldValue, type RecordData } from '../activities/record-data.js';
import type { RecordType } from '../activities/record-types.js';
import type { FieldProblem, Message } from '../errors.js';
import type { RowValidator } from './bulk-record-validator.js';
import { periodRowValidator } from './data-period.js';
import { cellToInput } from './cell-value.js';
import { quoteInput } from './echo.js';
import type { DistrictCycle } from './import-context.js';
import { sheetProblem, type ReadRow, type ReadSheet, type ReadWorkbook } from './read-workbook.js';
import { RECORD_ID_KEY, RECORD_VERSION_KEY } from './sheet-columns.js';
import { josaPick } from '../../korean.js';

/** A record the import will create, or change (when its row carries the ID of one of the district's records). */
export interface PlannedRecord {
  sheet: string;
  excelRow: number;
  type: RecordType;
  occurredOn: string;
  data: RecordData;
  update?: { id: number; version: number; before: { occurredOn: string; data: RecordData } };
}

export interface PlannedValue {
  sheet: string;
  excelRow: number;
  indicatorCode: string;
  value: number;
  comment: string | null;
  /** The letter of the value column, to point at it. */
  valueColumn?: string;
}

export interface SheetSummary {
  sheet: string;
  recordType: string | null;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportPlan {
  records: PlannedRecord[];
  values: PlannedValue[];
  sheets: SheetSummary[];
}

/** An existing record a pre-filled row points at. */
export interface ExistingRecord {
  id: number;
  orgUnitId: number;
  recordType: string;
  occurredOn: string;
  data: RecordData;
  version: number;
}

function located(sheet: string, row: ReadRow, letter: string | undefined, message: Message, path: string): FieldProblem {
  return sheetProblem(sheet, message, { row: row.excelRow, ...(letter ? { letter } : {}), path });
}

const sameData = (a: RecordData, b: RecordData) => {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
};

const isErrorCell = (v: unknown) => typeof v === 'object' && v !== null && !(v instanceof Date);

function wholeNumber(row: ReadRow, key: string): number | null | 'invalid' {
  const cell = row.cells.get(key);
  if (!cell) return null;
  const v = typeof cell.value === 'string' ? Number(cell.value.trim()) : cell.value;
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : 'invalid';
}

/** Checks one record row; pushes its problems and returns the planned write when there are none. */
function validateRecordRow(
  sheet: Extract<ReadSheet, { kind: 'records' }>,
  row: ReadRow,
  ctx: DistrictCycle,
  existing: Map<number, ExistingRecord>,
  seenIds: Map<number, number>,
  problems: FieldProblem[],
  validate: RowValidator,
): PlannedRecord | null {
  const before = problems.length;
  const { type, name } = sheet;
  const at = (key: string) => sheet.columns.get(key)?.letter;
  const path = (key: string) => `${type.code}.${key}`;

  let update: PlannedRecord['update'];
  let base: ExistingRecord | undefined;
  const id = wholeNumber(row, RECORD_ID_KEY);
  if (id === 'invalid') {
    problems.push(
      located(
        name,
        row,
        at(RECORD_ID_KEY),
        { ko: '실적 ID가 올바르지 않습니다. 이 열은 고치지 마세요.', en: 'The record ID is not valid. Do not edit this column.' },
        path(RECORD_ID_KEY),
      ),
    );
  } else if (id !== null) {
    base = existing.get(id);
    const version = wholeNumber(row, RECORD_VERSION_KEY);
    const firstRow = seenIds.get(id);
    if (firstRow !== undefined) {
      problems.push(
        located(
          name,
          row,
          at(RECORD_ID_KEY),
          { ko: `실적 ID ${id}${josaPick(id, '이/가')} ${firstRow}행에도 있습니다.`, en: `Record ID ${id} also appears in row ${firstRow}.` },
          path(RECORD_ID_KEY),
        ),
      );
    } else if (!base || base.orgUnitId !== ctx.unit.id || base.recordType !== type.code) {
      problems.push(
        located(
          name,
          row,
          at(RECORD_ID_KEY),
          {
            ko: `실적 ID ${id}${josaPick(id, '은/는')} 이 자치구의 '${type.name.ko}' 실적이 아니거나 삭제되었습니다.`,
            en: `Record ID ${id} is not a '${type.name.en}' record of this district, or it was deleted.`,
          },
          path(RECORD_ID_KEY),
        ),
      );
    } else if (version === null || version === 'invalid') {
      problems.push(
        located(
          name,
          row,
          at(RECORD_VERSION_KEY) ?? at(RECORD_ID_KEY),
          {
            ko: '실적 ID가 있는 행에는 버전이 있어야 합니다. 이 열은 고치지 마세요.',
            en: 'A row with a record ID needs its version. Do not edit this column.',
          },
          path(RECORD_VERSION_KEY),
        ),
      );
    } else if (version !== base.version) {
      problems.push(
        located(
          name,
          row,
          at(RECORD_ID_KEY),
          {
            ko: `실적 ${id}${josaPick(id, '은/는')} 서식을 내려받은 뒤 다른 사용자가 고쳤습니다(버전 ${version} → ${base.version}). 서식을 다시 내려받아 고치세요.`,
            en: `Record ${id} was changed by someone after this file was downloaded (version ${version} → ${base.version}). Download the file again.`,
          },
          path(RECORD_ID_KEY),
        ),
      );
    } else {
      update = { id, version, before: { occurredOn: base.occurredOn, data: base.data } };
    }
    seenIds.set(id, row.excelRow);
  }

  // A pre-filled row keeps the values of columns the file does not have.
  const data: Record<string, unknown> = update ? { ...base!.data } : {};
  for (const f of type.fields) {
    const cell = row.cells.get(f.key);
    if (sheet.columns.has(f.key)) data[f.key] = cell ? cellToInput(f.type, cell.value) : undefined;
  }
  const dateCell = row.cells.get(OCCURRED_ON);
  const occurredOn = sheet.columns.has(OCCURRED_ON) ? cellToInput('date', dateCell?.value ?? null) : update?.before.occurredOn;
  const checked = validate(type, { occurredOn: occurredOn as string | undefined, data: data as Record<string, string> });
  if (!checked.ok) {
    for (const p of checked.problems) {
      const key = p.path.startsWith('data.') ? p.path.slice(5) : p.path === 'occurredOn' ? OCCURRED_ON : null;
      // A cell holding an error value or an uncalculated formula was reported as such already.
      if (key && isErrorCell(row.cells.get(key)?.value)) continue;
      problems.push(located(name, row, key ? at(key) : undefined, p.message, key ? path(key) : path('row')));
    }
  }
  if (problems.length > before || !checked.ok) return null;
  return { sheet: name, excelRow: row.excelRow, type, occurredOn: checked.occurredOn, data: checked.data as RecordData, ...(update ? { update } : {}) };
}

const commentField: FieldDefinition = { key: 'comment', label: { ko: '비고', en: 'Comment' }, type: 'longtext', required: false, maxLength: 2000 };

function validateValueRow(sheet: ReadSheet, row: ReadRow, ctx: DistrictCycle, seen: Map<string, number>, problems: FieldProblem[]): PlannedValue | null {
  const before = problems.length;
  const at = (key: string) => sheet.columns.get(key)?.letter;
  const codeCell = row.cells.get('code');
  const code = typeof codeCell?.value === 'string' || typeof codeCell?.value === 'number' ? String(codeCell.value).trim() : '';
  const indicator = ctx.directIndicators.find((i) => i.code.toLowerCase() === code.toLowerCase());
  const valueCell = row.cells.get('value');
  const commentCell = row.cells.get('comment');
  if (!indicator) {
    problems.push(
      located(
        sheet.name,
        row,
        at('code'),
        code
          ? {
              ko: `'${quoteInput(code)}'${josaPick(quoteInput(code), '은/는')} 이 평가 주기의 직접 입력 지표가 아닙니다.`,
              en: `'${quoteInput(code)}' is not a directly entered indicator of this cycle.`,
            }
          : { ko: '지표 코드가 비어 있습니다.', en: 'The indicator code is empty.' },
        'values.code',
      ),
    );
    return null;
  }
  const firstRow = seen.get(indicator.code);
  if (firstRow !== undefined) {
    problems.push(
      located(
        sheet.name,
        row,
        at('code'),
        {
          ko: `지표 ${indicator.code}${josaPick(indicator.code, '이/가')} ${firstRow}행에도 있습니다.`,
          en: `Indicator ${indicator.code} also appears in row ${firstRow}.`,
        },
        `values.${indicator.code}`,
      ),
    );
  }
  seen.set(indicator.code, row.excelRow);
  if (!valueCell) return null;
  const field: FieldDefinition = {
    key: indicator.code,
    label: indicator.name,
    type: 'number',
    required: true,
    ...(indicator.bounds.min !== undefined ? { min: indicator.bounds.min } : {}),
    ...(indicator.bounds.max !== undefined ? { max: indicator.bounds.max } : {}),
    ...(indicator.unit ? { unit: indicator.unit } : {}),
  };
  const value = checkFieldValue(field, cellToInput('number', valueCell.value), { coerce: true });
  if (!value.ok && !isErrorCell(valueCell.value)) problems.push(located(sheet.name, row, at('value'), value.message, `values.${indicator.code}`));
  const comment = checkFieldValue(commentField, commentCell ? cellToInput('longtext', commentCell.value) : undefined, { coerce: true });
  if (!comment.ok) problems.push(located(sheet.name, row, at('comment'), comment.message, `values.${indicator.code}.comment`));
  if (problems.length > before || !value.ok || !comment.ok) return null;
  const valueColumn = at('value');
  return {
    sheet: sheet.name,
    excelRow: row.excelRow,
    indicatorCode: indicator.code,
    value: value.value as number,
    comment: (comment.value as string | undefined) ?? null,
    ...(valueColumn ? { valueColumn } : {}),
  };
}

/**
 * Checks every row of every sheet against its record type, the data period and the rows it claims to update, and
 * turns the valid ones into a plan. The caller writes the plan only when the problem list is empty.
 */
export function validateWorkbook(
  read: ReadWorkbook,
  ctx: DistrictCycle,
  existing: Map<number, ExistingRecord>,
): { plan: ImportPlan; problems: FieldProblem[] } {
  const problems = [...read.problems];
  const plan: ImportPlan = { records: [], values: [], sheets: [] };
  const seenIds = new Map<number, number>();
  const seenValues = new Map<string, number>();
  // The activity-record rules (each type's schema built once) and the data period.
  const validate = periodRowValidator(ctx.period);
  for (const sheet of read.sheets) {
    const summary: SheetSummary = {
      sheet: sheet.name,
      recordType: sheet.kind === 'records' ? sheet.type.code : null,
      rows: sheet.rows.length,
      created: 0,
      updated: 0,
      unchanged: 0,
    };
    for (const row of sheet.rows) {
      if (sheet.kind === 'direct_values') {
        const v = validateValueRow(sheet, row, ctx, seenValues, problems);
        if (v) {
          plan.values.push(v);
          summary.updated++;
        }
        continue;
      }
      const r = validateRecordRow(sheet, row, ctx, existing, seenIds, problems, validate);
      if (!r) continue;
      if (r.update && r.update.before.occurredOn === r.occurredOn && sameData(r.update.before.data, r.data)) {
        summary.unchanged++;
        continue;
      }
      plan.records.push(r);
      if (r.update) summary.updated++;
      else summary.created++;
    }
    plan.sheets.push(summary);
  }
  return { plan, problems: inFileOrder(problems, read) };
}

const compareText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Problems as a person walks the file: sheet by sheet, row by row, left to right. */
function inFileOrder(problems: FieldProblem[], read: ReadWorkbook): FieldProblem[] {
  const sheetIndex = new Map(read.sheets.map((s, i) => [quoteInput(s.name), i]));
  // Column letters of one length sort as text (A < B < … < Z); a shorter one comes first (Z < AA).
  const key = (p: FieldProblem) => [p.sheet === undefined ? -1 : (sheetIndex.get(p.sheet) ?? -1), p.row ?? 0, p.column?.length ?? 0] as const;
  return problems
    .map((p, i) => ({ p, i, k: key(p) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2] || compareText(a.p.column ?? '', b.p.column ?? '') || a.i - b.i)
    .map((x) => x.p);
}

/** The record IDs pre-filled rows point at, to load before validating. */
export function referencedRecordIds(read: ReadWorkbook): number[] {
  const ids = new Set<number>();
  for (const sheet of read.sheets) {
    if (sheet.kind !== 'records') continue;
    for (const row of sheet.rows) {
      const id = wholeNumber(row, RECORD_ID_KEY);
      if (typeof id === 'number') ids.add(id);
    }
  }
  return [...ids];
}
