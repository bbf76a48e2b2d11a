import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { objectionsQueryKey } from '../../objections/api/get-provisional-results.js';
import type {
  Adjustment,
  AdjustmentHistory,
  AdjustmentObjectionRequest,
  AdjustmentPage,
  ChangeAdjustmentRequest,
  EnterAdjustmentRequest,
  Objection,
} from '../../../types/index.js';

export const adjustmentsQueryKey = (year: number) => ['cycles', year, 'adjustments'] as const;

export function adjustmentPageQueryOptions(year: number) {
  return queryOptions({
    queryKey: adjustmentsQueryKey(year),
    queryFn: ({ signal }) => apiFetch<AdjustmentPage>(`/cycles/${year}/adjustments`, { signal }),
    staleTime: 15_000,
  });
}

/** A cycle's 가점·감점: rules, caps, totals per district and every entry (a district sees its own). */
export function useAdjustmentPage(year: number) {
  return useQuery(adjustmentPageQueryOptions(year));
}

/** One entry's audit trail, read when its history is opened. */
export function useAdjustmentHistory(id: number | null) {
  return useQuery({
    queryKey: ['adjustments', id, 'history'],
    queryFn: ({ signal }) => apiFetch<AdjustmentHistory>(`/adjustments/${id}`, { signal }),
    enabled: id !== null,
  });
}

function useAdjustmentMutation<T, R>(year: number, fn: (request: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: adjustmentsQueryKey(year) });
      await queryClient.invalidateQueries({ queryKey: ['adjustments'] });
      await queryClient.invalidateQueries({ queryKey: objectionsQueryKey(year) });
    },
  });
}

export const useEnterAdjustment = (year: number) =>
  useAdjustmentMutation(year, (request: EnterAdjustmentRequest) => apiFetch<Adjustment>(`/cycles/${year}/adjustments`, { method: 'POST', body: request }));

export const useChangeAdjustment = (year: number) =>
  useAdjustmentMutation(year, ({ id, ...request }: ChangeAdjustmentRequest & { id: number }) =>
    apiFetch<Adjustment>(`/adjustments/${id}`, { method: 'PUT', body: request }),
  );

export const useConfirmAdjustment = (year: number) =>
  useAdjustmentMutation(year, ({ id, version }: { id: number; version: number }) =>
    apiFetch<Adjustment>(`/adjustments/${id}/confirm`, { method: 'POST', body: { version } }),
  );

export const useWithdrawAdjustment = (year: number) =>
  useAdjustmentMutation(year, ({ id, version, reason }: { id: number; version: number; reason: string }) =>
    apiFetch<Adjustment>(`/adjustments/${id}/withdraw`, { method: 'POST', body: { version, reason } }),
  );

export const useObjectToAdjustment = (year: number) =>
  useAdjustmentMutation(year, ({ id, ...request }: AdjustmentObjectionRequest & { id: number }) =>
    apiFetch<Objection>(`/adjustments/${id}/objections`, { method: 'POST', body: request }),
  );
