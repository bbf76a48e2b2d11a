import type { Db } from '../../db/client.js';
import {
  deadlineOf,
  evidenceOfSubmissions,
  findSubmission,
  lockDistrictRecords,
  submissionsOfDistrict,
  updateSubmission,
  type AttachedEvidence,
  type SubmissionRow,
} from '../../db/repositories/submissions.js';
import type { DbOrTx } from '../../db/tx.js';
import { recordLatePenalty } from '../adjustments/late-penalty.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf } from '../authz.js';
import { DomainError, type FieldProblem, type Message } from '../errors.js';
import type { Indicator } from '../frameworks/definition.js';
import { notifyPeople } from '../notifications/notify.js';
import { submissionLink } from './approve-submission.js';
import { indicatorOf, loadDistrictCycle, loadDistrictItem, staleVersion, type DistrictCycle } from './district-cycle.js';
import { flagsFor, loadOutlierReferences, type OutlierReferences } from './outlier-reference.js';
import { viewOfItem } from './read-submissions.js';
import { draftContent } from './save-submission.js';
import { submissionProblems } from './submission-problems.js';
import { districtMayEdit, requireOfficerOf, stageClosed, wrongStatus } from './submission-rules.js';
import { auditState, type SubmissionView } from './submission-view.js';

export interface SubmitWarning {
  code: 'late';
  message: Message;
}

function lateWarning(dueAt: Date): SubmitWarning {
  const when = dueAt.toLocaleString('ko-KR', { timeZone: 'Asia/Seoul' });
  return {
    code: 'late',
    message: {
      ko: `제출 기한(${when})이 지나 '기한 경과'로 표시되고, 평가 체계의 제출 지연 감점이 적용됩니다 (가점·감점 화면에서 보고 이의신청할 수 있습니다).`,
      en: `Submitted after the deadline (${dueAt.toISOString()}): marked late, and the framework's late penalty applies (see it, and object, on the bonus/penalty page).`,
    },
  };
}

type Attempt = { ok: true; row: SubmissionRow; evidence: AttachedEvidence[]; warnings: SubmitWarning[] } | { ok: false; problems: FieldProblem[] };

/**
 * Submits one draft or returned item of the district: recomputes a formula value from the current records, checks
 * bounds and required evidence (blockers are returned, not written), refreshes the outlier flags, and marks the item
 * late when the collection deadline has passed while the cycle still collects (a warning, never a block; a
 * resubmission after the city returned an item during verification is not late). Audited.
 */
async function trySubmit(
  tx: DbOrTx,
  principal: Principal,
  dc: DistrictCycle,
  indicator: Indicator,
  row: SubmissionRow,
  refs: OutlierReferences,
  now: Date,
): Promise<Attempt> {
  const content = await draftContent(tx, dc, indicator, row, {});
  const evidence = await evidenceOfSubmissions(tx, [row.id]);
  const problems = submissionProblems(indicator, { value: content.value, evidenceCount: evidence.length });
  if (problems.length > 0) return { ok: false, problems };
  const dueAt = await deadlineOf(tx, dc.cycle.id, 'open');
  const lateNow = dc.cycle.status === 'open' && dueAt !== null && now > dueAt;
  const updated = await updateSubmission(tx, row.id, row.version, {
    ...content,
    flags: flagsFor(refs, indicator.code, content.value),
    status: 'submitted',
    late: row.late || lateNow,
    returnReason: null,
    submittedAt: now,
    submittedBy: principal.user.id,
    changedAfterSubmitAt: null,
    changedAfterSubmit: null,
    updatedBy: principal.user.id,
  });
  if (!updated) throw staleVersion(await viewOfItem(tx, principal, dc, indicator, await findSubmission(tx, dc.cycle.id, dc.unit.id, indicator.code)));
  await appendAudit(tx, actorOf(principal), {
    action: row.status === 'returned' ? 'submission.resubmitted' : 'submission.submitted',
    entityType: 'submission',
    entityId: row.id,
    orgUnitCode: dc.unit.code,
    before: auditState(row),
    after: auditState(updated),
  });
  // The framework's late penalty, once per district and stage (idempotent), with the submission time as its reason.
  if (lateNow && dueAt) await recordLatePenalty(tx, dc.cycle, dc.framework.adjustments, dc.unit, 'open', dueAt, now, now);
  return { ok: true, row: updated, evidence, warnings: lateNow && dueAt ? [lateWarning(dueAt)] : [] };
}

