/**
 * Validation of iData into a {@link Dataset}: uCode present and unique (per Time), Time numeric, every indicator
 * and used denominator present as a column, every numeric cell a number or missing. Every problem is collected.
 */
import { jsonString, sameKeys } from './canonical-json.js';
import type { Dataset } from './dataset.js';
import { makeIssue, type EngineIssue } from './engine-error.js';
import type { Framework } from './framework.js';
import type { RowCells } from './input-fast-path.js';
import type { IDataRow } from './input-schema.js';
import { isShortestNumberText, parseNumberCell, parseTextCell, shortestNumberValue } from './parse-cell.js';
import type { TableSource } from './read-input.js';
import type { ResolvedOptions } from './resolve-options.js';
import { cellLocation } from './source-location.js';
import { josaPick } from './korean.js';

/** Result of {@link validateData}. */
export interface DataValidation {
  readonly dataset: Dataset | null;
  /**
   * Canonical JSON (`canonicalJson`) of the rows as the input hash sees them, sorted by uCode then Time: `uCode`,
   * `uName` (when the column exists), `Time`, group columns as text and numeric columns as numbers (missing or
   * invalid: null). In pieces, whose concatenation is the text (the hash reads them one after another).
   */
  readonly canonical: readonly string[];
}

/** `[`, the rows' texts separated by commas, `]`: the pieces of the rows' canonical JSON array. */
function canonicalParts(rows: readonly { text: string }[]): string[] {
  const parts = ['['];
  for (let i = 0; i < rows.length; i++) {
    if (i > 0) parts.push(',');
    parts.push(rows[i]!.text);
  }
  parts.push(']');
  return parts;
}

/** JSON of a text cell's value. */
const textJson = (v: string | null): string => (v === null ? 'null' : jsonString(v));

/** What `String` writes for a parsed number cell, from the cell's own text when that is already the same. */
function numberJson(raw: unknown, v: number): string {
  if (typeof raw === 'string') {
    const s = raw.trim();
    if (isShortestNumberText(s)) return s;
  }
  return String(v);
}

/**
 * Validates iData against the framework. `metaTable` locates problems that belong to iMeta (an indicator missing
 * from the data is reported on its iMeta row). `rowCells`, when given, are the rows' `Object.keys` and
 * `Object.values` (already read by the shape check).
 */
