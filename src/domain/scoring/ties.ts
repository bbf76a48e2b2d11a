/**
 * Award ties beyond a tier's places. When units tie across the last place of a tier (e.g. 24 districts tied for
 * 2nd with 3 places of 최우수구 left), the engine's default would award them all; a run instead reports each such
 * tie, and the admin decides: award all tied, leave the places empty, or break the tie by a rule the framework
 * offers (the score before bonus/penalty, or the score of one of the framework's fields). The decision is stored on
 * the run, applied to its result (re-evaluated from the run's own snapshot) and audited. Provisional results are not
 * released and final results not published while a tie is undecided.
 */
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { findPublication, findRun, lockCycleScoring, setRunTieDecisions, type ScoringRunRow } from '../../db/repositories/scoring-runs.js';
import type { BoundaryTie } from '../../engine/index.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf, requireRole } from '../authz.js';
import { DomainError, notFound, type Message } from '../errors.js';
import type { decideTieBody } from '../../contract/scoring-runs.js';
import { frameworkDefinitionSchema } from '../frameworks/definition.js';
import { evaluateWithTies, snapshotSchema, type CycleOutcome } from './evaluate.js';

const meta = { rule: z.string().optional(), reason: z.string().optional(), decidedBy: z.string().optional(), decidedAt: z.string().optional() };
const storedDecisionSchema = z.array(
  z.discriminatedUnion('kind', [
    z.object({ tier: z.string(), group: z.string().optional(), tied: z.array(z.string()), kind: z.literal('award_all'), ...meta }),
    z.object({ tier: z.string(), group: z.string().optional(), tied: z.array(z.string()), kind: z.literal('leave_empty'), ...meta }),
    z.object({ tier: z.string(), group: z.string().optional(), tied: z.array(z.string()), kind: z.literal('order'), order: z.array(z.string()), ...meta }),
  ]),
);

/** A stored decision: the engine's, plus the rule named (for `order`), the reason, who took it and when. */
export type StoredTieDecision = z.infer<typeof storedDecisionSchema>[number];

export function storedDecisions(run: Pick<ScoringRunRow, 'tieDecisions'>): StoredTieDecision[] {
  const parsed = storedDecisionSchema.safeParse(run.tieDecisions ?? []);
  return parsed.success ? parsed.data : [];
}

/** A tie-break rule the framework offers: the higher score before bonus/penalty, or the higher score in a field. */
export interface TieBreakRule {
  code: string;
  name: Message;
}

export function tieBreakRules(framework: unknown): TieBreakRule[] {
  const def = frameworkDefinitionSchema.parse(framework);
  return [
    { code: 'base_score', name: { ko: '가·감점 전 점수가 높은 구', en: 'Higher score before bonus/penalty' } },
    ...def.fields.map((f) => ({ code: `field:${f.code}`, name: { ko: `${f.name.ko} 분야 점수가 높은 구`, en: `Higher score in the ${f.name.en} field` } })),
  ];
}

export interface TieView extends Omit<BoundaryTie, 'decision' | 'tied'> {
  tied: string[];
  tiedUnits: Array<{ code: string; name: string }>;
  decision: StoredTieDecision | null;
  message: Message;
}

function tieMessage(t: BoundaryTie, names: Map<string, string>): Message {
  const who = t.tied.map((c) => names.get(c) ?? c);
  const shown = who.length > 5 ? `${who.slice(0, 5).join(', ')} 외 ${who.length - 5}곳` : who.join(', ');
  const shownEn = who.length > 5 ? `${who.slice(0, 5).join(', ')} and ${who.length - 5} more` : who.join(', ');
  return {
    ko: `${t.name.ko}: 남은 ${t.placesLeft}자리(정원 ${t.places}자리)에 ${t.tied.length}개 구가 공동 ${t.rank}위로 동점입니다 (${shown}). 모두 수상할지, 자리를 비울지, 동점 처리 규칙을 적용할지 결정하세요.`,
    en: `${t.name.en}: ${t.tied.length} districts tie for rank ${t.rank} for the ${t.placesLeft} remaining place(s) of ${t.places} (${shownEn}). Decide whether to award all, leave the places empty, or break the tie by a rule.`,
  };
}

/** The ties of a stored run, with the decision on each (null = undecided). */
export function runTies(run: ScoringRunRow): TieView[] {
  if (run.status !== 'done') return [];
  const snapshot = snapshotSchema.parse(run.input);
  const decisions = storedDecisions(run);
  const { ties } = evaluateWithTies(snapshot, decisions);
  const names = new Map(snapshot.units.map((u) => [u.code, u.name]));
  return ties.map((t) => {
    const stored = t.decision ? (decisions.find((d) => d.tier === t.tier && (d.group ?? undefined) === t.group && sameSet(d.tied, t.tied)) ?? null) : null;
    return { ...t, tied: [...t.tied], tiedUnits: t.tied.map((c) => ({ code: c, name: names.get(c) ?? c })), decision: stored, message: tieMessage(t, names) };
  });
}

export function undecidedTies(run: ScoringRunRow): TieView[] {
  return runTies(run).filter((t) => t.decision === null);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}

export { decideTieBody as decideTieInput } from '../../contract/scoring-runs.js';
export type DecideTieInput = z.infer<typeof decideTieBody>;

