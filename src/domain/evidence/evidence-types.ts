/**
 * The file types accepted as evidence. Anything else — executables, scripts, HTML, SVG, archives, macro-enabled
 * Office files, legacy .doc/.xls — is refused, whatever its name says.
 */
export const evidenceTypes = {
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'] },
  png: { mediaType: 'image/png', extensions: ['png'] },
  jpeg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  gif: { mediaType: 'image/gif', extensions: ['gif'] },
  webp: { mediaType: 'image/webp', extensions: ['webp'] },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  pptx: { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'] },
  hwp: { mediaType: 'application/x-hwp', extensions: ['hwp'] },
  hwpx: { mediaType: 'application/hwp+zip', extensions: ['hwpx'] },
} as const satisfies Record<string, { mediaType: string; extensions: readonly string[] }>;

export type EvidenceType = keyof typeof evidenceTypes;

/** The type whose media type this is, for rows already stored (downloads trust only what the sniffer recorded). */
export function evidenceTypeOfMediaType(mediaType: string): EvidenceType | null {
  for (const [type, def] of Object.entries(evidenceTypes)) if (def.mediaType === mediaType) return type as EvidenceType;
  return null;
}

/** The human list for error messages, e.g. "PDF, PNG, JPEG, …". */
export const allowedTypesLabel = 'PDF, PNG, JPEG, GIF, WebP, XLSX, DOCX, PPTX, HWP, HWPX';
