import type { Db } from '../../db/client.js';
import { deadlinesOf } from '../../db/repositories/cycle-state.js';
import { listCycles } from '../../db/repositories/cycles.js';
import { lockReminderRun, notificationExists } from '../../db/repositories/notifications.js';
import type { CycleStatus, Role } from '../../db/schema.js';
import { stageNames } from '../cycles.js';
import { notify } from './notify.js';

/** Remind this long before a stage's deadline. */
export const REMINDER_WINDOW_MS = 3 * 86_400_000;

/** Who has work to finish before a stage's deadline. */
const rolesForStage: Partial<Record<CycleStatus, Role[]>> = {
  open: ['district_officer', 'district_approver'],
  verification: ['city_admin'],
  review: ['reviewer'],
  scoring: ['city_admin'],
  provisional: ['city_admin'],
  objections: ['district_officer', 'district_approver', 'city_admin'],
  final: ['city_admin'],
};

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
 * servers run it at once; meant to run periodically (e.g. hourly).
 */
export async function deadlineReminders(db: Db, now = new Date()): Promise<ReminderSent[]> {
  return db.transaction(async (tx) => {
    await lockReminderRun(tx);
    const sent: ReminderSent[] = [];
    const day = seoulDay(now);
    for (const cycle of await listCycles(tx)) {
      const roles = rolesForStage[cycle.status];
      if (!roles) continue;
      for (const d of await deadlinesOf(tx, cycle.id)) {
        const left = d.dueAt.getTime() - now.getTime();
        if (d.stage !== cycle.status || left <= 0 || left > REMINDER_WINDOW_MS) continue;
        const key = { year: cycle.year, stage: d.stage, day };
        if (await notificationExists(tx, 'deadline_near', key)) continue;
        const when = d.dueAt.toLocaleString('ko-KR', { timeZone: 'Asia/Seoul' });
        const stage = stageNames[cycle.status];
        let n = 0;
        for (const role of roles) {
          n += await notify(tx, { role }, 'deadline_near', {
            ...key,
            dueAt: d.dueAt.toISOString(),
            link: `/cycles/${cycle.year}`,
            message: {
              ko: `${cycle.year}년 평가 '${stage.ko}' 단계 마감이 다가옵니다: ${when}`,
              en: `${cycle.year} evaluation: the ${stage.en} stage closes soon (${d.dueAt.toISOString()}).`,
            },
          });
        }
        sent.push({ year: cycle.year, stage: cycle.status, dueAt: d.dueAt, notifications: n });
      }
    }
    return sent;
  });
}
