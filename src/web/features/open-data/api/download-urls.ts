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
