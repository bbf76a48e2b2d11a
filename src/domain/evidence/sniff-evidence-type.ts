import type { ByteSource } from './byte-source.js';
import { CFB_SIGNATURE, readCfbDirectory } from './cfb-directory.js';
import type { EvidenceType } from './evidence-types.js';
import { readStoredEntry, readZipDirectory, type ZipEntry } from './zip-directory.js';

/** Declared uncompressed size above which a ZIP is treated as a decompression bomb, not a document. */
const MAX_ZIP_INFLATED_BYTES = 1024 * 1024 * 1024;

export type SniffResult = { ok: true; type: EvidenceType } | { ok: false; reason: 'unknown' | 'zip_bomb' | 'macro' | 'other_zip' | 'other_cfb' };

const startsWith = (head: Buffer, bytes: readonly number[], at = 0) => bytes.every((b, i) => head[at + i] === b);
const ascii = (s: string) => [...Buffer.from(s, 'latin1')];

/**
 * Identifies an evidence file by its content alone (magic bytes; for ZIP and compound files, their directories).
 * The file name plays no part here; the caller compares the result with the claimed extension.
 *
 * @example sniffEvidenceType(bufferSource(Buffer.from('%PDF-1.7\n…'))) // → { ok: true, type: 'pdf' }
 */
export async function sniffEvidenceType(src: ByteSource): Promise<SniffResult> {
  const head = await src.read(0, 64);
  if (startsWith(head, ascii('%PDF-'))) return { ok: true, type: 'pdf' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, type: 'png' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { ok: true, type: 'jpeg' };
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return { ok: true, type: 'gif' };
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return { ok: true, type: 'webp' };
  // HWP 3.x files are not containers: the signature opens the file.
  if (startsWith(head, ascii('HWP Document File'))) return { ok: true, type: 'hwp' };
  if (startsWith(head, [...CFB_SIGNATURE])) return sniffCompoundFile(src);
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(src);
  return { ok: false, reason: 'unknown' };
}

async function sniffZip(src: ByteSource): Promise<SniffResult> {
  const entries = await readZipDirectory(src);
  if (!entries) return { ok: false, reason: 'unknown' };
  const inflated = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (inflated > MAX_ZIP_INFLATED_BYTES) return { ok: false, reason: 'zip_bomb' };
  // OPC part names are case-insensitive.
  const byName = new Map<string, ZipEntry>(entries.map((e) => [e.name.toLowerCase(), e]));
  const has = (name: string) => byName.has(name);

  if (has('[content_types].xml')) {
    const main: [string, EvidenceType][] = [
      ['xl/workbook.xml', 'xlsx'],
      ['word/document.xml', 'docx'],
      ['ppt/presentation.xml', 'pptx'],
    ];
    const found = main.filter(([part]) => has(part));
    if (found.length !== 1) return { ok: false, reason: 'other_zip' };
    const [[part, type]] = found as [[string, EvidenceType]];
    // A VBA project makes it an .xlsm/.docm/.pptm whatever the name says.
    if (has(`${part.split('/')[0]}/vbaproject.bin`)) return { ok: false, reason: 'macro' };
    return { ok: true, type };
  }

  const mimetype = byName.get('mimetype');
  if (mimetype && has('contents/content.hpf')) {
    const declared = await readStoredEntry(src, mimetype, 256);
    if (declared && declared.toString('latin1').trim() === 'application/hwp+zip') return { ok: true, type: 'hwpx' };
  }
  return { ok: false, reason: 'other_zip' };
}

async function sniffCompoundFile(src: ByteSource): Promise<SniffResult> {
  const dir = await readCfbDirectory(src);
  if (!dir) return { ok: false, reason: 'unknown' };
  const header = dir.entries.find((e) => e.type === 2 && e.name === 'FileHeader');
  const docInfo = dir.entries.some((e) => e.type === 2 && e.name === 'DocInfo');
  if (!header || !docInfo) return { ok: false, reason: 'other_cfb' };
  const signature = await dir.readStreamHead(header, 32);
  if (!signature || !signature.toString('latin1').startsWith('HWP Document File')) return { ok: false, reason: 'other_cfb' };
  return { ok: true, type: 'hwp' };
}
