type Doc = PDFKit.PDFDocument;

/**
 * Draws one line of footer text at (x, y) in `width`, never wrapping: each document keeps its own way of fitting.
 * `part` says which line it is: the left text, the page number or the notices.
 */
export type FooterText = (doc: Doc, text: string, x: number, y: number, width: number, align: 'left' | 'right', part: 'left' | 'page' | 'notes') => void;

export interface PageFooter {
  page: { width: number; height: number; margin: number };
  /** How far above the bottom margin the footer's first line stands (points). */
  rise: number;
  /** The regular font's registered name. */
  font: string;
  colors: { rule: string; muted: string; demo: string };
  /** The first line's text on the left, the same on every page. */
  left: string;
  /** The page number on the right ("1 / 3 쪽"), in a box `pageWidth` wide. */
  pageLabel: (page: number, count: number) => string;
  pageWidth: number;
  /** Notices on a second line (demo label, illustrative framework), joined with " · "; in the demo colour for demo data. */
  notes: string[];
  demo: boolean;
  text: FooterText;
}

/**
 * The footer of every page of a buffered publication PDF (scorecard, 평가 편람): a thin rule, a line with `left` and
 * the page number, and the notices below it. The bottom margin is lifted while drawing, so pdfkit never starts a
 * new page for text placed below it, and put back afterwards.
 */
export function drawPageFooters(doc: Doc, f: PageFooter): void {
  const range = doc.bufferedPageRange();
  const content = f.page.width - 2 * f.page.margin;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = f.page.height - f.page.margin - f.rise;
    doc
      .moveTo(f.page.margin, y - 6)
      .lineTo(f.page.width - f.page.margin, y - 6)
      .lineWidth(0.5)
      .strokeColor(f.colors.rule)
      .stroke();
    doc.font(f.font).fontSize(7.5).fillColor(f.colors.muted);
    f.text(doc, f.left, f.page.margin, y, content - f.pageWidth, 'left', 'left');
    f.text(doc, f.pageLabel(i - range.start + 1, range.count), f.page.width - f.page.margin - f.pageWidth, y, f.pageWidth, 'right', 'page');
    if (f.notes.length > 0) {
      doc
        .font(f.font)
        .fontSize(7.5)
        .fillColor(f.demo ? f.colors.demo : f.colors.muted);
      f.text(doc, f.notes.join(' · '), f.page.margin, y + 11, content, 'left', 'notes');
    }
    doc.page.margins.bottom = bottom;
  }
}
