/**
 * A district's scorecard (성적표) as an A4 PDF: header with the demo label, the big figures (score, rank, tier,
 * streak), fields and indicators with bars of earned against available points, the explanation, the trend over
 * years and a footer that names the input hash and engine version, so anyone can recompute the figures. Text is
 * real text in an embedded, subsetted Korean font (searchable, copyable), never an image.
 */
import { fieldPoints, type FrameworkDefinition } from '../frameworks/definition.js';
import type { CycleOutcome, UnitOutcome } from '../scoring/evaluate.js';
import { formatWon } from '../../engine/index.js';
import { DEMO_LABEL, illustrativeNotice, shortName, tierName, type Lang } from './labels.js';
import { compact, fixed, signed } from './number-format.js';
import { drawPageFooters } from './pdf-footer.js';
import { pretendardFonts } from './pdf-fonts.js';

export interface TrendPoint {
  year: number;
  score: number | null;
  rank: number | null;
  /** Tier code of that year (null = none); shown by its name when the outcome knows the code. */
  awardTier: string | null;
}

export interface ScorecardOptions {
  lang: Lang;
  /** A demo cycle: every page says "데모 데이터". */
  demo: boolean;
  /** Earlier years (and optionally this one) for the trend table and chart, any order. */
  trend?: TrendPoint[];
  /** The district's name to print (e.g. its English name); default the name in the results. */
  unitName?: string;
  /** Written to the PDF's properties (default 1 January of the year after the cycle, so output is reproducible). */
  createdAt?: Date;
  /** What a unit is called in English ('district' by default; 'city or county' in a province). */
  unitNameEn?: string;
}

const FN = 'scorecardPdf';
const PAGE = { width: 595.28, height: 841.89, margin: 40 } as const;
const CONTENT = PAGE.width - 2 * PAGE.margin;
const FOOTER_SPACE = 46;
const COLOR = {
  ink: '#1d2733',
  muted: '#5b6675',
  brand: '#1f4e79',
  bar: '#2e75b6',
  track: '#e3e8ef',
  fieldBg: '#eef3f9',
  rule: '#c9d2dd',
  demo: '#c00000',
} as const;
const F = { regular: 'Pretendard', bold: 'Pretendard-Bold' } as const;

const TEXT = {
  ko: {
    brand: 'HopeJobs 희망일자리 평가',
    scorecard: (y: number) => `${y} 평가 성적표`,
    score: '총점',
    of: (n: number) => `/ ${n}점`,
    points: '점',
    rank: '순위',
    rankValue: (r: number | null, n: number) => (r === null ? '–' : `${r}위 / ${n}개`),
    previous: (p: number | null, r: number | null) =>
      p === null || r === null ? '전년 순위 없음' : p === r ? `전년 ${p}위 (변동 없음)` : `전년 ${p}위 (${p > r ? '▲' : '▼'}${Math.abs(p - r)})`,
    tier: '시상 등급',
    noTier: '해당 없음',
    prize: (w: string) => `시상금 ${w}`,
    streak: '연속 기록',
    streakValue: (s: { length: number; ko: string }) => s.ko.replace(/\s*\([^()]*\)$/, ''),
    noStreak: '–',
    breakdown: (base: string, bonus: string, penalty: string) => `지표 득점 ${base}점 · 가점 ${bonus}점 · 감점 ${penalty}점`,
    table: '분야·지표별 득점',
    columns: ['코드', '지표', '배점', '득점', '득점 / 배점', '원자료', '환산'],
    fieldRow: (name: string, max: number) => `${name} (${max}점)`,
    explanation: '평가 설명',
    trend: '연도별 추이',
    trendColumns: ['연도', '총점', '순위', '등급'],
    footer: (hash: string, engine: string) => `이 성적표는 재현 가능합니다: 입력 해시 ${hash} · 엔진 버전 ${engine}`,
    page: (i: number, n: number) => `${i} / ${n}`,
    newIndicator: '신설',
  },
  en: {
    brand: 'HopeJobs job-policy evaluation',
    scorecard: (y: number) => `${y} scorecard`,
    score: 'Total score',
    of: (n: number) => `/ ${n}`,
    points: 'pts',
    rank: 'Rank',
    rankValue: (r: number | null, n: number) => (r === null ? '–' : `${r} of ${n}`),
    previous: (p: number | null, r: number | null) =>
      p === null || r === null ? 'no previous rank' : p === r ? `previous ${p} (no change)` : `previous ${p} (${p > r ? '▲' : '▼'}${Math.abs(p - r)})`,
    tier: 'Award tier',
    noTier: 'none',
    prize: (w: string) => `Prize ${w}`,
    streak: 'Streak (excellence tiers)',
    streakValue: (s: { length: number }) => (s.length === 1 ? 'this year' : `${s.length} years running`),
    noStreak: '–',
    breakdown: (base: string, bonus: string, penalty: string) => `Indicator points ${base} · bonus ${bonus} · penalty ${penalty}`,
    table: 'Points by field and indicator',
    columns: ['Code', 'Indicator', 'Max', 'Earned', 'Earned / max', 'Raw value', 'Score'],
    fieldRow: (name: string, max: number) => `${name} (${max} points)`,
    explanation: 'Explanation',
    trend: 'Trend',
    trendColumns: ['Year', 'Score', 'Rank', 'Tier'],
    footer: (hash: string, engine: string) => `This scorecard is reproducible: input hash ${hash} · engine version ${engine}`,
    page: (i: number, n: number) => `${i} / ${n}`,
    newIndicator: 'new',
  },
} as const;

