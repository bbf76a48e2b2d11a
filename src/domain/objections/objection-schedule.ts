import type { Db } from '../../db/client.js';
import { deadlinesOf, setDeadline } from '../../db/repositories/cycle-state.js';
import { decidersOf, replaceDeciders } from '../../db/repositories/objections.js';
import { findUserByUsername } from '../../db/repositories/users.js';
import type { DbOrTx } from '../../db/tx.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf, requireRole } from '../authz.js';
import { cycleOrThrow } from '../cycle-lookup.js';
import { DomainError, type FieldProblem, type Message } from '../errors.js';

/** Deadline stages of the objection process, kept beside the cycle's other deadlines. */
export const FILING_STAGE = 'objections';
export const REPLY_STAGE = 'objection_replies';
export const DECISION_STAGE = 'objection_decisions';

/** Defaults when the city has not set them: the contested district replies within 3 days of the filing deadline, decisions within 7 more. */
export const DEFAULT_REPLY_DAYS = 3;
export const DEFAULT_DECISION_DAYS = 7;
const DAY = 86_400_000;

/** The committee is small by nature; a long list is a mistake. */
export const MAX_COMMITTEE = 20;

export interface ObjectionSchedule {
  /** Filing closes (the window opens when the cycle enters its objection stage). */
  filingDueAt: Date | null;
  /** The contested district's replies close. */
  replyDueAt: Date | null;
  /** Decisions close. */
  decisionDueAt: Date | null;
}

/** The cycle's objection deadlines, the unset ones derived from the filing deadline. */
export async function objectionSchedule(db: DbOrTx, cycleId: number): Promise<ObjectionSchedule> {
  const rows = await deadlinesOf(db, cycleId);
  const at = (stage: string) => rows.find((r) => r.stage === stage)?.dueAt ?? null;
  const filingDueAt = at(FILING_STAGE);
  const replyDueAt = at(REPLY_STAGE) ?? (filingDueAt && new Date(filingDueAt.getTime() + DEFAULT_REPLY_DAYS * DAY));
  const decisionDueAt = at(DECISION_STAGE) ?? (replyDueAt && new Date(replyDueAt.getTime() + DEFAULT_DECISION_DAYS * DAY));
  return { filingDueAt, replyDueAt, decisionDueAt };
}

/** A moment as Korea Standard Time, for messages. */
export function kst(d: Date): Message {
  return {
    ko: `${d.toLocaleString('ko-KR', { timeZone: 'Asia/Seoul' })} (KST)`,
    en: `${d.toLocaleString('en-GB', { timeZone: 'Asia/Seoul', dateStyle: 'medium', timeStyle: 'short' })} KST`,
  };
}

/** Refuses a step whose deadline has passed: 409 `<code>` naming the deadline in Korea time. */
export function requireBefore(due: Date | null, now: Date, code: string, what: Message): void {
  if (due === null || now <= due) return;
  const when = kst(due);
  throw new DomainError('conflict', code, { ko: `${what.ko} 기한(${when.ko})이 지났습니다.`, en: `The ${what.en} deadline (${when.en}) has passed.` }, [], {
    dueAt: due,
  });
}

export interface ObjectionSettings {
  year: number;
  schedule: ObjectionSchedule;
  /** Named deciders; empty when the city admins decide. */
  committee: Array<{ username: string; displayName: string }>;
}

export async function settingsOf(db: DbOrTx, cycleId: number, year: number): Promise<ObjectionSettings> {
  const [schedule, committee] = await Promise.all([objectionSchedule(db, cycleId), decidersOf(db, cycleId)]);
  return { year, schedule, committee: committee.map(({ username, displayName }) => ({ username, displayName })) };
}

export interface ObjectionSettingsInput {
  filingDueAt: Date;
  replyDueAt: Date;
  decisionDueAt: Date;
  /** Usernames of the committee; empty: the city admins decide. */
  committee: string[];
}

/**
 * The city admin sets a cycle's objection deadlines (filing ≤ reply ≤ decision) and, optionally, the committee of
 * named users who decide instead of the city admins. Audited with the values before and after.
 */
export async function setObjectionSettings(db: Db, principal: Principal | null, year: number, input: ObjectionSettingsInput): Promise<ObjectionSettings> {
  requireRole(principal, 'city_admin');
  const problems: FieldProblem[] = [];
  if (input.replyDueAt < input.filingDueAt)
    problems.push({
      path: 'body.replyDueAt',
      message: { ko: '답변 기한은 신청 기한 이후여야 합니다.', en: 'The reply deadline must not be before the filing deadline.' },
    });
  if (input.decisionDueAt < input.replyDueAt)
    problems.push({
      path: 'body.decisionDueAt',
      message: { ko: '결정 기한은 답변 기한 이후여야 합니다.', en: 'The decision deadline must not be before the reply deadline.' },
    });
  const usernames = [...new Set(input.committee.map((u) => u.trim()).filter(Boolean))];
  if (usernames.length > MAX_COMMITTEE)
    problems.push({ path: 'body.committee', message: { ko: `위원은 ${MAX_COMMITTEE}명까지입니다.`, en: `At most ${MAX_COMMITTEE} members.` } });
  if (problems.length)
    throw new DomainError(
      'invalid',
      'invalid_objection_settings',
      { ko: '이의신청 일정이 올바르지 않습니다.', en: 'The objection settings are not valid.' },
      problems,
    );
  return db.transaction(async (tx) => {
    const cycle = await cycleOrThrow(tx, year);
    const members: number[] = [];
    for (const [i, username] of usernames.entries()) {
      const user = await findUserByUsername(tx, username);
      if (user && !user.disabledAt) members.push(user.id);
      else
        problems.push({
          path: `body.committee.${i}`,
          message: { ko: `사용할 수 있는 계정이 아닙니다: ${username.slice(0, 60)}`, en: `No active account: ${username.slice(0, 60)}` },
        });
    }
    if (problems.length)
      throw new DomainError('invalid', 'unknown_committee_member', { ko: '심의위원 계정을 확인하세요.', en: 'Check the committee accounts.' }, problems);
    const before = await settingsOf(tx, cycle.id, year);
    await setDeadline(tx, cycle.id, FILING_STAGE, input.filingDueAt);
    await setDeadline(tx, cycle.id, REPLY_STAGE, input.replyDueAt);
    await setDeadline(tx, cycle.id, DECISION_STAGE, input.decisionDueAt);
    await replaceDeciders(tx, cycle.id, members, principal.user.id);
    const after = await settingsOf(tx, cycle.id, year);
    await appendAudit(tx, actorOf(principal), {
      action: 'objection.settings',
      entityType: 'cycle',
      entityId: year,
      before: { ...before.schedule, committee: before.committee.map((c) => c.username) },
      after: { ...after.schedule, committee: after.committee.map((c) => c.username) },
    });
    return after;
  });
}

/** The cycle's objection deadlines and committee, for everyone taking part. */
export async function objectionSettings(db: DbOrTx, principal: Principal | null, year: number): Promise<ObjectionSettings> {
  requireRole(principal, 'city_admin', 'auditor', 'district_officer', 'district_approver', 'reviewer');
  const cycle = await cycleOrThrow(db, year);
  return settingsOf(db, cycle.id, year);
}
