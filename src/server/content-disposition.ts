/**
 * `Content-Disposition: attachment` with an ASCII fallback and the RFC 5987 UTF-8 name, so Korean file names
 * survive every browser and nothing in the name can break the header.
 */
export function attachmentHeader(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
