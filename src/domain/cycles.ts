/** The default data period of a cycle: September 1 of the previous year to August 31 of the cycle year. */
export function defaultDataPeriod(year: number): { start: string; end: string } {
  return { start: `${year - 1}-09-01`, end: `${year}-08-31` };
}
