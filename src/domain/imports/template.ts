import type ExcelJS from 'exceljs';
import { submissionsOfDistrict } from '../../db/repositories/submissions.js';
import type { DbOrTx } from '../../db/tx.js';
import { assertCanReadRecords } from '../activities/access.js';
import type { FieldDefinition } from '../activities/definition.js';
import type { RecordType } from '../activities/record-types.js';
import type { Principal } from '../auth.js';
import { escapeFormula } from '../exports/formula-escape.js';
import { inputToCell } from './cell-value.js';
import { loadDistrictCycle, type DistrictCycle } from './import-context.js';
import { periodRecords, type PeriodRecord } from '../../db/repositories/activities.js';
import {
  BOOLEAN_CHOICES,
  DIRECT_VALUE_COLUMNS,
  DIRECT_VALUES_SHEET,
  GUIDE_SHEET,
  LISTS_SHEET,
  RECORD_ID_KEY,
  RECORD_VERSION_KEY,
  columnLetter,
  recordTypeColumns,
  sheetNames,
  type SheetColumn,
} from './sheet-columns.js';

/** Rows below the headers that carry the drop-down lists and checks (Excel stores a range, not one per cell). */
const INPUT_ROWS = 2000;
export const FIRST_DATA_ROW = 3;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
const TITLE_FONT: Partial<ExcelJS.Font> = { bold: true, size: 14 };

interface DataValidations {
  add(address: string, validation: ExcelJS.DataValidation): void;
}
const validationsOf = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: DataValidations }).dataValidations;

function typeText(c: SheetColumn): string {
  const f = c.field;
  switch (c.type) {
    case 'integer':
      return '정수';
    case 'number':
      return '숫자';
    case 'money':
      return '금액(원, 정수)';
    case 'date':
      return '날짜(YYYY-MM-DD)';
    case 'boolean':
      return '예/아니오';
    case 'enum':
      return '목록에서 선택';
    case 'longtext':
      return `긴 글 (${f?.maxLength ?? 5000}자 이내)`;
    case 'text':
      return f?.format === 'year_month' ? '연월(YYYY-MM)' : `글 (${f?.maxLength ?? 200}자 이내)`;
    default:
      return '';
  }
}

/** The column that dates a record: its own date, or the date field the type names. */
const isRecordDate = (c: SheetColumn, type: RecordType) => c.key === type.dateField;

function rangeText(c: SheetColumn, type: RecordType, period: DistrictCycle['period']): string {
  if (isRecordDate(c, type)) return `${period.start} ~ ${period.end}`;
  const f = c.field;
  if (!f) return '';
  if (f.type === 'enum') return (f.options ?? []).join(', ');
  const parts: string[] = [];
  if (f.min !== undefined) parts.push(`${f.min} 이상`);
  if (f.max !== undefined) parts.push(`${f.max} 이하`);
  if (f.maxField) parts.push(`'${type.fields.find((o) => o.key === f.maxField)?.label.ko ?? f.maxField}' 이하`);
  return parts.join(', ');
}

function exampleOf(c: SheetColumn, period: DistrictCycle['period']): string {
  const f = c.field;
  switch (c.type) {
    case 'date':
      return period.start;
    case 'integer':
      return String(Math.max(f?.min ?? 0, 10));
    case 'number':
      return '12.5';
    case 'money':
      return '1,500,000';
    case 'boolean':
      return BOOLEAN_CHOICES.yes;
    case 'enum':
      return f?.options?.[0] ?? '';
    default:
      return f?.format === 'year_month' ? period.start.slice(0, 7) : `${c.label.ko} 예시`;
  }
}

