import { apiUrl } from '../../../lib/api-client.js';

/** The district's xlsx template for a cycle; `prefill` adds the records already entered, to correct in Excel. */
export function templateUrl(year: number, code: string, prefill = false): string {
  return apiUrl(`/cycles/${year}/districts/${encodeURIComponent(code)}/template.xlsx${prefill ? '?prefill=1' : ''}`);
}
