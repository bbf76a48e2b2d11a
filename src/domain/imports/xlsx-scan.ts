import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { DomainError, type FieldProblem, type Message } from '../errors.js';
import { quoteInput } from './echo.js';
import { columnLetter } from './sheet-columns.js';

/**
 * Streaming checks of a workbook's XML parts, one linear pass each (saxes, a streaming XML parser; no regular
 * expression ever runs over a part): well-formed, no DTD, every dimension bounded — rows, columns, cells, the text
 * of one cell, the shared-string table — and the elements that make exceljs expand ranges cell by cell cut out of
 * the text handed on. A cell over a limit is refused with its sheet, row and column before exceljs sees the file.
 */
export interface XlsxContentLimits {
  /** Characters of one cell (its shared string, inline string, value or formula); Excel's own limit is 32,767. */
  maxCellChars: number;
  /** Rows (`<row>` elements) in all sheets together. */
  maxRows: number;
  /** Highest column a cell may be in (1024 = AMJ). */
  maxColumns: number;
  /** Cells (`<c>` elements) in all sheets together. */
  maxCells: number;
  /** Entries of the shared-string table. */
  maxSharedStrings: number;
  /** Characters of the shared-string table in total. */
  maxSharedStringChars: number;
}

/** One token (a run of text, a tag with its attributes) longer than this is refused without reading on. */
export const MAX_TOKEN_CHARS = 1024 * 1024;

/** Elements exceljs expands cell by cell when loading (a rule or merge over whole columns: millions of objects). */
const EXPANDING_SHEET_ELEMENTS: ReadonlySet<string> = new Set(['dataValidations', 'mergeCells', 'conditionalFormatting', 'hyperlinks']);
const EXPANDING_WORKBOOK_ELEMENTS: ReadonlySet<string> = new Set(['definedNames']);

export type PartRole = 'workbook' | 'workbookRels' | 'sharedStrings' | 'worksheet' | 'other';

/** What exceljs reads a ZIP entry as (it finds worksheet names anywhere in the entry name, so this does too). */
export function partRole(entryName: string): PartRole {
  const name = entryName.replace(/^\/+/, '');
  const lower = name.toLowerCase();
  if (lower === 'xl/workbook.xml') return 'workbook';
  if (lower === 'xl/_rels/workbook.xml.rels') return 'workbookRels';
  if (lower === 'xl/sharedstrings.xml') return 'sharedStrings';
  if (/xl\/worksheets\/sheet\d+\.xml/i.test(name) || /^xl\/worksheets\/[^/]+\.xml$/.test(lower)) return 'worksheet';
  return 'other';
}

const n = (x: number) => ({ ko: x.toLocaleString('ko-KR'), en: x.toLocaleString('en-US') });
const CSV_HINT: Message = { ko: '자료가 많으면 실적 유형별 CSV로 나누어 올리세요.', en: 'Upload large data as one CSV per record type.' };

function overLimit(what: Message, problems: FieldProblem[] = []): DomainError {
  return new DomainError(
    'invalid',
    'xlsx_limit_exceeded',
    {
      ko: `엑셀 파일이 가져오기 한도를 넘어 받지 않습니다: ${what.ko}. ${CSV_HINT.ko}`,
      en: `The workbook exceeds an import limit and is refused: ${what.en}. ${CSV_HINT.en}`,
    },
    problems.length ? problems : [{ path: 'file', message: what }],
  );
}

function cellTooLong(sheet: string, row: number, col: number, chars: number | null, max: number): DomainError {
  const letter = columnLetter(col);
  const s = quoteInput(sheet);
  const size = chars === null ? { ko: `${n(max).ko}자를 훨씬 넘는`, en: `far more than ${n(max).en}` } : { ko: `${n(chars).ko}자의`, en: `${n(chars).en}` };
  const message: Message = {
    ko: `'${s}' 시트 ${letter}${row} 셀에 ${size.ko} 글자가 있습니다. 한 셀은 ${n(max).ko}자까지입니다.`,
    en: `Cell ${letter}${row} of sheet '${s}' holds ${size.en} characters; a cell may hold at most ${n(max).en}.`,
  };
  return overLimit(message, [{ path: `${s}!${letter}${row}`, sheet: s, row, column: letter, message }]);
}

