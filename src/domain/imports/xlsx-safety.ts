import { crc32, createInflateRaw } from 'node:zlib';
import type { ByteSource } from '../evidence/byte-source.js';
import { sniffEvidenceType } from '../evidence/sniff-evidence-type.js';
import { readZipDirectory, type ZipEntry } from '../evidence/zip-directory.js';
import { DomainError, type Message } from '../errors.js';
import { quoteInput } from './echo.js';
import { partRole, WorkbookScan, type PartRole, type XlsxContentLimits } from './xlsx-scan.js';

/**
 * Limits for an uploaded workbook. A real district workbook of tens of thousands of rows inflates to a few tens of
 * megabytes; anything far above is a decompression bomb or belongs in a CSV import.
 */
export interface XlsxLimits extends XlsxContentLimits {
  /** Sum of the inflated sizes of all entries. */
  maxInflatedBytes: number;
  /** Inflated size of one entry. */
  maxEntryBytes: number;
  /** Inflated/compressed ratio above which a large entry (> 1 MB inflated) is refused. */
  maxRatio: number;
  maxEntries: number;
}

/** A CSV import shares the cell and column limits (CSV_LIMITS in csv-stream.ts, with its header and record limits). */
export const defaultXlsxLimits: XlsxLimits = {
  maxInflatedBytes: 128 * 1024 * 1024,
  maxEntryBytes: 96 * 1024 * 1024,
  maxRatio: 1000,
  maxEntries: 2000,
  maxCellChars: 32_767,
  maxRows: 200_000,
  maxColumns: 1024,
  maxCells: 3_000_000,
  maxSharedStrings: 1_000_000,
  maxSharedStringChars: 32 * 1024 * 1024,
};

function refuse(code: string, msg: Message, extra: Record<string, unknown> = {}): DomainError {
  return new DomainError('invalid', code, msg, [], extra);
}

const notXlsx = (detail: Message) =>
  refuse('not_xlsx', {
    ko: `올린 파일이 엑셀(.xlsx) 통합 문서가 아닙니다. ${detail.ko}`,
    en: `The uploaded file is not an Excel (.xlsx) workbook. ${detail.en}`,
  });

const bomb = (what: Message) =>
  refuse('zip_bomb', {
    ko: `압축을 풀면 지나치게 커지는 파일이라 받지 않습니다 (${what.ko}). 자료가 많으면 CSV로 나누어 올리세요.`,
    en: `The file would expand to an excessive size and is refused (${what.en}). Upload large data as CSV.`,
  });

const mb = (n: number) => `${Math.round(n / 1024 / 1024)}MB`;

/** Checks the central directory's declared sizes before a single byte is inflated. */
function checkDeclaredSizes(entries: ZipEntry[], limits: XlsxLimits): void {
  if (entries.length > limits.maxEntries) throw bomb({ ko: `항목 ${entries.length}개`, en: `${entries.length} entries` });
  let total = 0;
  for (const e of entries) {
    const name = quoteInput(e.name);
    if (e.uncompressedSize > limits.maxEntryBytes) {
      throw bomb({ ko: `${name} ${mb(e.uncompressedSize)}`, en: `${name}: ${mb(e.uncompressedSize)}` });
    }
    if (e.uncompressedSize > 1024 * 1024 && e.uncompressedSize > limits.maxRatio * Math.max(1, e.compressedSize)) {
      throw bomb({
        ko: `${name} 압축률 ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))}배`,
        en: `${name}: ratio ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))}×`,
      });
    }
    total += e.uncompressedSize;
  }
  if (total > limits.maxInflatedBytes) throw bomb({ ko: `전체 ${mb(total)}`, en: `${mb(total)} in total` });
}

const damaged = () => notXlsx({ ko: '압축 구조가 손상되었습니다.', en: 'The archive is damaged.' });

/**
 * Inflates one entry chunk by chunk, never past what its directory entry declared (a lying directory cannot smuggle
 * a bomb); a reader that stops early stops the inflation.
 */
async function* inflateEntry(src: ByteSource, e: ZipEntry): AsyncGenerator<Buffer> {
  if (e.flags & 0x1) throw notXlsx({ ko: '암호가 걸린 파일은 받을 수 없습니다.', en: 'Encrypted files are not accepted.' });
  const header = await src.read(e.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50) throw damaged();
  const start = e.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const raw = await src.read(start, e.compressedSize);
  if (raw.length !== e.compressedSize) throw damaged();
  const mismatch = () => bomb({ ko: `${quoteInput(e.name)} 크기 불일치`, en: `${quoteInput(e.name)}: size mismatch` });
  if (e.method === 0) {
    if (raw.length !== e.uncompressedSize) throw mismatch();
    yield raw;
    return;
  }
  if (e.method !== 8) throw notXlsx({ ko: `지원하지 않는 압축 방식(${e.method})입니다.`, en: `Unsupported compression method ${e.method}.` });
  const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
  inflater.end(raw);
  let total = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > e.uncompressedSize) throw mismatch();
      yield chunk;
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw damaged();
  } finally {
    inflater.destroy();
  }
  if (total !== e.uncompressedSize) throw mismatch();
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}

