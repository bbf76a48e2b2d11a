/**
 * A handed-out document (보도자료, 결과 보고) as an A4 PDF in the layout of Seoul's press releases: the label and a
 * boxed header of facts (보도일시, 담당 부서, 담당자, 연락처), the title and its subtitles between rules, □ paragraphs
 * with ○ points and - details hanging from their bullets, ※ notices and ruled tables with a shaded header row
 * (repeated on a new page). Text is real text in the embedded, subsetted Pretendard; the footer is the publication
 * PDFs' own (`pdf-footer.ts`).
 */
import type { DocBlock, DocModel } from './document-model.js';
import { drawPageFooters } from './pdf-footer.js';
import { pretendardFonts } from './pdf-fonts.js';

const PAGE = { width: 595.28, height: 841.89, margin: 48 } as const;
const CONTENT = PAGE.width - 2 * PAGE.margin;
const FOOTER_SPACE = 40;
const BOTTOM = PAGE.height - PAGE.margin - FOOTER_SPACE;
const COLOR = { ink: '#1d2733', muted: '#5b6675', brand: '#1f4e79', headBg: '#eef3f9', rule: '#8a97a8', demo: '#c00000' } as const;
const F = { regular: 'Pretendard', bold: 'Pretendard-Bold' } as const;
const INDENT = [0, 14, 28] as const;

type Doc = PDFKit.PDFDocument;

function font(doc: Doc, bold: boolean, size: number, color: string = COLOR.ink): Doc {
  return doc
    .font(bold ? F.bold : F.regular)
    .fontSize(size)
    .fillColor(color);
}

function ensureRoom(doc: Doc, y: number, needed: number): number {
  if (y + needed <= BOTTOM) return y;
  doc.addPage();
  return PAGE.margin;
}

function rule(doc: Doc, y: number, width = 0.8, color: string = COLOR.brand): void {
  doc
    .moveTo(PAGE.margin, y)
    .lineTo(PAGE.width - PAGE.margin, y)
    .lineWidth(width)
    .strokeColor(color)
    .stroke();
}

function header(doc: Doc, m: DocModel): number {
  doc.rect(0, 0, PAGE.width, 6).fill(COLOR.brand);
  font(doc, true, 20, COLOR.brand);
  doc.text(m.label, PAGE.margin, PAGE.margin - 10, { width: CONTENT, characterSpacing: 4 });
  let y = doc.y + 6;
  if (m.meta.length > 0) {
    const labelW = 64;
    const rowH = 16;
    const top = y;
    for (const item of m.meta) {
      font(doc, true, 9, COLOR.brand);
      doc.text(item.label, PAGE.margin + 6, y + 4, { width: labelW - 8, lineBreak: false });
      font(doc, false, 9);
      doc.text(item.value, PAGE.margin + labelW, y + 4, { width: CONTENT - labelW - 6, lineBreak: false, ellipsis: true });
      y += rowH;
    }
    doc
      .rect(PAGE.margin, top, CONTENT, y - top + 2)
      .lineWidth(0.6)
      .strokeColor(COLOR.rule)
      .stroke();
    y += 12;
  }
  rule(doc, y, 1.6);
  y += 10;
  if (m.title !== '') {
    font(doc, true, 16);
    doc.text(m.title, PAGE.margin, y, { width: CONTENT, align: 'center', lineGap: 2 });
    y = doc.y + 6;
  }
  font(doc, false, 10.5, COLOR.muted);
  for (const s of m.subtitles) {
    doc.text(`- ${s}`, PAGE.margin + 24, y, { width: CONTENT - 24, lineGap: 1.5 });
    y = doc.y + 2;
  }
  rule(doc, y + 6, 1.6);
  return y + 20;
}

function paragraph(doc: Doc, b: Extract<DocBlock, { kind: 'paragraph' }>, y0: number): number {
  const x = PAGE.margin + (INDENT[b.level as 0 | 1 | 2] ?? 0);
  const hang = b.bullet === '' ? 0 : 14;
  const size = b.level === 0 ? 11 : 10;
  font(doc, false, size, b.bullet === '※' ? COLOR.muted : COLOR.ink);
  const width = CONTENT - (x - PAGE.margin) - hang;
  const height = doc.heightOfString(b.text, { width, lineGap: 3 });
  const y = ensureRoom(doc, y0 + (b.bullet === '□' ? 6 : 0), Math.min(height, BOTTOM - PAGE.margin));
  if (b.bullet !== '') {
    font(doc, b.bullet === '□', size, b.bullet === '※' ? COLOR.muted : COLOR.ink);
    doc.text(b.bullet, x, y, { width: hang, lineBreak: false });
    font(doc, false, size, b.bullet === '※' ? COLOR.muted : COLOR.ink);
  }
  doc.text(b.text, x + hang, y, { width, lineGap: 3 });
  return doc.y + 4;
}