function malformed(part: string, detail: string): DomainError {
  const p = quoteInput(part);
  const d = quoteInput(detail);
  const message: Message = { ko: `${p}: XML 형식 오류 (${d})`, en: `${p}: malformed XML (${d})` };
  return new DomainError(
    'invalid',
    'not_xlsx',
    {
      ko: `올린 파일이 엑셀(.xlsx) 통합 문서가 아닙니다. ${p} 부분의 XML이 올바르지 않습니다 (${d}).`,
      en: `The uploaded file is not an Excel (.xlsx) workbook. The XML of part ${p} is malformed (${d}).`,
    },
    [{ path: 'file', message }],
  );
}

/** Thrown by a visitor to stop reading a part whose rest is not needed. */
class StopScan {}

interface XmlVisitor {
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
  /** A token ran past MAX_TOKEN_CHARS: the error to throw (located when the visitor knows where), or stop. */
  tokenTooLong(): DomainError | StopScan;
}

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

/**
 * Parses one XML part from its byte chunks, calling the visitor for everything outside the elements to strip;
 * returns the part's text with those elements cut out when `strip` is given (else null). Linear in the part's size;
 * a malformed part is refused at the first error, naming the part.
 */
async function scanXml(part: string, chunks: AsyncIterable<Buffer>, visitor: XmlVisitor, strip?: ReadonlySet<string>): Promise<string | null> {
  const parser = new SaxesParser({ position: true, xmlns: false });
  const decoder = new StringDecoder('utf8');
  const texts: string[] = [];
  const cuts: Array<[number, number]> = [];
  /** Where each kept chunk starts in the part's text, and how much has been fed. */
  const starts: number[] = [];
  let fed = 0;
  let lastEvent = 0;
  let skipDepth = 0;
  let pendingStart = -1;
  let stripStart = -1;

  /** Where the `<` of the tag being opened is: searched back from the parser's position, chunk by chunk. */
  const tagStart = () => {
    let end = parser.position - 1;
    for (let k = texts.length - 1; k >= 0; k--) {
      const start = starts[k]!;
      if (start > end) continue;
      const i = texts[k]!.lastIndexOf('<', end - start);
      if (i >= 0) return start + i;
      end = start - 1;
    }
    return 0;
  };
  const mark = () => {
    lastEvent = parser.position;
  };

  parser.on('doctype', () => {
    throw malformed(part, 'DTD');
  });
  parser.on('opentagstart', (tag) => {
    mark();
    if (strip && skipDepth === 0 && strip.has(localName(tag.name))) pendingStart = tagStart();
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    mark();
    if (skipDepth > 0) skipDepth++;
    else if (pendingStart >= 0) {
      stripStart = pendingStart;
      pendingStart = -1;
      skipDepth = 1;
    } else visitor.open(localName(tag.name), tag.attributes);
  });
  parser.on('closetag', (tag) => {
    mark();
    if (skipDepth === 0) visitor.close(localName(tag.name));
    else if (--skipDepth === 0) cuts.push([stripStart, parser.position]);
  });
  const onText = (text: string) => {
    mark();
    if (skipDepth === 0) visitor.text(text);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('comment', mark);
  parser.on('processinginstruction', mark);
  parser.on('error', (err) => {
    throw err;
  });

  const feed = (text: string) => {
    if (text === '') return;
    if (strip) {
      texts.push(text);
      starts.push(fed);
    }
    fed += text.length;
    parser.write(text);
    if (parser.position - lastEvent > MAX_TOKEN_CHARS) throw visitor.tokenTooLong();
  };

  try {
    for await (const chunk of chunks) feed(decoder.write(chunk));
    feed(decoder.end());
    parser.close();
  } catch (err) {
    if (err instanceof StopScan) return null;
    if (err instanceof DomainError) throw err;
    const detail = err instanceof Error ? (err.message.split('\n')[0] ?? '') : '';
    throw malformed(part, detail.replace(/^.*?:?\d+:\d+: /, '') || 'XML');
  }
  if (!strip) return null;
  const whole = texts.join('');
  if (cuts.length === 0) return whole;
  const kept: string[] = [];
  let from = 0;
  for (const [a, b] of cuts) {
    kept.push(whole.slice(from, a));
    from = b;
  }
  kept.push(whole.slice(from));
  return kept.join('');
}

/** The `A1` reference of a cell: its column number and row, or null when it is not one. */
function parseRef(ref: string | undefined): { col: number; row: number } | null {
  if (ref === undefined || ref.length > 12) return null;
  const m = /^\$?([A-Za-z]{1,4})\$?(\d{1,8})$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col, row: Number(m[2]) };
}