/** The 안내 sheet: what the file is for, how to fill it, and every column of every sheet with an example. */
function writeGuide(ws: ExcelJS.Worksheet, ctx: DistrictCycle, names: Map<string, string>, prefilled: boolean): void {
  ws.getColumn(1).width = 26;
  ws.getColumn(2).width = 24;
  ws.getColumn(3).width = 22;
  ws.getColumn(4).width = 8;
  ws.getColumn(5).width = 40;
  ws.getColumn(6).width = 24;
  const line = (values: (string | number)[], font?: Partial<ExcelJS.Font>) => {
    const row = ws.addRow(values.map((v) => (typeof v === 'string' ? escapeFormula(v) : v)));
    if (font) row.font = font;
    return row;
  };
  line([`${ctx.cycle.year}년 희망일자리 평가 실적 입력 서식`], TITLE_FONT);
  line(['자치구', `${ctx.unit.name} (${ctx.unit.code})`]);
  line(['평가 주기', `${ctx.cycle.title}`]);
  line(['실적 기간', `${ctx.period.start} ~ ${ctx.period.end}`]);
  if (ctx.cycle.isDemo) line(['비고', '데모 데이터용 평가 주기입니다.']);
  line([]);
  line(['작성 방법'], { bold: true });
  const steps = [
    '1. 실적 유형마다 시트가 하나씩 있습니다. 1행의 제목 아래(3행부터) 한 줄에 실적 하나씩 입력하세요.',
    '2. 제목에 * 표시가 있는 열은 필수입니다. 숨겨진 2행(항목 키)과 숨겨진 열(실적 ID, 버전)은 고치거나 지우지 마세요.',
    `3. 날짜는 YYYY-MM-DD 형식(예: ${ctx.period.start})으로, 실적 기간(${ctx.period.start} ~ ${ctx.period.end}) 안의 날짜만 받습니다.`,
    '4. 목록이 있는 열은 목록에서 고르고, 예/아니오 열은 "예" 또는 "아니오"를 고르세요. 숫자 열에는 숫자만(쉼표·단위는 빼도 됩니다) 입력하세요.',
    `5. "${DIRECT_VALUES_SHEET}" 시트에는 실적으로 계산되지 않고 직접 입력하는 지표의 값과 비고를 적습니다.`,
    '6. 올리면 파일 전체를 먼저 검사합니다. 오류가 하나라도 있으면 아무것도 저장하지 않고, 모든 오류를 시트·행·열과 함께 알려 드립니다.',
    prefilled
      ? '7. 이미 입력된 실적이 채워져 있습니다. 고친 행은 그 실적을 수정하고, 새 행은 새 실적이 됩니다. 파일에서 지운 행의 실적은 삭제되지 않습니다(삭제는 화면에서).'
      : '7. 올린 행은 모두 새 실적으로 추가됩니다. 같은 파일을 두 번 올리면 두 번 추가됩니다.',
    '8. 시트를 추가하거나 시트 이름을 바꾸지 마세요. 모르는 시트와 열은 오류로 알려 드립니다.',
  ];
  for (const s of steps) line([s]);
  line([]);
  line(['시트별 입력 항목과 예시'], { bold: true });
  for (const type of ctx.recordTypes) {
    line([]);
    line([`[${names.get(type.code)}] ${type.name.ko}`, type.description?.ko ?? ''], { bold: true });
    const head = line(['열 제목', '항목 키', '형식', '필수', '입력 범위·선택지', '예시']);
    head.font = { bold: true };
    head.eachCell((c) => (c.fill = HEADER_FILL));
    recordTypeColumns(type)
      .filter((c) => !c.hidden)
      .forEach((c, i) =>
        line([
          `${columnLetter(i + 1)}열: ${c.header.ko}`,
          c.key,
          typeText(c),
          c.required ? '필수' : '',
          rangeText(c, type, ctx.period),
          exampleOf(c, ctx.period),
        ]),
      );
  }
  if (ctx.directIndicators.length > 0) {
    line([]);
    line([`[${DIRECT_VALUES_SHEET}] 직접 입력 지표`], { bold: true });
    line(['지표 코드 열은 고치지 말고, 값 열에 숫자를, 비고 열에 근거나 설명을 적으세요. 값을 비워 둔 지표는 건너뜁니다.']);
  }
}

