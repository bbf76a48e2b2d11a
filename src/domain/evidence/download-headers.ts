import { attachmentDisposition } from '../exports/download-name.js';
import { sanitizeFileName } from './file-name.js';
import { evidenceTypeOfMediaType, evidenceTypes } from './evidence-types.js';

export interface EvidenceFileForDownload {
  originalName: string;
  mediaType: string;
  size: number;
}

/**
 * HTTP headers for handing an evidence file back: always an attachment (never rendered inline, so a crafted file
 * cannot run script in our origin), the Content-Type recorded from its sniffed content (never from the name), an
 * ASCII fallback name for old clients plus the exact UTF-8 name (RFC 6266 / RFC 8187), and `nosniff`.
 */
export function evidenceDownloadHeaders(file: EvidenceFileForDownload): Record<string, string> {
  const type = evidenceTypeOfMediaType(file.mediaType);
  const name = sanitizeFileName(file.originalName);
  return {
    'Content-Type': type ? evidenceTypes[type].mediaType : 'application/octet-stream',
    'Content-Length': String(file.size),
    'Content-Disposition': attachmentDisposition(name),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-cache',
  };
}
