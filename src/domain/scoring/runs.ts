import type { z } from 'zod';
import type { runListItemSchema, runViewSchema } from '../../contract/scoring-runs.js';
import type { Db } from '../../db/client.js';
import type { CycleRow } from '../../db/repositories/cycles.js';
import { latestFrameworkVersion } from '../../db/repositories/frameworks.js';
import { findRun, insertRun, listRuns, lockCycleScoring, publishedResultsBefore, type ScoringRunRow } from '../../db/repositories/scoring-runs.js';
import { adjustmentsOfCycle } from '../../db/repositories/adjustments.js';
import { awardHistoryBefore } from '../../db/repositories/award-history.js';
import { acceptedObjectionValues } from '../../db/repositories/objections.js';
import { districtsInOrder, unitGroups } from '../../db/repositories/org-units.js';
import { SEOUL_UNIT_WORDS, unitWords, type UnitWords } from '../reference/unit-words.js';
import { verifiedSubmissionValues } from '../../db/repositories/submissions.js';
import type { DbOrTx } from '../../db/tx.js';
import { canonicalJson } from '../../engine/index.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf, requireRole } from '../authz.js';
import { DomainError, notFound, type Message } from '../errors.js';
import { frameworkDefinitionSchema } from '../frameworks/definition.js';
import { panelScores, reviewRoundState } from '../reviews/index.js';
import { sensitivity, sensitivityBody } from '../../engine/index.js';
import { blockingList, completenessMessage, gateCounts, gateInventory, unverified, type BlockingList, type GateCounts } from '../gates.js';
import { engineWarnings, evaluateSnapshot, snapshotHash, snapshotSchema, type CycleOutcome, type Snapshot } from './evaluate.js';
import { plainWarnings, type PlainNotice } from './plain-warnings.js';
import { runTies, storedDecisions, tieBreakRules } from './ties.js';
import { toEngineInput } from './to-engine.js';
import { analysisOfSnapshot } from './analysis.js';
import { cycleOrThrow } from '../cycle-lookup.js';
import { messageOfStored } from '../../message.js';
import { josaPick } from '../../korean.js';

export type RunKind = 'trial' | 'provisional' | 'final';

/** Extra values a caller supplies, e.g. the panel's trimmed means of qualitative indicators. */
export type ValueOverrides = Map<string, Record<string, number>>;

/** Earlier published results: ranks of the previous year and every year's tiers (for streaks). */
async function publishedHistory(db: DbOrTx, year: number) {
  const rows = await publishedResultsBefore(db, year);
  return rows.map((r) => ({ year: r.year, outcome: r.result as CycleOutcome }));
}

/**
 * Every earlier year's tiers and ranks: the imported award history (수상 이력, years before the product ran the
 * evaluation) and the published runs, a published run replacing an imported year — so a streak counts across both.
 */
async function earlierYears(
  db: DbOrTx,
  year: number,
): Promise<Array<{ year: number; tiers: Record<string, string | null>; ranks: Map<string, number | null> }>> {
  const byYear = new Map<number, { tiers: Record<string, string | null>; ranks: Map<string, number | null> }>();
  for (const row of await awardHistoryBefore(db, year)) {
    const y = byYear.get(row.year) ?? { tiers: {} as Record<string, string | null>, ranks: new Map<string, number | null>() };
    y.tiers[row.orgUnitCode] = row.tier;
    y.ranks.set(row.orgUnitCode, row.rank);
    byYear.set(row.year, y);
  }
  for (const h of await publishedHistory(db, year)) {
    byYear.set(h.year, {
      tiers: Object.fromEntries(h.outcome.units.map((u) => [u.code, u.awardTier])),
      ranks: new Map(h.outcome.units.map((u) => [u.code, u.rank])),
    });
  }
  return [...byYear.entries()].sort((a, b) => a[0] - b[0]).map(([y, v]) => ({ year: y, ...v }));
}