function tableRow(doc: Doc, cells: string[], widths: number[], numeric: boolean[], y: number, head: boolean): number {
  font(doc, head, 8.5, head ? COLOR.brand : COLOR.ink);
  const pad = 4;
  const height = Math.max(...cells.map((c, k) => doc.heightOfString(c, { width: (widths[k] ?? 40) - 2 * pad }))) + 2 * pad;
  if (head) doc.rect(PAGE.margin, y, CONTENT, height).fill(COLOR.headBg);
  font(doc, head, 8.5, head ? COLOR.brand : COLOR.ink);
  let x = PAGE.margin;
  cells.forEach((c, k) => {
    const w = widths[k] ?? 40;
    doc.text(c, x + pad, y + pad, { width: w - 2 * pad, align: !head && numeric[k] ? 'right' : head ? 'center' : 'left' });
    x += w;
  });
  doc
    .moveTo(PAGE.margin, y + height)
    .lineTo(PAGE.width - PAGE.margin, y + height)
    .lineWidth(0.4)
    .strokeColor(COLOR.rule)
    .stroke();
  return y + height;
}

function table(doc: Doc, b: Extract<DocBlock, { kind: 'table' }>, y0: number): number {
  // Widths by the longest text of each column (at least a sixth of the average), filling the content width.
  const lengths = b.columns.map((c, k) => Math.max(c.length, ...b.rows.map((r) => (r[k] ?? '').length), 2));
  const total = lengths.reduce((a, n) => a + n, 0);
  const minimum = CONTENT / b.columns.length / 2;
  const raw = lengths.map((n) => Math.max(minimum, (CONTENT * n) / total));
  const scale = CONTENT / raw.reduce((a, n) => a + n, 0);
  const widths = raw.map((w) => w * scale);
  let y = ensureRoom(doc, y0 + 4, 50);
  rule(doc, y, 1, COLOR.ink);
  y = tableRow(doc, b.columns, widths, b.numeric, y, true);
  for (const row of b.rows) {
    font(doc, false, 8.5);
    const next = Math.max(...row.map((c, k) => doc.heightOfString(c, { width: (widths[k] ?? 40) - 8 }))) + 8;
    if (y + next > BOTTOM) {
      doc.addPage();
      y = PAGE.margin;
      rule(doc, y, 1, COLOR.ink);
      y = tableRow(doc, b.columns, widths, b.numeric, y, true);
    }
    y = tableRow(doc, row, widths, b.numeric, y, false);
  }
  rule(doc, y, 1, COLOR.ink);
  return y + 10;
}

function heading(doc: Doc, text: string, y0: number): number {
  const y = ensureRoom(doc, y0 + 8, 60);
  font(doc, true, 12, COLOR.brand);
  doc.text(text, PAGE.margin, y, { width: CONTENT });
  return doc.y + 6;
}

/**
 * The document as an A4 PDF. `createdAt` goes into the file's properties (the caller's clock).
 *
 * @example (await documentPdf(parsePressRelease(text, '2019 보도자료 · 버전 3'), new Date())).subarray(0, 4).toString() // → '%PDF'
 */
export async function documentPdf(m: DocModel, createdAt: Date): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
    bufferPages: true,
    autoFirstPage: true,
    lang: 'ko-KR',
    displayTitle: true,
    info: { Title: m.title === '' ? m.label : m.title, Author: 'HopeJobs', Subject: m.label, CreationDate: createdAt },
  });
  const fonts = pretendardFonts();
  doc.registerFont(F.regular, fonts.regular);
  doc.registerFont(F.bold, fonts.bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  let y = header(doc, m);
  for (const b of m.blocks) {
    if (b.kind === 'paragraph') y = paragraph(doc, b, y);
    else if (b.kind === 'heading') y = heading(doc, b.text, y);
    else y = table(doc, b, y);
  }
  drawPageFooters(doc, {
    page: PAGE,
    rise: 16,
    font: F.regular,
    colors: { rule: COLOR.rule, muted: COLOR.muted, demo: COLOR.demo },
    left: m.footer,
    pageLabel: (i, n) => `${i} / ${n} 쪽`,
    pageWidth: 60,
    notes: m.notes,
    demo: m.demo,
    text: (d, text, x, yy, width, align, part) => d.text(text, x, yy, { width, align, lineBreak: false, ...(part === 'page' ? {} : { ellipsis: true }) }),
  });
  doc.end();
  return done;
}