type Doc = PDFKit.PDFDocument;

/** Text cut to `width` with an ellipsis, in the current font and size. */
function fit(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && doc.widthOfString(`${chars.join('')}…`) > width) chars.pop();
  return `${chars.join('')}…`;
}

/** The largest font size from `max` down to `min` at which `text` fits `width` (the current font). */
function sizeToFit(doc: Doc, text: string, width: number, max: number, min: number): number {
  let size = max;
  while (size > min && doc.fontSize(size).widthOfString(text) > width) size -= 1;
  return size;
}

/** One line of text at (x, y) that never wraps or moves the cursor to a new page. */
function line(doc: Doc, text: string, x: number, y: number, width: number, align: 'left' | 'right' | 'center' = 'left'): void {
  doc.text(fit(doc, text, width), x, y, { width, align, lineBreak: false });
}

function font(doc: Doc, bold: boolean, size: number, color: string = COLOR.ink): Doc {
  return doc
    .font(bold ? F.bold : F.regular)
    .fontSize(size)
    .fillColor(color);
}

/** Moves to a new page when fewer than `needed` points are left above the footer; returns the y to draw at. */
function ensureRoom(doc: Doc, y: number, needed: number): number {
  if (y + needed <= PAGE.height - PAGE.margin - FOOTER_SPACE) return y;
  doc.addPage();
  return PAGE.margin;
}

function header(doc: Doc, outcome: CycleOutcome, unit: UnitOutcome, name: string, o: ScorecardOptions): number {
  const t = TEXT[o.lang];
  doc.rect(0, 0, PAGE.width, 6).fill(COLOR.brand);
  font(doc, true, 10, COLOR.brand);
  line(doc, t.brand, PAGE.margin, PAGE.margin - 14, 300);
  if (o.demo) {
    font(doc, true, 10, '#ffffff');
    const label = o.lang === 'ko' ? DEMO_LABEL.ko : DEMO_LABEL.en;
    const w = doc.widthOfString(label) + 16;
    doc.roundedRect(PAGE.width - PAGE.margin - w, PAGE.margin - 18, w, 18, 4).fill(COLOR.demo);
    font(doc, true, 10, '#ffffff');
    line(doc, label, PAGE.width - PAGE.margin - w, PAGE.margin - 14, w, 'center');
  }
  font(doc, true, 24);
  line(doc, name, PAGE.margin, PAGE.margin + 8, CONTENT * 0.6);
  font(doc, false, 12, COLOR.muted);
  line(doc, `${t.scorecard(outcome.year)} · ${unit.code}`, PAGE.margin + CONTENT * 0.6, PAGE.margin + 20, CONTENT * 0.4, 'right');
  doc
    .moveTo(PAGE.margin, PAGE.margin + 44)
    .lineTo(PAGE.width - PAGE.margin, PAGE.margin + 44)
    .lineWidth(0.8)
    .strokeColor(COLOR.rule)
    .stroke();
  return PAGE.margin + 54;
}

