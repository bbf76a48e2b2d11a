import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { setCsrfToken } from '../../../lib/csrf-token.js';
import type { LoginResponse, RecoveryCodesResponse, SecondFactorCodeRequest, SecondFactorStatus, TotpEnrolment } from '../../../types/index.js';
import { usersQueryKey } from '../../users/api/get-users.js';
import { meQueryKey } from './get-me.js';

export const secondFactorQueryKey = ['auth', 'second-factor'] as const;

export function secondFactorQueryOptions() {
  return queryOptions({
    queryKey: secondFactorQueryKey,
    queryFn: ({ signal }) => apiFetch<SecondFactorStatus>('/me/second-factor', { signal }),
  });
}

/** The signed-in user's second factor (never its secret). */
export function useSecondFactorStatus() {
  return useQuery(secondFactorQueryOptions());
}

/** Starts an enrolment: a new secret, its URI and QR code, shown only in this answer. */
export function useBeginEnrolment() {
  return useMutation({ mutationFn: () => apiFetch<TotpEnrolment>('/me/second-factor/enrolment', { method: 'POST' }) });
}

/** Confirms the enrolment with a code; the answer's recovery codes are shown once. */
export function useConfirmEnrolment() {
  return useMutation({
    mutationFn: (request: SecondFactorCodeRequest) => apiFetch<RecoveryCodesResponse>('/me/second-factor/enrolment/confirm', { method: 'POST', body: request }),
  });
}

/**
 * The code step of signing in: the server ends the half-open session and starts a full one (a new cookie and CSRF
 * token), so the token is replaced and the user read again. Refusals: 400 `wrong_code`, 429 `code_throttled`.
 */
export function useSecondFactorStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SecondFactorCodeRequest) => apiFetch<LoginResponse>('/auth/second-factor', { method: 'POST', body: request }),
    onSuccess: async (response) => {
      setCsrfToken(response.csrfToken);
      queryClient.setQueryData(meQueryKey, response.user);
      await queryClient.invalidateQueries({ predicate: (query) => query.state.status === 'error' });
    },
  });
}

/** Another city admin removes a user's second factor (a lost phone). */
export function useResetSecondFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: number) => apiFetch<void>(`/users/${userId}/second-factor`, { method: 'DELETE' }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: usersQueryKey });
    },
  });
}
