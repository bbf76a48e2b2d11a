import type { Db } from '../db/client.js';
import { deadlinesOf, objectionCounts, reviewCounts, setCycleStatus, setDeadline, submissionCounts } from '../db/repositories/cycle-state.js';
import { cycleStatuses, findCycleByYear, listCycles, upsertCycle, type CycleRow, type CycleStatus } from '../db/repositories/cycles.js';
import { latestRunOfKind } from '../db/repositories/scoring-runs.js';
import { upsertPublication } from '../db/repositories/scoring-runs.js';
import type { DbOrTx } from '../db/tx.js';
import { administrationShortName, unitWords } from './reference/unit-words.js';
import { appendAudit } from './audit.js';
import type { Principal } from './auth.js';
import { actorOf, holds, requireRole, requireSignedIn } from './authz.js';
import { requireSecondFactor } from './totp.js';
import { DomainError, type Message } from './errors.js';
import { copyFramework, ensureFramework, freezeFramework, getFramework } from './frameworks/service.js';
import { clearPublicCache } from './publication/published-results.js';
import { closeReviewRound, reviewRoundState } from './reviews/index.js';
import { cycleOrThrow } from './cycle-lookup.js';
import { blockingList, gateCounts, gateInventory, notReadyForVerification, unscoredReviews, unverified, type BlockingList } from './gates.js';
import { requireTiesDecided, undecidedTies } from './scoring/ties.js';

export { cycleStatuses, type CycleStatus } from '../db/repositories/cycles.js';

/** The default data period of a cycle: September 1 of the previous year to August 31 of the cycle year. */
export function defaultDataPeriod(year: number): { start: string; end: string } {
  return { start: `${year - 1}-09-01`, end: `${year}-08-31` };
}

export const stageNames: Record<CycleStatus, Message> = {
  draft: { ko: '준비', en: 'Draft' },
  open: { ko: '실적 입력', en: 'Data collection' },
  verification: { ko: '검증', en: 'Verification' },
  review: { ko: '정성 평가', en: 'Panel review' },
  scoring: { ko: '점수 산정', en: 'Scoring' },
  provisional: { ko: '가결과 공개', en: 'Provisional results' },
  objections: { ko: '이의신청', en: 'Objections' },
  final: { ko: '최종 결과', en: 'Final results' },
  published: { ko: '공표', en: 'Published' },
};

export function nextStage(s: CycleStatus): CycleStatus | null {
  const i = cycleStatuses.indexOf(s);
  return i >= 0 && i < cycleStatuses.length - 1 ? cycleStatuses[i + 1]! : null;
}

/** A guard; an overridable one fails unless the admin overrides it with a reason. */
export interface Blocker {
  code: string;
  message: Message;
  overridable: boolean;
  /** The items in the way (bounded list + total), for guards that count items. */
  blocking: BlockingList | null;
}

const plural = (n: number) => n.toLocaleString('ko-KR');

function itemBlocker(code: string, list: BlockingList, total: number, what: { ko: string; en: string }): Blocker {
  return {
    code,
    overridable: true,
    blocking: list,
    message: {
      ko: `전체 ${plural(total)}개 항목 중 ${plural(list.total)}개가 ${what.ko}`,
      en: `${list.total.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} item(s) ${what.en}`,
    },
  };
}

async function runTieBlocker(db: DbOrTx, cycleId: number, kind: 'provisional' | 'final'): Promise<Blocker | null> {
  const run = await latestRunOfKind(db, cycleId, kind);
  if (!run) return null;
  const open = undecidedTies(run);
  if (open.length === 0) return null;
  return {
    code: 'undecided_ties',
    overridable: false,
    blocking: null,
    message: {
      ko: `${kind === 'provisional' ? '가결과' : '최종'} 산정 #${run.id}에 결정되지 않은 동점 ${open.length}건이 있습니다 (${open.map((t) => t.name.ko).join(', ')}). 점수 산정 화면에서 결정하세요.`,
      en: `${kind === 'provisional' ? 'Provisional' : 'Final'} run #${run.id} has ${open.length} undecided tie(s) (${open.map((t) => t.name.en).join(', ')}). Decide them on the scoring page.`,
    },
  };
}

/**
 * What stands in the way of moving a cycle one stage forward. Item guards count every district × indicator of
 * the framework (never-started items included) and list the blocking ones; see `./gates.ts`.
 */
