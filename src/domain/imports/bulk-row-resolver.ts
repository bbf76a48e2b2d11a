import type { RecordType } from '../activities/index.js';
import type { FieldProblem, Message } from '../errors.js';
import { copyText } from '../../db/copy-session.js';
import { boundProblem, quoteInput } from './echo.js';
import type { RowValidator } from './bulk-record-validator.js';
import type { CsvRow } from './csv-stream.js';
import { josaPick } from '../../korean.js';

const FIXED = ['org_unit_code', 'record_type', 'occurred_on'] as const;
type FixedColumn = (typeof FIXED)[number];
const fixedAliases: Record<string, FixedColumn> = {
  org_unit_code: 'org_unit_code',
  org_unit: 'org_unit_code',
  자치구코드: 'org_unit_code',
  기관코드: 'org_unit_code',
  자치구: 'org_unit_code',
  record_type: 'record_type',
  실적유형: 'record_type',
  유형: 'record_type',
  occurred_on: 'occurred_on',
  실적일자: 'occurred_on',
  일자: 'occurred_on',
  날짜: 'occurred_on',
};
const fixedLabels: Record<FixedColumn, Message> = {
  org_unit_code: { ko: '자치구 코드', en: 'org unit code' },
  record_type: { ko: '실적 유형', en: 'record type' },
  occurred_on: { ko: '실적 일자', en: 'date' },
};

/** Header text compared without case, spaces or Unicode form differences. */
const normHeader = (s: string) => s.normalize('NFC').replace(/\s+/g, '').toLowerCase();

/** Every problem counted; the first `cap` kept for the report. */
export class ProblemCollector {
  count = 0;
  readonly stored: FieldProblem[] = [];
  constructor(private readonly cap: number) {}
  add(p: FieldProblem): void {
    this.count++;
    if (this.stored.length < this.cap) this.stored.push(boundProblem(p));
  }
}

/** How one record type reads this file's columns: column index → field key (null: not a field of the type). */
interface TypeColumns {
  type: RecordType;
  /** undefined marks the fixed columns, which are read apart. */
  keys: (string | null | undefined)[];
  headerOf: Map<string, string>;
  rows: number;
}

export interface RowResolverOptions {
  /** Extra header aliases: header text → org_unit_code | record_type | occurred_on | a field key. */
  headerMap?: Record<string, string>;
  /** Only these units may appear. */
  allowedOrgUnitCodes?: readonly string[];
}

/**
 * Reads an activity CSV's header, then turns each row into a COPY line for activity_records: org unit by code (or
 * name), record type by code (or Korean/English name), each cell to the field its header names for that row's
 * type, the date and data checked by the validator. Problems go to the collector with the row's line and the
 * column's header as written in the file.
 */
export class RowResolver {
  hasHeader = false;
  private header: string[] = [];
  private fixed: Record<FixedColumn, number> = { org_unit_code: -1, record_type: -1, occurred_on: -1 };
  private readonly unitIds = new Map<string, number>();
  private readonly typesByName = new Map<string, RecordType>();
  private readonly columnsByType = new Map<number, TypeColumns>();
  private readonly aliases: Map<string, string>;
  private readonly allowedIds: Set<number> | null;
  private readonly allowedLabel: string;

  constructor(
    units: Array<{ id: number; code: string; name: string }>,
    types: RecordType[],
    opts: RowResolverOptions,
    private readonly problems: ProblemCollector,
  ) {
    for (const u of units) {
      this.unitIds.set(u.code, u.id);
      this.unitIds.set(normHeader(u.name), u.id);
    }
    this.allowedIds = opts.allowedOrgUnitCodes
      ? new Set(opts.allowedOrgUnitCodes.map((c) => this.unitIds.get(c)).filter((id): id is number => id !== undefined))
      : null;
    this.allowedLabel = (opts.allowedOrgUnitCodes ?? []).join(', ');
    for (const t of types) {
      if (!t.active) continue;
      for (const name of [t.code, t.name.ko, t.name.en]) this.typesByName.set(normHeader(name), t);
    }
    this.aliases = new Map(Object.entries(opts.headerMap ?? {}).map(([k, v]) => [normHeader(k), v]));
  }

  readHeader(row: CsvRow): void {
    this.hasHeader = true;
    this.header = row.cells.map((c) => c.trim());
    const seen = new Map<string, number>();
    this.header.forEach((h, i) => {
      const n = normHeader(h);
      const canonical = this.aliases.get(n) ?? n;
      const fixed = fixedAliases[canonical];
      if (fixed) this.fixed[fixed] = i;
      if (seen.has(canonical)) {
        const q = quoteInput(h);
        this.problems.add(headerProblem(row.line, q, { ko: `'${q}' 열이 두 번 있습니다.`, en: `The column '${q}' appears twice.` }));
      }
      seen.set(canonical, i);
    });
    for (const c of FIXED) {
      if (this.fixed[c] < 0) {
        const l = fixedLabels[c];
        this.problems.add(headerProblem(row.line, null, { ko: `'${l.ko}'(${c}) 열이 없습니다.`, en: `The ${l.en} column (${c}) is missing.` }));
      }
    }
  }

