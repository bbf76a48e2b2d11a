import type { ByteSource } from './byte-source.js';

/**
 * A minimal reader for the Compound File Binary format ([MS-CFB]), the container of HWP 5 (and of legacy .doc/.xls).
 * It lists the directory and reads the first bytes of a stream — enough to tell an HWP document from any other
 * compound file — and refuses anything malformed instead of guessing.
 */
export interface CfbEntry {
  name: string;
  /** 1 storage, 2 stream, 5 root storage. */
  type: number;
  start: number;
  size: number;
}

export interface CfbDirectory {
  entries: CfbEntry[];
  /** Reads up to `length` bytes from the start of a stream entry. */
  readStreamHead(entry: CfbEntry, length: number): Promise<Buffer | null>;
}

export const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const END_OF_CHAIN = 0xfffffffe;
const MAX_SECTOR = 0xfffffffa;
const MAX_DIRECTORY_ENTRIES = 10_000;

export async function readCfbDirectory(src: ByteSource): Promise<CfbDirectory | null> {
  const header = await src.read(0, 512);
  if (header.length < 512 || !header.subarray(0, 8).equals(CFB_SIGNATURE)) return null;
  if (header.readUInt16LE(0x1c) !== 0xfffe) return null;
  const sectorShift = header.readUInt16LE(0x1e);
  if (sectorShift !== 9 && sectorShift !== 12) return null;
  const sectorSize = 1 << sectorShift;
  const miniSectorSize = 1 << header.readUInt16LE(0x20);
  const fatSectorCount = header.readUInt32LE(0x2c);
  const firstDirectorySector = header.readUInt32LE(0x30);
  const miniCutoff = header.readUInt32LE(0x38);
  let difatSector = header.readUInt32LE(0x44);
  const difatCount = header.readUInt32LE(0x48);
  const sectorCount = Math.ceil(src.size / sectorSize);
  if (fatSectorCount > sectorCount || difatCount > sectorCount) return null;

  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatSectorCount; i++) fatSectors.push(header.readUInt32LE(0x4c + i * 4));
  for (let d = 0; d < difatCount && fatSectors.length < fatSectorCount; d++) {
    if (difatSector > MAX_SECTOR) return null;
    const block = await readSector(difatSector);
    if (!block) return null;
    for (let i = 0; i < sectorSize / 4 - 1 && fatSectors.length < fatSectorCount; i++) fatSectors.push(block.readUInt32LE(i * 4));
    difatSector = block.readUInt32LE(sectorSize - 4);
  }
  const fat: number[] = [];
  for (const s of fatSectors) {
    const block = s <= MAX_SECTOR ? await readSector(s) : null;
    if (!block) return null;
    for (let i = 0; i < sectorSize; i += 4) fat.push(block.readUInt32LE(i));
  }

  /** The sector at position `index` of the chain starting at `start`; null on a loop, a break or a bad link. */
  function sectorAt(start: number, index: number): number | null {
    if (index > fat.length) return null;
    let s = start;
    for (let i = 0; i < index; i++) {
      if (s > MAX_SECTOR || s >= fat.length) return null;
      s = fat[s] ?? END_OF_CHAIN;
    }
    return s > MAX_SECTOR || s >= fat.length ? null : s;
  }

  /** Follows a whole chain of sectors, refusing loops and out-of-range links. */
  function chain(start: number, limit: number): number[] | null {
    const out: number[] = [];
    const seen = new Set<number>();
    for (let s = start; s !== END_OF_CHAIN;) {
      if (s > MAX_SECTOR || s >= fat.length || seen.has(s) || out.length >= limit) return null;
      seen.add(s);
      out.push(s);
      s = fat[s] ?? END_OF_CHAIN;
    }
    return out;
  }

  async function readSector(s: number): Promise<Buffer | null> {
    const b = await src.read((s + 1) * sectorSize, sectorSize);
    return b.length === sectorSize ? b : null;
  }

  const directoryChain = chain(firstDirectorySector, Math.ceil((MAX_DIRECTORY_ENTRIES * 128) / sectorSize));
  if (!directoryChain || directoryChain.length === 0) return null;
  const entries: CfbEntry[] = [];
  for (const s of directoryChain) {
    const block = await readSector(s);
    if (!block) return null;
    for (let off = 0; off < sectorSize; off += 128) {
      const type = block.readUInt8(off + 0x42);
      if (type === 0) continue;
      const nameBytes = Math.min(64, block.readUInt16LE(off + 0x40));
      entries.push({
        name: block.toString('utf16le', off, off + Math.max(0, nameBytes - 2)),
        type,
        start: block.readUInt32LE(off + 0x74),
        size: block.readUInt32LE(off + 0x78),
      });
    }
  }
  const root = entries.find((e) => e.type === 5);
  if (!root) return null;

  return {
    entries,
    async readStreamHead(entry, length) {
      const want = Math.min(length, entry.size);
      if (entry.size >= miniCutoff) {
        const sector = sectorAt(entry.start, 0);
        if (sector === null) return null;
        const block = await readSector(sector);
        return block ? block.subarray(0, Math.min(want, sectorSize)) : null;
      }
      // Small streams live in the mini stream, which is itself the root entry's chain of regular sectors.
      const miniOffset = entry.start * miniSectorSize;
      const sector = sectorAt(root.start, Math.floor(miniOffset / sectorSize));
      if (sector === null) return null;
      const block = await readSector(sector);
      if (!block) return null;
      const inSector = miniOffset % sectorSize;
      return block.subarray(inSector, inSector + Math.min(want, miniSectorSize));
    },
  };
}