export async function transitionBlockers(db: DbOrTx, cycle: CycleRow): Promise<Blocker[]> {
  const b: Blocker[] = [];
  switch (cycle.status) {
    case 'draft': {
      await getFramework(db, cycle.year).catch(() =>
        b.push({ code: 'no_framework', overridable: false, blocking: null, message: { ko: '평가 체계가 없습니다.', en: 'The cycle has no framework.' } }),
      );
      break;
    }
    case 'open': {
      const inv = await gateInventory(db, cycle);
      const open = notReadyForVerification(inv);
      if (open.length > 0)
        b.push(
          itemBlocker('unsubmitted', blockingList(open), inv.items.length, {
            ko: '아직 구 승인까지 마치지 않았습니다 (미착수·작성 중·반려·승인 대기).',
            en: 'are not yet through the district (not started, draft, returned or awaiting approval).',
          }),
        );
      break;
    }
    case 'verification': {
      const inv = await gateInventory(db, cycle);
      const open = unverified(inv);
      if (open.length > 0)
        b.push(
          itemBlocker('unverified', blockingList(open), inv.items.length, {
            ko: '검증되지 않았습니다 (점수 산정에서 제외됩니다).',
            en: 'are not verified (they will not be scored).',
          }),
        );
      break;
    }
    case 'review': {
      const inv = await gateInventory(db, cycle);
      const open = unscoredReviews(inv, (await reviewRoundState(db, cycle.year)).closed);
      if (open.length > 0)
        b.push(
          itemBlocker('reviews_open', blockingList(open), inv.reviewItems.length, {
            ko: '정성 평가 점수가 없습니다 (미배정·미제출).',
            en: 'have no panel score (no reviewer, or not submitted).',
          }),
        );
      break;
    }
    case 'scoring': {
      if (!(await latestRunOfKind(db, cycle.id, 'provisional')))
        b.push({
          code: 'no_provisional_run',
          overridable: false,
          blocking: null,
          message: { ko: '가결과 점수 산정을 먼저 실행하세요.', en: 'Run a provisional scoring first.' },
        });
      const ties = await runTieBlocker(db, cycle.id, 'provisional');
      if (ties) b.push(ties);
      break;
    }
    case 'objections': {
      const c = await objectionCounts(db, cycle.id);
      if ((c.filed ?? 0) > 0)
        b.push({
          code: 'objections_open',
          overridable: false,
          blocking: null,
          message: { ko: `처리되지 않은 이의신청 ${c.filed}건이 있습니다.`, en: `${c.filed} objection(s) still undecided.` },
        });
      // Sheets reopened by accepted objections must be rescored before the final run.
      const r = await reviewCounts(db, cycle.id);
      const rereview = (r.assigned ?? 0) + (r.draft ?? 0);
      if (rereview > 0)
        b.push({
          code: 'rereview_open',
          overridable: false,
          blocking: null,
          message: { ko: `재심사 중인 정성 평가표 ${rereview}건이 있습니다.`, en: `${rereview} reopened panel score sheet(s) not resubmitted yet.` },
        });
      break;
    }
    case 'final': {
      if (!(await latestRunOfKind(db, cycle.id, 'final')))
        b.push({
          code: 'no_final_run',
          overridable: false,
          blocking: null,
          message: { ko: '최종 점수 산정을 먼저 실행하세요.', en: 'Run the final scoring first.' },
        });
      const ties = await runTieBlocker(db, cycle.id, 'final');
      if (ties) b.push(ties);
      break;
    }
    default:
      break;
  }
  return b;
}

const blockerDetails = (blockers: Blocker[]) => blockers.map((x) => ({ code: x.code, overridable: x.overridable, message: x.message, blocking: x.blocking }));

/** Throws unless every blocker is overridable and overridden with a reason; the refusal lists the blocking items. */
function refuseUnlessOverridden(blockers: Blocker[], input: { override?: boolean; reason?: string | null }): void {
  const hard = blockers.filter((x) => !x.overridable);
  const soft = blockers.filter((x) => x.overridable);
  if (hard.length || (soft.length && !input.override)) {
    throw new DomainError(
      'conflict',
      'transition_blocked',
      { ko: '다음 단계로 넘어갈 수 없습니다.', en: 'The cycle cannot move on yet.' },
      blockers.map((x) => ({ path: x.code, message: x.message })),
      { blockers: blockerDetails(blockers) },
    );
  }
  if (soft.length && !input.reason?.trim()) {
    throw new DomainError('invalid', 'reason_required', { ko: '예외 진행에는 사유가 필요합니다.', en: 'An override needs a reason.' }, [
      { path: 'body.reason', message: { ko: '사유를 입력하세요.', en: 'Enter a reason.' } },
    ]);
  }
}

