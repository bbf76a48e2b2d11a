/** Evidence files: content-addressed storage, type checks by content, safe names and download headers. */
export { bufferSource, fileSource, type ByteSource } from './byte-source.js';
export { evidenceDownloadHeaders, type EvidenceFileForDownload } from './download-headers.js';
export { assertSha256, blobKey, type EvidenceStore, type StoredBlob } from './evidence-store.js';
export { allowedTypesLabel, evidenceTypeOfMediaType, evidenceTypes, type EvidenceType } from './evidence-types.js';
export { fileExtension, sanitizeFileName, withExtension } from './file-name.js';
export { LocalEvidenceStore } from './local-evidence-store.js';
export { openEvidenceStore, uploadLimits } from './open-evidence-store.js';
export { S3EvidenceStore, type S3EvidenceStoreOptions } from './s3-evidence-store.js';
export { sniffEvidenceType, type SniffResult } from './sniff-evidence-type.js';
export { fileTooLarge, spoolToFile, type SpooledFile } from './spool.js';
export { storeEvidence, type EvidenceFile, type EvidenceLimits, type StoreEvidenceInput, type StoreEvidenceResult } from './store-evidence.js';
export { listDistrictEvidence, openEvidenceDownload, requireUploadForDistrict, uploadDistrictEvidence, type EvidenceView } from './district-evidence.js';