export function validateData(
  rows: readonly IDataRow[],
  table: TableSource,
  framework: Framework,
  metaTable: TableSource,
  options: ResolvedOptions,
  issues: EngineIssue[],
  rowCells?: RowCells,
): DataValidation {
  const file = table.file;
  const before = issues.filter((i) => i.severity === 'error').length;
  if (rows.length === 0) {
    issues.push(makeIssue('EMPTY_FILE', 'error', 'iData에 행이 없습니다', 'iData has no rows', { file }));
    return { dataset: null, canonical: ['[]'] };
  }
  const columns: string[] = [];
  const seen = new Set<string>();
  let previous: readonly string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const keys = rowCells?.keys[i] ?? Object.keys(rows[i]!);
    // A row with the previous row's keys (most rows) adds no column.
    if (sameKeys(keys, previous)) continue;
    for (let j = 0; j < keys.length; j++) {
      const k = keys[j]!;
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
    }
    previous = keys;
  }
  const headerRow = table.kind === 'csv' ? { row: 1 } : {};
  if (!seen.has('uCode')) {
    issues.push(makeIssue('MISSING_COLUMN', 'error', 'iData에 uCode 열이 없습니다', 'iData has no uCode column', { file, ...headerRow, column: 'uCode' }));
  }

  // Which columns are numbers, which are text.
  const indicatorCodes = framework.indicators.map((i) => i.code);
  const usedDenominators = new Set<string>();
  if (options.denominate) {
    for (const ind of framework.indicators) if (ind.denominator !== null) usedDenominators.add(ind.denominator);
  }
  const numericColumns = new Set<string>([...indicatorCodes, ...usedDenominators, ...framework.denominators]);
  const groupColumns = new Set<string>(framework.groups);
  if (options.impute?.group) groupColumns.add(options.impute.group);

  for (const ind of framework.indicators) {
    if (!seen.has(ind.code)) {
      issues.push(
        makeIssue(
          'INDICATOR_NOT_IN_DATA',
          'error',
          `지표 "${ind.code}"의 열이 iData(${file})에 없습니다`,
          `indicator "${ind.code}" has no column in iData (${file})`,
          { ...cellLocation(metaTable, ind.metaIndex, 'iCode'), iCode: ind.code },
        ),
      );
    }
  }
  for (const ind of framework.indicators) {
    if (options.denominate && ind.denominator !== null && !seen.has(ind.denominator)) {
      issues.push(
        makeIssue(
          'COLUMN_NOT_IN_DATA',
          'error',
          `분모 "${ind.denominator}"의 열이 iData(${file})에 없습니다`,
          `denominator "${ind.denominator}" has no column in iData (${file})`,
          { ...cellLocation(metaTable, ind.metaIndex, 'Denominator'), iCode: ind.code },
        ),
      );
    }
  }
  if (options.impute?.group && !seen.has(options.impute.group)) {
    issues.push(
      makeIssue(
        'COLUMN_NOT_IN_DATA',
        'error',
        `대체(impute)에 쓸 그룹 열 "${options.impute.group}"${josaPick(options.impute.group, '이/가')} iData에 없습니다`,
        `group column "${options.impute.group}" for imputation is not in iData`,
        { file, field: 'options.impute.group' },
      ),
    );
  }
  const known = new Set<string>(['uCode', 'uName', 'Time', ...numericColumns, ...groupColumns]);
  const metaCodes = new Set<string>([...indicatorCodes, ...framework.aggregates.map((a) => a.code), ...framework.others]);
  for (const c of columns) {
    if (!known.has(c) && !metaCodes.has(c)) {
      issues.push(
        makeIssue('UNKNOWN_COLUMN', 'warning', `iMeta에 없는 열 "${c}"${josaPick(c, '은/는')} 무시합니다`, `column "${c}" is not in iMeta and is ignored`, {
          file,
          ...headerRow,
          column: c,
        }),
      );
    }
  }

  const n = rows.length;
  const hasTime = seen.has('Time');
  const uCodes: string[] = [];
  const uNames: string[] = [];
  const times: (number | null)[] = [];
  const numeric = new Map<string, Float64Array>();
  const presentNumeric = [...numericColumns].filter((c) => seen.has(c));
  // One buffer for all numeric columns, each a view of it (a small typed array each costs an allocation of its own).
  const cells = new Float64Array(n * presentNumeric.length);
  presentNumeric.forEach((c, k) => numeric.set(c, cells.subarray(k * n, (k + 1) * n)));
  const groups = new Map<string, (string | null)[]>();
  for (const g of groupColumns) if (seen.has(g)) groups.set(g, []);
  const firstRowOf = new Map<string, number>();

  // The canonical row: its keys in the order they are assigned (a later assignment to a key replaces the value, as
  // on an object; `__proto__` never becomes an own key of one), written in code-unit order.
  const slotOf = new Map<string, number>();
  const slot = (key: string): number => {
    if (key === '__proto__') return -1;
    let k = slotOf.get(key);
    if (k === undefined) {
      k = slotOf.size;
      slotOf.set(key, k);
    }
    return k;
  };
  const codeSlot = slot('uCode');
  const nameSlot = seen.has('uName') ? slot('uName') : -1;
  const timeSlot = hasTime ? slot('Time') : -1;
  const groupList = [...groups];
  const groupSlots = groupList.map(([g]) => slot(g));
  const numericList = [...numeric];
  const numericSlots = numericList.map(([c]) => slot(c));
  const slotKeys = [...slotOf.keys()];
  // The default sort compares code units, as canonical JSON orders keys.
  const slotOrder = [...slotKeys].sort().map((key) => slotOf.get(key)!);
  const slotPrefix = slotOrder.map((k, j) => (j === 0 ? '{' : ',') + JSON.stringify(slotKeys[k]!) + ':');
  /** One canonical row: each key's prefix (`{"key":` or `,"key":`) followed by its value's text, then `}`. */
  const rowParts: string[] = [];
  for (const prefix of slotPrefix) rowParts.push(prefix, 'null');
  rowParts.push('}');
  /** Where each slot's value text goes in {@link rowParts}. */
  const partOf: number[] = [];
  slotOrder.forEach((k, j) => (partOf[k] = 2 * j + 1));
  const canonical: { code: string; time: number; text: string }[] = [];

  // A row whose keys are the first row's, in the same order (every row of a CSV file, and of most JSON), is read by
  // position from Object.values: one call per row instead of a lookup by name per cell.
  const layout = rowCells?.keys[0] ?? Object.keys(rows[0]!);
  const positionOf = new Map(layout.map((k, p) => [k, p]));
  const numericPositions = numericList.map(([c]) => positionOf.get(c) ?? -1);
  const numericNames = numericList.map(([c]) => c);
  const numericArrays = numericList.map(([, arr]) => arr);

  rows.forEach((row, i) => {
    const rec = row as Record<string, unknown>;
    const values: readonly unknown[] | null = sameKeys(rowCells?.keys[i] ?? Object.keys(rec), layout) ? (rowCells?.values[i] ?? Object.values(rec)) : null;
    // The values the canonical row's uCode and Time keys end up with: they order the rows.
    let codeValue: string | number | null = null;
    let timeValue: string | number | null | undefined = undefined;
    const put = (k: number, value: string | number | null, text: string): void => {
      if (k < 0) return;
      rowParts[partOf[k]!] = text;
      if (k === codeSlot) codeValue = value;
      else if (k === timeSlot) timeValue = value;
    };
    const code = parseTextCell(rec['uCode']);
    if (code === null && seen.has('uCode')) {
      issues.push(makeIssue('MISSING_CODE', 'error', 'uCode가 비어 있습니다', 'uCode is empty', cellLocation(table, i, 'uCode')));
    }
    let time: number | null = null;
    if (hasTime) {
      const t = parseNumberCell(rec['Time']);
      if (t === undefined) {
        issues.push(
          makeIssue(
            'NOT_NUMERIC',
            'error',
            `Time이 숫자가 아닙니다: "${String(rec['Time'])}"`,
            `Time is not a number: "${String(rec['Time'])}"`,
            cellLocation(table, i, 'Time'),
          ),
        );
      } else if (t === null) {
        issues.push(
          makeIssue(
            'NOT_NUMERIC',
            'error',
            'Time 열이 있으면 Time 값이 필요합니다',
            'Time is empty although the Time column exists',
            cellLocation(table, i, 'Time'),
          ),
        );
      } else time = t;
    }
    const key = `${code ?? ''}\u0000${time ?? ''}`;
    if (code !== null) {
      const first = firstRowOf.get(key);
      if (first !== undefined) {
        const firstRow = table.rows[first] ?? first + 1;
        issues.push(
          makeIssue(
            'DUPLICATE_UNIT',
            'error',
            `uCode "${code}"${hasTime ? ` (Time ${time})` : ''}가 중복됩니다 (처음: ${firstRow}행)`,
            `duplicate uCode "${code}"${hasTime ? ` (Time ${time})` : ''} (first at row ${firstRow})`,
            { ...cellLocation(table, i, 'uCode'), unit: code },
          ),
        );
      } else firstRowOf.set(key, i);
    }
    uCodes.push(code ?? '');
    uNames.push(parseTextCell(rec['uName']) ?? code ?? '');
    times.push(time);
    put(codeSlot, code ?? '', jsonString(code ?? ''));
    if (nameSlot >= 0) {
      const name = parseTextCell(rec['uName']);
      put(nameSlot, name, textJson(name));
    }
    if (hasTime) put(timeSlot, time, time === null ? 'null' : numberJson(rec['Time'], time));
    for (let j = 0; j < groupList.length; j++) {
      const [g, arr] = groupList[j]!;
      const v = parseTextCell(rec[g]);
      arr.push(v);
      put(groupSlots[j]!, v, textJson(v));
    }
    for (let j = 0; j < numericList.length; j++) {
      const c = numericNames[j]!;
      const arr = numericArrays[j]!;
      const p = numericPositions[j]!;
      const raw = values === null ? rec[c] : p < 0 ? undefined : values[p];
      if (typeof raw === 'string') {
        // Text already in the form String writes for its number (most CSV cells): a valid number, read in the same
        // pass, and its own text for the hash. (Trimmed only when it starts or ends with something other than
        // printable ASCII: most cells need no call.)
        const first = raw.charCodeAt(0);
        const last = raw.charCodeAt(raw.length - 1);
        const s = first > 32 && first < 127 && last > 32 && last < 127 ? raw : raw.trim();
        const v = shortestNumberValue(s);
        if (v === v) {
          arr[i] = v;
          put(numericSlots[j]!, v, s);
          continue;
        }
      }
      const v = parseNumberCell(raw);
      if (v === undefined) {
        issues.push(
          makeIssue('NOT_NUMERIC', 'error', `숫자가 아닙니다: "${String(raw)}"`, `not a number: "${String(raw)}"`, {
            ...cellLocation(table, i, c),
            ...(code !== null ? { unit: code } : {}),
          }),
        );
        arr[i] = NaN;
        put(numericSlots[j]!, null, 'null');
      } else if (v === null) {
        arr[i] = NaN;
        put(numericSlots[j]!, null, 'null');
      } else {
        arr[i] = v;
        put(numericSlots[j]!, v, numberJson(raw, v));
      }
    }
    canonical.push({ code: String(codeValue), time: Number(timeValue ?? 0), text: rowParts.join('') });
  });

  // Which rows are scored.
  let evalTime: number | null = null;
  if (hasTime) {
    const present = times.filter((t): t is number => t !== null);
    if (options.time !== null) {
      evalTime = options.time;
      if (!present.includes(evalTime)) {
        issues.push(
          makeIssue('INVALID_OPTION', 'error', `Time ${evalTime}인 행이 iData에 없습니다`, `iData has no rows with Time ${evalTime}`, {
            file,
            field: 'options.time',
          }),
        );
      }
    } else if (present.length > 0) evalTime = present.reduce((a, b) => (b > a ? b : a));
  } else if (options.time !== null) {
    issues.push(
      makeIssue('INVALID_OPTION', 'error', 'iData에 Time 열이 없어 time 옵션을 쓸 수 없습니다', 'options.time needs a Time column in iData', {
        file,
        field: 'options.time',
      }),
    );
  }
  const evalRows: number[] = [];
  for (let i = 0; i < n; i++) if (!hasTime || times[i] === evalTime) evalRows.push(i);

  if (!hasTime) {
    for (const ind of framework.indicators) {
      if (ind.method === 'yoy') {
        issues.push(
          makeIssue(
            'METHOD_PARAMETER',
            'error',
            'yoy(전년 대비 증가율) 방법에는 iData의 Time 열과 이전 연도 행이 필요합니다',
            'method yoy needs a Time column and earlier rows in iData',
            { ...cellLocation(metaTable, ind.metaIndex, 'Method'), iCode: ind.code },
          ),
        );
      }
    }
  }

  canonical.sort((a, b) => {
    if (a.code !== b.code) return a.code < b.code ? -1 : 1;
    return a.time - b.time;
  });
  const failed = issues.filter((x) => x.severity === 'error').length > before;
  return {
    dataset: failed ? null : { columns, uCodes, uNames, times, groups, numeric, evalTime, evalRows },
    canonical: canonicalParts(canonical),
  };
}