export async function createCycle(
  db: Db,
  principal: Principal | null,
  input: { year: number; title?: string; dataPeriodStart?: string; dataPeriodEnd?: string; copyFromYear?: number | null },
) {
  requireRole(principal, 'city_admin');
  if (await findCycleByYear(db, input.year)) {
    throw new DomainError('conflict', 'cycle_exists', { ko: `${input.year}년 평가 주기가 이미 있습니다.`, en: `Cycle ${input.year} already exists.` });
  }
  const period = defaultDataPeriod(input.year);
  const title = input.title ?? (await defaultCycleTitle(db, input.year));
  const cycle = await db.transaction(async (tx) => {
    const row = await upsertCycle(tx, {
      year: input.year,
      title,
      dataPeriodStart: input.dataPeriodStart ?? period.start,
      dataPeriodEnd: input.dataPeriodEnd ?? period.end,
      status: 'draft',
      isDemo: false,
    });
    await appendAudit(tx, actorOf(principal), {
      action: 'cycle.created',
      entityType: 'cycle',
      entityId: input.year,
      after: { title: row.title, period: [row.dataPeriodStart, row.dataPeriodEnd] },
    });
    if (!input.copyFromYear) await ensureFramework(tx, input.year, actorOf(principal));
    return row;
  });
  if (input.copyFromYear) await copyFramework(db, principal, input.copyFromYear, input.year);
  return cycle;
}

export interface TransitionInput {
  to: CycleStatus;
  version: number;
  override?: boolean;
  reason?: string | null;
}

/**
 * Moves a cycle one stage forward (draft → open → verification → review → scoring → provisional → objections →
 * final → published). Guards block the move; overridable ones need `override: true` and a reason. Side effects:
 * opening freezes the framework; objections open a window of `objectionWindowDays`; publishing makes the latest
 * final run public.
 */
export async function transitionCycle(db: Db, principal: Principal | null, year: number, input: TransitionInput): Promise<CycleRow> {
  requireRole(principal, 'city_admin');
  // Publishing results needs a session that passed the second factor (when the policy is on: src/domain/totp.ts).
  if (input.to === 'published') requireSecondFactor(principal);
  const actor = actorOf(principal);
  // Leaving the panel review closes its round first (blind scores become final), with the override reason if any.
  const current = await cycleOrThrow(db, year);
  // The review items passed over, as they stood before the round closed (closing settles the open assignments).
  let reviewOverridden: Blocker[] = [];
  if (current.status === 'review' && input.to === 'scoring' && current.version === input.version) {
    reviewOverridden = (await transitionBlockers(db, current)).filter((x) => x.overridable);
    refuseUnlessOverridden(reviewOverridden, input);
    const counts = await reviewCounts(db, current.id);
    const any = Object.values(counts).reduce((a, b) => a + b, 0) > 0;
    if (any && !(await reviewRoundState(db, year)).closed) {
      await closeReviewRound(db, principal, year, input.override && input.reason ? { overrideReason: input.reason } : {});
    }
  }
  const out = await db.transaction(async (tx) => {
    const cycle = await cycleOrThrow(tx, year);
    if (cycle.version !== input.version) {
      throw new DomainError('conflict', 'stale_version', { ko: '다른 사용자가 먼저 단계를 바꿨습니다.', en: 'Someone else changed the stage first.' }, [], {
        current: { status: cycle.status, version: cycle.version },
      });
    }
    const expected = nextStage(cycle.status);
    if (expected !== input.to) {
      throw new DomainError('invalid', 'invalid_transition', {
        ko: `${stageNames[cycle.status].ko} 단계에서는 ${expected ? stageNames[expected].ko : '더 이상'} 단계로만 넘어갈 수 있습니다.`,
        en: `From ${stageNames[cycle.status].en} the cycle can only move to ${expected ? stageNames[expected].en : 'nothing'}.`,
      });
    }
    const blockers = await transitionBlockers(tx, cycle);
    refuseUnlessOverridden(blockers, input);
    const passed = new Map([...reviewOverridden, ...blockers.filter((x) => x.overridable)].map((x) => [x.code, x]));
    const soft = [...passed.values()];
    const publishedAt = input.to === 'published' ? new Date() : undefined;
    const row = await setCycleStatus(tx, cycle.id, cycle.status, input.to, cycle.version, publishedAt);
    if (!row) throw new DomainError('conflict', 'stale_version', { ko: '다른 사용자가 먼저 단계를 바꿨습니다.', en: 'Someone else changed the stage first.' });
    if (input.to === 'open') await freezeFramework(tx, year, actor);
    if (input.to === 'objections') {
      const fw = await getFramework(tx, year);
      await setDeadline(tx, cycle.id, 'objections', new Date(Date.now() + fw.definition.objectionWindowDays * 86_400_000));
    }
    if (input.to === 'published') {
      const run = await latestRunOfKind(tx, cycle.id, 'final');
      if (!run) throw new DomainError('conflict', 'no_final_run', { ko: '최종 점수 산정이 없습니다.', en: 'No final scoring run.' });
      requireTiesDecided(run, { ko: '공표할 수 없습니다', en: 'Cannot publish' });
      await upsertPublication(tx, { cycleId: cycle.id, runId: run.id, pressRelease: null, publishedBy: actor.userId });
    }
    await appendAudit(tx, actor, {
      action: 'cycle.transition',
      entityType: 'cycle',
      entityId: year,
      before: { status: cycle.status },
      after: {
        status: input.to,
        overridden: soft.map((x) => x.code),
        ...(soft.length ? { blocking: Object.fromEntries(soft.map((x) => [x.code, x.blocking])) } : {}),
      },
      reason: soft.length ? input.reason!.trim() : (input.reason ?? null),
    });
    return row;
  });
  if (input.to === 'published') clearPublicCache();
  return out;
}

