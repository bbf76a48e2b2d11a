import type { Db } from '../../db/client.js';
import {
  attachEvidence,
  detachEvidence,
  evidenceOfSubmissions,
  findEvidenceFile,
  findSubmission,
  updateSubmission,
} from '../../db/repositories/submissions.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf, requireWriteDistrict } from '../authz.js';
import { DomainError, notFound } from '../errors.js';
import { indicatorOf, loadDistrictItem, staleVersion } from './district-cycle.js';
import type { IndicatorComputation } from './indicator-computation.js';
import { loadOutlierReferences, type OutlierReferences } from './outlier-reference.js';
import { viewOfItem } from './read-submissions.js';
import { returnChangedItem } from './records-changed.js';
import { assertMayEdit, draftContent, writeDraft } from './save-submission.js';
import { auditState, type SubmissionView } from './submission-view.js';

export interface EvidenceChangeInput {
  evidenceId: number;
  version: number;
  reason?: string | null | undefined;
}

/**
 * Attaches (or detaches) an uploaded evidence file — stored by the evidence service, identified by its id — to a
 * district's item. The file must belong to the same district. Attaching to an item not started creates its draft.
 * Same rights, stages and optimistic concurrency as saving a draft; audited.
 */
async function changeEvidence(
  db: Db,
  principal: Principal | null,
  year: number,
  code: string,
  indicatorCode: string,
  input: EvidenceChangeInput,
  op: 'attach' | 'detach',
): Promise<SubmissionView> {
  requireWriteDistrict(principal, code);
  return db.transaction(async (tx) => {
    const item = await loadDistrictItem(tx, year, code, indicatorCode);
    const dc = item.dc;
    const indicator = indicatorOf(dc.framework, indicatorCode);
    let row = item.row;
    if ((row?.version ?? 0) !== input.version) throw staleVersion(await viewOfItem(tx, principal, dc, indicator, row));
    assertMayEdit(principal, dc, row, input.reason);
    const file = await findEvidenceFile(tx, input.evidenceId);
    if (!file) throw notFound({ ko: `증빙자료 ${input.evidenceId}`, en: `Evidence file ${input.evidenceId}` });
    if (op === 'attach' && file.orgUnitId !== dc.unit.id) {
      throw new DomainError('forbidden', 'evidence_of_other_unit', {
        ko: '다른 기관의 증빙자료는 첨부할 수 없습니다.',
        en: 'Evidence uploaded for another unit cannot be attached.',
      });
    }
    const beforeIds = row ? (await evidenceOfSubmissions(tx, [row.id])).map((e) => e.id) : [];
    const before = auditState(row, beforeIds);
    // A draft created here: its computation and outlier references serve its view too.
    let loaded: { computation?: IndicatorComputation | null; refs?: OutlierReferences } = {};
    if (!row) {
      if (op === 'detach') throw notFound({ ko: '첨부된 증빙자료', en: 'Attached evidence' });
      const content = await draftContent(tx, dc, indicator, null, {});
      const refs = await loadOutlierReferences(tx, dc.cycle, dc.unit.id, indicator.code);
      row = await writeDraft(tx, principal, dc, indicator, null, content, refs);
      loaded = { computation: content.computation, refs };
    }
    const changed = op === 'attach' ? await attachEvidence(tx, row.id, file.id, principal.user.id) : await detachEvidence(tx, row.id, file.id);
    if (!changed && op === 'detach') throw notFound({ ko: '첨부된 증빙자료', en: 'Attached evidence' });
    // Evidence behind a submitted or approved item changed (only the city may, with a reason): it goes back to the district.
    const updated =
      row.status === 'submitted' || row.status === 'approved'
        ? await returnChangedItem(
            tx,
            actorOf(principal),
            { row, year, orgUnitCode: code, indicator },
            { kind: 'evidence', action: op === 'attach' ? 'attached' : 'detached', evidenceId: file.id },
            row.value,
            new Date(),
          )
        : await updateSubmission(tx, row.id, row.version, { updatedBy: principal.user.id, changedBy: principal.user.id });
    if (!updated) throw staleVersion(await viewOfItem(tx, principal, dc, indicator, await findSubmission(tx, dc.cycle.id, dc.unit.id, indicatorCode)));
    const evidence = await evidenceOfSubmissions(tx, [updated.id]);
    await appendAudit(tx, actorOf(principal), {
      action: op === 'attach' ? 'submission.evidence_attached' : 'submission.evidence_detached',
      entityType: 'submission',
      entityId: updated.id,
      orgUnitCode: code,
      before,
      after: {
        ...auditState(
          updated,
          evidence.map((e) => e.id),
        ),
        file: { id: file.id, originalName: file.originalName, sha256: file.sha256 },
      },
      reason: input.reason?.trim() || null,
    });
    return viewOfItem(tx, principal, dc, indicator, updated, { ...loaded, evidence });
  });
}

export const attachSubmissionEvidence = (db: Db, principal: Principal | null, year: number, code: string, indicatorCode: string, input: EvidenceChangeInput) =>
  changeEvidence(db, principal, year, code, indicatorCode, input, 'attach');

export const detachSubmissionEvidence = (db: Db, principal: Principal | null, year: number, code: string, indicatorCode: string, input: EvidenceChangeInput) =>
  changeEvidence(db, principal, year, code, indicatorCode, input, 'detach');
