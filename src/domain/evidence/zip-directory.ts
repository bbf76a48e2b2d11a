import type { ByteSource } from './byte-source.js';

/** One entry of a ZIP central directory, as declared (nothing is decompressed). */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
/** Far above any office document; bounds the work a hostile directory can cause. */
const MAX_ENTRIES = 20_000;
const MAX_DIRECTORY_BYTES = 8 * 1024 * 1024;

/**
 * Reads the names and sizes in a ZIP file's central directory (the authoritative list; local headers can lie or be
 * padded in front). Returns null when the bytes are not a well-formed ZIP. Never decompresses anything, so a zip
 * bomb costs nothing here.
 */
export async function readZipDirectory(src: ByteSource): Promise<ZipEntry[] | null> {
  if (src.size < EOCD_SIZE) return null;
  const tailLength = Math.min(src.size, EOCD_SIZE + MAX_COMMENT);
  const tailStart = src.size - tailLength;
  const tail = await src.read(tailStart, tailLength);
  let eocd = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    // The comment length must reach exactly to the end of the file, which rules out a signature inside a comment.
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE && i + EOCD_SIZE + tail.readUInt16LE(i + 20) === tail.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = tail.readUInt16LE(eocd + 10);
  let dirSize = tail.readUInt32LE(eocd + 12);
  let dirOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    const zip64 = await readZip64End(src, tailStart + eocd);
    if (!zip64) return null;
    ({ count, dirSize, dirOffset } = zip64);
  }
  if (count > MAX_ENTRIES || dirSize > MAX_DIRECTORY_BYTES || dirOffset + dirSize > src.size) return null;
  const dir = await src.read(dirOffset, dirSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL_SIGNATURE) return null;
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    if (p + 46 + nameLength > dir.length) return null;
    entries.push({
      name: dir.toString('utf8', p + 46, p + 46 + nameLength),
      flags: dir.readUInt16LE(p + 8),
      method: dir.readUInt16LE(p + 10),
      compressedSize: dir.readUInt32LE(p + 20),
      uncompressedSize: dir.readUInt32LE(p + 24),
      localHeaderOffset: dir.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

async function readZip64End(src: ByteSource, eocdOffset: number) {
  if (eocdOffset < 20) return null;
  const locator = await src.read(eocdOffset - 20, 20);
  if (locator.readUInt32LE(0) !== ZIP64_LOCATOR_SIGNATURE) return null;
  const recordOffset = Number(locator.readBigUInt64LE(8));
  if (recordOffset + 56 > src.size) return null;
  const record = await src.read(recordOffset, 56);
  if (record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) return null;
  return {
    count: Number(record.readBigUInt64LE(32)),
    dirSize: Number(record.readBigUInt64LE(40)),
    dirOffset: Number(record.readBigUInt64LE(48)),
  };
}

/** The bytes of a small entry stored without compression (e.g. the `mimetype` marker of ODF/HWPX), or null. */
export async function readStoredEntry(src: ByteSource, entry: ZipEntry, maxBytes: number): Promise<Buffer | null> {
  if (entry.method !== 0 || entry.compressedSize > maxBytes) return null;
  const header = await src.read(entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_SIGNATURE) return null;
  const dataOffset = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const data = await src.read(dataOffset, entry.compressedSize);
  return data.length === entry.compressedSize ? data : null;
}
