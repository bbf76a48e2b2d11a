import { isAscii, isUtf8 } from 'node:buffer';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { CsvError, Parser, type Options as CsvOptions } from 'csv-parse';
import iconv from 'iconv-lite';
import { DomainError, type Message } from '../errors.js';
import { quoteInput } from './echo.js';
import { columnLetter } from './sheet-columns.js';
import { defaultXlsxLimits } from './xlsx-safety.js';

/**
 * Streaming CSV input as Korean offices produce it: UTF-8 with or without a BOM (Excel's "CSV UTF-8", LibreOffice,
 * scripts) or CP949 (Excel's plain "CSV" on Korean Windows). Memory stays bounded by one chunk plus one record.
 */
export type CsvEncoding = 'utf-8' | 'cp949';

export interface CsvRow {
  /** 1-based line of the file where the record starts (the header is line 1). */
  line: number;
  cells: string[];
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Length of the prefix of `buf` that ends on a whole UTF-8 sequence (a split multi-byte character is held back). */
function wholeUtf8Length(buf: Buffer): number {
  for (let i = buf.length - 1, seen = 0; i >= 0 && seen < 4; i--, seen++) {
    const b = buf[i]!;
    if (b < 0x80) return buf.length;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return buf.length - i >= need ? buf.length : i;
    }
  }
  return buf.length;
}

