import type { DbOrTx } from '../../db/tx.js';
import { scopeRecords, type ExportScope } from './export-scope.js';

/**
 * The export as JSON, chunk by chunk: `{ cycle, scope, generatedAt, recordTypes: [definitions], records: [...] }`.
 * Values are the stored ones (numbers as numbers, booleans as booleans); JSON needs no formula escaping.
 */
export async function* recordsJsonChunks(db: DbOrTx, scope: ExportScope): AsyncGenerator<string> {
  const head = {
    cycle: { year: scope.cycle.year, title: scope.cycle.title, dataPeriod: scope.period, isDemo: scope.cycle.isDemo },
    scope: scope.unit ? { orgUnitCode: scope.unit.code, name: scope.unit.name, nameEn: scope.unit.nameEn } : { orgUnitCode: null },
    generatedAt: scope.generatedAt.toISOString(),
    recordTypes: scope.types.map((t) => ({ code: t.code, name: t.name, active: t.active, dateField: t.dateField, fields: t.fields })),
  };
  const opening = JSON.stringify(head);
  yield `${opening.slice(0, -1)},"records":[`;
  let first = true;
  for (const type of scope.types) {
    for await (const batch of scopeRecords(db, scope, type)) {
      const parts = batch.map((r) =>
        JSON.stringify({
          id: r.id,
          orgUnitCode: r.orgUnitCode,
          orgUnitName: r.orgUnitName,
          recordType: r.recordType,
          occurredOn: r.occurredOn,
          data: r.data,
          version: r.version,
          importId: r.importId,
          createdAt: new Date(r.createdAt).toISOString(),
          updatedAt: new Date(r.updatedAt).toISOString(),
        }),
      );
      if (parts.length === 0) continue;
      yield `${first ? '' : ','}${parts.join(',')}`;
      first = false;
    }
  }
  yield ']}';
}
