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
    'Content-Disposition': `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc8187(name)}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-cache',
  };
}

/** Non-ASCII letters become `_`; a name that is only Korean keeps its extension, e.g. `___.pdf`. */
function asciiFallback(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
}

/** Percent-encodes everything outside RFC 8187's attr-char set. */
function encodeRfc8187(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
