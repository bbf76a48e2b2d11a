import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { WorkbookScan, type XlsxContentLimits } from '../../src/domain/imports/xlsx-scan.js';

/** The streaming XML checks of a workbook's parts, with small limits so every one can be reached cheaply. */

const limits: XlsxContentLimits = { maxCellChars: 50, maxRows: 20, maxColumns: 10, maxCells: 60, maxSharedStrings: 30, maxSharedStringChars: 500 };
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const WB = `<workbook ${NS} xmlns:r="r"><sheets><sheet name="시트가" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="x">A1</definedName></definedNames></workbook>`;
const RELS = '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>';

/** Feeds a text as byte chunks cut at the given places (a tag, a name or a character split across chunks). */
async function* chunked(text: string, cuts: number[] = []): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  let from = 0;
  for (const at of [...cuts].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b)) {
    yield bytes.subarray(from, at);
    from = at;
  }
  yield bytes.subarray(from);
}

async function scanned(parts: { shared?: string; sheet: string }, l = limits, cuts: number[] = []) {
  const scan = new WorkbookScan(l);
  await scan.scan('xl/workbook.xml', 'workbook', chunked(WB));
  await scan.scan('xl/_rels/workbook.xml.rels', 'workbookRels', chunked(RELS));
  if (parts.shared !== undefined) await scan.scan('xl/sharedStrings.xml', 'sharedStrings', chunked(parts.shared));
  const out = await scan.scan('xl/worksheets/sheet1.xml', 'worksheet', chunked(parts.sheet, cuts));
  scan.finish();
  return out!.toString('utf8');
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

const sheet = (rows: string, after = '') => `<worksheet ${NS}><sheetData>${rows}</sheetData>${after}</worksheet>`;

describe('workbook XML scan', () => {
  it('cuts the expanding elements out wherever the chunks fall, and nothing else', async () => {
    const keep = '<row r="1"><c r="A1" t="inlineStr"><is><t>가&amp;나 &lt;mergeCells&gt;</t></is></c></row>';
    const expanding =
      '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells><x:dataValidations count="1"><x:dataValidation sqref="A1:A9"><x:formula1>1</x:formula1></x:dataValidation></x:dataValidations><hyperlinks/><conditionalFormatting sqref="A1"><cfRule type="expression"/></conditionalFormatting>';
    const text = `<?xml version="1.0"?>\r\n${sheet(keep, `${expanding}<pageMargins left="0.7"/>`)}`;
    const expected = `<?xml version="1.0"?>\r\n${sheet(keep, '<pageMargins left="0.7"/>')}`;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(Buffer.byteLength(text)), { maxLength: 12 }), async (cuts) => {
        expect(await scanned({ sheet: text }, limits, cuts)).toBe(expected);
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('refuses malformed XML and any DTD, naming the part', async () => {
    for (const bad of [
      sheet('', '<mergeCells <mergeCells '),
      sheet('<row>'),
      `<!DOCTYPE x [<!ENTITY a "b">]>${sheet('')}`,
      sheet('<row><c><v>&bogus;</v></c></row>'),
    ]) {
      const err = await refusal(scanned({ sheet: bad }));
      expect(err.code).toBe('not_xlsx');
      expect(err.msg.en).toContain('xl/worksheets/sheet1.xml');
      expect(err.msg.ko).toContain('xl/worksheets/sheet1.xml');
    }
  });

  it('refuses a cell over the text limit with its sheet, row and column, whichever way it holds the text', async () => {
    const long = 'x'.repeat(51);
    for (const [shared, rows] of [
      [undefined, `<row r="3"><c r="D3" t="inlineStr"><is><t>${long}</t></is></c></row>`],
      [undefined, `<row r="3"><c r="D3"><f>${long}</f></c></row>`],
      [
        `<sst ${NS}><si><t>ok</t></si><si><r><t>${'y'.repeat(30)}</t></r><r><t>${'y'.repeat(30)}</t></r></si></sst>`,
        '<row r="3"><c r="D3" t="s"><v>1</v></c></row>',
      ],
    ] as const) {
      const err = await refusal(scanned({ shared, sheet: sheet(rows) }));
      expect(err.code).toBe('xlsx_limit_exceeded');
      expect(err.problems).toEqual([expect.objectContaining({ sheet: '시트가', row: 3, column: 'D' })]);
    }
    // A long shared string no cell uses is refused too.
    const unused = await refusal(scanned({ shared: `<sst ${NS}><si><t>${long}</t></si></sst>`, sheet: sheet('') }));
    expect(unused.code).toBe('xlsx_limit_exceeded');
  });

  it('refuses too many rows, cells, columns and shared strings, counted as they come', async () => {
    const cases = [
      sheet('<row/>'.repeat(21)),
      sheet(`<row>${'<c/>'.repeat(10)}</row>`.repeat(7)),
      sheet('<row r="1"><c r="K1"/></row>'),
      sheet(`<row>${'<c/>'.repeat(11)}</row>`),
    ];
    for (const rows of cases) expect((await refusal(scanned({ sheet: rows }))).code).toBe('xlsx_limit_exceeded');
    expect((await refusal(scanned({ shared: `<sst ${NS}>${'<si><t>a</t></si>'.repeat(31)}</sst>`, sheet: sheet('') }))).code).toBe('xlsx_limit_exceeded');
    expect((await refusal(scanned({ shared: `<sst ${NS}>${`<si><t>${'a'.repeat(40)}</t></si>`.repeat(13)}</sst>`, sheet: sheet('') }))).code).toBe(
      'xlsx_limit_exceeded',
    );
    // Within every limit: read through.
    expect(await scanned({ sheet: sheet(`<row>${'<c/>'.repeat(10)}</row>`.repeat(6)) })).toContain('<row>');
  });
});
