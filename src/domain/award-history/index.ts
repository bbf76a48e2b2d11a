import { Readable } from 'node:stream';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import {
  listAwardHistory as listRows,
  publishedCycleYears,
  storedFrameworkTiers,
  upsertAwardHistory,
  type AwardHistoryInsert,
  type AwardHistoryRow,
} from '../../db/repositories/award-history.js';
import { districtsInOrder, orgUnitNames } from '../../db/repositories/org-units.js';
import type { DbOrTx } from '../../db/tx.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf, requireRole } from '../authz.js';
import { DomainError, type FieldProblem, type Message } from '../errors.js';
import { tierNames } from '../frameworks/defaults/common.js';
import { readCsvRows } from '../imports/csv-stream.js';
import { firstSheetRows } from '../reference/workbook-rows.js';
import { josaPick } from '../../korean.js';

/**
 * 수상 이력: award results of the years before the product ran the evaluation, imported from a CSV (UTF-8 with or
 * without BOM, or CP949) or an xlsx (first sheet). Streaks ("N년 연속 우수구") count across these years and the
 * published runs together (see scoring/runs.ts). Years the product itself has published are refused: their
 * results come from the runs.
 */

/** The columns of an award-history file, with the headers accepted for each. */
export const AWARD_COLUMNS = {
  year: ['year', '연도', '년도'],
  code: ['code', '코드', '행정구역코드', '기관코드'],
  name: ['name', '이름', '자치구', '기관', '기관명'],
  tier: ['tier', '등급', '시상 등급', '수상 등급'],
  rank: ['rank', '순위'],
  score: ['score', '점수', '총점'],
  prize: ['prize', '시상금', '시상금(원)'],
  source: ['source', '출처'],
  note: ['note', '비고'],
} as const;
type Column = keyof typeof AWARD_COLUMNS;
const REQUIRED: readonly Column[] = ['year', 'code', 'name', 'tier'];

const COLUMN_WORDS: Record<Column, Message> = {
  year: { ko: '연도', en: 'year' },
  code: { ko: '코드', en: 'code' },
  name: { ko: '이름', en: 'name' },
  tier: { ko: '등급', en: 'tier' },
  rank: { ko: '순위', en: 'rank' },
  score: { ko: '점수', en: 'score' },
  prize: { ko: '시상금', en: 'prize' },
  source: { ko: '출처', en: 'source' },
  note: { ko: '비고', en: 'note' },
};

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());
const wholeNumber = z
  .string()
  .trim()
  .regex(/^\d{1,3}(,\d{3})*$|^\d+$/)
  .transform((s) => Number(s.replaceAll(',', '')));

const rowSchema = z.object({
  year: wholeNumber.pipe(z.number().int().min(1990).max(2200)),
  code: z.string().trim().min(1),
  name: z.string().trim().min(1),
  tier: z.string().trim(),
  rank: optional(wholeNumber.pipe(z.number().int().min(1).max(10_000))),
  score: optional(
    z
      .string()
      .trim()
      .regex(/^-?\d+(\.\d+)?$/)
      .transform(Number)
      .pipe(z.number().min(-1000).max(10_000)),
  ),
  prize: optional(wholeNumber.pipe(z.number().int().min(0).max(1e13))),
  source: optional(z.string().trim().max(200)),
  note: optional(z.string().trim().max(500)),
});

const cellProblems: Record<Column, Message> = {
  year: { ko: '연도는 1990–2200 사이의 정수여야 합니다.', en: 'The year must be a whole number between 1990 and 2200.' },
  code: { ko: '단위 코드가 비어 있습니다.', en: 'The unit code is empty.' },
  name: { ko: '단위 이름이 비어 있습니다.', en: 'The unit name is empty.' },
  tier: { ko: '등급을 읽을 수 없습니다.', en: 'The tier cannot be read.' },
  rank: { ko: '순위는 1 이상의 정수여야 합니다.', en: 'The rank must be a whole number of at least 1.' },
  score: { ko: '점수는 숫자여야 합니다 (예: 85.5).', en: 'The score must be a number (e.g. 85.5).' },
  prize: { ko: '시상금은 원 단위의 0 이상 정수여야 합니다 (예: 45,000,000).', en: 'The prize must be a whole number of won, 0 or more (e.g. 45,000,000).' },
  source: { ko: '출처는 200자 이하여야 합니다.', en: 'The source must be at most 200 characters.' },
  note: { ko: '비고는 500자 이하여야 합니다.', en: 'The note must be at most 500 characters.' },
};

/** Words that say "no award that year" in the tier column, besides leaving it empty. */
const NO_AWARD = new Set(['-', '없음', '미수상', 'none']);

