/**
 * The documents anonymous visitors download that take real CPU to build — a district's scorecard PDF (pdfkit,
 * 0.2–0.4 s), a cycle's 평가 편람 PDF, its results workbook (exceljs) and the statistical audit report — as plain data that can cross to a worker thread
 * (structured clone), and the one function that builds them, run by the worker (render-worker.ts) or in this
 * thread by the CLI and tests.
 */
import type { FrameworkDefinition } from '../frameworks/definition.js';
// The pure renderers themselves, not the publication index: a render worker loads no database code.
import { resultsXlsx, type XlsxOptions } from '../publication/open-data.js';
import { handbookPdf, type HandbookOptions } from '../publication/handbook-pdf.js';
import { longXlsx, type LongYear } from '../publication/open-data-long.js';
import { scorecardPdf, type ScorecardOptions } from '../publication/scorecard-pdf.js';
import { analysisPdf, analysisWorkbook, type ReportLang } from '../scoring/analysis-report.js';
import type { AnalysisView } from '../scoring/analysis.js';
import type { CycleOutcome } from '../scoring/evaluate.js';

export type RenderJob =
  | { kind: 'scorecard-pdf'; outcome: CycleOutcome; framework: FrameworkDefinition; code: string; options: ScorecardOptions }
  | { kind: 'results-xlsx'; outcome: CycleOutcome; framework: FrameworkDefinition; options: XlsxOptions }
  | { kind: 'handbook-pdf'; year: number; framework: FrameworkDefinition; options: HandbookOptions }
  | { kind: 'long-xlsx'; years: LongYear[]; lang: 'ko' | 'en' }
  | { kind: 'analysis-xlsx' | 'analysis-pdf'; view: AnalysisView; title: string; lang: ReportLang };

/** Builds the file a job describes. */
export function renderFile(job: RenderJob): Promise<Buffer> {
  switch (job.kind) {
    case 'scorecard-pdf':
      return scorecardPdf(job.outcome, job.framework, job.code, job.options);
    case 'results-xlsx':
      return resultsXlsx(job.outcome, job.framework, job.options);
    case 'handbook-pdf':
      return handbookPdf(job.year, job.framework, job.options);
    case 'long-xlsx':
      return longXlsx(job.years, job.lang);
    case 'analysis-xlsx':
      return analysisWorkbook(job.view, job.title);
    case 'analysis-pdf':
      return analysisPdf(job.view, job.title, job.lang);
  }
}
