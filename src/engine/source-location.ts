import type { IssueLocation } from './engine-error.js';
import type { TableSource } from './read-input.js';

/**
 * The location of a cell as the user sees it: file, display row, column, and for JSON the path
 * (`iData[3].LPI`).
 */
export function cellLocation(table: TableSource, index: number, column?: string): IssueLocation {
  const row = table.rows[index] ?? index + 1;
  const field = table.kind === 'json' ? `${table.arrayName}[${index}]${column !== undefined ? `.${column}` : ''}` : undefined;
  return {
    file: table.file,
    row,
    ...(column !== undefined ? { column } : {}),
    ...(field !== undefined ? { field } : {}),
  };
}
