/**
 * The statistical audit of a run as a downloadable report: an xlsx workbook (요약, 상관, 신뢰도·주성분, 지표 제거
 * 영향, 기초 통계) and an A4 PDF with the same readings in plain words. Both are built from the audit view the API
 * answers (src/domain/scoring/analysis.ts), so every number in them equals the API's.
 */
import type ExcelJS from 'exceljs';
import { pretendardFonts } from '../publication/pdf-fonts.js';
import { drawPageFooters } from '../publication/pdf-footer.js';
import { neutraliseFormula } from '../publication/text-cell.js';
import type { AnalysisView } from './analysis.js';
import { josa } from '../../korean.js';

export type ReportLang = 'ko' | 'en';

/** One aggregate (field or the total) with its children, their correlations, α and the first component's share. */
export interface AuditGroup {
  code: string;
  name: string;
  level: number;
  children: { code: string; name: string }[];
  /** r between children i and j (null when not computed). */
  matrix: (number | null)[][];
  alpha: number | null;
  pc1: number | null;
}

export interface AuditPair {
  a: string;
  b: string;
  r: number;
}

/** Cronbach's α bands of the reading: ≥ 0.7 consistent, 0.5–0.7 partly, below 0.5 not. */
export function alphaBand(alpha: number | null): 'consistent' | 'partly' | 'not' | 'none' {
  if (alpha === null || !Number.isFinite(alpha)) return 'none';
  if (alpha >= 0.7) return 'consistent';
  if (alpha >= 0.5) return 'partly';
  return 'not';
}