/**
 * The checks of one workbook's parts, in the order they must run: the workbook and its relationships (for sheet
 * names), the shared strings (to know an oversize one before any cell uses it), then the sheets.
 */
export class WorkbookScan {
  private readonly sheetByRid = new Map<string, string>();
  private readonly targetByRid = new Map<string, string>();
  private sheetNames: Map<string, string> | null = null;
  private sharedCount = 0;
  private sharedChars = 0;
  /** The first shared string over the cell limit (the table is not read past it: the file is refused anyway). */
  private oversizedShared: number | null = null;
  private rows = 0;
  private cells = 0;

  constructor(private readonly limits: XlsxContentLimits) {}

  /** Scans one part; returns the bytes to hand on (with expanding elements cut out), or null for the original. */
  async scan(entryName: string, role: PartRole, chunks: AsyncIterable<Buffer>): Promise<Buffer | null> {
    switch (role) {
      case 'workbook': {
        const out = await scanXml(entryName, chunks, this.workbookVisitor(), EXPANDING_WORKBOOK_ELEMENTS);
        return Buffer.from(out ?? '', 'utf8');
      }
      case 'workbookRels':
        await scanXml(entryName, chunks, this.relsVisitor());
        return null;
      case 'sharedStrings':
        await scanXml(entryName, chunks, this.sharedStringsVisitor());
        return null;
      case 'worksheet': {
        const out = await scanXml(entryName, chunks, this.sheetVisitor(this.sheetName(entryName)), EXPANDING_SHEET_ELEMENTS);
        return Buffer.from(out ?? '', 'utf8');
      }
      default:
        return null;
    }
  }

  /** After every part: an oversize shared string no cell uses is still refused. */
  finish(): void {
    if (this.oversizedShared !== null) {
      throw overLimit({
        ko: `공유 문자열 ${n(this.oversizedShared + 1).ko}번째가 ${n(this.limits.maxCellChars).ko}자를 넘습니다`,
        en: `shared string no. ${n(this.oversizedShared + 1).en} is longer than ${n(this.limits.maxCellChars).en} characters`,
      });
    }
  }

  private sheetName(entryName: string): string {
    if (!this.sheetNames) {
      this.sheetNames = new Map();
      for (const [rid, name] of this.sheetByRid) {
        const target = this.targetByRid.get(rid);
        if (!target) continue;
        const part = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
        this.sheetNames.set(part.toLowerCase(), name);
      }
    }
    const name = entryName.replace(/^\/+/, '');
    return this.sheetNames.get(name.toLowerCase()) ?? name.split('/').pop() ?? name;
  }

  private workbookVisitor(): XmlVisitor {
    return {
      open: (name, attrs) => {
        if (name !== 'sheet' || this.sheetByRid.size > 10_000) return;
        const rid = Object.entries(attrs).find(([k]) => k === 'id' || k.endsWith(':id'))?.[1];
        if (rid !== undefined && attrs.name !== undefined) this.sheetByRid.set(rid, attrs.name);
      },
      close: () => undefined,
      text: () => undefined,
      tokenTooLong: () => overLimit({ ko: 'xl/workbook.xml에 지나치게 긴 항목이 있습니다', en: 'xl/workbook.xml holds an overlong item' }),
    };
  }

  private relsVisitor(): XmlVisitor {
    return {
      open: (name, attrs) => {
        if (name === 'Relationship' && attrs.Id !== undefined && attrs.Target !== undefined && this.targetByRid.size < 10_000)
          this.targetByRid.set(attrs.Id, attrs.Target);
      },
      close: () => undefined,
      text: () => undefined,
      tokenTooLong: () => overLimit({ ko: '통합 문서 관계 정보에 지나치게 긴 항목이 있습니다', en: 'the workbook relationships hold an overlong item' }),
    };
  }