function summary(doc: Doc, outcome: CycleOutcome, unit: UnitOutcome, framework: FrameworkDefinition, o: ScorecardOptions, y: number): number {
  const t = TEXT[o.lang];
  const boxW = (CONTENT - 3 * 8) / 4;
  const boxH = 74;
  const boxes: Array<{ label: string; big: string; small: string; bigSize: number }> = [
    { label: t.score, big: fixed(unit.score, 2), small: t.of(framework.totalPoints), bigSize: 26 },
    { label: t.rank, big: t.rankValue(unit.rank, outcome.units.length), small: t.previous(unit.previousRank, unit.rank), bigSize: 20 },
    {
      label: t.tier,
      big: unit.awardTier ? tierName(outcome, unit.awardTier, o.lang) : t.noTier,
      small: unit.prize > 0 ? t.prize(formatWon(unit.prize, o.lang)) : '',
      bigSize: 20,
    },
    {
      label: t.streak,
      big: unit.streak ? t.streakValue(unit.streak) : t.noStreak,
      small: unit.streak ? (unit.streak.length > 1 ? `${unit.streak.from}–${unit.streak.to}` : String(unit.streak.to)) : '',
      bigSize: 16,
    },
  ];
  boxes.forEach((b, i) => {
    const x = PAGE.margin + i * (boxW + 8);
    doc.roundedRect(x, y, boxW, boxH, 6).fill(i === 0 ? COLOR.brand : COLOR.fieldBg);
    const ink = i === 0 ? '#ffffff' : COLOR.ink;
    const soft = i === 0 ? '#d6e2f0' : COLOR.muted;
    font(doc, false, 9, soft);
    line(doc, b.label, x + 10, y + 8, boxW - 20);
    font(doc, true, b.bigSize, ink);
    const size = sizeToFit(doc, b.big, boxW - 20, b.bigSize, 10);
    font(doc, true, size, ink);
    line(doc, b.big, x + 10, y + 22 + (26 - size) / 2, boxW - 20);
    font(doc, false, 9, soft);
    line(doc, b.small, x + 10, y + boxH - 18, boxW - 20);
  });
  font(doc, false, 9, COLOR.muted);
  line(doc, t.breakdown(fixed(unit.baseScore, 2), signed(unit.bonus, 2), signed(unit.penalty, 2)), PAGE.margin, y + boxH + 6, CONTENT);
  return y + boxH + 24;
}

/** Column x positions and widths of the indicator table. */
const COLS = (() => {
  const widths = [30, 205, 32, 38, 100, 72, 38];
  const xs: number[] = [];
  let x = PAGE.margin;
  for (const w of widths) {
    xs.push(x);
    x += w;
  }
  return { xs, widths };
})();

function bar(doc: Doc, x: number, y: number, trackWidth: number, share: number, height = 6): void {
  doc.rect(x, y, trackWidth, height).fill(COLOR.track);
  const w = Math.max(0, Math.min(1, share)) * trackWidth;
  if (w > 0) doc.rect(x, y, w, height).fill(COLOR.bar);
}