/**
 * Freezes every input of a scoring run from the database: the cycle's current framework version, verified
 * submission values (qualitative items: the panel's scores when given), accepted objections' corrected values
 * (final runs), adjustments, last year's ranks and the tier history.
 */
export async function buildSnapshot(db: DbOrTx, year: number, kind: RunKind, overrides: ValueOverrides = new Map()): Promise<Snapshot> {
  const cycle = await cycleOrThrow(db, year);
  const fv = await latestFrameworkVersion(db, cycle.id);
  if (!fv) throw new DomainError('invalid', 'no_framework', { ko: '평가 체계가 없습니다.', en: 'The cycle has no framework.' });
  const framework = frameworkDefinitionSchema.parse(fv.definition);
  const districts = await districtsInOrder(db);
  const groups = new Map<string, Record<string, string>>();
  for (const g of await unitGroups(db)) groups.set(g.code, { ...groups.get(g.code), [g.grouping]: g.groupName });
  const words = await unitWords(db);
  const subs = await verifiedSubmissionValues(db, cycle.id);
  const values = new Map<number, Record<string, number | null>>();
  for (const s of subs) {
    const rec = values.get(s.orgUnitId) ?? {};
    rec[s.indicatorCode] = s.value;
    values.set(s.orgUnitId, rec);
  }
  if (kind === 'final') {
    const accepted = await acceptedObjectionValues(db, cycle.id);
    for (const o of accepted) {
      if (o.correctedValue === null) continue;
      const rec = values.get(o.orgUnitId) ?? {};
      rec[o.indicatorCode] = o.correctedValue;
      values.set(o.orgUnitId, rec);
    }
  }
  const adj = await adjustmentsOfCycle(db, cycle.id);
  const codeById = new Map(districts.map((d) => [d.id, d.code]));
  const history = await earlierYears(db, year);
  const prevRank = history.find((h) => h.year === year - 1)?.ranks ?? new Map<string, number | null>();
  const indicatorCodes = framework.indicators.map((i) => i.code);

  return snapshotSchema.parse({
    year,
    title: cycle.title,
    demo: cycle.isDemo,
    frameworkVersion: fv.version,
    framework,
    units: districts.map((d) => {
      const rec = values.get(d.id) ?? {};
      const extra = overrides.get(d.code) ?? {};
      const v: Record<string, number | null> = {};
      for (const code of indicatorCodes) v[code] = extra[code] ?? rec[code] ?? null;
      const g = groups.get(d.code);
      return { code: d.code, name: d.name, values: v, previousRank: prevRank.get(d.code) ?? null, ...(g ? { groups: g } : {}) };
    }),
    adjustments: adj.map((a) => ({ uCode: codeById.get(a.orgUnitId)!, rule: a.rule, points: a.points, reason: a.reason })),
    tierHistory: history.map((h) => ({ year: h.year, tiers: h.tiers })),
    streakTiers: framework.streakTiers,
    // Only an installation with its own words records them: Seoul's snapshots (and their hashes) stay as they were.
    ...(sameWords(words, SEOUL_UNIT_WORDS) ? {} : { unitWords: words }),
  });
}

const sameWords = (a: UnitWords, b: UnitWords) => (Object.keys(b) as Array<keyof UnitWords>).every((k) => a[k] === b[k]);

/** What the admin must know about a run, fixed when it ran (stored as `scoring_runs.notices`). */
export interface RunNotices {
  /** How complete the data were: items by status, verified of all, and the plain message. */
  completeness: { total: number; verified: number; counts: GateCounts['submissions']['byStatus']; message: Message };
  /** A provisional/final run started past unverified items: the reason and the items passed over. */
  override: { reason: string; blocking: BlockingList } | null;
  /** The engine's warnings in plain words (the raw ones stay in the result's `warnings`). */
  messages: PlainNotice[];
}

