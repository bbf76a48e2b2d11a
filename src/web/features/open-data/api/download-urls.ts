import { apiUrl } from '../../../lib/api-client.js';

export type ResultsFormat = 'xlsx' | 'csv' | 'json';

/** Address of a published cycle's results file; the server sets the file name. */
export function resultsDownloadUrl(year: number, format: ResultsFormat): string {
  return apiUrl(`/public/cycles/${year}/results.${format}`);
}