  private sharedStringsVisitor(): XmlVisitor {
    const { maxCellChars, maxSharedStrings, maxSharedStringChars } = this.limits;
    let depth = 0;
    let length = 0;
    const oversize = () => {
      this.oversizedShared = this.sharedCount;
      return new StopScan();
    };
    return {
      open: (name, attrs) => {
        // A table that says it is too big is refused before it is read (one that lies is counted below).
        if (name === 'sst' && Math.max(Number(attrs.uniqueCount) || 0, 0) > maxSharedStrings) {
          throw overLimit({ ko: `공유 문자열이 ${n(maxSharedStrings).ko}개를 넘습니다`, en: `more than ${n(maxSharedStrings).en} shared strings` });
        }
        if (depth > 0) depth++;
        else if (name === 'si') {
          depth = 1;
          length = 0;
        }
      },
      close: () => {
        if (depth === 0 || --depth > 0) return;
        this.sharedCount++;
        this.sharedChars += length;
        if (this.sharedCount > maxSharedStrings) {
          throw overLimit({ ko: `공유 문자열이 ${n(maxSharedStrings).ko}개를 넘습니다`, en: `more than ${n(maxSharedStrings).en} shared strings` });
        }
        if (this.sharedChars > maxSharedStringChars) {
          throw overLimit({
            ko: `공유 문자열이 모두 ${n(maxSharedStringChars).ko}자를 넘습니다`,
            en: `the shared strings exceed ${n(maxSharedStringChars).en} characters in total`,
          });
        }
      },
      text: (t) => {
        if (depth === 0) return;
        length += t.length;
        if (length > maxCellChars) throw oversize();
      },
      tokenTooLong: () =>
        depth > 0 ? oversize() : overLimit({ ko: '공유 문자열에 지나치게 긴 항목이 있습니다', en: 'the shared strings hold an overlong item' }),
    };
  }

  private sheetVisitor(sheet: string): XmlVisitor {
    const { maxCellChars, maxRows, maxColumns, maxCells } = this.limits;
    let row = 0;
    let col = 0;
    let cell: { type: string | undefined; chars: number } | null = null;
    let leaf = '';
    return {
      open: (name, attrs) => {
        leaf = name;
        if (name === 'row') {
          row = parseRef(`A${attrs.r ?? ''}`)?.row ?? row + 1;
          col = 0;
          if (++this.rows > maxRows) throw overLimit({ ko: `행이 모두 ${n(maxRows).ko}개를 넘습니다`, en: `more than ${n(maxRows).en} rows in all` });
        } else if (name === 'c') {
          const at = parseRef(attrs.r);
          if (at) {
            col = at.col;
            row = at.row;
          } else col++;
          if (++this.cells > maxCells) throw overLimit({ ko: `셀이 모두 ${n(maxCells).ko}개를 넘습니다`, en: `more than ${n(maxCells).en} cells in all` });
          if (col > maxColumns) {
            const letter = columnLetter(col);
            const s = quoteInput(sheet);
            const message: Message = {
              ko: `'${s}' 시트 ${letter}${row} 셀이 열 한도(${columnLetter(maxColumns)}열)를 넘습니다`,
              en: `cell ${letter}${row} of sheet '${s}' lies beyond the last column allowed (${columnLetter(maxColumns)})`,
            };
            throw overLimit(message, [{ path: `${s}!${letter}${row}`, sheet: s, row, column: letter, message }]);
          }
          cell = { type: attrs.t, chars: 0 };
        }
      },
      close: (name) => {
        if (name === 'c') cell = null;
        leaf = '';
      },
      text: (t) => {
        if (!cell) return;
        cell.chars += t.length;
        if (cell.chars > maxCellChars) throw cellTooLong(sheet, row, col, cell.chars, maxCellChars);
        if (leaf === 'v' && cell.type === 's' && this.oversizedShared !== null && Number(t.trim()) === this.oversizedShared) {
          throw cellTooLong(sheet, row, col, null, maxCellChars);
        }
      },
      tokenTooLong: () =>
        cell
          ? cellTooLong(sheet, row, col, null, maxCellChars)
          : overLimit({ ko: `'${quoteInput(sheet)}' 시트에 지나치게 긴 항목이 있습니다`, en: `sheet '${quoteInput(sheet)}' holds an overlong item` }),
    };
  }
}
