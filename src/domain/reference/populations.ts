import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { orgUnitNames, setPopulation } from '../../db/repositories/org-units.js';
import { appendAudit, systemActor, type Actor } from '../audit.js';
import { DomainError, type FieldProblem, type Message } from '../errors.js';
import { readCsvRows } from '../imports/csv-stream.js';
import { josaPick } from '../../korean.js';

/** The columns of a population file as the resident-registration statistics publish it, with the headers accepted. */
const COLUMNS = {
  code: ['code', '코드', '행정구역코드', '행정기관코드'],
  name: ['name', '이름', '행정구역', '행정기관'],
  year: ['year', '연도', '년도'],
  value: ['value', '인구', '인구수', '총인구수'],
} as const;
type Column = keyof typeof COLUMNS;
const COLUMN_WORDS: Record<Column, Message> = {
  code: { ko: '코드', en: 'code' },
  name: { ko: '이름', en: 'name' },
  year: { ko: '연도', en: 'year' },
  value: { ko: '인구', en: 'value' },
};

/** A number as published: digits with optional thousands separators ("352,000"). */
const count = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,3}(,\d{3})*$|^\d+$/)
    .transform((s) => Number(s.replaceAll(',', '')))
    .pipe(z.number().int().min(min).max(max));

const rowSchema = z.object({
  code: z.string().trim().min(1),
  name: z.string().trim().min(1),
  year: count(1900, 2200),
  value: count(1, 100_000_000),
});

const cellProblems: Record<Column, Message> = {
  code: { ko: '단위 코드가 비어 있습니다.', en: 'The unit code is empty.' },
  name: { ko: '단위 이름이 비어 있습니다.', en: 'The unit name is empty.' },
  year: { ko: '연도는 1900–2200 사이의 정수여야 합니다.', en: 'The year must be a whole number between 1900 and 2200.' },
  value: { ko: '인구는 1 이상의 정수여야 합니다.', en: 'The value must be a whole number of at least 1.' },
};

export interface PopulationImportResult {
  /** (unit, year) figures written, new or replaced. */
  rows: number;
  years: number[];
}

/** A row of the file: its line (CSV) or row number (sheet) and its cells as text. */
export interface PopulationSourceRow {
  line: number;
  cells: string[];
}

/** Where the rows came from: a CSV, or a named sheet of a workbook (problems then name the sheet). */
type Origin = { sheet?: string };

function problem(line: number, column: Column, message: Message, origin: Origin = {}): FieldProblem {
  const word = COLUMN_WORDS[column];
  const sheet = origin.sheet;
  return {
    path: `${line}.${column}`,
    ...(sheet !== undefined ? { sheet } : {}),
    row: line,
    column,
    message:
      sheet !== undefined
        ? { ko: `'${sheet}' 시트 ${line}행 ${word.ko} 열: ${message.ko}`, en: `Sheet '${sheet}', row ${line}, column ${word.en}: ${message.en}` }
        : { ko: `${line}행 ${word.ko} 열: ${message.ko}`, en: `Line ${line}, column ${word.en}: ${message.en}` },
  };
}

/**
 * Imports yearly populations from a CSV (UTF-8 or CP949) with the columns code, name, year, value (Korean headers
 * such as 행정구역코드, 행정구역, 연도, 인구 also read). Every row is checked — the code must be a known unit whose name
 * matches, the year and value whole numbers, no (unit, year) twice — and every problem is reported with its line
 * and column in Korean and English (DomainError 'invalid' / 'population_import_invalid'). All or nothing: the
 * figures are written in one transaction, replacing those of the same unit and year, with one audit entry.
 */
export async function importPopulations(db: Db, source: Readable, actor: Actor = systemActor): Promise<PopulationImportResult> {
  return importPopulationRows(db, readCsvRows(source), actor);
}

/**
 * {@link importPopulations} for the rows of any file (a CSV's, or the first sheet of a workbook's with `origin.sheet`
 * named in every problem).
 */
