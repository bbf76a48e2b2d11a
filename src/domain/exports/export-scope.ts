import type { DbOrTx } from '../../db/tx.js';
import { assertCanReadRecords } from '../activities/access.js';
import { listRecordTypes, type RecordType } from '../activities/record-types.js';
import type { Principal } from '../auth.js';
import { requireRole } from '../authz.js';
import { forbidden } from '../errors.js';
import { cycleOrThrow } from '../cycle-lookup.js';
import { loadUnit } from '../imports/import-context.js';
import { periodRecordBatches, type PeriodRecord } from '../../db/repositories/activities.js';
import type { Lang } from './export-columns.js';

/** What one export covers: a cycle's data period, one district or the whole city, and the record types. */
export interface ExportScope {
  cycle: { year: number; title: string; isDemo: boolean };
  period: { start: string; end: string };
  /** null: every district. */
  unit: { id: number; code: string; name: string; nameEn: string } | null;
  types: RecordType[];
  lang: Lang;
  generatedAt: Date;
}

/**
 * Resolves and authorises an export: a district's records for whoever may read them (its officer and approver, the
 * city, the auditor); the whole city for the city admin and the auditor. Record types no longer in use are kept —
 * their records still count — and only skipped by the writers when they have none.
 */
export async function resolveExportScope(
  db: DbOrTx,
  principal: Principal | null,
  req: { year: number; orgUnitCode: string | null; lang: Lang; recordType?: string | undefined },
): Promise<ExportScope> {
  if (req.orgUnitCode) assertCanReadRecords(principal, req.orgUnitCode);
  else {
    try {
      requireRole(principal, 'city_admin', 'auditor');
    } catch {
      throw forbidden({
        ko: '전체 자치구의 실적은 시 관리자와 감사 담당자만 내려받을 수 있습니다.',
        en: 'Only the city admin and the auditor may export every district.',
      });
    }
  }
  const cycle = await cycleOrThrow(db, req.year);
  const unit = req.orgUnitCode ? await loadUnit(db, req.orgUnitCode) : null;
  let types = await listRecordTypes(db, { includeInactive: true });
  if (req.recordType) types = types.filter((t) => t.code === req.recordType);
  return {
    cycle: { year: cycle.year, title: cycle.title, isDemo: cycle.isDemo },
    period: { start: cycle.dataPeriodStart, end: cycle.dataPeriodEnd },
    unit: unit ? { id: unit.id, code: unit.code, name: unit.name, nameEn: unit.nameEn } : null,
    types,
    lang: req.lang,
    generatedAt: new Date(),
  };
}

/** The scope's records of one type, batch by batch. */
export function scopeRecords(db: DbOrTx, scope: ExportScope, type: RecordType): AsyncGenerator<PeriodRecord[]> {
  return periodRecordBatches(db, {
    recordType: type.code,
    start: scope.period.start,
    end: scope.period.end,
    ...(scope.unit ? { orgUnitId: scope.unit.id } : {}),
  });
}
