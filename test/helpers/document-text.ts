import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

let available: boolean | null = null;

/** Whether poppler's `pdftotext` is installed; PDF text checks skip with a notice when it is not. */
export async function hasPdftotext(): Promise<boolean> {
  if (available === null) {
    available = await run('pdftotext', ['-v']).then(
      () => true,
      () => false,
    );
    if (!available) console.warn('pdftotext (poppler-utils) is not installed: the PDF text checks are skipped');
  }
  return available;
}

/** The text of a PDF as `pdftotext -layout` reads it. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hj-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 32 * 1024 * 1024 });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The raw text of a .docx, read back with mammoth (what a reader of the Word file sees, without layout). */
export async function docxText(docx: Buffer): Promise<string> {
  const mammoth = await import('mammoth');
  return (await mammoth.extractRawText({ buffer: docx })).value;
}