/** Every cycle with its stage, for any signed-in user. */
export async function browseCycles(db: DbOrTx, principal: Principal | null): Promise<CycleRow[]> {
  requireSignedIn(principal);
  return listCycles(db);
}

export async function cycleDetail(db: DbOrTx, principal: Principal | null, year: number) {
  requireSignedIn(principal);
  const cycle = await cycleOrThrow(db, year);
  const city = holds(principal, 'city_admin', 'auditor');
  const [subs, reviews, objs, deadlines] = await Promise.all([
    submissionCounts(db, cycle.id),
    reviewCounts(db, cycle.id),
    objectionCounts(db, cycle.id),
    deadlinesOf(db, cycle.id),
  ]);
  const blockers = await transitionBlockers(db, cycle);
  return {
    year: cycle.year,
    title: cycle.title,
    status: cycle.status,
    stageName: stageNames[cycle.status],
    next: nextStage(cycle.status),
    version: cycle.version,
    isDemo: cycle.isDemo,
    dataPeriodStart: cycle.dataPeriodStart,
    dataPeriodEnd: cycle.dataPeriodEnd,
    publishedAt: cycle.publishedAt,
    counts: { submissions: subs, reviews, objections: objs },
    deadlines,
    // Which district is behind on what is for the city's eyes: district users see the message, not the list.
    blockers: blockers.map((b) => ({ code: b.code, overridable: b.overridable, message: b.message, blocking: city ? b.blocking : null })),
    gate: city ? gateCounts(await gateInventory(db, cycle)) : null,
  };
}

export async function setCycleDeadline(db: Db, principal: Principal | null, year: number, stage: CycleStatus, dueAt: Date) {
  requireRole(principal, 'city_admin');
  await db.transaction(async (tx) => {
    const cycle = await cycleOrThrow(tx, year);
    await setDeadline(tx, cycle.id, stage, dueAt);
    await appendAudit(tx, actorOf(principal), { action: 'cycle.deadline', entityType: 'cycle', entityId: year, after: { stage, dueAt: dueAt.toISOString() } });
  });
}

/**
 * A new cycle's title in the installation's words: "2021년 서울 희망일자리 만들기 시·구 공동협력사업 평가" in Seoul,
 * "… 경기 희망일자리 만들기 도·시·군 …" in a province.
 */
async function defaultCycleTitle(db: DbOrTx, year: number): Promise<string> {
  const words = await unitWords(db);
  const place = (await administrationShortName(db)).replace(/[시도]$/, '');
  return `${year}년 ${place} 희망일자리 만들기 ${words.parentNounKo}·${words.nounKo} 공동협력사업 평가`;
}
