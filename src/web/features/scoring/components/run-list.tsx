import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnDef } from '@tanstack/react-table';
import { DataTable } from '../../../components/data-table/data-table.js';
import { Button } from '../../../components/ui/button.js';
import { formatDateTime, shortHash } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import type { ScoringRunSummary } from '../../../types/index.js';
import { RunKindBadge } from './run-kind-badge.js';
import styles from './scoring.module.css';

interface RunListProps {
  runs: ScoringRunSummary[];
  selected: number | null;
  onSelect: (id: number) => void;
}

function runId(run: ScoringRunSummary): string {
  return String(run.id);
}

/** Every run of the cycle: kind, time, input hash, engine version and note, newest first. */
export function RunList({ runs, selected, onSelect }: RunListProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const columns = useMemo<ColumnDef<ScoringRunSummary, unknown>[]>(
    () => [
      {
        // The run number is the button that opens the run: the first thing in the row, also on a phone.
        id: 'id',
        accessorFn: (r) => r.id,
        header: t('scoring.columns.id'),
        cell: ({ row }) => {
          const isSelected = row.original.id === selected;
          return (
            <Button variant={isSelected ? 'primary' : 'secondary'} size="small" aria-pressed={isSelected} onClick={() => onSelect(row.original.id)}>
              #{row.original.id}
              <span className="visually-hidden"> {t('scoring.view', { id: row.original.id })}</span>
            </Button>
          );
        },
      },
      { id: 'kind', accessorFn: (r) => r.kind, header: t('scoring.columns.kind'), cell: ({ row }) => <RunKindBadge kind={row.original.kind} /> },
      {
        id: 'createdAt',
        accessorFn: (r) => r.createdAt,
        header: t('scoring.columns.createdAt'),
        cell: ({ row }) => <span className={styles.nowrap}>{formatDateTime(row.original.finishedAt ?? row.original.createdAt, language)}</span>,
      },
      {
        id: 'hash',
        accessorFn: (r) => r.inputHash,
        header: t('scoring.columns.inputHash'),
        enableSorting: false,
        cell: ({ row }) => (
          <code className={`${styles.mono} ${styles.nowrap}`} title={row.original.inputHash}>
            {shortHash(row.original.inputHash)}
          </code>
        ),
      },
      { id: 'engine', accessorFn: (r) => r.engineVersion, header: t('scoring.columns.engineVersion') },
      {
        id: 'status',
        accessorFn: (r) => r.status,
        header: t('scoring.columns.status'),
        cell: ({ row }) =>
          row.original.status === 'done'
            ? t('scoring.status.done')
            : row.original.error === null
              ? row.original.status
              : localized(row.original.error, language),
      },
      { id: 'note', accessorFn: (r) => r.note ?? '', header: t('scoring.columns.note'), enableSorting: false },
    ],
    [t, language, selected, onSelect],
  );
  return (
    <DataTable
      data={runs}
      columns={columns}
      caption={t('scoring.listCaption')}
      getRowId={runId}
      initialSorting={[{ id: 'id', desc: true }]}
      maxHeight="24rem"
    />
  );
}
