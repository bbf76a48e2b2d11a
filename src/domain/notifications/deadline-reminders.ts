import type { Db } from '../../db/client.js';
import { deadlinesOf } from '../../db/repositories/cycle-state.js';
import { listCycles, type CycleStatus } from '../../db/repositories/cycles.js';
import { lockReminderRun, notificationExists } from '../../db/repositories/notifications.js';
import type { Role } from '../../db/repositories/users.js';
import { stageNames } from '../cycles.js';
import { allDistricts, itemCounts, openAssignments } from '../../db/repositories/my-work.js';
import type { DbOrTx } from '../../db/tx.js';
import type { Principal } from '../auth.js';
import { requireRole } from '../authz.js';
import { getFramework } from '../frameworks/service.js';
import { notify, notifyPeople } from './notify.js';

/** Remind this long before a stage's deadline. */
export const REMINDER_WINDOW_MS = 3 * 86_400_000;

/** Who may have work to finish before a stage's deadline; for the first three stages, only those who still do are reminded. */
const rolesForStage: Partial<Record<CycleStatus, Role[]>> = {
  open: ['district_officer', 'district_approver'],
  verification: ['city_admin', 'district_officer', 'district_approver'],
  review: ['reviewer'],
  scoring: ['city_admin'],
  provisional: ['city_admin'],
  objections: ['district_officer', 'district_approver', 'city_admin'],
  final: ['city_admin'],
};

type Target = { userId: number } | { role: Role; orgUnitCode?: string | null };

/**
 * Who still has work in a stage that depends on districts and reviewers, person by person:
 * - data collection: the officers of a district with an item not yet submitted (not started, draft, returned), the
 *   approvers of a district with a submitted item;
 * - verification: the city admins while an item waits for verification, the officers of a district with a returned
 *   item, the approvers of a district with a submitted one;
 * - panel review: each reviewer with an assignment not yet submitted.
 * Other stages are the city's (or everyone's, for objections): their roles as a whole. A district role nobody holds
 * is addressed to the role, so whoever is given it sees the reminder.
 */
async function targetsWithWork(tx: DbOrTx, cycle: { id: number; year: number; status: CycleStatus }): Promise<Target[]> {
  const roles = rolesForStage[cycle.status] ?? [];
  if (cycle.status === 'review') return (await openAssignments(tx, cycle.id, null)).filter((r) => r.n > 0).map((r) => ({ userId: r.reviewerId }));
  if (cycle.status !== 'open' && cycle.status !== 'verification') return roles.map((role) => ({ role }));
  const indicators = (await getFramework(tx, cycle.year)).definition.indicators.length;
  const rows = await itemCounts(tx, cycle.id, 'all');
  const targets: Target[] = [];
  for (const d of await allDistricts(tx)) {
    const mine = rows.filter((r) => r.orgUnitId === d.id);
    const n = (f: (s: string) => boolean) => mine.filter((r) => f(r.status)).reduce((k, r) => k + r.n, 0);
    const started = n(() => true);
    const officerWork = cycle.status === 'open' ? started < indicators || n((s) => s === 'draft' || s === 'returned') > 0 : n((s) => s === 'returned') > 0;
    if (officerWork) targets.push({ role: 'district_officer', orgUnitCode: d.code });
    if (n((s) => s === 'submitted') > 0) targets.push({ role: 'district_approver', orgUnitCode: d.code });
  }
  if (cycle.status === 'verification' && rows.some((r) => r.status === 'approved' && r.n > 0)) targets.push({ role: 'city_admin' });
  return targets;
}

/** The calendar day in Seoul, e.g. 2020-08-29: reminders are sent at most once per stage and day. */
export function seoulDay(at: Date): string {
  return new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

export interface ReminderSent {
  year: number;
  stage: CycleStatus;
  dueAt: Date;
  notifications: number;
}

/**
 * Sends `deadline_near` notifications for every cycle whose current stage has a deadline within the next three
 * days, to the roles with work left in that stage. Idempotent per cycle, stage and (Seoul) day, also when several
 * servers run it at once; meant to run periodically (e.g. hourly), as the system, or on demand by the city admin.
 */
export async function deadlineReminders(db: Db, principal: Principal | null, now = new Date()): Promise<ReminderSent[]> {
  requireRole(principal, 'city_admin');
  return db.transaction(async (tx) => {
    await lockReminderRun(tx);
    const sent: ReminderSent[] = [];
    const day = seoulDay(now);
    for (const cycle of await listCycles(tx)) {
      if (!rolesForStage[cycle.status]) continue;
      for (const d of await deadlinesOf(tx, cycle.id)) {
        const left = d.dueAt.getTime() - now.getTime();
        if (d.stage !== cycle.status || left <= 0 || left > REMINDER_WINDOW_MS) continue;
        const key = { year: cycle.year, stage: d.stage, day };
        if (await notificationExists(tx, 'deadline_near', key)) continue;
        const when = d.dueAt.toLocaleString('ko-KR', { timeZone: 'Asia/Seoul' });
        const stage = stageNames[cycle.status];
        const payload = {
          ...key,
          dueAt: d.dueAt.toISOString(),
          link: `/cycles/${cycle.year}`,
          message: {
            ko: `${cycle.year}년 평가 '${stage.ko}' 단계 마감이 다가옵니다: ${when}`,
            en: `${cycle.year} evaluation: the ${stage.en} stage closes soon (${d.dueAt.toISOString()}).`,
          },
        };
        const targets = await targetsWithWork(tx, cycle);
        const people = targets.filter((t): t is { userId: number } => 'userId' in t);
        const roleTargets = targets.filter((t): t is { role: Role; orgUnitCode?: string | null } => 'role' in t);
        let n = roleTargets.length > 0 ? await notifyPeople(tx, roleTargets, 'deadline_near', payload) : 0;
        for (const p of people) n += await notify(tx, p, 'deadline_near', payload);
        sent.push({ year: cycle.year, stage: cycle.status, dueAt: d.dueAt, notifications: n });
      }
    }
    return sent;
  });
}