function tableHeader(doc: Doc, o: ScorecardOptions, y: number): number {
  const t = TEXT[o.lang];
  font(doc, true, 8, COLOR.muted);
  t.columns.forEach((c, j) => line(doc, c, COLS.xs[j]! + 2, y, COLS.widths[j]! - 4, j >= 2 && j !== 4 ? 'right' : 'left'));
  doc
    .moveTo(PAGE.margin, y + 12)
    .lineTo(PAGE.width - PAGE.margin, y + 12)
    .lineWidth(0.6)
    .strokeColor(COLOR.rule)
    .stroke();
  return y + 16;
}

function indicatorTable(doc: Doc, unit: UnitOutcome, framework: FrameworkDefinition, o: ScorecardOptions, y0: number): number {
  const t = TEXT[o.lang];
  const perField = fieldPoints(framework);
  const maxPoints = Math.max(...framework.indicators.map((i) => i.points));
  const trackMax = COLS.widths[4]! - 8;
  font(doc, true, 12, COLOR.brand);
  line(doc, t.table, PAGE.margin, y0, CONTENT);
  let y = tableHeader(doc, o, y0 + 20);
  for (const field of framework.fields) {
    y = ensureRoom(doc, y, 40);
    const max = perField.get(field.code) ?? 0;
    const earned = unit.fieldScores[field.code] ?? null;
    doc.rect(PAGE.margin, y - 2, CONTENT, 17).fill(COLOR.fieldBg);
    font(doc, true, 9);
    line(doc, field.code, COLS.xs[0]! + 2, y + 2, COLS.widths[0]! - 4);
    line(doc, t.fieldRow(field.name[o.lang], max), COLS.xs[1]! + 2, y + 2, COLS.widths[1]! - 4);
    line(doc, compact(max, 2), COLS.xs[2]! + 2, y + 2, COLS.widths[2]! - 4, 'right');
    line(doc, fixed(earned, 2), COLS.xs[3]! + 2, y + 2, COLS.widths[3]! - 4, 'right');
    bar(doc, COLS.xs[4]! + 4, y + 4, trackMax, earned === null || max === 0 ? 0 : earned / max, 7);
    y += 19;
    for (const ind of framework.indicators.filter((i) => i.field === field.code)) {
      y = ensureRoom(doc, y, 16);
      if (y === PAGE.margin) y = tableHeader(doc, o, y);
      const earnedPoints = unit.points[ind.code] ?? null;
      const raw = unit.raw[ind.code] ?? null;
      font(doc, false, 8);
      line(doc, ind.code, COLS.xs[0]! + 2, y, COLS.widths[0]! - 4);
      const mark = ind.isNew ? ` [${t.newIndicator}]` : '';
      line(doc, `${shortName(ind.name[o.lang])}${mark}`, COLS.xs[1]! + 2, y, COLS.widths[1]! - 4);
      line(doc, compact(ind.points, 2), COLS.xs[2]! + 2, y, COLS.widths[2]! - 4, 'right');
      font(doc, true, 8);
      line(doc, fixed(earnedPoints, 2), COLS.xs[3]! + 2, y, COLS.widths[3]! - 4, 'right');
      bar(doc, COLS.xs[4]! + 4, y + 2, (trackMax * ind.points) / maxPoints, earnedPoints === null ? 0 : earnedPoints / ind.points);
      font(doc, false, 8, COLOR.muted);
      line(doc, raw === null ? '–' : `${compact(raw, 2)} ${ind.unit}`.trim(), COLS.xs[5]! + 2, y, COLS.widths[5]! - 4, 'right');
      line(doc, fixed(unit.normalised[ind.code] ?? null, 1), COLS.xs[6]! + 2, y, COLS.widths[6]! - 4, 'right');
      y += 14;
    }
    y += 4;
  }
  return y + 4;
}

/**
 * The engine's English explanation names indicators (and the median unit) in Korean; an English scorecard
 * rebuilds it from the gains and losses with the framework's English indicator names.
 */
