import type { Db } from '../../db/client.js';
import { decidersOf, findObjection, updateObjection } from '../../db/repositories/objections.js';
import { findEvidenceFile } from '../../db/repositories/submissions.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf } from '../authz.js';
import { DomainError, forbidden, notFound } from '../errors.js';
import { speaksFor } from './objection-access.js';
import { notify } from '../notifications/notify.js';
import { notifyDeciders } from './objection-notify.js';
import { objectionSchedule, requireBefore } from './objection-schedule.js';
import { needsReply, type ObjectionView } from './objection-view.js';
import { openObjection, stale } from './open-objection.js';
import { viewOf } from './read-objections.js';
import { josaPick } from '../../korean.js';

export interface ReplyObjectionInput {
  version: number;
  text: string;
  evidenceId?: number | null | undefined;
}

/**
 * The contested district answers an objection another district filed against its figure (답변): its officer or
 * approver, once, with a text and optionally an evidence file of its own, until the cycle's reply deadline. The
 * filer and the deciders are notified; audited; optimistic on `version`.
 */
export async function replyToObjection(db: Db, principal: Principal | null, id: number, input: ReplyObjectionInput, now = new Date()): Promise<ObjectionView> {
  const found = await findObjection(db, id);
  if (!found) throw notFound({ ko: `이의신청 ${id}`, en: `Objection ${id}` });
  if (!speaksFor(principal, found.orgUnitCode)) {
    throw forbidden({
      ko: '이의신청을 받은 자치구의 담당자·승인자만 답변할 수 있습니다.',
      en: 'Only the officers and approvers of the contested district can reply.',
    });
  }
  const text = input.text.trim();
  if (!text) {
    throw new DomainError('invalid', 'reply_required', { ko: '답변 내용을 입력하세요.', en: 'Enter the reply.' }, [
      { path: 'body.text', message: { ko: '답변을 입력하세요.', en: 'Enter a reply.' } },
    ]);
  }
  await db.transaction(async (tx) => {
    const { row, cycle } = await openObjection(tx, principal, id, input.version);
    if (!needsReply(row)) {
      throw new DomainError('conflict', 'no_reply_needed', {
        ko: '자기 자치구가 신청한 이의신청에는 답변하지 않습니다.',
        en: 'A district does not reply to its own objection.',
      });
    }
    if (row.reply !== null) {
      throw new DomainError('conflict', 'already_replied', { ko: '이미 답변했습니다.', en: 'This objection has already been answered.' });
    }
    requireBefore((await objectionSchedule(tx, cycle.id)).replyDueAt, now, 'reply_deadline_passed', { ko: '답변', en: 'reply' });
    let evidenceId: number | null = null;
    if (input.evidenceId != null) {
      const file = await findEvidenceFile(tx, input.evidenceId);
      if (!file) throw notFound({ ko: `증빙자료 ${input.evidenceId}`, en: `Evidence file ${input.evidenceId}` });
      if (file.orgUnitId !== row.orgUnitId)
        throw forbidden({ ko: '자기 자치구에서 올린 증빙자료만 첨부할 수 있습니다.', en: 'Only evidence uploaded for your own district can be attached.' });
      evidenceId = file.id;
    }
    const updated = await updateObjection(tx, row.id, row.version, { reply: text, replyEvidenceId: evidenceId, repliedBy: principal!.user.id, repliedAt: now });
    if (!updated) throw await stale(tx, principal, id);
    await appendAudit(tx, actorOf(principal!), {
      action: 'objection.replied',
      entityType: 'objection',
      entityId: row.id,
      orgUnitCode: row.orgUnitCode,
      before: { reply: null },
      after: { reply: text, evidenceId, filer: row.filerCode, indicator: row.indicatorCode },
    });
    const facts = {
      year: row.year,
      orgUnitCode: row.orgUnitCode,
      filerCode: row.filerCode,
      indicator: row.indicatorCode,
      objectionId: row.id,
      link: `/cycles/${row.year}/objections`,
    };
    const message = {
      ko: `${row.orgUnitName}${josaPick(row.orgUnitName, '이/가')} ${row.year}년 ${row.indicatorCode} 이의신청(신청: ${row.filerName})에 답변했습니다.`,
      en: `${row.orgUnitCode} replied to the objection to its ${row.year} ${row.indicatorCode} (filed by ${row.filerCode}).`,
    };
    if (row.filedBy !== null) await notify(tx, { userId: row.filedBy }, 'objection_replied', { ...facts, message });
    await notifyDeciders(tx, await decidersOf(tx, cycle.id), 'objection_replied', { ...facts, message });
  });
  return viewOf(db, principal, id);
}
