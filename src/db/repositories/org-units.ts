import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import { orgUnitGroups, orgUnitLevels, orgUnitPopulations, orgUnits } from '../schema.js';
import type { DbOrTx } from '../tx.js';

export interface OrgUnitRow {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  kind: 'city' | 'district';
  parentCode: string | null;
  population: number | null;
  populationYear: number | null;
}

interface RawOrgUnit {
  id: number;
  code: string;
  name: string;
  name_en: string;
  kind: 'city' | 'district';
  parent_code: string | null;
  population: number | null;
  population_year: number | null;
}

/** All units, city first then districts in their administrative order, each with its latest known population. */
export async function listOrgUnits(db: DbOrTx): Promise<OrgUnitRow[]> {
  const rows = await db.execute(sql`
    SELECT u.id, u.code, u.name, u.name_en, u.kind, p.code AS parent_code,
           pop.population, pop.year AS population_year
      FROM org_units u
      LEFT JOIN org_units p ON p.id = u.parent_id
      LEFT JOIN LATERAL (
        SELECT population, year FROM org_unit_populations
         WHERE org_unit_id = u.id ORDER BY year DESC LIMIT 1) pop ON true
     ORDER BY (u.kind = 'city') DESC, u.sort_order, u.code`);
  return (rows as unknown as { rows: RawOrgUnit[] }).rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    kind: r.kind,
    parentCode: r.parent_code,
    population: r.population === null ? null : Number(r.population),
    populationYear: r.population_year === null ? null : Number(r.population_year),
  }));
}

export async function findOrgUnitByCode(db: DbOrTx, code: string) {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.code, code)).limit(1);
  return row ?? null;
}

export interface OrgUnitInput {
  code: string;
  name: string;
  nameEn: string;
  kind: 'city' | 'district';
  parentCode?: string | null;
  sortOrder?: number;
}

/** Inserts or updates a unit by its code; returns its id. */
export async function upsertOrgUnit(db: DbOrTx, input: OrgUnitInput): Promise<number> {
  const parent = input.parentCode ? await findOrgUnitByCode(db, input.parentCode) : null;
  const values = {
    code: input.code,
    name: input.name,
    nameEn: input.nameEn,
    kind: input.kind,
    parentId: parent?.id ?? null,
    sortOrder: input.sortOrder ?? 0,
  };
  const [row] = await db
    .insert(orgUnits)
    .values(values)
    .onConflictDoUpdate({ target: orgUnits.code, set: { ...values } })
    .returning({ id: orgUnits.id });
  if (!row) throw new Error(`upsert of org unit ${input.code} returned nothing`);
  return row.id;
}

export async function setPopulation(db: DbOrTx, orgUnitId: number, year: number, population: number): Promise<void> {
  await db
    .insert(orgUnitPopulations)
    .values({ orgUnitId, year, population })
    .onConflictDoUpdate({ target: [orgUnitPopulations.orgUnitId, orgUnitPopulations.year], set: { population } });
}

/** Every unit's id, code and name (a bulk import resolves its rows' district codes against them). */
export async function orgUnitNames(db: DbOrTx): Promise<Array<{ id: number; code: string; name: string }>> {
  return db.select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name }).from(orgUnits);
}

/** The id of the unit with this code, when there is one. */
export async function orgUnitIdByCode(db: DbOrTx, code: string): Promise<number | undefined> {
  return (await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, code)))[0]?.id;
}

/** The districts in their administrative order. */
export async function districtsInOrder(db: DbOrTx): Promise<Array<{ id: number; code: string; name: string }>> {
  return db
    .select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name })
    .from(orgUnits)
    .where(eq(orgUnits.kind, 'district'))
    .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.code));
}

export interface UnitLevelRow {
  kind: 'city' | 'district';
  depth: number;
  nameKo: string;
  nounKo: string;
  nameEn: string;
  pluralEn: string;
}