export interface RunSummary {
  id: number;
  kind: RunKind;
  status: string;
  inputHash: string;
  engineVersion: string;
  outcome: CycleOutcome;
  notices: RunNotices;
}

const collectionStages = new Set(['draft', 'open']);

/**
 * What must hold before a run of `kind`: a trial run always may; a provisional or final run never during data
 * collection (wrong stage), and only once every item is verified unless the admin overrides with a reason.
 */
async function runGate(db: DbOrTx, cycle: CycleRow, kind: RunKind, opts: { override?: boolean; reason?: string | null }) {
  const inv = await gateInventory(db, cycle);
  const counts = gateCounts(inv).submissions;
  const open = unverified(inv);
  const completeness = {
    total: counts.total,
    verified: counts.byStatus.verified,
    counts: counts.byStatus,
    message: completenessMessage(counts.byStatus.verified, counts.total, kind),
  };
  if (kind === 'trial') return { completeness, override: null };
  const label = kind === 'provisional' ? { ko: '가결과 산정', en: 'A provisional run' } : { ko: '최종 산정', en: 'A final run' };
  if (collectionStages.has(cycle.status)) {
    throw new DomainError(
      'conflict',
      'wrong_stage',
      {
        ko: `${label.ko}${josaPick(label.ko, '은/는')} 실적 입력 중에는 할 수 없습니다. 검증 단계 이후에 실행하세요 (지금은 시험 실행만 가능합니다).`,
        en: `${label.en} cannot be made during data collection. Run it from the verification stage on (only trial runs are possible now).`,
      },
      [],
      { stage: cycle.status },
    );
  }
  if (open.length === 0) return { completeness, override: null };
  const blocking = blockingList(open);
  if (!opts.override) {
    throw new DomainError(
      'conflict',
      'verification_incomplete',
      {
        ko: `검증이 끝나지 않았습니다: 전체 ${counts.total}개 항목 중 ${open.length}개가 검증되지 않았습니다. 예외로 실행하려면 사유를 입력하세요.`,
        en: `Verification is not complete: ${open.length} of ${counts.total} items are not verified. Give a reason to run anyway.`,
      },
      [],
      { blocking, counts: counts.byStatus },
    );
  }
  const reason = opts.reason?.trim();
  if (!reason) {
    throw new DomainError('invalid', 'reason_required', { ko: '예외 실행에는 사유가 필요합니다.', en: 'An override needs a reason.' }, [
      { path: 'body.reason', message: { ko: '사유를 입력하세요.', en: 'Enter a reason.' } },
    ]);
  }
  return { completeness, override: { reason, blocking } };
}

/**
 * Runs the engine over a fresh snapshot and stores input, hash, engine version and result together. Runs of one
 * cycle are serialised by an advisory lock held for the whole transaction, so two never interleave.
 */
export async function runScoring(
  db: Db,
  principal: Principal | null,
  year: number,
  kind: RunKind,
  opts: { note?: string | null; overrides?: ValueOverrides; override?: boolean; reason?: string | null } = {},
): Promise<RunSummary> {
  requireRole(principal, 'city_admin');
  const actor = actorOf(principal);
  // Qualitative indicators take the panel's trimmed means once the review round is closed.
  const overrides = opts.overrides ?? ((await reviewRoundState(db, year)).closed ? await panelScores(db, year) : new Map());
  return db.transaction(async (tx) => {
    const cycle = await cycleOrThrow(tx, year);
    await lockCycleScoring(tx, cycle.id);
    const gate = await runGate(tx, cycle, kind, opts);
    const snapshot = await buildSnapshot(tx, year, kind, overrides);
    const outcome = evaluateSnapshot(snapshot);
    const robustness = sensitivitySummary(snapshot);
    const analysis = analysisOfSnapshot(snapshot);
    const notices: RunNotices = { ...gate, messages: plainWarnings(engineWarnings(snapshot), snapshot) };
    const row = await insertRun(tx, {
      cycleId: cycle.id,
      kind,
      status: 'done',
      input: snapshot,
      inputHash: snapshotHash(snapshot),
      engineVersion: outcome.engineVersion,
      result: outcome,
      sensitivity: robustness,
      analysis,
      progress: 1,
      note: opts.note ?? null,
      notices,
      createdBy: actor.userId,
      finishedAt: new Date(),
    });
    await appendAudit(tx, actor, {
      action: 'scoring.run',
      entityType: 'scoring_run',
      entityId: row.id,
      after: {
        year,
        kind,
        inputHash: row.inputHash,
        engineVersion: row.engineVersion,
        top: outcome.units.slice(0, 3).map((u) => u.code),
        verified: gate.completeness.verified,
        items: gate.completeness.total,
        ...(gate.override ? { overridden: gate.override.blocking } : {}),
      },
      reason: gate.override?.reason ?? null,
    });
    return { id: row.id, kind, status: row.status, inputHash: row.inputHash, engineVersion: row.engineVersion, outcome, notices };
  });
}

