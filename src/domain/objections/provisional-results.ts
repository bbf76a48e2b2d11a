import type { z } from 'zod';
import type { provisionalResultsSchema } from '../../contract/objections.js';
import type { CycleStatus } from '../../contract/values.js';
import type { CycleRow } from '../../db/repositories/cycles.js';
import { decidersOf } from '../../db/repositories/objections.js';
import type { DbOrTx } from '../../db/tx.js';
import type { Principal } from '../auth.js';
import { holds } from '../authz.js';
import { DomainError, forbidden, notFound } from '../errors.js';
import type { FrameworkDefinition } from '../frameworks/definition.js';
import type { UnitOutcome } from '../scoring/evaluate.js';
import { cycleOrThrow } from '../cycle-lookup.js';
import { objectionSchedule, type ObjectionSchedule } from './objection-schedule.js';
import { latestProvisionalRun, type LoadedRun } from './provisional-run.js';

const SHOWN_FROM = ['provisional', 'objections', 'final', 'published'];

export interface ProvisionalScorecard {
  code: string;
  name: string;
  score: number | null;
  rank: number | null;
  fields: Array<{ code: string; name: { ko: string; en: string }; score: number | null }>;
  indicators: Array<{
    code: string;
    name: { ko: string; en: string };
    field: string;
    kind: string;
    unit: string;
    points: number;
    /** The value scored (verified submission or panel score). */
    value: number | null;
    normalised: number | null;
    earned: number | null;
  }>;
  explanation: { ko: string; en: string };
}

function scorecard(u: UnitOutcome, framework: FrameworkDefinition): ProvisionalScorecard {
  return {
    code: u.code,
    name: u.name,
    score: u.score,
    rank: u.rank,
    fields: framework.fields.map((f) => ({ code: f.code, name: f.name, score: u.fieldScores[f.code] ?? null })),
    indicators: framework.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      field: i.field,
      kind: i.kind,
      unit: i.unit,
      points: i.points,
      value: u.raw[i.code] ?? null,
      normalised: u.normalised[i.code] ?? null,
      earned: u.points[i.code] ?? null,
    })),
    explanation: { ko: u.explanation.ko, en: u.explanation.en },
  };
}

/** Everyone taking part in the objection process reads the provisional results: districts, the city, the auditor, the committee. */
async function requireParticipant(db: DbOrTx, principal: Principal | null, cycle: CycleRow): Promise<void> {
  if (holds(principal, 'city_admin', 'auditor', 'district_officer', 'district_approver')) return;
  if (principal && (await decidersOf(db, cycle.id)).some((m) => m.userId === principal.user.id)) return;
  throw forbidden();
}

async function shownRun(
  db: DbOrTx,
  principal: Principal | null,
  year: number,
): Promise<{ loaded: LoadedRun; cycleStatus: string; schedule: ObjectionSchedule }> {
  const cycle = await cycleOrThrow(db, year);
  await requireParticipant(db, principal, cycle);
  if (!SHOWN_FROM.includes(cycle.status)) {
    throw new DomainError('conflict', 'not_yet', { ko: '가결과가 아직 공개되지 않았습니다.', en: 'Provisional results are not out yet.' }, [], {
      cycleStatus: cycle.status,
    });
  }
  return { loaded: await latestProvisionalRun(db, cycle), cycleStatus: cycle.status, schedule: await objectionSchedule(db, cycle.id) };
}

/**
 * The latest provisional run as the national joint evaluation shows it during the objection period: every
 * district's score, rank and tier, and every district's full indicator scorecard (the figures any district may
 * object to), with the objection deadlines.
 */
/** The latest provisional run as the API sends it (src/contract/objections.ts). */
export type ProvisionalResults = z.output<typeof provisionalResultsSchema>;

export async function provisionalResults(db: DbOrTx, principal: Principal | null, year: number): Promise<ProvisionalResults> {
  const { loaded, cycleStatus, schedule } = await shownRun(db, principal, year);
  const { run, outcome, framework } = loaded;
  return {
    year,
    cycleStatus: cycleStatus as CycleStatus,
    runId: run.id,
    runCreatedAt: run.createdAt,
    objectionsDueAt: schedule.filingDueAt,
    schedule,
    tiers: outcome.tiers.map((t) => ({ code: t.code, name: t.name })),
    units: outcome.units.map((u) => ({
      code: u.code,
      name: u.name,
      score: u.score,
      baseScore: u.baseScore,
      bonus: u.bonus,
      penalty: u.penalty,
      rank: u.rank,
      previousRank: u.previousRank,
      awardTier: u.awardTier,
    })),
    scorecards: outcome.units.map((u) => scorecard(u, framework)),
  };
}

/** One district's full provisional scorecard, for everyone taking part. */
export async function provisionalScorecard(
  db: DbOrTx,
  principal: Principal | null,
  year: number,
  code: string,
): Promise<ProvisionalScorecard & { runId: number }> {
  const { loaded } = await shownRun(db, principal, year);
  const u = loaded.outcome.units.find((x) => x.code === code);
  if (!u) throw notFound({ ko: `자치구 ${code}`, en: `District ${code}` });
  return { ...scorecard(u, loaded.framework), runId: loaded.run.id };
}