export interface AwardHistoryImportResult {
  rows: number;
  years: number[];
  awarded: number;
}

export type AwardHistoryEntry = Omit<AwardHistoryRow, 'importedAt'> & { importedAt: string };

function problem(line: number, column: Column, message: Message, sheet?: string): FieldProblem {
  const word = COLUMN_WORDS[column];
  return {
    path: `${line}.${column}`,
    row: line,
    column,
    ...(sheet ? { sheet } : {}),
    message: { ko: `${line}행 ${word.ko} 열: ${message.ko}`, en: `Row ${line}, column ${word.en}: ${message.en}` },
  };
}

/** The rows of a file as (line, cells) — the first sheet of an xlsx, or a CSV in UTF-8 or CP949. */
async function* fileRows(bytes: Buffer): AsyncGenerator<{ line: number; cells: string[]; sheet?: string }> {
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (!isZip) {
    for await (const row of readCsvRows(Readable.from([bytes]))) yield row;
    return;
  }
  const { sheet, rows } = await firstSheetRows(bytes);
  for (const row of rows) yield { ...row, sheet };
}

/** Tier codes and names a file may use: the shipped tier names and every stored framework's tiers. */
async function tierVocabulary(db: DbOrTx): Promise<Map<string, { code: string; name: string }>> {
  const out = new Map<string, { code: string; name: string }>();
  const add = (code: string, name: { ko: string; en: string }) => {
    const entry = { code, name: name.ko };
    for (const key of [code, name.ko, name.en]) if (!out.has(key.trim().toLowerCase())) out.set(key.trim().toLowerCase(), entry);
  };
  for (const t of await storedFrameworkTiers(db)) add(t.code, t.name);
  for (const [code, name] of Object.entries(tierNames)) add(code, name);
  return out;
}

/**
 * Imports award history from a file. Every row is checked — a known unit whose name matches, the year a whole
 * number for which the product has no published result, a known tier (code or name; empty, '-' or 없음 for no
 * award), optional rank, score, prize in 원, source and note, no (unit, year) twice — and every problem is reported
 * with its row and column in Korean and English (DomainError invalid `award_history_invalid`). All or nothing: the
 * rows are written in one transaction, replacing earlier imports of the same unit and year, with one audit entry.
 * City administrators only.
 */