function countNewlines(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

export function invalidEncoding(line: number): DomainError {
  return new DomainError(
    'invalid',
    'invalid_encoding',
    {
      ko: `${line}행: 파일이 UTF-8로 시작했으나 UTF-8이 아닌 글자가 있습니다. UTF-8 또는 CP949(EUC-KR) 한 가지로 저장하세요.`,
      en: `Line ${line}: the file started as UTF-8 but contains bytes that are not UTF-8. Save it in one encoding, UTF-8 or CP949 (EUC-KR).`,
    },
    [{ path: 'file', row: line, message: { ko: 'UTF-8이 아닌 글자', en: 'not UTF-8' } }],
  );
}

/**
 * Turns CSV bytes in UTF-8 (BOM or not) or CP949 into UTF-8 bytes without the BOM. The encoding is decided at the
 * first non-ASCII bytes (ASCII reads the same in both): if they are valid UTF-8 the file is UTF-8, otherwise CP949.
 * A file that was UTF-8 and later holds invalid UTF-8 is an error rather than a silent mix of mojibake.
 * With `encoding` set, no detection happens.
 */
export class CsvTranscoder extends Transform {
  /** Known once decided; null while only ASCII has been seen. */
  encoding: CsvEncoding | null;
  /** Bytes received so far, for progress. */
  bytesIn = 0;
  private pending: Buffer = Buffer.alloc(0);
  private started = false;
  private linesOut = 0;
  private cp949: ReturnType<typeof iconv.getDecoder> | null = null;

  constructor(opts: { encoding?: CsvEncoding | 'auto' } = {}) {
    super();
    this.encoding = opts.encoding && opts.encoding !== 'auto' ? opts.encoding : null;
    if (this.encoding === 'cp949') this.cp949 = iconv.getDecoder('cp949');
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytesIn += chunk.length;
    try {
      this.accept(this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk, false);
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      this.accept(this.pending, true);
      if (this.cp949) this.emitText(this.cp949.end() ?? '');
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  private accept(data: Buffer, atEnd: boolean): void {
    this.pending = Buffer.alloc(0);
    if (!this.started) {
      if (data.length < BOM.length && !atEnd && BOM.subarray(0, data.length).equals(data)) {
        this.pending = data;
        return;
      }
      this.started = true;
      if (data.subarray(0, 3).equals(BOM)) {
        data = data.subarray(3);
        if (this.encoding === null) this.encoding = 'utf-8';
      }
    }
    if (this.cp949) {
      this.emitText(this.cp949.write(data));
      return;
    }
    const whole = atEnd ? data.length : wholeUtf8Length(data);
    const head = data.subarray(0, whole);
    if (this.encoding === null) {
      if (isAscii(head)) {
        this.emitUtf8(head);
        this.pending = data.subarray(whole);
        // A multi-byte sequence cut off by the end of the file cannot be UTF-8.
        if (atEnd && this.pending.length > 0) this.switchToCp949(this.pending);
        return;
      }
      if (!isUtf8(head)) {
        this.switchToCp949(data);
        return;
      }
      this.encoding = 'utf-8';
    }
    if (!isUtf8(head) || (atEnd && whole < data.length)) {
      throw invalidEncoding(this.linesOut + 1 + countNewlines(head.subarray(0, firstInvalidUtf8(head))));
    }
    this.emitUtf8(head);
    this.pending = data.subarray(whole);
  }

  private switchToCp949(data: Buffer): void {
    this.encoding = 'cp949';
    this.cp949 = iconv.getDecoder('cp949');
    this.emitText(this.cp949.write(data));
  }

  private emitUtf8(buf: Buffer): void {
    if (buf.length === 0) return;
    this.linesOut += countNewlines(buf);
    this.push(buf);
  }

  private emitText(text: string): void {
    if (text.length > 0) this.push(Buffer.from(text, 'utf8'));
  }
}

/** About where `buf` stops being valid UTF-8: bisection over prefixes (only called on invalid input). */
function firstInvalidUtf8(buf: Buffer): number {
  const validPrefix = (k: number) => isUtf8(buf.subarray(0, wholeUtf8Length(buf.subarray(0, k))));
  let lo = 0;
  let hi = buf.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (validPrefix(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * What one CSV record may hold, checked while it is parsed. A district's file has a few dozen columns with short
 * headers and short values; these bounds are far above that and far below what would hold up the server. Taken from
 * the workbook limits where they mean the same (xlsx-safety.ts) and documented with them (operations manual, "Upload
 * limits").
 */
export interface CsvLimits {
  /** Characters of one cell: Excel's own limit, as for a workbook cell. */
  maxFieldChars: number;
  /** Characters of one header cell (a real header is a label with its unit: a few dozen characters). */
  maxHeaderChars: number;
  /** Cells of one record, the header included (a workbook's limit: column AMJ). */
  maxColumns: number;
  /** Characters of one record (a line, or an unclosed quote swallowing the lines after it). */
  maxRecordChars: number;
}

/** A cell and a row hold what a workbook's may (Excel's 32,767 characters, 1,024 columns); a header is short. */
export const CSV_LIMITS: Readonly<CsvLimits> = {
  maxFieldChars: defaultXlsxLimits.maxCellChars,
  maxHeaderChars: 256,
  maxColumns: defaultXlsxLimits.maxColumns,
  maxRecordChars: 1_000_000,
};

/** The parser is fed at most this many bytes at once and yields to the event loop between such slices. */
const SLICE_BYTES = 64 * 1024;
/** A UTF-8 character is at most 4 bytes: a cell in progress with more than 4 × a limit in bytes is over it. */
const MAX_UTF8_BYTES = 4;

/** The parts of csv-parse's state read to catch a cell or record over a limit before it ends (see `inProgress`). */
interface ParserState {
  field?: { length?: unknown };
  record?: unknown[];
}

const fmt = (x: number) => ({ ko: x.toLocaleString('ko-KR'), en: x.toLocaleString('en-US') });

function overCsvLimit(line: number, column: string | null, message: Message, limit: keyof CsvLimits): DomainError {
  return new DomainError(
    'invalid',
    'csv_limit_exceeded',
    { ko: `CSV 파일이 가져오기 한도를 넘어 받지 않습니다: ${message.ko}`, en: `The CSV file exceeds an import limit and is refused: ${message.en}` },
    [{ path: 'file', row: line, ...(column !== null ? { column } : {}), message }],
    { limit },
  );
}

/**
 * csv-parse's stream, each record tagged with the line it starts on (csv-parse itself reports where it ends), with
 * the limits of `CsvLimits` enforced as it parses: a chunk is parsed in slices of SLICE_BYTES with a turn of the
 * event loop between them, and after each slice the cell and record in progress are measured, so a 10 MB cell or a
 * header of 100,000 columns is refused after its first slice, not buffered, split and echoed.
 */
class LineNumberedParser extends Parser {
  private lastEnd = 0;
  private lastEmpty = 0;
  private lastComments = 0;
  /** The header's cells, quoted for messages (a data row's cell is named by its column's header). */
  private header: string[] | null = null;
  private failure: DomainError | null = null;

  constructor(
    csvOptions: CsvOptions,
    private readonly limits: CsvLimits,
  ) {
    super(csvOptions);
  }

  override _transform(chunk: Buffer, encoding: BufferEncoding, done: TransformCallback): void {
    let offset = 0;
    const next = (err?: Error | null): void => {
      if (err) return done(err);
      const failure = this.failure ?? this.inProgress();
      if (failure) {
        this.failure = failure;
        return done(failure);
      }
      if (offset >= chunk.length) return done();
      const slice = chunk.subarray(offset, offset + SLICE_BYTES);
      const first = offset === 0;
      offset += slice.length;
      if (first) super._transform(slice, encoding, next);
      else setImmediate(() => super._transform(slice, encoding, next));
    };
    next();
  }

  override push(record: unknown, encoding?: BufferEncoding): boolean {
    if (record === null) return super.push(null, encoding);
    if (this.failure) return false;
    const line = this.startLine();
    const { lines, empty_lines: empty, comment_lines: comments } = this.info;
    this.lastEnd = lines;
    this.lastEmpty = empty;
    this.lastComments = comments;
    const cells = record as string[];
    this.failure = this.check(line, cells);
    if (this.failure) return false;
    if (this.header === null) this.header = cells.map((c) => quoteInput(c.trim()));
    return super.push({ line, cells } satisfies CsvRow, encoding);
  }

  override _flush(done: TransformCallback): void {
    // The last record is pushed here; one over a limit ends the stream with its error.
    super._flush((err?: Error | null) => done(err ?? this.failure));
  }

  /** The line the record being parsed starts on. */
  private startLine(): number {
    const { empty_lines: empty, comment_lines: comments } = this.info;
    return this.lastEnd + 1 + (empty - this.lastEmpty) + (comments - this.lastComments);
  }

  /** A whole record over a limit: too many cells, a header cell or a cell too long (linear in the record). */
  private check(line: number, cells: string[]): DomainError | null {
    if (cells.length > this.limits.maxColumns) return this.tooManyColumns(line, cells.length);
    const max = this.header === null ? this.limits.maxHeaderChars : this.limits.maxFieldChars;
    for (let i = 0; i < cells.length; i++) {
      if (cells[i]!.length > max) return this.cellTooLong(line, i, cells[i]!.length);
    }
    return null;
  }

  /** The record still being parsed, measured from csv-parse's state: a cell or the count of cells already over. */
  private inProgress(): DomainError | null {
    const state = (this as unknown as { state?: ParserState }).state;
    const cells = Array.isArray(state?.record) ? state.record.length : 0;
    if (cells >= this.limits.maxColumns) return this.tooManyColumns(this.startLine(), cells, true);
    const bytes = typeof state?.field?.length === 'number' ? state.field.length : 0;
    const max = this.header === null ? this.limits.maxHeaderChars : this.limits.maxFieldChars;
    return bytes > max * MAX_UTF8_BYTES ? this.cellTooLong(this.startLine(), cells, null) : null;
  }

  private tooManyColumns(line: number, count: number, atLeast = false): DomainError {
    const max = fmt(this.limits.maxColumns);
    const n = fmt(count);
    return overCsvLimit(
      line,
      null,
      {
        ko: `${line}행에 열이 ${n.ko}개${atLeast ? ' 넘게' : ''} 있습니다. 한 행은 ${max.ko}열까지입니다.`,
        en: `Line ${line} has ${atLeast ? 'more than ' : ''}${n.en} columns; a row may have at most ${max.en}.`,
      },
      'maxColumns',
    );
  }

  /** `chars` null: the cell is still being read and already far over. Names the column by letter and header. */
  private cellTooLong(line: number, index: number, chars: number | null): DomainError {
    const letter = columnLetter(index + 1);
    const isHeader = this.header === null;
    const max = fmt(isHeader ? this.limits.maxHeaderChars : this.limits.maxFieldChars);
    const size = chars === null ? { ko: `${max.ko}자를 훨씬 넘는`, en: `far more than ${max.en}` } : { ko: `${fmt(chars).ko}자의`, en: fmt(chars).en };
    const name = this.header?.[index] ?? '';
    const message: Message = isHeader
      ? {
          ko: `${line}행 ${letter}열의 머리글에 ${size.ko} 글자가 있습니다. 머리글은 ${max.ko}자까지입니다.`,
          en: `The header in column ${letter} of line ${line} holds ${size.en} characters; a header may hold at most ${max.en}.`,
        }
      : {
          ko: `${line}행 ${letter}열${name ? `('${name}')` : ''}의 값에 ${size.ko} 글자가 있습니다. 한 칸은 ${max.ko}자까지입니다.`,
          en: `The value in column ${letter}${name ? ` ('${name}')` : ''} of line ${line} holds ${size.en} characters; a cell may hold at most ${max.en}.`,
        };
    return overCsvLimit(line, isHeader || !name ? letter : name, message, isHeader ? 'maxHeaderChars' : 'maxFieldChars');
  }
}

export interface CsvReadOptions {
  encoding?: CsvEncoding | 'auto';
  delimiter?: string;
  /** Longest record in characters: a stray quote must not make one "record" swallow the whole file. */
  maxRecordSize?: number;
  /** The other bounds of one record (CSV_LIMITS by default). */
  limits?: Partial<Omit<CsvLimits, 'maxRecordChars'>>;
}

export interface CsvRowStream extends AsyncIterable<CsvRow> {
  /** The transcoder, for the detected encoding and the count of bytes read. */
  readonly transcoder: CsvTranscoder;
}

/**
 * Parses a CSV byte stream into rows of cells with their line numbers; rows are not checked against each other
 * (a row with too few or too many cells is the caller's to report). Empty lines are skipped.
 *
 * @throws DomainError `invalid_encoding`; `csv_syntax` (e.g. an unclosed quote) with the line where it happened;
 *   `csv_limit_exceeded` (a cell, header cell or count of cells over `CsvLimits`) with its line and column.
 */
export function readCsvRows(source: Readable, opts: CsvReadOptions = {}): CsvRowStream {
  const transcoder = new CsvTranscoder({ encoding: opts.encoding ?? 'auto' });
  const csvOptions: CsvOptions = {
    delimiter: opts.delimiter ?? ',',
    // Files edited by hand mix Windows and Unix line ends, and write 5" or 3"x5" without quoting the cell.
    record_delimiter: ['\r\n', '\n'],
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: opts.maxRecordSize ?? CSV_LIMITS.maxRecordChars,
  };
  const parser = new LineNumberedParser(csvOptions, { ...CSV_LIMITS, ...opts.limits });
  // The iterator below reports the first error; pipeline tears every stage down on any error or early exit.
  pipeline(source, transcoder, parser, () => undefined);
  return {
    transcoder,
    async *[Symbol.asyncIterator]() {
      try {
        for await (const row of parser as AsyncIterable<CsvRow>) yield row;
      } catch (err) {
        throw err instanceof CsvError ? csvSyntaxError(err) : err;
      } finally {
        parser.destroy();
      }
    },
  };
}

/**
 * For loops over many rows on the event loop: returns a promise that resolves on the next turn of the event loop
 * once `ms` have passed since the last turn (undefined meanwhile), so timers, I/O and other requests run between
 * slices of at most about `ms` of work however fast the rows come.
 *
 * @example const turn = loopTurns(); for await (const row of rows) { work(row); const t = turn(); if (t) await t; }
 */
export function loopTurns(ms = 8): () => Promise<void> | undefined {
  let last = performance.now();
  return () => {
    if (performance.now() - last < ms) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        last = performance.now();
        resolve();
      }),
    );
  };
}

function csvSyntaxError(err: CsvError): DomainError {
  const line = (err as CsvError & { lines?: number }).lines ?? 0;
  const tooLong = err.code === 'CSV_MAX_RECORD_SIZE';
  const message = tooLong
    ? { ko: `${line}행: 한 행이 너무 깁니다(닫히지 않은 따옴표일 수 있습니다).`, en: `Line ${line}: a record is too long (an unclosed quote?).` }
    : { ko: `${line}행: CSV 형식 오류입니다(따옴표를 확인하세요).`, en: `Line ${line}: malformed CSV (check the quotes).` };
  return new DomainError('invalid', 'csv_syntax', message, [{ path: 'file', row: line, message }], { csvCode: err.code });
}