function styleHeaderRows(ws: ExcelJS.Worksheet, columns: SheetColumn[]): void {
  const header = ws.getRow(1);
  const keys = ws.getRow(2);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header.ko;
    cell.fill = c.required ? REQUIRED_FILL : HEADER_FILL;
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.border = { bottom: { style: 'thin' } };
    keys.getCell(i + 1).value = c.key;
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.numFmt) col.numFmt = c.numFmt;
    if (c.hidden) col.hidden = true;
  });
  header.height = 32;
  keys.hidden = true;
}

/** Drop-downs and checks on the input rows; values outside them are still caught by the import check. */
function addValidations(ws: ExcelJS.Worksheet, columns: SheetColumn[], ctx: DistrictCycle, listRanges: Map<string, string>, type: RecordType): void {
  const dv = validationsOf(ws);
  const last = FIRST_DATA_ROW + INPUT_ROWS - 1;
  columns.forEach((c, i) => {
    const letter = columnLetter(i + 1);
    const range = `${letter}${FIRST_DATA_ROW}:${letter}${last}`;
    const f = c.field;
    const common = { allowBlank: true, showErrorMessage: true, errorStyle: 'stop' as const, errorTitle: c.label.ko };
    if (c.type === 'enum') {
      const ref = listRanges.get(`${type.code}.${c.key}`);
      if (ref) dv.add(range, { ...common, type: 'list', formulae: [ref], error: `${c.label.ko}: 목록에서 고르세요.` });
    } else if (c.type === 'boolean') {
      dv.add(range, { ...common, type: 'list', formulae: [`"${BOOLEAN_CHOICES.yes},${BOOLEAN_CHOICES.no}"`], error: '예 또는 아니오를 고르세요.' });
    } else if (c.type === 'date') {
      const [from, to] = isRecordDate(c, type) ? [ctx.period.start, ctx.period.end] : ['1900-01-01', '2999-12-31'];
      dv.add(range, {
        ...common,
        type: 'date',
        operator: 'between',
        formulae: [new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`)],
        error: isRecordDate(c, type) ? `실적 기간(${ctx.period.start} ~ ${ctx.period.end}) 안의 날짜를 입력하세요.` : '날짜를 YYYY-MM-DD 형식으로 입력하세요.',
      });
    } else if (c.type === 'integer' || c.type === 'money' || c.type === 'number') {
      const min = f?.min ?? -1e15;
      const max = f?.max ?? 1e15;
      dv.add(range, {
        ...common,
        type: c.type === 'number' ? 'decimal' : 'whole',
        operator: 'between',
        formulae: [min, max],
        error: `${c.label.ko}: ${c.type === 'number' ? '숫자를' : '정수를'} 입력하세요${f?.min !== undefined ? ` (${f.min} 이상)` : ''}.`,
      });
    }
  });
}

/** Enum fields with choices, each given a column of the hidden lists sheet. */
function enumColumns(types: RecordType[]): { typeCode: string; field: FieldDefinition; letter: string }[] {
  const out: { typeCode: string; field: FieldDefinition; letter: string }[] = [];
  for (const t of types) {
    for (const f of t.fields) {
      if (f.type === 'enum' && f.options?.length) out.push({ typeCode: t.code, field: f, letter: columnLetter(out.length + 1) });
    }
  }
  return out;
}

/** Where each enum field's choices live, as list-validation references. */
function listRanges(types: RecordType[]): Map<string, string> {
  return new Map(
    enumColumns(types).map(({ typeCode, field, letter }) => [
      `${typeCode}.${field.key}`,
      `'${LISTS_SHEET}'!$${letter}$2:$${letter}$${(field.options?.length ?? 0) + 1}`,
    ]),
  );
}

/** The hidden sheet of drop-down choices: one column per enum field, referenced by the list validations. */
function writeLists(wb: ExcelJS.Workbook, types: RecordType[]): void {
  const ws = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  enumColumns(types).forEach(({ typeCode, field }, i) => {
    ws.getCell(1, i + 1).value = `${typeCode}.${field.key}`;
    (field.options ?? []).forEach((o, j) => (ws.getCell(j + 2, i + 1).value = escapeFormula(o)));
  });
}

function writeRecordSheet(wb: ExcelJS.Workbook, name: string, type: RecordType, ctx: DistrictCycle, lists: Map<string, string>, records: PeriodRecord[]): void {
  const columns = recordTypeColumns(type);
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2, xSplit: 0 }] });
  styleHeaderRows(ws, columns);
  addValidations(ws, columns, ctx, lists, type);
  records.forEach((r, i) => {
    const row = ws.getRow(FIRST_DATA_ROW + i);
    columns.forEach((c, j) => {
      const value = c.key === RECORD_ID_KEY ? r.id : c.key === RECORD_VERSION_KEY ? r.version : c.field ? r.data[c.key] : r.occurredOn;
      row.getCell(j + 1).value = inputToCell(c.type, value);
    });
  });
}

type SavedValues = Map<string, { value: number | null; comment: string | null }>;

function writeDirectValues(wb: ExcelJS.Workbook, ctx: DistrictCycle, saved: SavedValues): void {
  const ws = wb.addWorksheet(DIRECT_VALUES_SHEET, { views: [{ state: 'frozen', ySplit: 2, xSplit: 0 }] });
  styleHeaderRows(ws, DIRECT_VALUE_COLUMNS);
  const dv = validationsOf(ws);
  ctx.directIndicators.forEach((ind, i) => {
    const r = FIRST_DATA_ROW + i;
    const row = ws.getRow(r);
    row.getCell(1).value = ind.code;
    row.getCell(2).value = escapeFormula(ind.name.ko);
    row.getCell(3).value = ind.unit ? escapeFormula(ind.unit) : null;
    const own = saved.get(ind.code);
    row.getCell(4).value = own?.value ?? null;
    row.getCell(5).value = own?.comment ? escapeFormula(own.comment) : null;
    dv.add(`D${r}`, {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      showErrorMessage: true,
      errorStyle: 'stop',
      formulae: [ind.bounds.min ?? -1e15, ind.bounds.max ?? 1e15],
      error: `${ind.name.ko}: ${ind.bounds.min ?? ''} ~ ${ind.bounds.max ?? ''} 범위의 숫자를 입력하세요.`,
    });
  });
}

/**
 * The .xlsx template of a district and cycle: 안내, one sheet per active record type (pre-filled with the district's
 * records in the data period, and the values already entered, when asked), 지표값 for the directly entered indicators, and a hidden sheet of choices.
 * Anyone who may read the district's records may download it.
 */
export async function buildTemplate(
  db: DbOrTx,
  principal: Principal | null,
  input: { year: number; orgUnitCode: string; prefill?: boolean },
): Promise<{ buffer: Buffer; fileName: string }> {
  assertCanReadRecords(principal, input.orgUnitCode);
  const ctx = await loadDistrictCycle(db, input.year, input.orgUnitCode);
  const names = sheetNames(ctx.recordTypes);
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'HopeJobs 희망일자리 평가 플랫폼';
  wb.title = `${ctx.cycle.year} ${ctx.unit.name} 실적 입력 서식`;
  wb.created = new Date();
  writeGuide(wb.addWorksheet(GUIDE_SHEET), ctx, names, input.prefill === true);
  const lists = listRanges(ctx.recordTypes);
  for (const type of ctx.recordTypes) {
    const records = input.prefill
      ? await periodRecords(db, { recordType: type.code, orgUnitId: ctx.unit.id, start: ctx.period.start, end: ctx.period.end })
      : [];
    writeRecordSheet(wb, names.get(type.code)!, type, ctx, lists, records);
  }
  const saved: SavedValues = input.prefill
    ? new Map((await submissionsOfDistrict(db, ctx.cycle.id, ctx.unit.id)).map((r) => [r.indicatorCode, { value: r.value, comment: r.comment }]))
    : new Map();
  writeDirectValues(wb, ctx, saved);
  writeLists(wb, ctx.recordTypes);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, fileName: `${ctx.cycle.year}_${ctx.unit.name}_실적입력서식.xlsx` };
}
