import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';

/** Tiny but well-formed samples of each accepted format, built here so the tests need no binary fixtures. */

export const pdfSample = (text = 'hello') => Buffer.from(`%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\n% ${text}\ntrailer <</Root 1 0 R>>\n%%EOF\n`);

export const pngSample = () => Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

export const jpegSample = () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);

export const gifSample = () => Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export const webpSample = () => {
  const body = Buffer.concat([Buffer.from('WEBPVP8L'), Buffer.from([5, 0, 0, 0, 0x2f, 0, 0, 0, 0])]);
  const head = Buffer.alloc(8);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
};

/** A Windows executable's first bytes: what a renamed `.pdf` attack really is. */
export const exeSample = () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from('PE\0\0'), Buffer.alloc(200)]);

export async function xlsxSample(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('기업방문');
  ws.addRow(['자치구', '방문일', '기업명']);
  ws.addRow(['11215', '2019-03-04', '주식회사 희망']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A ZIP with stored (uncompressed) entries; `declaredSize` lets a test lie about an entry's inflated size. */
export function zipSample(entries: Array<{ name: string; data: string | Buffer; declaredSize?: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data);
    const name = Buffer.from(e.name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(e.declaredSize ?? data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const contentTypes = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

export const docxSample = (withMacros = false) =>
  zipSample([
    { name: '[Content_Types].xml', data: contentTypes },
    { name: 'word/document.xml', data: '<w:document/>' },
    ...(withMacros ? [{ name: 'word/vbaProject.bin', data: 'vba' }] : []),
  ]);

export const hwpxSample = () =>
  zipSample([
    { name: 'mimetype', data: 'application/hwp+zip' },
    { name: 'Contents/content.hpf', data: '<opf:package/>' },
    { name: 'Contents/section0.xml', data: '<hs:sec/>' },
  ]);

const FREE = 0xffffffff;
const END = 0xfffffffe;

/**
 * A compound file (MS-CFB v3, 512-byte sectors) holding the given small streams in its mini stream, e.g. an HWP 5
 * document's FileHeader and DocInfo. Layout: header, FAT, directory, mini FAT, mini stream.
 */
export function cfbSample(streams: Array<{ name: string; data: Buffer }>, storages: string[] = []): Buffer {
  const sector = () => Buffer.alloc(512, 0);
  const header = sector();
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c);
  header.writeUInt32LE(1, 0x30);
  header.writeUInt32LE(4096, 0x38);
  header.writeUInt32LE(2, 0x3c);
  header.writeUInt32LE(1, 0x40);
  header.writeUInt32LE(END, 0x44);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : FREE, 0x4c + i * 4);

  const mini: Buffer[] = [];
  const miniFat: number[] = [];
  const placed = streams.map((s) => {
    const start = miniFat.length;
    const count = Math.max(1, Math.ceil(s.data.length / 64));
    for (let i = 0; i < count; i++) miniFat.push(i === count - 1 ? END : start + i + 1);
    const padded = Buffer.alloc(count * 64);
    s.data.copy(padded);
    mini.push(padded);
    return { ...s, start };
  });
  const miniStream = Buffer.concat(mini);
  const miniSectors = Math.ceil(miniStream.length / 512);

  const fat = sector().fill(0xff);
  const fatEntries = [0xfffffffd, END, END];
  for (let i = 0; i < miniSectors; i++) fatEntries.push(i === miniSectors - 1 ? END : 4 + i);
  fatEntries.forEach((v, i) => fat.writeUInt32LE(v, i * 4));

  const dir = sector();
  const entry = (i: number, name: string, type: number, start: number, size: number, child = FREE, right = FREE) => {
    const o = i * 128;
    const n = Buffer.from(`${name}\0`, 'utf16le');
    n.copy(dir, o);
    dir.writeUInt16LE(n.length, o + 0x40);
    dir.writeUInt8(type, o + 0x42);
    dir.writeUInt8(1, o + 0x43);
    dir.writeUInt32LE(FREE, o + 0x44);
    dir.writeUInt32LE(right, o + 0x48);
    dir.writeUInt32LE(child, o + 0x4c);
    dir.writeUInt32LE(start, o + 0x74);
    dir.writeUInt32LE(size, o + 0x78);
  };
  const names = [...placed.map((p) => p.name), ...storages];
  if (names.length > 3) throw new Error('cfbSample: at most 3 entries besides the root');
  entry(0, 'Root Entry', 5, miniSectors > 0 ? 3 : END, miniStream.length, 1);
  // Siblings chained through their right links (a degenerate but valid red-black tree).
  const next = (i: number) => (i < names.length ? i + 1 : FREE);
  placed.forEach((p, i) => entry(i + 1, p.name, 2, p.start, p.data.length, FREE, next(i + 1)));
  storages.forEach((s, j) => entry(placed.length + j + 1, s, 1, 0, 0, FREE, next(placed.length + j + 1)));

  const miniFatSector = sector().fill(0xff);
  miniFat.forEach((v, i) => miniFatSector.writeUInt32LE(v, i * 4));
  const ministreamSectors = Buffer.alloc(miniSectors * 512);
  miniStream.copy(ministreamSectors);
  return Buffer.concat([header, fat, dir, miniFatSector, ministreamSectors]);
}

export function hwpSample(): Buffer {
  const fileHeader = Buffer.alloc(256);
  fileHeader.write('HWP Document File', 0, 'latin1');
  fileHeader.writeUInt32LE(0x05000300, 32);
  return cfbSample(
    [
      { name: 'FileHeader', data: fileHeader },
      { name: 'DocInfo', data: Buffer.alloc(40, 1) },
    ],
    ['BodyText'],
  );
}

/** A legacy Word 97 file: a compound file without HWP's streams. */
export const legacyDocSample = () => cfbSample([{ name: 'WordDocument', data: Buffer.alloc(100, 7) }]);
