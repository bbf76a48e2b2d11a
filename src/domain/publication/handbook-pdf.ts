/**
 * A cycle's 평가 편람 (evaluation handbook) as an A4 PDF: every indicator of the framework, field by field, with its
 * points, kind and unit, then its guidance — definition, formula in words, how the value becomes points (from the
 * method, so it can never disagree with the scoring), evidence to file, the checklist and notes. Like the
 * scorecard, text is real text in the embedded, subsetted Pretendard, and the same inputs give the same bytes.
 */
import { fieldPoints, type FrameworkDefinition, type Indicator } from '../frameworks/definition.js';
import { DEMO_LABEL, illustrativeNotice, type Lang } from './labels.js';
import { drawPageFooters } from './pdf-footer.js';
import { compact } from './number-format.js';
import { describeMethod, kindText } from './method-text.js';
import { pretendardFonts } from './pdf-fonts.js';

export interface HandbookOptions {
  lang: Lang;
  /** A demo cycle: every page says "데모 데이터". */
  demo: boolean;
  /** The framework version the handbook is of (printed on the cover and every footer). */
  version: number;
  /** Its definition hash (the first 12 characters are printed, so a reader can tell versions apart). */
  definitionHash: string;
  /** Written to the PDF's properties (default 1 January of the cycle year, so output is reproducible). */
  createdAt?: Date;
}

const PAGE = { width: 595.28, height: 841.89, margin: 48 } as const;
const CONTENT = PAGE.width - 2 * PAGE.margin;
const FOOTER_SPACE = 40;
const BOTTOM = PAGE.height - PAGE.margin - FOOTER_SPACE;
const COLOR = { ink: '#1d2733', muted: '#5b6675', brand: '#1f4e79', fieldBg: '#eef3f9', rule: '#c9d2dd', demo: '#c00000' } as const;
const F = { regular: 'Pretendard', bold: 'Pretendard-Bold' } as const;

const TEXT = {
  ko: {
    brand: 'HopeJobs 희망일자리 평가',
    title: (y: number) => `${y} 평가 편람`,
    version: (v: number, hash: string) => `평가 체계 버전 ${v} · ${hash}`,
    intro:
      '이 편람은 평가 체계의 지표마다 정의, 산식 풀이, 환산 방식, 제출할 증빙 자료, 점검 항목과 유의 사항을 모은 것입니다. 환산 방식은 평가 체계의 설정에서 그대로 옮겼습니다.',
    field: (name: string, points: string) => `${name} (${points}점)`,
    facts: (ind: Indicator) => [
      `배점 ${compact(ind.points, 2)}점`,
      kindText(ind, 'ko'),
      ind.unit !== '' ? `단위 ${ind.unit}` : null,
      ind.isNew ? '신설' : null,
    ],
    definition: '정의',
    formula: '산식',
    method: '환산 방식',
    evidence: '증빙 자료',
    checklist: '점검 항목',
    notes: '유의 사항',
    none: '이 지표에는 아직 편람 내용이 없습니다.',
    direct: '구가 값을 직접 입력합니다.',
    page: (i: number, n: number) => `${i} / ${n}`,
  },
  en: {
    brand: 'HopeJobs job-policy evaluation',
    title: (y: number) => `${y} evaluation handbook`,
    version: (v: number, hash: string) => `Framework version ${v} · ${hash}`,
    intro:
      'For every indicator of the framework: its definition, the formula in words, how the value becomes points, the evidence to file, the checklist and notes. How the value becomes points is taken from the framework’s settings as they are.',
    field: (name: string, points: string) => `${name} (${points} points)`,
    facts: (ind: Indicator) => [`${compact(ind.points, 2)} points`, kindText(ind, 'en'), ind.unit !== '' ? `unit ${ind.unit}` : null, ind.isNew ? 'new' : null],
    definition: 'Definition',
    formula: 'Formula',
    method: 'Scoring',
    evidence: 'Evidence',
    checklist: 'Checklist',
    notes: 'Notes',
    none: 'No handbook text for this indicator yet.',
    direct: 'Entered by the district.',
    page: (i: number, n: number) => `${i} / ${n}`,
  },
} as const;

