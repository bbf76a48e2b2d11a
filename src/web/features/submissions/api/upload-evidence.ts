import { uploadFile, type UploadProgress } from '../../../lib/upload.js';
import type { EvidenceFile } from '../../../types/index.js';

/** Uploads one evidence file for the district (type checked by content on the server); attach it by its id. */
export function uploadEvidence(code: string, file: File, onProgress?: (progress: UploadProgress) => void, signal?: AbortSignal): Promise<EvidenceFile> {
  return uploadFile<EvidenceFile>(`/districts/${encodeURIComponent(code)}/evidence`, file, { onProgress, signal });
}