/** The order of tied units by a tie-break rule; refuses when the rule leaves a tie at the boundary. */
function orderByRule(outcome: CycleOutcome, tie: BoundaryTie, rule: string): string[] {
  const byCode = new Map(outcome.units.map((u) => [u.code, u]));
  const key = (code: string): number => {
    const u = byCode.get(code);
    if (!u) return -Infinity;
    if (rule === 'base_score') return u.baseScore ?? -Infinity;
    const field = rule.slice('field:'.length);
    return u.fieldScores[field] ?? -Infinity;
  };
  const round = (x: number) => Math.round(x * 1e9) / 1e9;
  const order = [...tie.tied].sort((a, b) => round(key(b)) - round(key(a)) || (a < b ? -1 : 1));
  const cut = tie.placesLeft;
  if (cut > 0 && cut < order.length && round(key(order[cut - 1]!)) === round(key(order[cut]!))) {
    throw new DomainError('conflict', 'tie_break_still_tied', {
      ko: '이 규칙으로도 경계에서 동점이 남습니다. 다른 규칙을 고르거나 모두 수상/자리 비움을 결정하세요.',
      en: 'This rule still leaves a tie at the boundary. Pick another rule, or award all / leave the places empty.',
    });
  }
  return order;
}

/**
 * Records the admin's decision on one tie of a run (before the run is published), re-evaluates the run's result
 * from its own snapshot with every decision, and audits it with the tied units, places and reason.
 */
export async function decideTie(db: Db, principal: Principal | null, runId: number, input: DecideTieInput) {
  requireRole(principal, 'city_admin');
  const actor = actorOf(principal);
  return db.transaction(async (tx) => {
    const run = await findRun(tx, runId);
    if (!run || run.status !== 'done') throw notFound({ ko: `점수 산정 ${runId}`, en: `Scoring run ${runId}` });
    await lockCycleScoring(tx, run.cycleId);
    const publication = await findPublication(tx, run.cycleId);
    if (publication?.runId === run.id) {
      throw new DomainError('conflict', 'run_published', {
        ko: '이미 공표된 결과의 동점 처리는 바꿀 수 없습니다.',
        en: 'The ties of a published result cannot be changed.',
      });
    }
    const ties = runTies(run);
    const tie = ties.find((t) => t.tier === input.tier && t.group === input.group);
    if (!tie) throw notFound({ ko: `${input.tier} 등급의 동점`, en: `A tie in tier ${input.tier}` });
    const snapshot = snapshotSchema.parse(run.input);
    let decision: StoredTieDecision;
    const base = {
      tier: tie.tier,
      ...(tie.group === undefined ? {} : { group: tie.group }),
      tied: [...tie.tied],
      reason: input.reason,
      decidedBy: actor.label,
      decidedAt: new Date().toISOString(),
    };
    if (input.decision === 'tie_break') {
      const rules = tieBreakRules(snapshot.framework);
      const rule = rules.find((r) => r.code === input.rule);
      if (!rule) {
        throw new DomainError(
          'invalid',
          'unknown_tie_break_rule',
          { ko: '평가 체계에 없는 동점 처리 규칙입니다.', en: 'The framework offers no such tie-break rule.' },
          [
            {
              path: 'body.rule',
              message: { ko: `다음 중에서 고르세요: ${rules.map((r) => r.code).join(', ')}`, en: `Pick one of: ${rules.map((r) => r.code).join(', ')}` },
            },
          ],
        );
      }
      decision = { ...base, kind: 'order', order: orderByRule(run.result as CycleOutcome, tie, rule.code), rule: rule.code };
    } else {
      decision = { ...base, kind: input.decision };
    }
    const others = storedDecisions(run).filter((d) => !(d.tier === tie.tier && (d.group ?? undefined) === tie.group));
    const decisions = [...others, decision];
    const { outcome } = evaluateWithTies(snapshot, decisions);
    await setRunTieDecisions(tx, run.id, decisions, outcome);
    await appendAudit(tx, actor, {
      action: 'scoring.tie_decided',
      entityType: 'scoring_run',
      entityId: run.id,
      before: { decision: tie.decision ? { kind: tie.decision.kind } : null },
      after: {
        tier: tie.tier,
        group: tie.group ?? null,
        places: tie.places,
        placesLeft: tie.placesLeft,
        rank: tie.rank,
        tied: tie.tied,
        decision: input.decision,
        rule: input.rule ?? null,
        winners: outcome.tiers.find((t) => t.code === tie.tier)?.winners ?? [],
      },
      reason: input.reason,
    });
    return { runId: run.id, ties: runTies({ ...run, tieDecisions: decisions, result: outcome }) };
  });
}

/** Refuses to release or publish a run with an undecided tie. */
export function requireTiesDecided(run: ScoringRunRow, what: Message): void {
  const open = undecidedTies(run);
  if (open.length > 0) {
    throw new DomainError(
      'conflict',
      'undecided_ties',
      { ko: `${what.ko}: 결정되지 않은 동점 ${open.length}건이 있습니다.`, en: `${what.en}: ${open.length} undecided tie(s).` },
      open.map((t) => ({ path: `ties.${t.tier}`, message: t.message })),
    );
  }
}
