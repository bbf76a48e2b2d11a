import { useMemo, useState } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/data-table/data-table.js';
import { Button } from '../../../components/ui/button.js';
import { SelectField } from '../../../components/ui/form-field.js';
import { ErrorState, LoadingState } from '../../../components/ui/status.js';
import { apiUrl } from '../../../lib/api-client.js';
import { formatNumber } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import type { ActivityRecord, RecordField, RecordType, RecordValue } from '../../../types/index.js';
import { useRecords } from '../api/get-records.js';
import { DeleteRecordDialog } from './delete-record-dialog.js';
import { RecordFormDialog } from './record-form-dialog.js';
import { numericTypes } from './record-values.js';
import styles from './records.module.css';
import { unitIn } from '../../../lib/unit-words.js';

interface RecordsPanelProps {
  code: string;
  year: number;
  recordTypes: RecordType[];
  /** The district's officer (or the city admin) while the cycle collects data. */
  canEdit: boolean;
  /** After any change: the indicator previews computed from records are stale. */
  onChanged?: () => void;
}

function cellText(field: RecordField, value: RecordValue | undefined, yes: string, no: string): string {
  if (value === undefined || value === '') return '–';
  if (field.type === 'boolean') return value === true ? yes : no;
  if (numericTypes.has(field.type) && typeof value === 'number') return formatNumber(value);
  const text = String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** The district's activity records of one type at a time: a sortable table, add / change / delete forms. */
export function RecordsPanel({ code, year, recordTypes, canEdit, onChanged }: RecordsPanelProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const active = recordTypes.filter((type) => type.active);
  const [typeCode, setTypeCode] = useState(active[0]?.code ?? '');
  const type = active.find((x) => x.code === typeCode) ?? active[0];
  const [editing, setEditing] = useState<ActivityRecord | null>(null);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<ActivityRecord | null>(null);

  const columns = useMemo<ColumnDef<ActivityRecord, unknown>[]>(() => {
    if (type === undefined) return [];
    const yes = t('common.yes');
    const no = t('common.no');
    const list: ColumnDef<ActivityRecord, unknown>[] = [
      { id: 'occurredOn', header: t('records.occurredOn'), accessorFn: (r) => r.occurredOn },
      ...type.fields.map((field): ColumnDef<ActivityRecord, unknown> => ({
        id: field.key,
        header: `${localized(field.label, language)}${field.unit === undefined ? '' : ` (${unitIn(field.unit, language)})`}`,
        accessorFn: (r) => r.data[field.key] ?? null,
        cell: (info) => cellText(field, info.row.original.data[field.key], yes, no),
        meta: { numeric: numericTypes.has(field.type) },
      })),
    ];
    if (canEdit) {
      list.push({
        id: 'actions',
        header: t('records.actions'),
        enableSorting: false,
        cell: (info) => {
          const record = info.row.original;
          const label = `${record.occurredOn} ${String(Object.values(record.data)[0] ?? '')}`.trim();
          return (
            <span className={styles.rowActions}>
              <Button variant="tertiary" size="small" aria-label={t('records.editLabel', { record: label })} onClick={() => setEditing(record)}>
                {t('records.edit')}
              </Button>
              <Button variant="tertiary" size="small" aria-label={t('records.deleteLabel', { record: label })} onClick={() => setDeleting(record)}>
                {t('records.delete')}
              </Button>
            </span>
          );
        },
      });
    }
    return list;
  }, [type, language, canEdit, t]);

  if (type === undefined) return <p>{t('records.noTypes')}</p>;
  const typeName = localized(type.name, language);

  return (
    <div className={styles.panel}>
      <div className={styles.toolbar}>
        <SelectField label={t('records.typeLabel')} value={type.code} onChange={(e) => setTypeCode(e.target.value)} className={styles.typeSelect}>
          {active.map((x) => (
            <option key={x.code} value={x.code}>
              {localized(x.name, language)}
            </option>
          ))}
        </SelectField>
        <div className={styles.toolbarEnd}>
          <a className={styles.exportLink} href={apiUrl(`/cycles/${year}/districts/${encodeURIComponent(code)}/records.xlsx`)} download>
            {t('records.exportAll')}
          </a>
          {canEdit && (
            <Button onClick={() => setAdding(true)}>
              <span aria-hidden="true">＋</span>
              {t('records.add', { type: typeName })}
            </Button>
          )}
        </div>
      </div>
      {type.description !== undefined && <p className={styles.description}>{localized(type.description, language)}</p>}
      {!canEdit && <p className={styles.description}>{t('records.readOnly')}</p>}

      <RecordsTable code={code} year={year} type={type} columns={columns} caption={t('records.caption', { type: typeName, year })} />

      <RecordFormDialog
        code={code}
        type={type}
        record={editing}
        open={adding || editing !== null}
        onChanged={onChanged}
        onClose={() => {
          setAdding(false);
          setEditing(null);
        }}
      />
      <DeleteRecordDialog code={code} record={deleting} onChanged={onChanged} onClose={() => setDeleting(null)} />
    </div>
  );
}

function RecordsTable({
  code,
  year,
  type,
  columns,
  caption,
}: {
  code: string;
  year: number;
  type: RecordType;
  columns: ColumnDef<ActivityRecord, unknown>[];
  caption: string;
}) {
  const { t } = useTranslation();
  const records = useRecords(code, type.code, year);
  if (records.isPending) return <LoadingState />;
  if (records.isError) return <ErrorState error={records.error} onRetry={() => void records.refetch()} />;
  const rows = records.data.pages.flatMap((page) => page.items);
  return (
    <>
      <DataTable
        data={rows}
        columns={columns}
        caption={caption}
        getRowId={(r) => String(r.id)}
        searchText={(r) => `${r.occurredOn} ${Object.values(r.data).join(' ')}`}
        filterLabel={t('records.filterLabel')}
        initialSorting={[{ id: 'occurredOn', desc: true }]}
        maxHeight="32rem"
      />
      {records.hasNextPage && (
        <p>
          <Button variant="secondary" disabled={records.isFetchingNextPage} onClick={() => void records.fetchNextPage()}>
            {records.isFetchingNextPage ? t('common.loading') : t('records.more')}
          </Button>
        </p>
      )}
    </>
  );
}