  /** The COPY line for a valid row; null (with problems recorded) otherwise. */
  toCopyLine(row: CsvRow, validate: RowValidator, importId: number, createdBy: string): string | null {
    const { cells, line } = row;
    if (cells.length !== this.header.length) {
      this.problems.add({
        path: 'row',
        row: line,
        message: {
          ko: `${line}행: 열이 ${cells.length}개입니다(머리행은 ${this.header.length}개).`,
          en: `Line ${line}: ${cells.length} columns where the header has ${this.header.length}.`,
        },
      });
      return null;
    }
    const before = this.problems.count;
    const unitCell = (cells[this.fixed.org_unit_code] ?? '').trim();
    const unitId = this.unitIds.get(unitCell) ?? this.unitIds.get(normHeader(unitCell));
    const unitText = quoteInput(unitCell);
    if (unitId === undefined) {
      this.cellProblem(
        line,
        'org_unit_code',
        unitCell === ''
          ? { ko: '자치구 코드가 비어 있습니다.', en: 'The org unit code is empty.' }
          : { ko: `'${unitText}'${josaPick(unitText, '은/는')} 등록된 자치구가 아닙니다.`, en: `'${unitText}' is not a known org unit.` },
      );
    } else if (this.allowedIds && !this.allowedIds.has(unitId)) {
      this.cellProblem(line, 'org_unit_code', {
        ko: `'${unitText}' 자치구의 실적은 올릴 수 없습니다(${this.allowedLabel}만 가능).`,
        en: `You may not import records of '${unitText}' (only ${this.allowedLabel}).`,
      });
    }
    const typeCell = (cells[this.fixed.record_type] ?? '').trim();
    const columns = this.columnsFor(typeCell);
    if (!columns) {
      this.cellProblem(
        line,
        'record_type',
        typeCell === ''
          ? { ko: '실적 유형이 비어 있습니다.', en: 'The record type is empty.' }
          : {
              ko: `'${quoteInput(typeCell)}'${josaPick(quoteInput(typeCell), '은/는')} 등록된 실적 유형이 아닙니다.`,
              en: `'${quoteInput(typeCell)}' is not a known record type.`,
            },
      );
      return null;
    }
    const data: Record<string, string> = {};
    for (let i = 0; i < cells.length; i++) {
      const key = columns.keys[i];
      if (key === undefined) continue;
      const cell = cells[i]!;
      if (cell === '') continue;
      if (cell.includes('\0')) {
        this.problems.add({ path: key ?? 'row', row: line, column: quoteInput(this.header[i] ?? ''), message: nulProblem });
      } else if (key === null) {
        const header = quoteInput(this.header[i] ?? '');
        this.problems.add({
          path: 'row',
          row: line,
          column: header,
          message: {
            ko: `'${header}' 열은 '${columns.type.name.ko}' 실적의 항목이 아닙니다.`,
            en: `The column '${header}' is not a field of '${columns.type.name.en}'.`,
          },
        });
      } else {
        data[key] = cell;
      }
    }
    const dateIndex = this.fixed.occurred_on;
    const r = validate(columns.type, { occurredOn: dateIndex >= 0 ? cells[dateIndex] : undefined, data });
    if (!r.ok) {
      for (const p of r.problems) {
        const key = p.path.startsWith('data.') ? p.path.slice(5) : null;
        const column = key !== null ? columns.headerOf.get(key) : p.path === 'occurredOn' ? this.headerOrName('occurred_on') : undefined;
        this.problems.add({ ...p, row: line, ...(column !== undefined ? { column } : {}) });
      }
      return null;
    }
    if (this.problems.count > before || unitId === undefined) return null;
    columns.rows++;
    return `${unitId}\t${columns.type.id}\t${r.occurredOn}\t${copyText(JSON.stringify(r.data))}\t${importId}\t${createdBy}\n`;
  }

  typeCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of this.columnsByType.values()) if (c.rows > 0) out[c.type.code] = c.rows;
    return out;
  }

  private headerOrName(c: FixedColumn): string {
    return this.fixed[c] >= 0 ? quoteInput(this.header[this.fixed[c]] ?? c) : c;
  }

  private cellProblem(line: number, c: FixedColumn, message: Message): void {
    this.problems.add({ path: c, row: line, column: this.headerOrName(c), message });
  }

  private columnsFor(typeCell: string): TypeColumns | null {
    const type = this.typesByName.get(normHeader(typeCell));
    if (!type) return null;
    let columns = this.columnsByType.get(type.id);
    if (columns) return columns;
    const byName = new Map<string, string>();
    for (const f of type.fields) for (const n of [f.key, f.label.ko, f.label.en]) byName.set(normHeader(n), f.key);
    const fixedIndexes = new Set(Object.values(this.fixed));
    const keys = this.header.map((h, i) => {
      if (fixedIndexes.has(i)) return undefined;
      const n = normHeader(h);
      return byName.get(this.aliases.get(n) ?? n) ?? null;
    });
    const headerOf = new Map<string, string>();
    keys.forEach((k, i) => k && headerOf.set(k, quoteInput(this.header[i] ?? k)));
    columns = { type, keys, headerOf, rows: 0 };
    this.columnsByType.set(type.id, columns);
    return columns;
  }
}

const nulProblem: Message = { ko: '값에 NUL 문자가 있습니다.', en: 'The value contains a NUL character.' };

function headerProblem(line: number, column: string | null, message: Message): FieldProblem {
  return { path: 'header', row: line, ...(column !== null ? { column } : {}), message };
}
