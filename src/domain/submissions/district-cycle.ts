import { unitLabel } from '../reference/unit-words.js';
import type { CycleRow } from '../../db/repositories/cycles.js';
import { findOrgUnitByCode } from '../../db/repositories/org-units.js';
import type { DbOrTx } from '../../db/tx.js';
import { DomainError, notFound } from '../errors.js';
import type { FrameworkDefinition, Indicator } from '../frameworks/definition.js';
import { getFramework } from '../frameworks/service.js';
export { cycleOrThrow } from '../cycle-lookup.js';
import { cycleOrThrow } from '../cycle-lookup.js';

/** One district in one cycle, with the cycle's current framework: what every submission operation starts from. */
export interface DistrictCycle {
  cycle: CycleRow;
  unit: { id: number; code: string; name: string };
  framework: FrameworkDefinition;
}

export async function districtOrThrow(db: DbOrTx, code: string): Promise<{ id: number; code: string; name: string }> {
  const unit = await findOrgUnitByCode(db, code);
  if (!unit || unit.kind !== 'district') throw notFound(await unitLabel(db, code));
  return { id: unit.id, code: unit.code, name: unit.name };
}

export async function loadDistrictCycle(db: DbOrTx, year: number, code: string): Promise<DistrictCycle> {
  const cycle = await cycleOrThrow(db, year);
  const unit = await districtOrThrow(db, code);
  const framework = (await getFramework(db, year)).definition;
  return { cycle, unit, framework };
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
