import { useId, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { flexRender, getCoreRowModel, getFilteredRowModel, getSortedRowModel, useReactTable } from '@tanstack/react-table';
import type { ColumnDef, FilterFn, RowData, SortingState } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../ui/button.js';
import styles from './data-table.module.css';

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Right-aligned, tabular figures. */
    numeric?: boolean;
  }
}

export interface TableDownload {
  href: string;
  label: string;
}

interface DataTableProps<T> {
  data: T[];
  columns: ColumnDef<T, unknown>[];
  /** Names the table for screen readers; shown only to them. */
  caption: string;
  getRowId: (row: T) => string;
  /** Text a row is found by in the filter box; without it there is no filter box. */
  searchText?: (row: T) => string;
  filterLabel?: string;
  filterPlaceholder?: string;
  initialSorting?: SortingState;
  /** Server-side exports of the same data (e.g. xlsx, CSV). */
  downloads?: TableDownload[];
  /** Height of the scroll box; the header row stays in view inside it. */
  maxHeight?: string;
  toolbarExtra?: ReactNode;
}

/** A sortable, filterable table with a sticky header and links to server-side exports. */
export function DataTable<T>({
  data,
  columns,
  caption,
  getRowId,
  searchText,
  filterLabel,
  filterPlaceholder,
  initialSorting = [],
  downloads = [],
  maxHeight = '70vh',
  toolbarExtra,
}: DataTableProps<T>) {
  const { t } = useTranslation();
  const filterId = useId();
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  const [globalFilter, setGlobalFilter] = useState('');

  const globalFilterFn = useMemo<FilterFn<T>>(
    () => (row, _columnId, value) => {
      if (searchText === undefined) return true;
      const query = String(value).trim().toLocaleLowerCase();
      return query === '' || searchText(row.original).toLocaleLowerCase().includes(query);
    },
    [searchText],
  );

  const table = useReactTable<T>({
    data,
    columns,
    getRowId,
    state: { sorting, globalFilter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setGlobalFilter,
    globalFilterFn,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });

  const rows = table.getRowModel().rows;

  return (
    <div className={styles.wrapper}>
      <div className={styles.toolbar}>
        {searchText !== undefined && (
          <div className={styles.filter}>
            <label htmlFor={filterId}>{filterLabel}</label>
            <input
              id={filterId}
              type="search"
              value={globalFilter}
              placeholder={filterPlaceholder}
              autoComplete="off"
              onChange={(event) => setGlobalFilter(event.target.value)}
            />
          </div>
        )}
        {toolbarExtra}
        {downloads.length > 0 && (
          <div className={styles.downloads} role="group" aria-label={t('table.downloadsLabel')}>
            {downloads.map((d) => (
              <ButtonLink key={d.href} href={d.href} variant="secondary" size="small" download>
                <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6">
                  <path d="M8 2v8m0 0L4.5 6.5M8 10l3.5-3.5M2.5 13.5h11" />
                </svg>
                {d.label}
              </ButtonLink>
            ))}
          </div>
        )}
      </div>
      <p className={styles.count} aria-live="polite">
        {t('table.rowCount', { shown: rows.length, total: data.length })}
      </p>
      <div className={styles.scroll} style={{ maxHeight }} tabIndex={0} role="region" aria-label={caption}>
        <table className={styles.table}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const numeric = header.column.columnDef.meta?.numeric === true;
                  const label = header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={numeric ? styles.numeric : undefined}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          className={`${styles.sortButton} ${sorted === false ? '' : styles.sorted}`}
                          onClick={header.column.getToggleSortingHandler()}
                        >
                          {label}
                          <span className={styles.sortIcon} aria-hidden="true">
                            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                          </span>
                        </button>
                      ) : (
                        label
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td className={styles.empty} colSpan={table.getVisibleLeafColumns().length}>
                  {t('table.noRows')}
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={row.id}>
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className={cell.column.columnDef.meta?.numeric === true ? styles.numeric : undefined}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
