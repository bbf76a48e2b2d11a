import { useQueryClient } from '@tanstack/react-query';
import { uploadFile, type UploadProgress } from '../../../lib/upload.js';
import type { ImportResponse } from '../../../types/index.js';
import { importsQueryKey } from './get-imports.js';

export interface ImportUploadOptions {
  /** CSV: the record type of every row. */
  recordType?: string;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/**
 * Uploads a filled-in template (.xlsx) or a CSV. The whole file is checked first: any error answers 400 with every
 * problem (sheet, row, column) and nothing saved; a large CSV answers 202 with a background job to follow.
 */
export function uploadImport(year: number, code: string, file: File, options: ImportUploadOptions = {}): Promise<ImportResponse> {
  const query = options.recordType === undefined || options.recordType === '' ? '' : `?type=${encodeURIComponent(options.recordType)}`;
  return uploadFile<ImportResponse>(`/cycles/${year}/districts/${encodeURIComponent(code)}/imports${query}`, file, {
    onProgress: options.onProgress,
    signal: options.signal,
  });
}

/** The upload function with the import history refreshed afterwards (failed imports are listed too). */
export function useUploadImport(year: number, code: string) {
  const queryClient = useQueryClient();
  return async (file: File, options: ImportUploadOptions) => {
    try {
      return await uploadImport(year, code, file, options);
    } finally {
      void queryClient.invalidateQueries({ queryKey: importsQueryKey(code) });
    }
  };
}