const nf = (lang: ReportLang, digits = 2) =>
  new Intl.NumberFormat(lang === 'ko' ? 'ko-KR' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
/** A number with Korean (or English) grouping, or "–". */
export const fmt = (v: number | null, lang: ReportLang, digits = 2) => (v === null || !Number.isFinite(v) ? '–' : nf(lang, digits).format(v));

export function alphaReading(alpha: number | null, lang: ReportLang): string {
  const a = fmt(alpha, lang);
  const ko = {
    consistent: `이 분야의 지표들은 같은 방향을 가리킵니다 (α ${a})`,
    partly: `이 분야의 지표들은 어느 정도만 같은 방향을 가리킵니다 (α ${a})`,
    not: `이 분야의 지표들은 서로 다른 것을 재고 있습니다 (α ${a})`,
    none: '지표가 하나뿐이거나 계산할 수 없어 일관성을 따지지 않습니다',
  };
  const en = {
    consistent: `The indicators of this field point the same way (α ${a})`,
    partly: `The indicators of this field point partly the same way (α ${a})`,
    not: `The indicators of this field measure different things (α ${a})`,
    none: 'Not assessed: a single indicator, or not computable',
  };
  return (lang === 'ko' ? ko : en)[alphaBand(alpha)];
}

/** The raw-data flags of an indicator in words (이상값 있음, 치우침 큼, …). */
export function statFlagWords(s: { flags: string[]; skew: number | null }, lang: ReportLang): string[] {
  const words: Record<string, [string, string]> = {
    lowAvailability: ['자료 부족', 'few values'],
    manyZeros: ['0 많음', 'many zeros'],
    fewUnique: ['고유값 적음', 'few distinct values'],
    outliers: ['이상값 있음', 'outliers'],
  };
  const out = s.flags.map((f) => words[f]?.[lang === 'ko' ? 0 : 1] ?? f);
  if (!s.flags.includes('outliers') && s.skew !== null && Math.abs(s.skew) > 2) out.push(lang === 'ko' ? '치우침 큼' : 'strongly skewed');
  return out;
}

/** The audit arranged for reading: groups with their matrices, flagged pairs, removal sorted by impact. */
export function auditReading(view: AnalysisView, lang: ReportLang) {
  const name = new Map(view.nodes.map((n) => [n.code, n.name[lang]]));
  const nameOf = (code: string) => name.get(code) ?? code;
  const a = view.analysis;
  const r = new Map<string, number | null>();
  for (const c of a?.correlations ?? []) {
    r.set(`${c.a}|${c.b}`, c.r);
    r.set(`${c.b}|${c.a}`, c.r);
  }
  const groups: AuditGroup[] = view.nodes
    .filter((n) => view.nodes.some((c) => c.parent === n.code))
    .sort((x, y) => x.level - y.level)
    .map((g) => {
      const children = view.nodes.filter((c) => c.parent === g.code).map((c) => ({ code: c.code, name: c.name[lang] }));
      return {
        code: g.code,
        name: g.name[lang],
        level: g.level,
        children,
        matrix: children.map((ci) => children.map((cj) => (ci.code === cj.code ? 1 : (r.get(`${ci.code}|${cj.code}`) ?? null)))),
        alpha: a?.cronbach[g.code] ?? null,
        pc1: a?.pca[g.code]?.varianceExplained[0] ?? null,
      };
    });
  const siblings = (a?.correlations ?? []).filter((c): c is typeof c & { r: number } => c.relation === 'sibling' && c.r !== null);
  const collinear: AuditPair[] = siblings.filter((c) => Math.abs(c.r) >= 0.9).map((c) => ({ a: c.a, b: c.b, r: c.r }));
  const negative: AuditPair[] = siblings.filter((c) => c.r < 0).map((c) => ({ a: c.a, b: c.b, r: c.r }));
  const removal = [...(a?.removal ?? [])].sort((x, y) => (y.meanAbsRankChange ?? -1) - (x.meanAbsRankChange ?? -1));
  return { nameOf, groups, collinear, negative, removal, stats: a?.stats ?? [] };
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };

export const REPORT_SHEETS = ['요약', '상관', '신뢰도·주성분', '지표 제거 영향', '기초 통계'] as const;

function header(ws: ExcelJS.Worksheet, cells: string[]) {
  const row = ws.addRow(cells);
  row.font = { bold: true };
  row.eachCell((c) => (c.fill = HEADER_FILL));
}

const text = (s: string) => neutraliseFormula(s);

/** The audit workbook (Korean headers). Numbers are written unrounded, as the API gives them. */
export async function analysisWorkbook(view: AnalysisView, title: string): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'HopeJobs 희망일자리 평가 플랫폼';
  const { nameOf, groups, collinear, negative, removal, stats } = auditReading(view, 'ko');

  const summary = wb.addWorksheet('요약');
  summary.columns = [{ width: 36 }, { width: 70 }];
  summary.addRow([text(title)]).font = { bold: true, size: 14 };
  summary.addRow(['평가 대상 수', view.unitCount]);
  summary.addRow([]);
  header(summary, ['분야', '읽는 법']);
  for (const g of groups) summary.addRow([text(g.name), alphaReading(g.alpha, 'ko')]);
  summary.addRow([]);
  header(summary, ['거의 같은 것을 재는 지표 쌍 (|r| ≥ 0.9)', 'r']);
  for (const p of collinear) summary.addRow([text(`${nameOf(p.a)} · ${nameOf(p.b)}`), p.r]);
  if (collinear.length === 0) summary.addRow(['없음']);
  summary.addRow([]);
  header(summary, ['서로 반대 방향인 지표 쌍 (r < 0)', 'r']);
  for (const p of negative) summary.addRow([text(`${nameOf(p.a)} · ${nameOf(p.b)}`), p.r]);
  if (negative.length === 0) summary.addRow(['없음']);

  const cor = wb.addWorksheet('상관', { views: [{ state: 'frozen', ySplit: 1 }] });
  cor.columns = [{ width: 30 }, { width: 30 }, { width: 12 }, { width: 16 }, { width: 14 }, { width: 14 }];
  header(cor, ['항목 1', '항목 2', '상관계수 r', '관계', '코드 1', '코드 2']);
  for (const c of view.analysis?.correlations ?? []) {
    cor.addRow([text(nameOf(c.a)), text(nameOf(c.b)), c.r, c.relation === 'parent' ? '상위 항목과' : '같은 분야 안', text(c.a), text(c.b)]);
  }
  cor.getColumn(3).numFmt = '0.000';

  const rel = wb.addWorksheet('신뢰도·주성분', { views: [{ state: 'frozen', ySplit: 1 }] });
  rel.columns = [{ width: 30 }, { width: 10 }, { width: 14 }, { width: 18 }, { width: 60 }, { width: 12 }];
  header(rel, ['분야', '하위 항목 수', '크론바흐 α', '제1주성분 설명 비율', '읽는 법', '코드']);
  for (const g of groups) rel.addRow([text(g.name), g.children.length, g.alpha, g.pc1, alphaReading(g.alpha, 'ko'), text(g.code)]);
  rel.getColumn(3).numFmt = '0.000';
  rel.getColumn(4).numFmt = '0.0%';

  const rem = wb.addWorksheet('지표 제거 영향', { views: [{ state: 'frozen', ySplit: 1 }] });
  rem.columns = [{ width: 30 }, { width: 10 }, { width: 22 }, { width: 12 }];
  header(rem, ['뺀 항목', '수준', '평균 순위 변동 (계단)', '코드']);
  for (const x of removal) rem.addRow([text(nameOf(x.code)), x.level === 1 ? '지표' : '분야', x.meanAbsRankChange, text(x.code)]);
  rem.getColumn(3).numFmt = '0.00';

  const st = wb.addWorksheet('기초 통계', { views: [{ state: 'frozen', ySplit: 1 }] });
  st.columns = [30, 10, 12, 12, 12, 12, 12, 10, 10, 28, 12].map((width) => ({ width }));
  header(st, ['지표', '값 수', '최소', '최대', '평균', '중앙값', '표준편차', '왜도', '첨도', '살펴볼 점', '코드']);
  for (const s of stats) {
    st.addRow([text(nameOf(s.iCode)), s.n, s.min, s.max, s.mean, s.median, s.sd, s.skew, s.kurtosis, statFlagWords(s, 'ko').join(', '), text(s.iCode)]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const PAGE = { width: 595.28, height: 841.89, margin: 48 };
const CONTENT = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin - 30;
const COLOR = { ink: '#1a1a1a', brand: '#0b5cab', rule: '#c8ccd2', muted: '#5f6670', demo: '#a4262c' };
const F = { regular: 'Pretendard', bold: 'Pretendard-Bold' };

const PDF_TEXT = {
  ko: {
    groups: '분야별 일관성',
    pc1: (v: string) => `제1주성분이 하위 항목 변동의 ${josa(v, '을/를')} 설명합니다.`,
    collinear: '거의 같은 것을 재는 지표 쌍 (|r| ≥ 0.9)',
    negative: '서로 반대 방향인 지표 쌍 (같은 분야, r < 0)',
    none: '없음',
    removal: '항목을 뺄 때 총점 순위 변동 (평균 계단 수)',
    flags: '원자료에서 살펴볼 지표',
    units: (n: number) => `평가 대상 ${n}곳`,
    page: (i: number, n: number) => `${i} / ${n} 쪽`,
    note: '점검 결과는 평가 체계를 고칠지 판단하는 참고 자료이며, 점수나 순위를 바꾸지 않습니다.',
  },
  en: {
    groups: 'Consistency by field',
    pc1: (v: string) => `The first principal component explains ${v} of the variation of the children.`,
    collinear: 'Pairs measuring nearly the same (|r| ≥ 0.9)',
    negative: 'Pairs pointing opposite ways (same field, r < 0)',
    none: 'None',
    removal: 'Index rank change when an element is left out (mean steps)',
    flags: 'Indicators to look at in the raw data',
    units: (n: number) => `${n} units evaluated`,
    page: (i: number, n: number) => `${i} / ${n}`,
    note: 'The audit helps decide whether to revise the framework; it does not change any score or rank.',
  },
} as const;

/** The audit as an A4 PDF in plain words (Korean or English), Korean fonts embedded. */
export async function analysisPdf(view: AnalysisView, title: string, lang: ReportLang, createdAt = new Date(Date.UTC(2020, 0, 1))): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const t = PDF_TEXT[lang];
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
    bufferPages: true,
    lang: lang === 'ko' ? 'ko-KR' : 'en-GB',
    displayTitle: true,
    info: { Title: title, Author: 'HopeJobs', CreationDate: createdAt },
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
  const { nameOf, groups, collinear, negative, removal, stats } = auditReading(view, lang);
  let y = PAGE.margin;
  const room = (needed: number) => {
    if (y + needed > BOTTOM) {
      doc.addPage();
      y = PAGE.margin;
    }
  };
  const line = (s: string, opts: { bold?: boolean; size?: number; color?: string; indent?: number } = {}) => {
    doc
      .font(opts.bold ? F.bold : F.regular)
      .fontSize(opts.size ?? 10)
      .fillColor(opts.color ?? COLOR.ink);
    const width = CONTENT - (opts.indent ?? 0);
    room(doc.heightOfString(s, { width }) + 4);
    doc.text(s, PAGE.margin + (opts.indent ?? 0), y, { width });
    y = doc.y + 3;
  };
  const heading = (s: string) => {
    y += 8;
    room(40);
    line(s, { bold: true, size: 13, color: COLOR.brand });
  };
  line(title, { bold: true, size: 18, color: COLOR.brand });
  line(t.units(view.unitCount), { color: COLOR.muted });
  line(t.note, { color: COLOR.muted, size: 9 });
  heading(t.groups);
  for (const g of groups) {
    line(g.name, { bold: true });
    line(alphaReading(g.alpha, lang), { indent: 12 });
    if (g.pc1 !== null)
      line(t.pc1(new Intl.NumberFormat(lang === 'ko' ? 'ko-KR' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(g.pc1)), {
        indent: 12,
        color: COLOR.muted,
      });
  }
  heading(t.collinear);
  for (const p of collinear) line(`${nameOf(p.a)} · ${nameOf(p.b)}  r ${fmt(p.r, lang)}`, { indent: 12 });
  if (collinear.length === 0) line(t.none, { indent: 12 });
  heading(t.negative);
  for (const p of negative) line(`${nameOf(p.a)} · ${nameOf(p.b)}  r ${fmt(p.r, lang)}`, { indent: 12 });
  if (negative.length === 0) line(t.none, { indent: 12 });
  heading(t.removal);
  for (const x of removal) line(`${nameOf(x.code)}  ${fmt(x.meanAbsRankChange, lang)}`, { indent: 12 });
  heading(t.flags);
  const flagged = stats.map((s) => ({ s, words: statFlagWords(s, lang) })).filter((x) => x.words.length > 0);
  for (const { s, words } of flagged) line(`${nameOf(s.iCode)}: ${words.join(', ')}`, { indent: 12 });
  if (flagged.length === 0) line(t.none, { indent: 12 });
  drawPageFooters(doc, {
    page: PAGE,
    rise: 16,
    font: F.regular,
    colors: COLOR,
    left: title,
    pageLabel: t.page,
    pageWidth: 60,
    notes: [],
    demo: false,
    text: (d, s, x, yy, width, align) => d.text(s, x, yy, { width, align, lineBreak: false }),
  });
  doc.end();
  return done;
}
