import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { orgUnitNames, setPopulation } from '../../db/repositories/org-units.js';
import { appendAudit, systemActor, type Actor } from '../audit.js';
import { DomainError, type FieldProblem, type Message } from '../errors.js';
import { readCsvRows } from '../imports/csv-stream.js';

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

function problem(line: number, column: Column, message: Message): FieldProblem {
  const word = COLUMN_WORDS[column];
  return {
    path: `${line}.${column}`,
    row: line,
    column,
    message: { ko: `${line}행 ${word.ko} 열: ${message.ko}`, en: `Line ${line}, column ${word.en}: ${message.en}` },
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
  const units = new Map((await orgUnitNames(db)).map((u) => [u.code, u]));
  const problems: FieldProblem[] = [];
  const parsed: Array<{ orgUnitId: number; code: string; year: number; value: number }> = [];
  const seen = new Map<string, number>();
  let index: Record<Column, number> | null = null;

  for await (const row of readCsvRows(source)) {
    if (!index) {
      const headers = row.cells.map((c) => c.trim().toLowerCase());
      const found = {} as Record<Column, number>;
      for (const col of Object.keys(COLUMNS) as Column[]) {
        const at = headers.findIndex((h) => (COLUMNS[col] as readonly string[]).includes(h));
        if (at === -1)
          problems.push(problem(row.line, col, { ko: `머리글에 ${COLUMNS[col].join(' / ')} 열이 없습니다.`, en: `The header has no ${col} column.` }));
        found[col] = at;
      }
      if (problems.length > 0) break;
      index = found;
      continue;
    }
    const at = index;
    const cells = Object.fromEntries((Object.keys(COLUMNS) as Column[]).map((col) => [col, row.cells[at[col]] ?? '']));
    const result = rowSchema.safeParse(cells);
    if (!result.success) {
      const columns = new Set(result.error.issues.map((i) => i.path[0] as Column));
      for (const col of columns) problems.push(problem(row.line, col, cellProblems[col]));
      continue;
    }
    const { code, name, year, value } = result.data;
    const unit = units.get(code);
    if (!unit) {
      problems.push(problem(row.line, 'code', { ko: `${code}은(는) 등록된 단위 코드가 아닙니다.`, en: `${code} is not the code of a known unit.` }));
      continue;
    }
    if (unit.name !== name) {
      problems.push(
        problem(row.line, 'name', {
          ko: `코드 ${code}의 단위는 '${unit.name}'인데 '${name}'로 적혀 있습니다.`,
          en: `The unit with code ${code} is '${unit.name}', not '${name}'.`,
        }),
      );
      continue;
    }
    const key = `${code}:${year}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(
        problem(row.line, 'year', {
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
    problems.push(problem(1, 'code', { ko: '파일이 비어 있습니다.', en: 'The file is empty.' }));
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
    await appendAudit(tx, actor, { action: 'populations.imported', entityType: 'org_unit_populations', after: { rows: parsed.length, years } });
  });
  return { rows: parsed.length, years };
}
