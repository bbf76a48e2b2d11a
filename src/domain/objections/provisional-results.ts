import { deadlineOf } from '../../db/repositories/submissions.js';
import type { DbOrTx } from '../../db/tx.js';
import type { Principal } from '../auth.js';
import { districtsOf, holds, requireReadDistrict, requireRole } from '../authz.js';
import { DomainError, notFound } from '../errors.js';
import type { FrameworkDefinition } from '../frameworks/definition.js';
import type { UnitOutcome } from '../scoring/evaluate.js';
import { cycleOrThrow } from '../submissions/index.js';
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

async function shownRun(db: DbOrTx, year: number): Promise<{ loaded: LoadedRun; cycleStatus: string; objectionsDueAt: Date | null }> {
  const cycle = await cycleOrThrow(db, year);
  if (!SHOWN_FROM.includes(cycle.status)) {
    throw new DomainError('conflict', 'not_yet', { ko: '가결과가 아직 공개되지 않았습니다.', en: 'Provisional results are not out yet.' }, [], { cycleStatus: cycle.status });
  }
  return { loaded: await latestProvisionalRun(db, cycle), cycleStatus: cycle.status, objectionsDueAt: await deadlineOf(db, cycle.id, 'objections') };
}

/**
 * The latest provisional run as districts see it during the objection period: every district's score, rank and
 * tier, and the full indicator scorecard of the caller's own district only (the city and the auditor see all).
 */
export async function provisionalResults(db: DbOrTx, principal: Principal | null, year: number) {
  requireRole(principal, 'city_admin', 'auditor', 'district_officer', 'district_approver');
  const { loaded, cycleStatus, objectionsDueAt } = await shownRun(db, year);
  const { run, outcome, framework } = loaded;
  const own = holds(principal, 'city_admin', 'auditor') ? null : new Set(districtsOf(principal, 'district_officer', 'district_approver'));
  return {
    year,
    cycleStatus,
    runId: run.id,
    runCreatedAt: run.createdAt,
    objectionsDueAt,
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
    scorecards: outcome.units.filter((u) => own === null || own.has(u.code)).map((u) => scorecard(u, framework)),
  };
}

/** One district's full provisional scorecard: its own district for district users, any for the city and auditor. */
export async function provisionalScorecard(db: DbOrTx, principal: Principal | null, year: number, code: string): Promise<ProvisionalScorecard & { runId: number }> {
  requireReadDistrict(principal, code);
  const { loaded } = await shownRun(db, year);
  const u = loaded.outcome.units.find((x) => x.code === code);
  if (!u) throw notFound({ ko: `자치구 ${code}`, en: `District ${code}` });
  return { ...scorecard(u, loaded.framework), runId: loaded.run.id };
}