/** Keeps the chunks a scan reads, for parts handed on as they are. */
async function* keeping(chunks: AsyncIterable<Buffer>, into: Buffer[]): AsyncGenerator<Buffer> {
  for await (const c of chunks) {
    into.push(c);
    yield c;
  }
}

/** The order parts are checked in: sheet names and shared strings before the sheets that use them. */
const SCAN_ORDER: Record<PartRole, number> = { workbook: 0, workbookRels: 1, sharedStrings: 2, worksheet: 3, other: 4 };

/** Writes entries as an uncompressed ZIP (exceljs reads it like any other). */
function storedZip(parts: { name: string; data: Buffer }[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const crc = crc32(p.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(0, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(0, 10);
    dir.writeUInt16LE(0, 12);
    dir.writeUInt16LE(0x21, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(p.data.length, 20);
    dir.writeUInt32LE(p.data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    chunks.push(local, name, p.data);
    central.push(dir, name);
    offset += 30 + name.length + p.data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, dirBytes, end]);
}

/**
 * The cheap half of the checks below, from the archive's directory alone (nothing inflated): a ZIP, an OOXML
 * workbook without macros, declared sizes and ratios within the limits. Returns the directory.
 *
 * @throws DomainError invalid `not_xlsx` | `zip_bomb`
 */
export async function checkXlsxContainer(src: ByteSource, limits: XlsxLimits = defaultXlsxLimits): Promise<ZipEntry[]> {
  const entries = await readZipDirectory(src);
  if (!entries) throw notXlsx({ ko: '압축(ZIP) 구조가 아닙니다.', en: 'It is not a ZIP container.' });
  checkDeclaredSizes(entries, limits);
  const sniffed = await sniffEvidenceType(src);
  if (!sniffed.ok || sniffed.type !== 'xlsx') {
    const macro = !sniffed.ok && sniffed.reason === 'macro';
    throw notXlsx(
      macro
        ? { ko: '매크로가 포함된 파일(.xlsm)은 받지 않습니다.', en: 'Files with macros (.xlsm) are not accepted.' }
        : { ko: '서식 파일을 내려받아 작성한 .xlsx 파일을 올리세요.', en: 'Upload the .xlsx file made from the downloaded template.' },
    );
  }
  return entries;
}

/**
 * Proves an upload is a real OOXML workbook (by content, not name: no macros, no other ZIP) and not a
 * decompression bomb — declared sizes and ratios first, then every entry inflated with a hard cap at its declared
 * size — whose XML is well formed and within every limit (one streaming pass per part, see xlsx-scan.ts), and
 * returns it re-packed without the elements that make exceljs expand ranges cell by cell. Only the bytes this
 * returns are ever given to exceljs.
 *
 * @throws DomainError invalid `not_xlsx` (naming a malformed part) | `zip_bomb` | `xlsx_limit_exceeded` (naming
 *   the sheet, row and column of a cell over a limit)
 */
export async function readSafeXlsx(src: ByteSource, limits: XlsxLimits = defaultXlsxLimits): Promise<Buffer> {
  const entries = await checkXlsxContainer(src, limits);
  const scan = new WorkbookScan(limits);
  const files = entries.filter((e) => !e.name.endsWith('/')).map((e, i) => ({ e, i, role: partRole(e.name) }));
  const data = new Map<number, Buffer>();
  for (const { e, i, role } of [...files].sort((a, b) => SCAN_ORDER[a.role] - SCAN_ORDER[b.role] || a.i - b.i)) {
    if (role === 'other') {
      data.set(i, await collect(inflateEntry(src, e)));
      continue;
    }
    const original: Buffer[] = [];
    const cleaned = await scan.scan(e.name, role, keeping(inflateEntry(src, e), original));
    // A scan that stopped early (the file is refused below) leaves the part unread: nothing is handed on then.
    data.set(i, cleaned ?? Buffer.concat(original));
  }
  scan.finish();
  return storedZip(files.map(({ e, i }) => ({ name: e.name, data: data.get(i)! })));
}