export async function importAwardHistory(
  db: Db,
  principal: Principal,
  input: { bytes: Buffer; fileName: string; source?: string | undefined },
): Promise<AwardHistoryImportResult> {
  requireRole(principal, 'city_admin');
  const units = new Map((await orgUnitNames(db)).map((u) => [u.code, u]));
  const published = new Set(await publishedCycleYears(db));
  const tiers = await tierVocabulary(db);
  const actor = actorOf(principal);
  const defaultSource = input.source?.trim() || input.fileName;
  const problems: FieldProblem[] = [];
  const parsed: AwardHistoryInsert[] = [];
  const seen = new Map<string, number>();
  let index: Partial<Record<Column, number>> | null = null;

  for await (const row of fileRows(input.bytes)) {
    if (!index) {
      const headers = row.cells.map((c) => c.trim().toLowerCase());
      const found: Partial<Record<Column, number>> = {};
      for (const col of Object.keys(AWARD_COLUMNS) as Column[]) {
        const at = headers.findIndex((h) => (AWARD_COLUMNS[col] as readonly string[]).includes(h));
        if (at !== -1) found[col] = at;
        else if (REQUIRED.includes(col))
          problems.push(
            problem(
              row.line,
              col,
              { ko: `머리글에 ${AWARD_COLUMNS[col].join(' / ')} 열이 없습니다.`, en: `The header has no ${AWARD_COLUMNS[col].join(' / ')} column.` },
              row.sheet,
            ),
          );
      }
      if (problems.length > 0) break;
      index = found;
      continue;
    }
    const at = index;
    const cells = Object.fromEntries((Object.keys(AWARD_COLUMNS) as Column[]).map((col) => [col, at[col] === undefined ? '' : (row.cells[at[col]] ?? '')]));
    const result = rowSchema.safeParse(cells);
    if (!result.success) {
      const columns = new Set(result.error.issues.map((i) => i.path[0] as Column));
      for (const col of columns) problems.push(problem(row.line, col, cellProblems[col], row.sheet));
      continue;
    }
    const r = result.data;
    const before = problems.length;
    const unit = units.get(r.code);
    if (!unit)
      problems.push(
        problem(
          row.line,
          'code',
          { ko: `${r.code}${josaPick(r.code, '은/는')} 등록된 단위 코드가 아닙니다.`, en: `${r.code} is not the code of a known unit.` },
          row.sheet,
        ),
      );
    else if (unit.name !== r.name)
      problems.push(
        problem(
          row.line,
          'name',
          {
            ko: `코드 ${r.code}의 단위는 '${unit.name}'인데 '${r.name}'${josaPick(r.name, '으로/로')} 적혀 있습니다.`,
            en: `The unit with code ${r.code} is '${unit.name}', not '${r.name}'.`,
          },
          row.sheet,
        ),
      );
    if (published.has(r.year))
      problems.push(
        problem(
          row.line,
          'year',
          {
            ko: `${r.year}년은 이 시스템에서 평가 결과를 공표한 연도입니다. 그 해 결과는 산정 결과에서 가져오므로 이력으로 적재할 수 없습니다.`,
            en: `${r.year} has a result published in this system; that year's results come from its scoring run and cannot be imported.`,
          },
          row.sheet,
        ),
      );
    const noAward = r.tier === '' || NO_AWARD.has(r.tier.toLowerCase());
    const tier = noAward ? null : tiers.get(r.tier.toLowerCase());
    if (!noAward && !tier) {
      const known = [...new Set([...tiers.values()].map((t) => `${t.name}(${t.code})`))].join(', ');
      problems.push(
        problem(
          row.line,
          'tier',
          {
            ko: `'${r.tier}'${josaPick(r.tier, '은/는')} 알 수 없는 등급입니다. 쓸 수 있는 등급: ${known}, 수상하지 않았으면 빈칸.`,
            en: `'${r.tier}' is not a known tier. Known tiers: ${known}; leave it empty for no award.`,
          },
          row.sheet,
        ),
      );
    }
    const key = `${r.code}:${r.year}`;
    const first = seen.get(key);
    if (first !== undefined)
      problems.push(
        problem(
          row.line,
          'year',
          { ko: `${r.name}(${r.code})의 ${r.year}년 결과가 ${first}행에도 있습니다.`, en: `${r.name} (${r.code}) for ${r.year} is also on row ${first}.` },
          row.sheet,
        ),
      );
    if (problems.length > before || !unit) continue;
    seen.set(key, row.line);
    parsed.push({
      orgUnitId: unit.id,
      year: r.year,
      tier: tier?.code ?? null,
      tierName: tier?.name ?? null,
      rank: r.rank ?? null,
      score: r.score ?? null,
      prize: r.prize ?? null,
      source: r.source ?? defaultSource,
      note: r.note ?? null,
      importedBy: actor.userId,
      importedByLabel: actor.label,
    });
  }
  if (!index && problems.length === 0) problems.push(problem(1, 'year', { ko: '파일이 비어 있습니다.', en: 'The file is empty.' }));
  if (problems.length > 0)
    throw new DomainError(
      'invalid',
      'award_history_invalid',
      {
        ko: `수상 이력 파일에 문제가 ${problems.length}건 있어 아무것도 적재하지 않았습니다.`,
        en: `The award-history file has ${problems.length} problem(s); nothing was loaded.`,
      },
      problems,
    );
  const years = [...new Set(parsed.map((p) => p.year))].sort((a, b) => a - b);
  const awarded = parsed.filter((p) => p.tier !== null).length;
  await db.transaction(async (tx) => {
    await upsertAwardHistory(tx, parsed);
    await appendAudit(tx, actor, {
      action: 'award_history.imported',
      entityType: 'award_history',
      after: { rows: parsed.length, years, awarded, file: input.fileName, source: defaultSource },
    });
  });
  return { rows: parsed.length, years, awarded };
}

/** Every imported result, for the city (and the auditor, who reads everything). */
export async function listAwardHistory(db: DbOrTx, principal: Principal): Promise<AwardHistoryEntry[]> {
  requireRole(principal, 'city_admin', 'auditor');
  return (await listRows(db)).map((r) => ({ ...r, importedAt: r.importedAt.toISOString() }));
}

/**
 * A template to fill in (CSV, UTF-8 with BOM so Excel reads the Korean): the header, then one row per unit for
 * the year before the first published one, tier left empty.
 */
export async function awardHistoryTemplate(db: DbOrTx, principal: Principal): Promise<string> {
  requireRole(principal, 'city_admin');
  const districts = await districtsInOrder(db);
  const published = await publishedCycleYears(db);
  const year = (published[0] ?? new Date().getFullYear()) - 1;
  const header = ['연도', '코드', '이름', '등급', '순위', '점수', '시상금', '출처', '비고'];
  const lines = [header, ...districts.map((u) => [String(year), u.code, u.name, '', '', '', '', '', ''])];
  return `\uFEFF${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}
