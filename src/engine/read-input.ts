/**
 * Reading an evaluation from a CSV pair (iMeta + iData) or from one JSON document into the same
 * {@link EvaluationInput} shape, with a source map so that later problems name the file, row and column the user
 * wrote. No I/O: the caller passes the file's name and its text or bytes.
 */
import type { z } from 'zod';
import { parseCsv } from './csv-parse.js';
import { toText, type TextEncodingName } from './decode-text.js';
import { makeIssue, EngineInputError, type EngineIssue, type SafeResult } from './engine-error.js';
import { EvaluationInputSchema, type EvaluationInput, type IMetaRow, type IDataRow } from './input-schema.js';

/** A file's display name (as the user gave it) and its content. */
export interface TextSource {
  readonly name: string;
  readonly content: string | Uint8Array;
}

/** Where the rows of one table came from. */
export interface TableSource {
  readonly file: string;
  readonly kind: 'csv' | 'json';
  /** Display row number of each input row (CSV: record number with header = 1; JSON: position + 1). */
  readonly rows: readonly number[];
  /** Name of the array in a JSON document (`iMeta` / `iData`). */
  readonly arrayName: 'iMeta' | 'iData';
  readonly encoding?: TextEncodingName;
}

/** Source map of an input: one entry per table. */
export interface InputSources {
  readonly meta: TableSource;
  readonly data: TableSource;
}

/** An input ready to score, with its source map. */
export interface PreparedInput {
  readonly input: EvaluationInput;
  readonly sources: InputSources;
}

function fail<T>(issues: EngineIssue[]): SafeResult<T> {
  return { success: false, error: new EngineInputError(issues) };
}

function csvTable(
  source: TextSource,
  arrayName: 'iMeta' | 'iData',
  issues: EngineIssue[],
): { rows: Record<string, string | null>[]; table: TableSource } | null {
  const { text, encoding } = toText(source.content);
  const file = source.name;
  const parsed = parseCsv(text);
  if (parsed.error) {
    issues.push(
      makeIssue(
        'SCHEMA',
        'error',
        `닫히지 않은 큰따옴표가 있습니다 (${parsed.error.line}번째 줄에서 시작)`,
        `unterminated double quote (starting at line ${parsed.error.line})`,
        { file, row: parsed.error.row },
      ),
    );
    return null;
  }
  const header = parsed.records[0];
  if (!header) {
    issues.push(makeIssue('EMPTY_FILE', 'error', '파일이 비어 있습니다', 'the file is empty', { file }));
    return null;
  }
  const columns = header.cells.map((c) => c.trim());
  let ok = true;
  const seen = new Map<string, number>();
  columns.forEach((c, j) => {
    if (c === '') {
      issues.push(
        makeIssue('MISSING_COLUMN', 'error', `${j + 1}번째 열의 이름이 비어 있습니다`, `column ${j + 1} has no name`, {
          file,
          row: header.row,
        }),
      );
      ok = false;
    } else if (seen.has(c)) {
      issues.push(
        makeIssue('DUPLICATE_CODE', 'error', `열 이름이 중복됩니다: ${c}`, `duplicate column name: ${c}`, {
          file,
          row: header.row,
          column: c,
        }),
      );
      ok = false;
    }
    seen.set(c, j);
  });
  if (parsed.records.length === 1) {
    issues.push(
      makeIssue('EMPTY_FILE', 'error', '머리글만 있고 데이터 행이 없습니다', 'the file has a header but no data rows', {
        file,
      }),
    );
    return null;
  }
  const rows: Record<string, string | null>[] = [];
  const rowNumbers: number[] = [];
  // Rows are copies of one template with every column (keys in header order): objects of one shape, which V8 keeps
  // in its fast form, so listing and reading their keys later is cheap (rows built key by key become hash tables).
  // Not with a "__proto__" column, whose assignment sets the prototype instead of adding a key.
  const template = columns.includes('__proto__')
    ? null
    : (JSON.parse(`{${columns.map((c) => `${JSON.stringify(c)}:null`).join(',')}}`) as Record<string, null>);
  for (const rec of parsed.records.slice(1)) {
    if (rec.cells.length > columns.length) {
      const extra = rec.cells.slice(columns.length).some((c) => c.trim() !== '');
      if (extra) {
        issues.push(
          makeIssue(
            'SCHEMA',
            'error',
            `값이 ${rec.cells.length}개로 머리글의 열 수(${columns.length})보다 많습니다`,
            `${rec.cells.length} values, more than the ${columns.length} header columns`,
            { file, row: rec.row },
          ),
        );
        ok = false;
        continue;
      }
    }
    const row: Record<string, string | null> = template === null ? {} : { ...template };
    columns.forEach((c, j) => {
      const cell = rec.cells[j];
      const wasQuoted = rec.quoted[j] ?? false;
      if (cell === undefined) row[c] = null;
      else if (!wasQuoted && (cell.trim() === '' || cell.trim() === 'NA')) row[c] = null;
      else if (cell.trim() === '') row[c] = null;
      else row[c] = cell;
    });
    rows.push(row);
    rowNumbers.push(rec.row);
  }
  if (!ok) return null;
  return { rows, table: { file, kind: 'csv', rows: rowNumbers, arrayName, encoding } };
}

