/**
 * Validation of iData into a {@link Dataset}: uCode present and unique (per Time), Time numeric, every indicator
 * and used denominator present as a column, every numeric cell a number or missing. Every problem is collected.
 */
import type { CanonicalDataRow, Dataset } from './dataset.js';
import { makeIssue, type EngineIssue } from './engine-error.js';
import type { Framework } from './framework.js';
import type { IDataRow } from './input-schema.js';
import { parseNumberCell, parseTextCell } from './parse-cell.js';
import type { TableSource } from './read-input.js';
import type { ResolvedOptions } from './resolve-options.js';
import { cellLocation } from './source-location.js';
import { josaPick } from './korean.js';

/** Result of {@link validateData}. */
export interface DataValidation {
  readonly dataset: Dataset | null;
  readonly canonical: CanonicalDataRow[];
}

/**
 * Validates iData against the framework. `metaTable` locates problems that belong to iMeta (an indicator missing
 * from the data is reported on its iMeta row).
 */
export function validateData(
  rows: readonly IDataRow[],
  table: TableSource,
  framework: Framework,
  metaTable: TableSource,
  options: ResolvedOptions,
  issues: EngineIssue[],
): DataValidation {
  const file = table.file;
  const before = issues.filter((i) => i.severity === 'error').length;
  if (rows.length === 0) {
    issues.push(makeIssue('EMPTY_FILE', 'error', 'iData에 행이 없습니다', 'iData has no rows', { file }));
    return { dataset: null, canonical: [] };
  }
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
    }
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
  for (const c of numericColumns) if (seen.has(c)) numeric.set(c, new Float64Array(n));
  const groups = new Map<string, (string | null)[]>();
  for (const g of groupColumns) if (seen.has(g)) groups.set(g, []);
  const firstRowOf = new Map<string, number>();
  const canonical: CanonicalDataRow[] = [];

  rows.forEach((row, i) => {
    const rec = row as Record<string, unknown>;
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
    const canon: CanonicalDataRow = { uCode: code ?? '' };
    if (seen.has('uName')) canon['uName'] = parseTextCell(rec['uName']);
    if (hasTime) canon['Time'] = time;
    for (const [g, arr] of groups) {
      const v = parseTextCell(rec[g]);
      arr.push(v);
      canon[g] = v;
    }
    for (const [c, arr] of numeric) {
      const raw = rec[c];
      const v = parseNumberCell(raw);
      if (v === undefined) {
        issues.push(
          makeIssue('NOT_NUMERIC', 'error', `숫자가 아닙니다: "${String(raw)}"`, `not a number: "${String(raw)}"`, {
            ...cellLocation(table, i, c),
            ...(code !== null ? { unit: code } : {}),
          }),
        );
        arr[i] = NaN;
        canon[c] = null;
      } else {
        arr[i] = v === null ? NaN : v;
        canon[c] = v;
      }
    }
    canonical.push(canon);
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
    const ka = String(a['uCode']);
    const kb = String(b['uCode']);
    if (ka !== kb) return ka < kb ? -1 : 1;
    return Number(a['Time'] ?? 0) - Number(b['Time'] ?? 0);
  });
  const failed = issues.filter((x) => x.severity === 'error').length > before;
  return {
    dataset: failed ? null : { columns, uCodes, uNames, times, groups, numeric, evalTime, evalRows },
    canonical,
  };
}