/** Tells the district's approvers that items wait for them (one notification per submit, never to the submitter). */
async function notifyApprovers(tx: DbOrTx, principal: Principal, dc: DistrictCycle, indicators: Indicator[]): Promise<void> {
  if (indicators.length === 0) return;
  const one = indicators.length === 1 ? indicators[0]! : null;
  const codes = indicators.map((i) => i.code).join(', ');
  await notifyPeople(
    tx,
    [{ role: 'district_approver', orgUnitCode: dc.unit.code, orgUnitId: dc.unit.id }],
    'submission_submitted',
    {
      year: dc.cycle.year,
      orgUnitCode: dc.unit.code,
      indicators: indicators.map((i) => i.code),
      ...(one ? { indicator: one.code } : {}),
      link: one ? submissionLink(dc.cycle.year, dc.unit.code, one.code) : `/cycles/${dc.cycle.year}/districts/${dc.unit.code}`,
      message: one
        ? {
            ko: `${dc.cycle.year}년 ${one.code} ${one.name.ko} 실적이 제출되어 승인을 기다립니다.`,
            en: `${dc.cycle.year} ${one.code} ${one.name.en} was submitted and waits for approval.`,
          }
        : {
            ko: `${dc.cycle.year}년 지표 ${indicators.length}개(${codes})가 제출되어 승인을 기다립니다.`,
            en: `${dc.cycle.year}: ${indicators.length} indicators (${codes}) were submitted and wait for approval.`,
          },
    },
    { except: principal.user.id },
  );
}

function blocked(indicator: Indicator, problems: FieldProblem[]): DomainError {
  return new DomainError(
    'invalid',
    'submission_blocked',
    {
      ko: `${indicator.code} 지표를 제출할 수 없습니다. 아래 항목을 고치세요.`,
      en: `Indicator ${indicator.code} cannot be submitted yet; fix the items below.`,
    },
    problems,
  );
}

export interface SubmitResult {
  submission: SubmissionView;
  warnings: SubmitWarning[];
}

/** The district officer submits one item (draft, or returned → resubmitted). */
export async function submitSubmission(
  db: Db,
  principal: Principal | null,
  year: number,
  code: string,
  indicatorCode: string,
  input: { version: number },
  now = new Date(),
): Promise<SubmitResult> {
  requireOfficerOf(principal, code);
  return db.transaction(async (tx) => {
    const { dc, row } = await loadDistrictItem(tx, year, code, indicatorCode);
    const indicator = indicatorOf(dc.framework, indicatorCode);
    if ((row?.version ?? 0) !== input.version) throw staleVersion(await viewOfItem(tx, principal, dc, indicator, row));
    if (!row)
      throw blocked(indicator, [
        { path: `submissions.${indicator.code}`, message: { ko: '아직 작성하지 않았습니다. 먼저 임시 저장하세요.', en: 'Not started: save a draft first.' } },
      ]);
    if (row.status !== 'draft' && row.status !== 'returned') throw wrongStatus(row.status, { ko: '제출', en: 'submitted' });
    if (!districtMayEdit(dc.cycle.status, row.status)) throw stageClosed(dc.cycle.status);
    // The value is computed after any record change of the district in flight has committed (see settleRecordChange).
    await lockDistrictRecords(tx, [dc.unit.id]);
    const refs = await loadOutlierReferences(tx, dc.cycle, dc.unit.id, indicator.code);
    const attempt = await trySubmit(tx, principal, dc, indicator, row, refs, now);
    if (!attempt.ok) throw blocked(indicator, attempt.problems);
    await notifyApprovers(tx, principal, dc, [indicator]);
    return { submission: await viewOfItem(tx, principal, dc, indicator, attempt.row, { evidence: attempt.evidence }), warnings: attempt.warnings };
  });
}

export interface SubmitAllResult {
  submitted: string[];
  /** Items that could not be submitted, with what blocks each. */
  blocked: Array<{ indicator: string; problems: FieldProblem[] }>;
  notStarted: string[];
  warnings: SubmitWarning[];
}

/**
 * Submits every ready draft or returned item of a district in one transaction and reports the others with their
 * blockers (a partial submission: the ready ones go in).
 */
export async function submitAll(db: Db, principal: Principal | null, year: number, code: string, now = new Date()): Promise<SubmitAllResult> {
  requireOfficerOf(principal, code);
  return db.transaction(async (tx) => {
    const dc = await loadDistrictCycle(tx, year, code);
    if (dc.cycle.status !== 'open' && dc.cycle.status !== 'verification') throw stageClosed(dc.cycle.status);
    await lockDistrictRecords(tx, [dc.unit.id]);
    const rows = new Map((await submissionsOfDistrict(tx, dc.cycle.id, dc.unit.id)).map((r) => [r.indicatorCode, r]));
    const refs = await loadOutlierReferences(tx, dc.cycle, dc.unit.id);
    const result: SubmitAllResult = { submitted: [], blocked: [], notStarted: [], warnings: [] };
    for (const indicator of dc.framework.indicators) {
      const row = rows.get(indicator.code);
      if (!row) {
        result.notStarted.push(indicator.code);
        continue;
      }
      if (!districtMayEdit(dc.cycle.status, row.status) || (row.status !== 'draft' && row.status !== 'returned')) continue;
      const attempt = await trySubmit(tx, principal, dc, indicator, row, refs, now);
      if (attempt.ok) {
        result.submitted.push(indicator.code);
        if (result.warnings.length === 0) result.warnings.push(...attempt.warnings);
      } else {
        result.blocked.push({ indicator: indicator.code, problems: attempt.problems });
      }
    }
    await notifyApprovers(
      tx,
      principal,
      dc,
      dc.framework.indicators.filter((i) => result.submitted.includes(i.code)),
    );
    return result;
  });
}
