/**
 * The statistical audit of a scoring run's framework (engine `analyse`: indicator statistics, correlations,
 * Cronbach's α, PCA, rank changes when an element is removed). Computed from the run's own snapshot when the run
 * is made and stored with it; runs made before that get it computed once, on first reading, and stored. The city
 * administrator and the auditor read any run's audit; the public reads the published run's.
 */
import { findRun, setRunAnalysis, type ScoringRunRow } from '../../db/repositories/scoring-runs.js';
import type { DbOrTx } from '../../db/tx.js';
import { safeAnalyse, type AnalysisResult } from '../../engine/index.js';
import type { Principal } from '../auth.js';
import { requireRole } from '../authz.js';
import { notFound, type Message } from '../errors.js';
import { frameworkDefinitionSchema } from '../frameworks/definition.js';
import { publishedCycle } from '../publication/published-results.js';
import { snapshotSchema, type Snapshot } from './evaluate.js';
import { TOP_CODE, toEngineInput } from './to-engine.js';

/** The audit of a snapshot, or null when the engine cannot audit it (it then could not score it either). */
export function analysisOfSnapshot(snapshot: Snapshot): AnalysisResult | null {
  const def = frameworkDefinitionSchema.parse(snapshot.framework);
  const input = toEngineInput(
    def,
    snapshot.units.map((u) => ({ code: u.code, name: u.name, values: u.values })),
  );
  const r = safeAnalyse(input);
  return r.success ? r.data : null;
}

/** One element of the framework as the audit page names it. */
export interface AnalysisNode {
  code: string;
  /** The element's name in both languages (the framework's own names; the total is 총점 / Total). */
  name: Message;
  level: number;
  parent: string | null;
}

/** What the audit routes answer: the run, the names of the framework's elements, and the audit. */
export interface AnalysisView {
  runId: number;
  kind: string;
  unitCount: number;
  nodes: AnalysisNode[];
  analysis: AnalysisResult | null;
}

async function viewOf(db: DbOrTx, run: ScoringRunRow): Promise<AnalysisView> {
  const snapshot = snapshotSchema.parse(run.input);
  let analysis = (run.analysis ?? null) as AnalysisResult | null;
  if (analysis === null) {
    analysis = analysisOfSnapshot(snapshot);
    if (analysis !== null) await setRunAnalysis(db, run.id, analysis);
  }
  const def = frameworkDefinitionSchema.parse(snapshot.framework);
  const input = toEngineInput(def, []);
  const names = new Map<string, Message>([
    ...def.indicators.map((i) => [i.code, i.name] as const),
    ...def.fields.map((f) => [f.code, f.name] as const),
    [TOP_CODE, { ko: '총점', en: 'Total' }],
  ]);
  return {
    runId: run.id,
    kind: run.kind,
    unitCount: snapshot.units.length,
    nodes: input.iMeta
      .filter((m) => m.Type === 'Indicator' || m.Type === 'Aggregate')
      .map((m) => ({
        code: String(m.iCode),
        name: names.get(String(m.iCode)) ?? { ko: String(m.iName ?? m.iCode), en: String(m.iCode) },
        level: Number(m.Level),
        parent: m.Parent === null || m.Parent === undefined ? null : String(m.Parent),
      })),
    analysis,
  };
}

/** A run's audit, for the city administrator and the auditor. */
export async function runAnalysis(db: DbOrTx, principal: Principal | null, runId: number): Promise<AnalysisView> {
  requireRole(principal, 'city_admin', 'auditor');
  const run = await findRun(db, runId);
  if (!run || run.status !== 'done') throw notFound({ ko: `점수 산정 ${runId}`, en: `Scoring run ${runId}` });
  return viewOf(db, run);
}

/** The published run's audit of a cycle (public once published). */
export async function publishedAnalysis(db: DbOrTx, year: number): Promise<AnalysisView> {
  const cycle = await publishedCycle(db, year);
  const run = await findRun(db, cycle.runId);
  if (!run) throw notFound({ ko: `${year}년 공개 결과`, en: `Published results for ${year}` });
  return viewOf(db, run);
}