function explanationText(unit: UnitOutcome, framework: FrameworkDefinition, lang: Lang, unitNameEn = 'district'): string {
  if (lang === 'ko') return unit.explanation.ko;
  const names = new Map(framework.indicators.map((i) => [i.code, shortName(i.name.en)]));
  const item = (g: { iCode: string; difference: number }) => `${g.iCode} ${names.get(g.iCode) ?? ''} ${signed(g.difference, 2)}`.replace(/\s+/g, ' ');
  const parts = [`Rank ${unit.baseRank ?? '–'} on indicator points (${fixed(unit.baseScore, 2)}).`];
  if (unit.explanation.gains.length > 0) parts.push(`Strengths against the median ${unitNameEn}: ${unit.explanation.gains.map(item).join(', ')}.`);
  if (unit.explanation.losses.length > 0) parts.push(`Weaknesses: ${unit.explanation.losses.map(item).join(', ')}.`);
  return parts.join(' ');
}

function explanation(doc: Doc, unit: UnitOutcome, framework: FrameworkDefinition, o: ScorecardOptions, y0: number): number {
  const t = TEXT[o.lang];
  const sentences = [unit.awardReason?.[o.lang], explanationText(unit, framework, o.lang, o.unitNameEn)].filter((s): s is string => Boolean(s));
  if (sentences.length === 0) return y0;
  font(doc, false, 9);
  const height = sentences.reduce((h, s) => h + doc.heightOfString(s, { width: CONTENT }) + 3, 0);
  let y = ensureRoom(doc, y0, height + 24);
  font(doc, true, 12, COLOR.brand);
  line(doc, t.explanation, PAGE.margin, y, CONTENT);
  y += 18;
  font(doc, false, 9);
  for (const s of sentences) {
    doc.text(s, PAGE.margin, y, { width: CONTENT, lineGap: 1 });
    y = doc.y + 3;
  }
  return y + 8;
}

function trendBlock(doc: Doc, outcome: CycleOutcome, o: ScorecardOptions, trend: TrendPoint[], y0: number): number {
  const t = TEXT[o.lang];
  const points = [...trend].sort((a, b) => a.year - b.year);
  const rowH = 13;
  const height = 22 + Math.max(rowH * (points.length + 1), 96);
  let y = ensureRoom(doc, y0, height);
  font(doc, true, 12, COLOR.brand);
  line(doc, t.trend, PAGE.margin, y, CONTENT);
  y += 20;
  const widths = [44, 52, 40, 90];
  const xs = widths.map((_, j) => PAGE.margin + widths.slice(0, j).reduce((s, w) => s + w, 0));
  font(doc, true, 8, COLOR.muted);
  t.trendColumns.forEach((c, j) => line(doc, c, xs[j]!, y, widths[j]! - 6, j === 3 ? 'left' : 'right'));
  points.forEach((p, i) => {
    const ry = y + rowH * (i + 1);
    font(doc, p.year === outcome.year, 8);
    line(doc, String(p.year), xs[0]!, ry, widths[0]! - 6, 'right');
    line(doc, fixed(p.score, 2), xs[1]!, ry, widths[1]! - 6, 'right');
    line(doc, p.rank === null ? '–' : String(p.rank), xs[2]!, ry, widths[2]! - 6, 'right');
    line(doc, p.awardTier ? tierName(outcome, p.awardTier, o.lang) : '', xs[3]!, ry, widths[3]! - 6);
  });
  // Mini chart: score on 0–100, one dot per year, filled when the year carried an award tier.
  const cx = PAGE.margin + 250;
  const cw = CONTENT - 260;
  const ch = 80;
  const cy = y + 4;
  doc.rect(cx, cy, cw, ch).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
  font(doc, false, 7, COLOR.muted);
  for (const v of [0, 50, 100]) line(doc, String(v), cx - 22, cy + ch - (v / 100) * ch - 3, 18, 'right');
  const step = points.length > 1 ? (cw - 20) / (points.length - 1) : 0;
  const px = (i: number) => cx + 10 + i * step;
  const py = (s: number) => cy + ch - (Math.max(0, Math.min(100, s)) / 100) * ch;
  const path = points.map((p, i) => ({ p, x: px(i) })).filter(({ p }) => p.score !== null);
  if (path.length > 1) {
    doc.moveTo(path[0]!.x, py(path[0]!.p.score!));
    for (const { p, x } of path.slice(1)) doc.lineTo(x, py(p.score!));
    doc.lineWidth(1.2).strokeColor(COLOR.bar).stroke();
  }
  for (const { p, x } of path) {
    doc.circle(x, py(p.score!), 3);
    if (p.awardTier) doc.fill(COLOR.bar);
    else doc.lineWidth(1).fillAndStroke('#ffffff', COLOR.bar);
  }
  font(doc, false, 7, COLOR.muted);
  points.forEach((p, i) => line(doc, String(p.year), px(i) - 15, cy + ch + 3, 30, 'center'));
  return y + height - 20;
}