type Doc = PDFKit.PDFDocument;

function font(doc: Doc, bold: boolean, size: number, color: string = COLOR.ink): Doc {
  return doc
    .font(bold ? F.bold : F.regular)
    .fontSize(size)
    .fillColor(color);
}

/** Text of the guidance in the handbook's language; Korean where the English is still empty (Korean first). */
const say = (text: { ko: string; en: string }, lang: Lang) => (lang === 'en' && text.en.trim() !== '' ? text.en : text.ko);

/** Moves to a new page when fewer than `needed` points are left above the footer; returns the y to draw at. */
function ensureRoom(doc: Doc, y: number, needed: number): number {
  if (y + needed <= BOTTOM) return y;
  doc.addPage();
  return PAGE.margin;
}

/** A wrapped paragraph at `x` (breaking to a new page first when it does not fit); returns the y below it. */
function paragraph(doc: Doc, text: string, x: number, y: number, width: number): number {
  const height = doc.heightOfString(text, { width, lineGap: 1.5 });
  const top = ensureRoom(doc, y, Math.min(height, BOTTOM - PAGE.margin));
  doc.text(text, x, top, { width, lineGap: 1.5 });
  return doc.y + 2;
}

const LABEL_W = 64;

/** One labelled part of an indicator: the label in the left column, its paragraphs or list on the right. */
function part(doc: Doc, label: string, lines: string[], y0: number, bullet: (i: number) => string = () => ''): number {
  if (lines.length === 0) return y0;
  const x = PAGE.margin + LABEL_W;
  const width = CONTENT - LABEL_W;
  font(doc, false, 9);
  const first = `${bullet(0)}${lines[0]!}`;
  // Room for the whole first paragraph, so the label never stays behind on the previous page.
  let y = ensureRoom(doc, y0, Math.min(doc.heightOfString(first, { width, lineGap: 1.5 }) + 2, BOTTOM - PAGE.margin));
  font(doc, true, 9, COLOR.brand);
  doc.text(label, PAGE.margin, y, { width: LABEL_W - 8, lineBreak: false });
  font(doc, false, 9);
  lines.forEach((text, i) => {
    y = paragraph(doc, `${bullet(i)}${text}`, x, y, width);
  });
  return y + 3;
}

function indicatorBlock(doc: Doc, ind: Indicator, o: HandbookOptions, y0: number): number {
  const t = TEXT[o.lang];
  let y = ensureRoom(doc, y0, 80);
  font(doc, true, 11);
  doc.text(`${ind.code}  ${ind.name[o.lang]}`, PAGE.margin, y, { width: CONTENT });
  y = doc.y + 2;
  font(doc, false, 8.5, COLOR.muted);
  doc.text(
    t
      .facts(ind)
      .filter((s): s is string => s !== null)
      .join(' · '),
    PAGE.margin,
    y,
    { width: CONTENT, lineBreak: false },
  );
  y += 16;
  const g = ind.guidance;
  if (g?.definition) y = part(doc, t.definition, [say(g.definition, o.lang)], y);
  const formula = g?.formula ? say(g.formula, o.lang) : ind.formula === null && ind.kind === 'quantitative' ? t.direct : null;
  if (formula !== null) y = part(doc, t.formula, [formula], y);
  y = part(doc, t.method, [describeMethod(ind, o.lang)], y);
  if (g?.evidence?.length)
    y = part(
      doc,
      t.evidence,
      g.evidence.map((e) => say(e, o.lang)),
      y,
      () => '• ',
    );
  if (g?.checklist?.length)
    y = part(
      doc,
      t.checklist,
      g.checklist.map((e) => say(e, o.lang)),
      y,
      (i) => `${i + 1}. `,
    );
  if (g?.notes) y = part(doc, t.notes, [say(g.notes, o.lang)], y);
  if (g === undefined) y = part(doc, '', [t.none], y);
  doc
    .moveTo(PAGE.margin, y + 2)
    .lineTo(PAGE.width - PAGE.margin, y + 2)
    .lineWidth(0.4)
    .strokeColor(COLOR.rule)
    .stroke();
  return y + 12;
}