/**
 * Reads a COINr-style CSV pair. Bytes are decoded as UTF-8 (BOM or not) or CP949; cells stay text and are checked
 * later with their row and column.
 *
 * @returns the prepared input, or every problem found in either file.
 */
export function readCsvInput(meta: TextSource, data: TextSource): SafeResult<PreparedInput> {
  const issues: EngineIssue[] = [];
  const m = csvTable(meta, 'iMeta', issues);
  const d = csvTable(data, 'iData', issues);
  if (!m || !d) return fail(issues);
  const input: EvaluationInput = {
    iMeta: m.rows as unknown as IMetaRow[],
    iData: d.rows as IDataRow[],
  };
  return { success: true, data: { input, sources: { meta: m.table, data: d.table } }, warnings: [] };
}

function jsonErrorRow(text: string, message: string): number | undefined {
  const pos = /position (\d+)/.exec(message);
  if (!pos) {
    const lc = /line (\d+)/.exec(message);
    return lc ? Number(lc[1]) : undefined;
  }
  const upto = text.slice(0, Number(pos[1]));
  return upto.split('\n').length;
}

/** Converts zod issues into engine issues located by file, row and column. */
export function schemaIssues(error: z.ZodError, file: string): EngineIssue[] {
  return error.issues.map((zi) => {
    const path = zi.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const field = path.map((p, k) => (typeof p === 'number' ? `[${p}]` : k === 0 ? String(p) : `.${String(p)}`)).join('');
    const arrayRow = (path[0] === 'iMeta' || path[0] === 'iData') && typeof path[1] === 'number';
    const location = {
      file,
      field: field === '' ? '(document)' : field,
      ...(arrayRow ? { row: (path[1] as number) + 1 } : {}),
      ...(arrayRow && typeof path[2] === 'string' ? { column: path[2] } : {}),
    };
    return makeIssue('SCHEMA', 'error', `형식이 올바르지 않습니다: ${zi.message}`, `invalid shape: ${zi.message}`, location);
  });
}

/**
 * Reads one evaluation document `{"iMeta":[…], "iData":[…], "options":{…}}` from text/bytes or an already parsed
 * value. The shape is checked with {@link EvaluationInputSchema}.
 */
export function readJsonInput(source: TextSource | { readonly name: string; readonly value: unknown }): SafeResult<PreparedInput> {
  const file = source.name;
  let value: unknown;
  let encoding: TextEncodingName | undefined;
  if ('value' in source) {
    value = source.value;
  } else {
    const decoded = toText(source.content);
    encoding = decoded.encoding;
    if (decoded.text.trim() === '') {
      return fail([makeIssue('EMPTY_FILE', 'error', '파일이 비어 있습니다', 'the file is empty', { file })]);
    }
    try {
      value = JSON.parse(decoded.text);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const row = jsonErrorRow(decoded.text, msg);
      return fail([
        makeIssue('INVALID_JSON', 'error', `JSON 구문 오류: ${msg}`, `invalid JSON: ${msg}`, {
          file,
          ...(row !== undefined ? { field: `line ${row}` } : {}),
        }),
      ]);
    }
  }
  const parsed = EvaluationInputSchema.safeParse(value);
  if (!parsed.success) return fail(schemaIssues(parsed.error, file));
  const input = parsed.data;
  const positions = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
  const common = { file, kind: 'json' as const, ...(encoding ? { encoding } : {}) };
  return {
    success: true,
    data: {
      input,
      sources: {
        meta: { ...common, rows: positions(input.iMeta.length), arrayName: 'iMeta' },
        data: { ...common, rows: positions(input.iData.length), arrayName: 'iData' },
      },
    },
    warnings: [],
  };
}

/** A default source map for an input given as a plain object (positions in the arrays). */
export function defaultSources(input: EvaluationInput, file = 'input'): InputSources {
  const positions = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
  return {
    meta: { file, kind: 'json', rows: positions(input.iMeta.length), arrayName: 'iMeta' },
    data: { file, kind: 'json', rows: positions(input.iData.length), arrayName: 'iData' },
  };
}