function footers(doc: Doc, outcome: CycleOutcome, framework: FrameworkDefinition, o: ScorecardOptions): void {
  const t = TEXT[o.lang];
  drawPageFooters(doc, {
    page: PAGE,
    rise: 22,
    font: F.regular,
    colors: COLOR,
    left: t.footer(outcome.snapshotHash.slice(0, 12), outcome.engineVersion),
    pageLabel: t.page,
    pageWidth: 40,
    notes: [o.demo ? DEMO_LABEL[o.lang] : null, illustrativeNotice(framework)?.[o.lang] ?? null].filter((n): n is string => n !== null),
    demo: o.demo,
    text: line,
  });
}

/**
 * A district's scorecard as an A4 PDF (Korean or English), Pretendard embedded and subsetted. Layout: header
 * (HopeJobs 희망일자리 평가, year, district, demo label), total score, rank with movement, award tier and prize,
 * streak; fields and indicators (code, name, points available and earned, bar of earned against available points
 * — the track is as long as the indicator's weight —, raw value with unit, 0–100 score); the explanation; the trend
 * table and chart when `trend` is given; a footer on every page with the short input hash and engine version.
 * Reproducible: the same inputs give the same bytes.
 *
 * @throws {Error} when `orgUnitCode` is not a unit of the outcome.
 * @example (await scorecardPdf(outcome, framework, '11215', { lang: 'ko', demo: true })).subarray(0, 4).toString() // → '%PDF'
 */
export async function scorecardPdf(outcome: CycleOutcome, framework: FrameworkDefinition, orgUnitCode: string, options: ScorecardOptions): Promise<Buffer> {
  const unit = outcome.units.find((u) => u.code === orgUnitCode);
  if (!unit) throw new Error(`${FN}: no district with code "${orgUnitCode}" in the ${outcome.year} results`);
  // Loaded with the first scorecard (a worker thread builds them), not with the server.
  const { default: PDFDocument } = await import('pdfkit');
  const name = options.unitName ?? unit.name;
  const t = TEXT[options.lang];
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
    bufferPages: true,
    autoFirstPage: true,
    lang: options.lang === 'ko' ? 'ko-KR' : 'en-GB',
    displayTitle: true,
    info: {
      Title: `${name} — ${t.scorecard(outcome.year)}${options.demo ? ` (${DEMO_LABEL[options.lang]})` : ''}`,
      Author: 'HopeJobs',
      Subject: t.brand,
      Keywords: `${outcome.snapshotHash} ${outcome.engineVersion}`,
      CreationDate: options.createdAt ?? new Date(Date.UTC(outcome.year + 1, 0, 1)),
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
  let y = header(doc, outcome, unit, name, options);
  y = summary(doc, outcome, unit, framework, options, y);
  y = indicatorTable(doc, unit, framework, options, y);
  y = explanation(doc, unit, framework, options, y);
  if (options.trend && options.trend.length > 0) trendBlock(doc, outcome, options, options.trend, y);
  footers(doc, outcome, framework, options);
  doc.end();
  return done;
}
