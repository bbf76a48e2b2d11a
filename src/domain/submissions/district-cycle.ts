import { unitLabel } from '../reference/unit-words.js';
import { findCycleWithUnitAndFramework, type CycleRow } from '../../db/repositories/cycles.js';
import type { SubmissionRow } from '../../db/repositories/submissions.js';
import { findOrgUnitByCode } from '../../db/repositories/org-units.js';
import type { DbOrTx } from '../../db/tx.js';
import { DomainError, notFound } from '../errors.js';
import type { FrameworkDefinition, Indicator } from '../frameworks/definition.js';
import { frameworkViewOf } from '../frameworks/service.js';
export { cycleOrThrow } from '../cycle-lookup.js';
import { cycleNotFound } from '../cycle-lookup.js';

/** One district in one cycle, with the cycle's current framework: what every submission operation starts from. */
export interface DistrictCycle {
  cycle: CycleRow;
  unit: { id: number; code: string; name: string };
  framework: FrameworkDefinition;
}

export async function districtOrThrow(db: DbOrTx, code: string): Promise<{ id: number; code: string; name: string }> {
  return districtOf(db, code, await findOrgUnitByCode(db, code));
}

async function districtOf(
  db: DbOrTx,
  code: string,
  unit: { id: number; code: string; name: string; kind: string } | null,
): Promise<{ id: number; code: string; name: string }> {
  if (!unit || unit.kind !== 'district') throw notFound(await unitLabel(db, code));
  return { id: unit.id, code: unit.code, name: unit.name };
}

/** The cycle of `year`, the district `code` and the cycle's current framework, read together (one query). */
export async function loadDistrictCycle(db: DbOrTx, year: number, code: string): Promise<DistrictCycle> {
  return (await loadDistrictItem(db, year, code)).dc;
}

/**
 * The same with the district's submission of one indicator in the cycle (null when not started), still in one query.
 */
export async function loadDistrictItem(
  db: DbOrTx,
  year: number,
  code: string,
  indicatorCode?: string,
): Promise<{ dc: DistrictCycle; row: SubmissionRow | null }> {
  const found = await findCycleWithUnitAndFramework(db, year, code, indicatorCode);
  if (!found) throw cycleNotFound(year);
  const unit = await districtOf(db, code, found.unit);
  const framework = frameworkViewOf(year, found.framework).definition;
  return { dc: { cycle: found.cycle, unit, framework }, row: found.item };
}

export function indicatorOf(framework: FrameworkDefinition, code: string): Indicator {
  const indicator = framework.indicators.find((i) => i.code === code);
  if (!indicator) throw notFound({ ko: `지표 ${code}`, en: `Indicator ${code}` });
  return indicator;
}

/** A 409 for a write based on an old version, carrying the current state so nothing is lost on the client. */
export function staleVersion(current: unknown): DomainError {
  return new DomainError(
    'conflict',
    'stale_version',
    {
      ko: '다른 사용자가 먼저 수정했습니다. 최신 내용을 확인한 뒤 다시 저장하세요.',
      en: 'Someone else saved first. Review the current version and save again.',
    },
    [],
    { current },
  );
}
