import { Readable } from 'node:stream';
import type { Db } from '../../db/client.js';
import { listCycles } from '../../db/repositories/cycles.js';
import {
  allPopulations,
  clearUnitGroups,
  findOrgUnitByCode,
  listOrgUnits,
  populationOf,
  setPopulation,
  setUnitGroup,
  setUnitLevel,
  unitGroups,
  unitLevels,
} from '../../db/repositories/org-units.js';
import type { DbOrTx } from '../../db/tx.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf, requireRole } from '../authz.js';
import { DomainError, notFound } from '../errors.js';
import { importPopulationRows, importPopulations, type PopulationImportResult } from './populations.js';
import { unitLabel, unitWords, type UnitWords } from './unit-words.js';
import { firstSheetRows } from './workbook-rows.js';

export interface ReferenceUnit {
  code: string;
  name: string;
  nameEn: string;
  kind: 'city' | 'district';
  /** The level's formal name: '특별시', '자치구'; '도', '시·군'. */
  levelName: { ko: string; en: string };
  parentCode: string | null;
  /** Peer groups by grouping ('유형' → '도시형'). */
  groups: Record<string, string>;
}

export interface ReferenceData {
  levels: Array<{ kind: 'city' | 'district'; depth: number; nameKo: string; nounKo: string; nameEn: string; pluralEn: string }>;
  words: UnitWords;
  units: ReferenceUnit[];
  /** The years shown: every year with a population or a cycle, oldest first. */
  years: number[];
  /** Years of the evaluation cycles (per-capita indicators of a cycle read its year). */
  cycleYears: number[];
  populations: Array<{ code: string; year: number; population: number }>;
  /** Evaluated units without a population in a shown year. */
  missing: Array<{ code: string; year: number }>;
}

/**
 * The installation's reference data for the admin screen "기준 자료": the levels with their words, every unit with
 * its level and peer groups, the populations per year and the (unit, year) pairs missing among the evaluated
 * units — years from the first loaded or cycle year to the last. City admin only.
 */
export async function referenceData(db: DbOrTx, principal: Principal | null): Promise<ReferenceData> {
  requireRole(principal, 'city_admin');
  const [levels, units, groups, populations, cycles, words] = await Promise.all([
    unitLevels(db),
    listOrgUnits(db),
    unitGroups(db),
    allPopulations(db),
    listCycles(db),
    unitWords(db),
  ]);
  const levelOf = new Map(levels.map((l) => [l.kind, l]));
  const groupsOf = new Map<string, Record<string, string>>();
  for (const g of groups) groupsOf.set(g.code, { ...groupsOf.get(g.code), [g.grouping]: g.groupName });
  const cycleYears = cycles.map((c) => c.year);
  const known = [...populations.map((p) => p.year), ...cycleYears];
  const years = known.length === 0 ? [] : range(Math.min(...known), Math.max(...known));
  const have = new Set(populations.map((p) => `${p.code}:${p.year}`));
  const members = units.filter((u) => u.kind === 'district');
  return {
    levels,
    words,
    units: units.map((u) => {
      const level = levelOf.get(u.kind);
      return {
        code: u.code,
        name: u.name,
        nameEn: u.nameEn,
        kind: u.kind,
        levelName: { ko: level?.nameKo ?? u.kind, en: level?.nameEn ?? u.kind },
        parentCode: u.parentCode,
        groups: groupsOf.get(u.code) ?? {},
      };
    }),
    years,
    cycleYears,
    populations,
    missing: years.flatMap((year) => members.filter((u) => !have.has(`${u.code}:${year}`)).map((u) => ({ code: u.code, year }))),
  };
}