/** Monte Carlo runs stored with every scoring run; seeded from the snapshot, so the summary is reproducible too. */
export const SENSITIVITY_RUNS = 1000;

/**
 * How robust the ranking is: weights perturbed ±25 % (renormalised), 1,000 seeded runs, per district the median
 * rank, the 5th–95th percentile rank interval and the probability of each award tier (on the points before
 * bonus/penalty adjustments).
 */
export function sensitivitySummary(snapshot: Snapshot) {
  const def = frameworkDefinitionSchema.parse(snapshot.framework);
  const input = toEngineInput(
    def,
    snapshot.units.map((u) => ({ code: u.code, name: u.name, values: u.values })),
  );
  const previousRanks = Object.fromEntries(snapshot.units.filter((u) => u.previousRank !== null).map((u) => [u.code, u.previousRank!]));
  const seed = Number.parseInt(snapshotHash(snapshot).slice(0, 8), 16);
  return sensitivityBody(sensitivity(input, { runs: SENSITIVITY_RUNS, seed, noise: 0.25, awards: { config: def.awards, previousRanks } }));
}

export interface Reproduction {
  runId: number;
  identical: boolean;
  storedHash: string;
  recomputedHash: string;
  engineVersion: { stored: string; current: string };
  differences: Array<{ code: string; field: 'score' | 'rank' | 'awardTier'; stored: unknown; recomputed: unknown }>;
}

/** Who reads stored runs: the city administrator and the auditor. */
const runReaders = ['city_admin', 'auditor'] as const;

/** Re-runs a stored run from its own snapshot and compares byte for byte (canonical JSON of the outcome). */
export async function reproduceRun(db: DbOrTx, principal: Principal | null, runId: number): Promise<Reproduction> {
  requireRole(principal, ...runReaders);
  const run = await findRun(db, runId);
  if (!run || run.status !== 'done') throw notFound({ ko: `점수 산정 ${runId}`, en: `Scoring run ${runId}` });
  const snapshot = snapshotSchema.parse(run.input);
  const recomputed = evaluateSnapshot(snapshot, storedDecisions(run));
  const stored = run.result as CycleOutcome;
  const a = canonicalJson(stored);
  const b = canonicalJson(JSON.parse(JSON.stringify(recomputed)));
  const differences: Reproduction['differences'] = [];
  const byCode = new Map(recomputed.units.map((u) => [u.code, u]));
  for (const s of stored.units) {
    const r = byCode.get(s.code);
    if (!r) continue;
    for (const f of ['score', 'rank', 'awardTier'] as const) {
      if (s[f] !== r[f]) differences.push({ code: s.code, field: f, stored: s[f], recomputed: r[f] });
    }
  }
  return {
    runId,
    identical: a === b,
    storedHash: run.inputHash,
    recomputedHash: snapshotHash(snapshot),
    engineVersion: { stored: run.engineVersion, current: recomputed.engineVersion },
    differences,
  };
}

