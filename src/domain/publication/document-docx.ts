/**
 * A handed-out document (보도자료, 결과 보고) as a Word file (.docx, with the `docx` package), in the same layout as
 * its PDF: the label, a bordered header table of facts, the title and subtitles between thick rules, □/○/- paragraphs
 * indented by level with hanging bullets, ※ notices and tables with a shaded header row repeated on each page; the
 * footer text and page numbers in the page footer. Korean text in a Korean font (맑은 고딕) the city's Word has.
 */
import type { DocBlock, DocModel } from './document-model.js';

const FONT = { ascii: 'Malgun Gothic', eastAsia: '맑은 고딕', hAnsi: 'Malgun Gothic' };
const BRAND = '1F4E79';
const MUTED = '5B6675';
const HEAD_BG = 'EEF3F9';
/** Twentieths of a point per indent level (0, ~7 mm, ~14 mm). */
const INDENT = [0, 400, 800] as const;
const HANG = 300;

/**
 * The document as .docx bytes.
 *
 * @example (await documentDocx(model)).subarray(0, 2).toString() // → 'PK'
 */
export async function documentDocx(m: DocModel): Promise<Buffer> {
  // Loaded with the first document, not with the server.
  const d = await import('docx');
  const run = (text: string, o: { bold?: boolean; size?: number; color?: string } = {}) =>
    new d.TextRun({ text, font: FONT, bold: o.bold, size: o.size ?? 22, color: o.color });
  const thick = { style: d.BorderStyle.THICK, size: 12, color: BRAND } as const;
  const thin = { style: d.BorderStyle.SINGLE, size: 4, color: '8A97A8' } as const;
  const none = { style: d.BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;

  const children: Array<InstanceType<typeof d.Paragraph> | InstanceType<typeof d.Table>> = [];
  children.push(new d.Paragraph({ children: [run(m.label, { bold: true, size: 40, color: BRAND })], spacing: { after: 120 } }));
  if (m.meta.length > 0) {
    children.push(
      new d.Table({
        width: { size: 100, type: d.WidthType.PERCENTAGE },
        borders: { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: none, insideVertical: none },
        rows: m.meta.map(
          (item) =>
            new d.TableRow({
              children: [
                new d.TableCell({
                  width: { size: 18, type: d.WidthType.PERCENTAGE },
                  children: [new d.Paragraph({ children: [run(item.label, { bold: true, size: 18, color: BRAND })] })],
                }),
                new d.TableCell({
                  width: { size: 82, type: d.WidthType.PERCENTAGE },
                  children: [new d.Paragraph({ children: [run(item.value, { size: 18 })] })],
                }),
              ],
            }),
        ),
      }),
    );
  }
  const titleParts: Array<InstanceType<typeof d.Paragraph>> = [];
  if (m.title !== '')
    titleParts.push(
      new d.Paragraph({ alignment: d.AlignmentType.CENTER, spacing: { before: 120, after: 80 }, children: [run(m.title, { bold: true, size: 32 })] }),
    );
  for (const s of m.subtitles) titleParts.push(new d.Paragraph({ indent: { left: 480 }, children: [run(`- ${s}`, { size: 21, color: MUTED })] }));
  if (titleParts.length > 0) {
    children.push(
      new d.Table({
        width: { size: 100, type: d.WidthType.PERCENTAGE },
        borders: { top: thick, bottom: thick, left: none, right: none, insideHorizontal: none, insideVertical: none },
        rows: [new d.TableRow({ children: [new d.TableCell({ children: titleParts })] })],
      }),
    );
  }
  children.push(new d.Paragraph({ children: [] }));

  const block = (b: DocBlock) => {
    if (b.kind === 'heading') {
      children.push(new d.Paragraph({ spacing: { before: 240, after: 120 }, keepNext: true, children: [run(b.text, { bold: true, size: 24, color: BRAND })] }));
      return;
    }
    if (b.kind === 'paragraph') {
      const left = (INDENT[b.level as 0 | 1 | 2] ?? 0) + (b.bullet === '' ? 0 : HANG);
      const color = b.bullet === '※' ? MUTED : undefined;
      const size = b.level === 0 ? 23 : 21;
      children.push(
        new d.Paragraph({
          indent: { left, hanging: b.bullet === '' ? 0 : HANG },
          spacing: { before: b.bullet === '□' ? 160 : 40, after: 40, line: 300 },
          children: [...(b.bullet === '' ? [] : [run(`${b.bullet}\t`, { bold: b.bullet === '□', size, color })]), run(b.text, { size, color })],
          tabStops: b.bullet === '' ? [] : [{ type: d.TabStopType.LEFT, position: left }],
        }),
      );
      return;
    }
    const cell = (text: string, k: number, head: boolean) =>
      new d.TableCell({
        shading: head ? { type: d.ShadingType.CLEAR, color: 'auto', fill: HEAD_BG } : undefined,
        children: [
          new d.Paragraph({
            alignment: head ? d.AlignmentType.CENTER : b.numeric[k] ? d.AlignmentType.RIGHT : d.AlignmentType.LEFT,
            children: [run(text, { bold: head, size: 18, color: head ? BRAND : undefined })],
          }),
        ],
      });
    children.push(
      new d.Table({
        width: { size: 100, type: d.WidthType.PERCENTAGE },
        borders: {
          top: { ...thin, size: 8, color: '1D2733' },
          bottom: { ...thin, size: 8, color: '1D2733' },
          left: none,
          right: none,
          insideHorizontal: thin,
          insideVertical: thin,
        },
        rows: [
          new d.TableRow({ tableHeader: true, children: b.columns.map((c, k) => cell(c, k, true)) }),
          ...b.rows.map((r) => new d.TableRow({ cantSplit: true, children: b.columns.map((_, k) => cell(r[k] ?? '', k, false)) })),
        ],
      }),
      new d.Paragraph({ children: [] }),
    );
  };
  for (const b of m.blocks) block(b);

  const footerLines = [
    new d.Paragraph({
      border: { top: { style: d.BorderStyle.SINGLE, size: 4, color: '8A97A8', space: 4 } },
      tabStops: [{ type: d.TabStopType.RIGHT, position: 9000 }],
      children: [
        run(m.footer, { size: 15, color: MUTED }),
        new d.TextRun({ children: ['\t', d.PageNumber.CURRENT, ' / ', d.PageNumber.TOTAL_PAGES, ' 쪽'], font: FONT, size: 15, color: MUTED }),
      ],
    }),
    ...(m.notes.length > 0 ? [new d.Paragraph({ children: [run(m.notes.join(' · '), { size: 15, color: m.demo ? 'C00000' : MUTED })] })] : []),
  ];
  const file = new d.Document({
    creator: 'HopeJobs',
    title: m.title === '' ? m.label : m.title,
    subject: m.label,
    lastModifiedBy: 'HopeJobs',
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        footers: { default: new d.Footer({ children: footerLines }) },
        children,
      },
    ],
  });
  return d.Packer.toBuffer(file);
}
