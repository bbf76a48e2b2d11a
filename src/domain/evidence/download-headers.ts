import { attachmentDisposition } from '../exports/download-name.js';
import { sanitizeFileName } from './file-name.js';
import { evidenceTypeOfMediaType, evidenceTypes, type EvidenceType } from './evidence-types.js';

export interface EvidenceFileForDownload {
  originalName: string;
  mediaType: string;
  size: number;
}

/** Sniffed types a browser may show inline (in a frame of our own pages): PDF and raster images, never SVG or HTML. */
const INLINE_TYPES: ReadonlySet<EvidenceType> = new Set(['pdf', 'png', 'jpeg', 'gif', 'webp']);

/** True when a file of this (recorded) media type is shown inline when asked. */
export function showsInline(mediaType: string): boolean {
  const type = evidenceTypeOfMediaType(mediaType);
  return type !== null && INLINE_TYPES.has(type);
}

/**
 * HTTP headers for handing an evidence file back: an attachment by default (so a crafted file cannot run script in
 * our origin), the Content-Type recorded from its sniffed content (never from the name), an ASCII fallback name for
 * old clients plus the exact UTF-8 name (RFC 6266 / RFC 8187), and `nosniff`.
 *
 * `inline` (the reviewer's dossier) shows a PDF or a raster image in the browser, framed by our own pages only
 * (`frame-ancestors 'self'`); its policy allows nothing to load or run. Images keep the `sandbox` directive; a PDF
 * cannot (Chromium refuses to open its PDF viewer in a sandboxed document), which is safe because the viewer runs in
 * its own origin and the policy forbids scripts. Any other type stays an attachment.
 */
export function evidenceDownloadHeaders(file: EvidenceFileForDownload, opts: { inline?: boolean } = {}): Record<string, string> {
  const type = evidenceTypeOfMediaType(file.mediaType);
  const name = sanitizeFileName(file.originalName);
  const inline = opts.inline === true && type !== null && INLINE_TYPES.has(type);
  return {
    'Content-Type': type ? evidenceTypes[type].mediaType : 'application/octet-stream',
    'Content-Length': String(file.size),
    'Content-Disposition': inline ? attachmentDisposition(name).replace(/^attachment/, 'inline') : attachmentDisposition(name),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': inline
      ? `default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'${type === 'pdf' ? '' : '; sandbox'}`
      : "default-src 'none'; sandbox",
    ...(inline ? { 'X-Frame-Options': 'SAMEORIGIN' } : {}),
    'Cache-Control': 'private, no-cache',
  };
}