export interface RunComparison {
  from: number;
  to: number;
  units: Array<{
    code: string;
    name: string;
    score: { from: number | null; to: number | null; delta: number | null };
    rank: { from: number | null; to: number | null };
    awardTier: { from: string | null; to: string | null };
  }>;
  /** The inputs that differ: values per district and indicator, adjustments, framework version. */
  inputChanges: Array<{ code: string; indicator: string; from: number | null; to: number | null }>;
  adjustmentsChanged: boolean;
  frameworkChanged: boolean;
}

/** What changed between two runs and which inputs caused it. */
export async function compareRuns(db: DbOrTx, principal: Principal | null, fromId: number, toId: number): Promise<RunComparison> {
  requireRole(principal, ...runReaders);
  const [a, b] = await Promise.all([findRun(db, fromId), findRun(db, toId)]);
  if (!a || !b) throw notFound({ ko: '점수 산정', en: 'Scoring run' });
  const sa = snapshotSchema.parse(a.input);
  const sb = snapshotSchema.parse(b.input);
  const ra = a.result as CycleOutcome;
  const rb = b.result as CycleOutcome;
  const byA = new Map(ra.units.map((u) => [u.code, u]));
  const units = rb.units.map((u) => {
    const o = byA.get(u.code);
    return {
      code: u.code,
      name: u.name,
      score: { from: o?.score ?? null, to: u.score, delta: o?.score != null && u.score != null ? u.score - o.score : null },
      rank: { from: o?.rank ?? null, to: u.rank },
      awardTier: { from: o?.awardTier ?? null, to: u.awardTier },
    };
  });
  const inputChanges: RunComparison['inputChanges'] = [];
  const valsA = new Map(sa.units.map((u) => [u.code, u.values]));
  for (const u of sb.units) {
    const va = valsA.get(u.code) ?? {};
    for (const [ind, v] of Object.entries(u.values)) {
      const before = va[ind] ?? null;
      if (before !== v) inputChanges.push({ code: u.code, indicator: ind, from: before, to: v });
    }
  }
  return {
    from: fromId,
    to: toId,
    units,
    inputChanges,
    adjustmentsChanged: canonicalJson(sa.adjustments) !== canonicalJson(sb.adjustments),
    frameworkChanged: sa.frameworkVersion !== sb.frameworkVersion || canonicalJson(sa.framework) !== canonicalJson(sb.framework),
  };
}

/** A run in the list, as the API sends it (the JSON columns hold what the runs stored). */
export type RunListItem = z.output<typeof runListItemSchema>;
/** A stored run with its ties and tie-break rules, as the API sends it. */
export type RunView = z.output<typeof runViewSchema>;

export async function runsOfCycle(db: DbOrTx, principal: Principal | null, year: number): Promise<RunListItem[]> {
  requireRole(principal, ...runReaders);
  const cycle = await cycleOrThrow(db, year);
  return (await listRuns(db, cycle.id)).map((r) => ({ ...r, error: messageOfStored(r.error) })) as RunListItem[];
}

export async function getRun(db: DbOrTx, principal: Principal | null, runId: number): Promise<ScoringRunRow> {
  requireRole(principal, ...runReaders);
  const run = await findRun(db, runId);
  if (!run) throw notFound({ ko: `점수 산정 ${runId}`, en: `Scoring run ${runId}` });
  return run;
}

/** A stored run as the admin reads it: with its award ties (decided or not) and the tie-break rules on offer. */
export function runView(run: ScoringRunRow): RunView {
  const offered = run.status === 'done' ? tieBreakRules(snapshotSchema.parse(run.input).framework) : [];
  return {
    ...run,
    kind: run.kind as RunKind,
    error: messageOfStored(run.error),
    input: run.input as RunView['input'],
    result: run.result as RunView['result'],
    notices: run.notices as RunView['notices'],
    ties: runTies(run),
    tieBreakRules: offered,
  };
}
