import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, apiUrl } from '../../../lib/api-client.js';
import type { AnalysisView } from '../../../types/index.js';

export type { AnalysisView, IndicatorStats, StatFlag } from '../../../types/index.js';

export function runAnalysisQueryOptions(runId: number) {
  return queryOptions({
    queryKey: ['scoring-runs', 'analysis', runId],
    queryFn: ({ signal }) => apiFetch<AnalysisView>(`/scoring-runs/${runId}/analysis`, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function publicAnalysisQueryOptions(year: number) {
  return queryOptions({
    queryKey: ['public', 'analysis', year],
    queryFn: ({ signal }) => apiFetch<AnalysisView>(`/public/cycles/${year}/analysis`, { signal }),
    staleTime: 60_000,
  });
}

/** A run's audit (city admin, auditor). */
export const useRunAnalysis = (runId: number) => useQuery(runAnalysisQueryOptions(runId));
/** The published run's audit of a year (everyone). */
export const usePublicAnalysis = (year: number) => useQuery(publicAnalysisQueryOptions(year));

/** Addresses of the audit report (xlsx, pdf) in the reader's language. */
export function analysisReportUrl(source: { runId: number } | { year: number }, format: 'xlsx' | 'pdf', language: string): string {
  const base = 'runId' in source ? `/scoring-runs/${source.runId}/analysis` : `/public/cycles/${source.year}/analysis`;
  return apiUrl(`${base}.${format}?lang=${language === 'en' ? 'en' : 'ko'}`);
}