function cover(doc: Doc, year: number, framework: FrameworkDefinition, o: HandbookOptions): number {
  const t = TEXT[o.lang];
  doc.rect(0, 0, PAGE.width, 6).fill(COLOR.brand);
  font(doc, true, 10, COLOR.brand);
  doc.text(t.brand, PAGE.margin, PAGE.margin - 14, { lineBreak: false });
  font(doc, true, 24);
  doc.text(t.title(year), PAGE.margin, PAGE.margin + 8, { width: CONTENT });
  font(doc, false, 11, COLOR.muted);
  doc.text(framework.title[o.lang], PAGE.margin, doc.y + 4, { width: CONTENT });
  font(doc, false, 9, COLOR.muted);
  doc.text(t.version(o.version, o.definitionHash.slice(0, 12)), PAGE.margin, doc.y + 2, { width: CONTENT });
  font(doc, false, 9.5);
  doc.text(t.intro, PAGE.margin, doc.y + 10, { width: CONTENT, lineGap: 1.5 });
  const y = doc.y + 8;
  doc
    .moveTo(PAGE.margin, y)
    .lineTo(PAGE.width - PAGE.margin, y)
    .lineWidth(0.8)
    .strokeColor(COLOR.rule)
    .stroke();
  return y + 14;
}

function footers(doc: Doc, year: number, framework: FrameworkDefinition, o: HandbookOptions): void {
  const t = TEXT[o.lang];
  drawPageFooters(doc, {
    page: PAGE,
    rise: 16,
    font: F.regular,
    colors: COLOR,
    left: `${t.title(year)} · ${t.version(o.version, o.definitionHash.slice(0, 12))}`,
    pageLabel: t.page,
    pageWidth: 50,
    notes: [o.demo ? DEMO_LABEL[o.lang] : null, illustrativeNotice(framework)?.[o.lang] ?? null].filter((n): n is string => n !== null),
    demo: o.demo,
    // The notices line ends in an ellipsis when too long.
    text: (d, text, x, y, width, align, part) => d.text(text, x, y, { width, align, lineBreak: false, ...(part === 'notes' ? { ellipsis: true } : {}) }),
  });
}

/**
 * The 평가 편람 of a cycle's framework as an A4 PDF (Korean or English): a cover block (year, framework title,
 * version and short hash, what the handbook holds), then field by field every indicator with its facts and
 * guidance; a footer on every page with the version, page numbers and the demo / illustrative notices.
 *
 * @example (await handbookPdf(2019, framework, { lang: 'ko', demo: true, version: 1, definitionHash: h })).subarray(0, 4).toString() // → '%PDF'
 */
export async function handbookPdf(year: number, framework: FrameworkDefinition, options: HandbookOptions): Promise<Buffer> {
  // Loaded with the first document (a worker thread builds them), not with the server.
  const { default: PDFDocument } = await import('pdfkit');
  const t = TEXT[options.lang];
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
    bufferPages: true,
    autoFirstPage: true,
    lang: options.lang === 'ko' ? 'ko-KR' : 'en-GB',
    displayTitle: true,
    info: {
      Title: `${t.title(year)}${options.demo ? ` (${DEMO_LABEL[options.lang]})` : ''}`,
      Author: 'HopeJobs',
      Subject: t.brand,
      Keywords: `${options.definitionHash} v${options.version}`,
      CreationDate: options.createdAt ?? new Date(Date.UTC(year, 0, 1)),
    },
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
  let y = cover(doc, year, framework, options);
  const perField = fieldPoints(framework);
  for (const field of framework.fields) {
    y = ensureRoom(doc, y, 120);
    doc.rect(PAGE.margin, y - 3, CONTENT, 20).fill(COLOR.fieldBg);
    font(doc, true, 12, COLOR.brand);
    doc.text(`${field.code}  ${t.field(field.name[options.lang], compact(perField.get(field.code) ?? 0, 2))}`, PAGE.margin + 6, y + 1, {
      width: CONTENT - 12,
      lineBreak: false,
    });
    y += 28;
    for (const ind of framework.indicators.filter((i) => i.field === field.code)) y = indicatorBlock(doc, ind, options, y);
    y += 6;
  }
  footers(doc, year, framework, options);
  doc.end();
  return done;
}
