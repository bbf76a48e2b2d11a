import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { setCsrfToken } from '../../../lib/csrf-token.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { MeResponse, User } from '../../../types/index.js';

/**
 * The signed-in user, or null when there is no session (HTTP 401). `/me` also carries the session's CSRF token, so a
 * reload or a new tab can write again without signing in.
 */
export async function getMe(signal?: AbortSignal): Promise<User | null> {
  try {
    const response = await apiFetch<MeResponse>('/me', { signal });
    setCsrfToken(response.csrfToken);
    return response.user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export const meQueryKey = ['auth', 'me'] as const;

export function meQueryOptions() {
  return queryOptions({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => getMe(signal),
    staleTime: 5 * 60_000,
  });
}

export function useMe() {
  return useQuery(meQueryOptions());
}
