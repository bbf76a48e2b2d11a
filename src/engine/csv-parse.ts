/**
 * A small RFC 4180 CSV reader (no dependency, runs in browsers): comma-separated (semicolon or tab detected from the
 * header line when it holds no comma), fields optionally in double quotes with `""` for a quote, line breaks inside
 * quotes, CRLF or LF. Blank lines are skipped but counted. Each record keeps its 1-based record number (header = 1) and, per
 * field, whether it was quoted, so that an unquoted `NA` can mean "missing" while a quoted `"NA"` stays text.
 */

/** One CSV record. */
export interface CsvRecord {
  readonly cells: readonly string[];
  readonly quoted: readonly boolean[];
  /** 1-based record number, the header being record 1 (the row number a spreadsheet shows). */
  readonly row: number;
  /** 1-based line where the record starts in the text. */
  readonly line: number;
}

/** Parsed records, or the position of a syntax problem. */
export interface CsvParseResult {
  readonly records: readonly CsvRecord[];
  readonly delimiter: string;
  readonly error?: { readonly row: number; readonly line: number; readonly reason: 'unterminated-quote' };
}

function detectDelimiter(text: string): string {
  const end = text.search(/\r?\n/);
  const first = end < 0 ? text : text.slice(0, end);
  if (first.includes(',')) return ',';
  if (first.includes(';')) return ';';
  if (first.includes('\t')) return '\t';
  return ',';
}

/**
 * Parses CSV text into records. O(length of text).
 *
 * @example parseCsv('a,b\n1,"x,y"\n').records[1].cells // ['1', 'x,y']
 */
export function parseCsv(text: string, delimiter: string = detectDelimiter(text)): CsvParseResult {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let row = 0;
  while (i < n) {
    const startLine = line;
    const cells: string[] = [];
    const quoted: boolean[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let field = '';
      let isQuoted = false;
      if (text[i] === '"') {
        isQuoted = true;
        i++;
        let closed = false;
        while (i < n) {
          const ch = text[i]!;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
            } else {
              i++;
              closed = true;
              break;
            }
          } else {
            if (ch === '\n') line++;
            field += ch;
            i++;
          }
        }
        if (!closed) {
          return { records, delimiter, error: { row: row + 1, line: startLine, reason: 'unterminated-quote' } };
        }
        // Anything between the closing quote and the delimiter is kept as text (lenient).
        while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
      } else {
        const start = i;
        while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i++;
        field = text.slice(start, i);
      }
      cells.push(field);
      quoted.push(isQuoted);
      if (i >= n) {
        endOfRecord = true;
      } else if (text[i] === delimiter) {
        i++;
        if (i >= n) {
          cells.push('');
          quoted.push(false);
          endOfRecord = true;
        }
      } else {
        if (text[i] === '\r') i++;
        if (text[i] === '\n') i++;
        line++;
        endOfRecord = true;
      }
    }
    row++;
    const blank = cells.length === 1 && !quoted[0] && cells[0]!.trim() === '';
    if (!blank) records.push({ cells, quoted, row, line: startLine });
  }
  return { records, delimiter };
}
