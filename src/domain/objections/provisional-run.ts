import type { CycleRow } from '../../db/repositories/cycles.js';
import { findRun, latestRunOfKind, type ScoringRunRow } from '../../db/repositories/scoring-runs.js';
import type { DbOrTx } from '../../db/tx.js';
import { DomainError } from '../errors.js';
import { frameworkDefinitionSchema, type FrameworkDefinition } from '../frameworks/definition.js';
import { snapshotSchema, type CycleOutcome } from '../scoring/evaluate.js';

export interface LoadedRun {
  run: ScoringRunRow;
  outcome: CycleOutcome;
  framework: FrameworkDefinition;
}

export function loadedRun(run: ScoringRunRow): LoadedRun {
  return {
    run,
    outcome: run.result as CycleOutcome,
    framework: frameworkDefinitionSchema.parse(snapshotSchema.parse(run.input).framework),
  };
}

/** The latest provisional run of a cycle, with its outcome and the framework it was scored with. */
export async function latestProvisionalRun(db: DbOrTx, cycle: CycleRow): Promise<LoadedRun> {
  const run = await latestRunOfKind(db, cycle.id, 'provisional');
  if (!run) {
    throw new DomainError('not_found', 'no_provisional_run', {
      ko: `${cycle.year}년 가결과가 아직 없습니다.`,
      en: `There are no provisional results for ${cycle.year} yet.`,
    });
  }
  return loadedRun(run);
}

export async function runById(db: DbOrTx, id: number | null): Promise<LoadedRun | null> {
  if (id === null) return null;
  const run = await findRun(db, id);
  return run && run.status === 'done' ? loadedRun(run) : null;
}
