import { isAscii, isUtf8 } from 'node:buffer';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { CsvError, Parser, type Options as CsvOptions } from 'csv-parse';
import iconv from 'iconv-lite';
import { DomainError } from '../errors.js';

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

/** csv-parse's stream, each record tagged with the line it starts on (csv-parse itself reports where it ends). */
class LineNumberedParser extends Parser {
  private lastEnd = 0;
  private lastEmpty = 0;
  private lastComments = 0;

  override push(record: unknown, encoding?: BufferEncoding): boolean {
    if (record === null) return super.push(null, encoding);
    const { lines, empty_lines: empty, comment_lines: comments } = this.info;
    const line = this.lastEnd + 1 + (empty - this.lastEmpty) + (comments - this.lastComments);
    this.lastEnd = lines;
    this.lastEmpty = empty;
    this.lastComments = comments;
    return super.push({ line, cells: record as string[] } satisfies CsvRow, encoding);
  }
}

export interface CsvReadOptions {
  encoding?: CsvEncoding | 'auto';
  delimiter?: string;
  /** Longest record in characters: a stray quote must not make one "record" swallow the whole file. */
  maxRecordSize?: number;
}

export interface CsvRowStream extends AsyncIterable<CsvRow> {
  /** The transcoder, for the detected encoding and the count of bytes read. */
  readonly transcoder: CsvTranscoder;
}

/**
 * Parses a CSV byte stream into rows of cells with their line numbers; rows are not checked against each other
 * (a row with too few or too many cells is the caller's to report). Empty lines are skipped.
 *
 * @throws DomainError `invalid_encoding`; `csv_syntax` (e.g. an unclosed quote) with the line where it happened.
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
    max_record_size: opts.maxRecordSize ?? 1_000_000,
  };
  const parser = new LineNumberedParser(csvOptions);
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

function csvSyntaxError(err: CsvError): DomainError {
  const line = (err as CsvError & { lines?: number }).lines ?? 0;
  const tooLong = err.code === 'CSV_MAX_RECORD_SIZE';
  const message = tooLong
    ? { ko: `${line}행: 한 행이 너무 깁니다(닫히지 않은 따옴표일 수 있습니다).`, en: `Line ${line}: a record is too long (an unclosed quote?).` }
    : { ko: `${line}행: CSV 형식 오류입니다(따옴표를 확인하세요).`, en: `Line ${line}: malformed CSV (check the quotes).` };
  return new DomainError('invalid', 'csv_syntax', message, [{ path: 'file', row: line, message }], { csvCode: err.code });
}
