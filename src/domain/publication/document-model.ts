/**
 * The laid-out form of a document the city hands out (보도자료, 결과 보고), shared by the PDF and the .docx: a header
 * of labelled facts (보도일시, 담당 부서, 담당자, 연락처), a title and subtitles, then blocks — □ paragraphs with ○
 * points and - details, notices (※) and tables. A press release is edited as plain text and parsed into this form
 * (`parsePressRelease`); the 결과 보고 is built in it directly.
 */

export type Bullet = '□' | '○' | '-' | '※' | '';

export type DocBlock =
  | { kind: 'paragraph'; bullet: Bullet; level: number; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'table'; columns: string[]; rows: string[][]; numeric: boolean[] };

export interface DocModel {
  /** "보도자료" / "결과 보고": the label above the header. */
  label: string;
  /** Header facts in order, e.g. 보도일시, 담당 부서, 담당자, 연락처. */
  meta: Array<{ label: string; value: string }>;
  title: string;
  subtitles: string[];
  blocks: DocBlock[];
  /** The footer's left text on every page of the PDF. */
  footer: string;
  /** Notices under the footer (demo data). */
  notes: string[];
  demo: boolean;
}

/** Header lines of a press release: "보도일시: …" and the like; the label as written in the document. */
const META_LABELS: Record<string, string> = {
  보도일시: '보도일시',
  담당부서: '담당 부서',
  '담당 부서': '담당 부서',
  담당자: '담당자',
  연락처: '연락처',
};

const BULLETS: readonly Bullet[] = ['□', '○', '-', '※'];

function isTableLine(line: string): boolean {
  return line.includes('|');
}

function isSeparator(line: string): boolean {
  return /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line);
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
}

/** A cell that reads as a number or an amount ("12.34", "6,000만 원", "–"), right-aligned in tables. */
function numericCell(text: string): boolean {
  return text === '' || text === '–' || /^[+−-]?[\d,.]+(\s*(점|만 원|억|원|억 \d[\d,]*만 원|위|명|개|%))?$/.test(text) || /^\d+억( [\d,]+만)? 원$/.test(text);
}

/**
 * The press release's text as the workspace edits it, read into its laid-out form: "보도자료" and the labelled
 * header lines, the "# " title and the "- " subtitles under it, □/○/-/※ paragraphs (indent by two spaces per level)
 * and Markdown-style tables (a header row, a `---|---` line, rows). Anything else is a plain paragraph, so whatever
 * the city types comes out in the files.
 */
export function parsePressRelease(text: string, footer: string, notes: string[] = [], demo = false): DocModel {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const model: DocModel = { label: '보도자료', meta: [], title: '', subtitles: [], blocks: [], footer, notes, demo };
  let afterTitle = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const line = raw.trim();
    if (line === '') continue;
    if (line === '보도자료' && model.title === '') continue;
    const meta = /^([^:：]{2,6})\s*[:：]\s*(.*)$/.exec(line);
    const metaLabel = meta ? META_LABELS[meta[1]!.trim()] : undefined;
    if (meta && metaLabel && model.title === '') {
      model.meta.push({ label: metaLabel, value: meta[2]!.trim() });
      continue;
    }
    if (line.startsWith('# ') && model.title === '') {
      model.title = line.slice(2).trim();
      afterTitle = true;
      continue;
    }
    if (afterTitle && line.startsWith('- ')) {
      model.subtitles.push(line.slice(2).trim());
      continue;
    }
    afterTitle = false;
    const next = lines[i + 1] ?? '';
    if (isTableLine(line) && isSeparator(next)) {
      const columns = cells(line);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && (lines[i] ?? '').trim() !== '' && isTableLine(lines[i] ?? '')) {
        const row = cells(lines[i] ?? '');
        rows.push(columns.map((_, k) => row[k] ?? ''));
        i++;
      }
      i--;
      const numeric = columns.map((_, k) => rows.length > 0 && rows.every((r) => numericCell(r[k] ?? '')) && rows.some((r) => (r[k] ?? '') !== ''));
      model.blocks.push({ kind: 'table', columns, rows, numeric });
      continue;
    }
    if (/^\[붙임\]/.test(line) || /^#{2,}\s/.test(line)) {
      model.blocks.push({ kind: 'heading', text: line.replace(/^#+\s*/, '') });
      continue;
    }
    const indent = raw.length - raw.trimStart().length;
    const bullet = BULLETS.find((b) => line.startsWith(`${b} `) || line === b) ?? '';
    const body = bullet === '' ? line : line.slice(bullet.length).trim();
    const level = bullet === '□' ? 0 : bullet === '○' ? 1 : bullet === '-' ? 2 : Math.min(2, Math.floor(indent / 2));
    model.blocks.push({ kind: 'paragraph', bullet, level, text: body });
  }
  return model;
}