export async function importPopulationRows(
  db: Db,
  rows: AsyncIterable<PopulationSourceRow> | Iterable<PopulationSourceRow>,
  actor: Actor = systemActor,
  origin: Origin = {},
): Promise<PopulationImportResult> {
  const units = new Map((await orgUnitNames(db)).map((u) => [u.code, u]));
  const problems: FieldProblem[] = [];
  const at = (line: number, column: Column, message: Message) => problem(line, column, message, origin);
  const parsed: Array<{ orgUnitId: number; code: string; year: number; value: number }> = [];
  const seen = new Map<string, number>();
  let index: Record<Column, number> | null = null;

  for await (const row of rows) {
    if (!index) {
      const headers = row.cells.map((c) => c.trim().toLowerCase());
      const found = {} as Record<Column, number>;
      for (const col of Object.keys(COLUMNS) as Column[]) {
        const position = headers.findIndex((h) => (COLUMNS[col] as readonly string[]).includes(h));
        if (position === -1)
          problems.push(at(row.line, col, { ko: `머리글에 ${COLUMNS[col].join(' / ')} 열이 없습니다.`, en: `The header has no ${col} column.` }));
        found[col] = position;
      }
      if (problems.length > 0) break;
      index = found;
      continue;
    }
    const idx = index;
    const cells = Object.fromEntries((Object.keys(COLUMNS) as Column[]).map((col) => [col, row.cells[idx[col]] ?? '']));
    const result = rowSchema.safeParse(cells);
    if (!result.success) {
      const columns = new Set(result.error.issues.map((i) => i.path[0] as Column));
      for (const col of columns) problems.push(at(row.line, col, cellProblems[col]));
      continue;
    }
    const { name, year, value } = result.data;
    // The statistics print 10-digit codes of administrative organs (4111000000): the first five are the unit's.
    const code = /^\d{5}0{5}$/.test(result.data.code) && !units.has(result.data.code) ? result.data.code.slice(0, 5) : result.data.code;
    const unit = units.get(code);
    if (!unit) {
      problems.push(
        at(row.line, 'code', { ko: `${code}${josaPick(code, '은/는')} 등록된 단위 코드가 아닙니다.`, en: `${code} is not the code of a known unit.` }),
      );
      continue;
    }
    // Names may come with their province first ('경기도 수원시'), as the statistics print them.
    if (unit.name !== name && name.split(/\s+/).at(-1) !== unit.name) {
      problems.push(
        at(row.line, 'name', {
          ko: `코드 ${code}의 단위는 '${unit.name}'인데 '${name}'${josaPick(name, '으로/로')} 적혀 있습니다.`,
          en: `The unit with code ${code} is '${unit.name}', not '${name}'.`,
        }),
      );
      continue;
    }
    const key = `${code}:${year}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(
        at(row.line, 'year', {
          ko: `${name}(${code})의 ${year}년 인구가 ${first}행에도 있습니다.`,
          en: `${name} (${code}) for ${year} is also on line ${first}.`,
        }),
      );
      continue;
    }
    seen.set(key, row.line);
    parsed.push({ orgUnitId: unit.id, code, year, value });
  }
  if (!index && problems.length === 0) {
    problems.push(at(1, 'code', { ko: '파일이 비어 있습니다.', en: 'The file is empty.' }));
  }
  if (index && parsed.length === 0 && problems.length === 0) {
    problems.push(at(2, 'code', { ko: '머리글 아래에 인구 행이 없습니다.', en: 'There are no rows below the header.' }));
  }
  if (problems.length > 0) {
    throw new DomainError(
      'invalid',
      'population_import_invalid',
      {
        ko: `인구 파일에 문제가 ${problems.length}건 있어 아무것도 적재하지 않았습니다.`,
        en: `The population file has ${problems.length} problem(s); nothing was loaded.`,
      },
      problems,
    );
  }
  const years = [...new Set(parsed.map((p) => p.year))].sort((a, b) => a - b);
  await db.transaction(async (tx) => {
    for (const p of parsed) await setPopulation(tx, p.orgUnitId, p.year, p.value);
    await appendAudit(tx, actor, {
      action: 'populations.imported',
      entityType: 'org_unit_populations',
      after: { rows: parsed.length, years, ...(origin.sheet !== undefined ? { sheet: origin.sheet } : {}) },
    });
  });
  return { rows: parsed.length, years };
}
