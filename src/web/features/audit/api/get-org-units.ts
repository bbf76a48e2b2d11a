import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { OrgUnit, UnitWords } from '../../../types/index.js';

export function getOrgUnits(signal?: AbortSignal): Promise<{ orgUnits: OrgUnit[]; words: UnitWords }> {
  return apiFetch<{ orgUnits: OrgUnit[]; words: UnitWords }>('/org-units', { signal });
}

export function orgUnitsQueryOptions() {
  return queryOptions({
    queryKey: ['public', 'org-units'],
    queryFn: ({ signal }) => getOrgUnits(signal),
    select: (data) => data.orgUnits,
    staleTime: 60 * 60_000,
  });
}

/** The city and its districts (names by code, for filters and labels). */
export function useOrgUnits() {
  return useQuery(orgUnitsQueryOptions());
}
