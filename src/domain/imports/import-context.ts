import { findOrgUnitByCode } from '../../db/repositories/org-units.js';
import type { DbOrTx } from '../../db/tx.js';
import { listRecordTypes, type RecordType } from '../activities/record-types.js';
import { cycleOrThrow } from '../cycle-lookup.js';
import { DomainError, notFound } from '../errors.js';
import type { Indicator } from '../frameworks/definition.js';
import { getFramework } from '../frameworks/service.js';

/** What the template, the importer and the export need to know about one district in one cycle. */
export interface DistrictCycle {
  cycle: { id: number; year: number; title: string; status: string; isDemo: boolean };
  /** The cycle's data period, inclusive ISO dates. */
  period: { start: string; end: string };
  unit: { id: number; code: string; name: string; nameEn: string; kind: string };
  /** Record types in use (active), in display order. */
  recordTypes: RecordType[];
  /** Quantitative indicators of the cycle's framework without a formula: the district enters their value. */
  directIndicators: Indicator[];
}

export async function loadUnit(db: DbOrTx, code: string) {
  const unit = await findOrgUnitByCode(db, code);
  if (!unit) throw notFound({ ko: `자치구 ${code}`, en: `District ${code}` });
  return unit;
}

/** Loads a cycle, a unit, the active record types and the framework's direct-entry indicators. */
export async function loadDistrictCycle(db: DbOrTx, year: number, code: string): Promise<DistrictCycle> {
  const cycle = await cycleOrThrow(db, year);
  const unit = await loadUnit(db, code);
  const recordTypes = await listRecordTypes(db);
  const framework = await getFramework(db, year).catch((err: unknown) => {
    if (err instanceof DomainError && err.kind === 'not_found') return null;
    throw err;
  });
  const directIndicators = (framework?.definition.indicators ?? []).filter((i) => i.formula === null && i.kind === 'quantitative');
  return {
    cycle: { id: cycle.id, year: cycle.year, title: cycle.title, status: cycle.status, isDemo: cycle.isDemo },
    period: { start: cycle.dataPeriodStart, end: cycle.dataPeriodEnd },
    unit: { id: unit.id, code: unit.code, name: unit.name, nameEn: unit.nameEn, kind: unit.kind },
    recordTypes,
    directIndicators,
  };
}