/** The levels of the hierarchy with their words, top first. */
export async function unitLevels(db: DbOrTx): Promise<UnitLevelRow[]> {
  const rows = await db.select().from(orgUnitLevels).orderBy(asc(orgUnitLevels.depth));
  return rows.map((r) => ({ ...r, kind: r.kind as UnitLevelRow['kind'] }));
}

/** Sets the words of one level (the installation's own: '도' → '시·군' for a province). */
export async function setUnitLevel(db: DbOrTx, level: UnitLevelRow): Promise<void> {
  const { kind: _kind, ...words } = level;
  await db.insert(orgUnitLevels).values(level).onConflictDoUpdate({ target: orgUnitLevels.kind, set: words });
}

export interface UnitGroupRow {
  code: string;
  grouping: string;
  groupName: string;
}

/** Every unit's peer groups, by unit code. */
export async function unitGroups(db: DbOrTx): Promise<UnitGroupRow[]> {
  return db
    .select({ code: orgUnits.code, grouping: orgUnitGroups.grouping, groupName: orgUnitGroups.groupName })
    .from(orgUnitGroups)
    .innerJoin(orgUnits, eq(orgUnits.id, orgUnitGroups.orgUnitId))
    .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.code), asc(orgUnitGroups.grouping));
}

/** Puts a unit in a group of a grouping (replacing its group in that grouping). */
export async function setUnitGroup(db: DbOrTx, orgUnitId: number, grouping: string, groupName: string): Promise<void> {
  await db
    .insert(orgUnitGroups)
    .values({ orgUnitId, grouping, groupName })
    .onConflictDoUpdate({ target: [orgUnitGroups.orgUnitId, orgUnitGroups.grouping], set: { groupName } });
}

/** Takes a unit out of every peer group. */
export async function clearUnitGroups(db: DbOrTx, orgUnitId: number): Promise<void> {
  await db.delete(orgUnitGroups).where(eq(orgUnitGroups.orgUnitId, orgUnitId));
}

/** Every loaded population figure, by unit code and year. */
export async function allPopulations(db: DbOrTx): Promise<Array<{ code: string; year: number; population: number }>> {
  return db
    .select({ code: orgUnits.code, year: orgUnitPopulations.year, population: orgUnitPopulations.population })
    .from(orgUnitPopulations)
    .innerJoin(orgUnits, eq(orgUnits.id, orgUnitPopulations.orgUnitId))
    .orderBy(asc(orgUnitPopulations.year), asc(orgUnits.sortOrder), asc(orgUnits.code));
}

/** One unit's population of one year, when loaded. */
export async function populationOf(db: DbOrTx, orgUnitId: number, year: number): Promise<number | null> {
  const [row] = await db
    .select({ population: orgUnitPopulations.population })
    .from(orgUnitPopulations)
    .where(and(eq(orgUnitPopulations.orgUnitId, orgUnitId), eq(orgUnitPopulations.year, year)));
  return row?.population ?? null;
}

/** The latest loaded population of a unit in a year up to `year` (for frameworks that take the latest available). */
export async function latestPopulationUpTo(db: DbOrTx, orgUnitId: number, year: number): Promise<{ year: number; population: number } | null> {
  const [row] = await db
    .select({ year: orgUnitPopulations.year, population: orgUnitPopulations.population })
    .from(orgUnitPopulations)
    .where(and(eq(orgUnitPopulations.orgUnitId, orgUnitId), lte(orgUnitPopulations.year, year)))
    .orderBy(desc(orgUnitPopulations.year))
    .limit(1);
  return row ?? null;
}

/** The unit of the top level (the evaluating administration), when there is one. */
export async function topUnit(db: DbOrTx): Promise<{ id: number; code: string; name: string; nameEn: string } | null> {
  const [row] = await db
    .select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name, nameEn: orgUnits.nameEn })
    .from(orgUnits)
    .where(eq(orgUnits.kind, 'city'))
    .orderBy(asc(orgUnits.id))
    .limit(1);
  return row ?? null;
}
