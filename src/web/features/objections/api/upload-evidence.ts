import { uploadFile, type UploadProgress } from '../../../lib/upload.js';
import type { EvidenceFile } from '../../../types/index.js';

/** Uploads an objection's evidence file for the district; the objection refers to it by id. */
export function uploadObjectionEvidence(
  code: string,
  file: File,
  onProgress?: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<EvidenceFile> {
  return uploadFile<EvidenceFile>(`/districts/${encodeURIComponent(code)}/evidence`, file, { onProgress, signal });
}