/** One year's populations of the evaluated units, with the units that have none (null). City admin only. */
export async function populationsOfYear(
  db: DbOrTx,
  principal: Principal | null,
  year: number,
): Promise<{ year: number; populations: Array<{ code: string; name: string; population: number | null }> }> {
  requireRole(principal, 'city_admin');
  const units = (await listOrgUnits(db)).filter((u) => u.kind === 'district');
  const figures = new Map((await allPopulations(db)).filter((p) => p.year === year).map((p) => [p.code, p.population]));
  return { year, populations: units.map((u) => ({ code: u.code, name: u.name, population: figures.get(u.code) ?? null })) };
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Imports a population file uploaded in the admin screen: an .xlsx (first sheet) by its content, else a CSV (UTF-8
 * with or without BOM, or CP949). Every problem reported with its row and column in Korean and English; all or
 * nothing; audited as the principal. City admin only.
 */
export async function importPopulationFile(
  db: Db,
  principal: Principal | null,
  file: { fileName: string; bytes: Buffer },
): Promise<PopulationImportResult & { format: 'csv' | 'xlsx' }> {
  requireRole(principal, 'city_admin');
  if (file.bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
    const { sheet, rows } = await firstSheetRows(file.bytes);
    return { format: 'xlsx', ...(await importPopulationRows(db, rows, actorOf(principal), { sheet })) };
  }
  if (/\.(xlsx|xlsm|xls)$/i.test(file.fileName) || file.bytes.includes(0)) {
    throw new DomainError('invalid', 'unsupported_file', {
      ko: 'CSV 또는 엑셀(.xlsx) 파일만 올릴 수 있습니다.',
      en: 'Only CSV and Excel (.xlsx) files can be imported.',
    });
  }
  return { format: 'csv', ...(await importPopulations(db, Readable.from([file.bytes]), actorOf(principal))) };
}

/** Sets one unit's population of one year (a correction in the admin screen), audited with the old figure. City admin only. */
export async function editPopulation(
  db: Db,
  principal: Principal | null,
  input: { code: string; year: number; population: number },
): Promise<{ code: string; year: number; population: number; previous: number | null }> {
  requireRole(principal, 'city_admin');
  return db.transaction(async (tx) => {
    const unit = await findOrgUnitByCode(tx, input.code);
    if (!unit) throw notFound(await unitLabel(tx, input.code));
    const previous = await populationOf(tx, unit.id, input.year);
    await setPopulation(tx, unit.id, input.year, input.population);
    await appendAudit(tx, actorOf(principal), {
      action: 'population.edited',
      entityType: 'org_unit_populations',
      entityId: `${input.code}:${input.year}`,
      before: previous === null ? null : { population: previous },
      after: { population: input.population },
    });
    return { ...input, previous };
  });
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export interface UnitLevelWordsInput {
  nameKo: string;
  nounKo: string;
  nameEn: string;
  pluralEn: string;
}

/**
 * Sets what the units of a level are called (a province: 도 → 시·군). Every text that names the units — screens,
 * award reasons, streak titles, press releases, open data — takes the new words from the next scoring run and page
 * load on; published results keep the words they were scored with. Audited. City admin only.
 */
export async function setLevelWords(db: Db, principal: Principal | null, kind: 'city' | 'district', words: UnitLevelWordsInput): Promise<void> {
  requireRole(principal, 'city_admin');
  await db.transaction(async (tx) => {
    const before = (await unitLevels(tx)).find((l) => l.kind === kind) ?? null;
    await setUnitLevel(tx, { kind, depth: kind === 'city' ? 0 : 1, ...words });
    await appendAudit(tx, actorOf(principal), {
      action: 'unit_level.words_set',
      entityType: 'org_unit_levels',
      entityId: kind,
      before: before ? { nameKo: before.nameKo, nounKo: before.nounKo, nameEn: before.nameEn, pluralEn: before.pluralEn } : null,
      after: { ...words },
    });
  });
}

/**
 * Sets a unit's peer groups: grouping → group ('유형' → '농촌형'); a grouping left out is removed. Award tiers with
 * `group` are given within each group from the next scoring run on. Audited. City admin only.
 */
export async function setUnitGroups(db: Db, principal: Principal | null, code: string, groups: Record<string, string>): Promise<Record<string, string>> {
  requireRole(principal, 'city_admin');
  return db.transaction(async (tx) => {
    const unit = await findOrgUnitByCode(tx, code);
    if (!unit || unit.kind !== 'district') throw notFound(await unitLabel(tx, code));
    const before = Object.fromEntries((await unitGroups(tx)).filter((g) => g.code === code).map((g) => [g.grouping, g.groupName]));
    await clearUnitGroups(tx, unit.id);
    for (const [grouping, group] of Object.entries(groups)) await setUnitGroup(tx, unit.id, grouping, group);
    await appendAudit(tx, actorOf(principal), { action: 'org_unit.groups_set', entityType: 'org_unit', entityId: code, before, after: groups });
    return groups;
  });
}
