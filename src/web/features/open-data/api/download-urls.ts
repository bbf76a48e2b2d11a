import { apiUrl } from '../../../lib/api-client.js';

export type ResultsFormat = 'xlsx' | 'csv' | 'json';

/** Address of a published cycle's results file; the server sets the file name. */
export function resultsDownloadUrl(year: number, format: ResultsFormat): string {
  return apiUrl(`/public/cycles/${year}/results.${format}`);
}

/** Address of a published cycle's 평가 편람 (its framework is fixed once the cycle opened), in the reader's language. */
export function handbookDownloadUrl(year: number, language: string): string {
  return apiUrl(`/public/cycles/${year}/handbook.pdf?lang=${language === 'en' ? 'en' : 'ko'}`);
}

/** Address of a district's scorecard PDF of a published cycle, in the reader's language. */
export function scorecardPdfUrl(year: number, code: string, language: string): string {
  return apiUrl(`/public/cycles/${year}/districts/${encodeURIComponent(code)}/scorecard.pdf?lang=${language === 'en' ? 'en' : 'ko'}`);
}

/** Address of the file of every published year in long form (year × unit × indicator), or of its data dictionary. */
export function longDownloadUrl(format: 'csv' | 'xlsx' | 'dictionary.csv', language: string, encoding?: 'cp949'): string {
  const query = new URLSearchParams({ lang: language === 'en' ? 'en' : 'ko' });
  if (encoding !== undefined) query.set('encoding', encoding);
  return apiUrl(`/public/open-data/${format === 'dictionary.csv' ? 'dictionary.csv' : `indicators-long.${format}`}?${query.toString()}`);
}
