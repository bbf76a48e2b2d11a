import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { SignInMethods } from '../../../types/index.js';

/** How one may sign in here: the password form and/or the organisation's single sign-on. */
export function useSignInMethods() {
  return useQuery({
    queryKey: ['public', 'sign-in-methods'],
    queryFn: ({ signal }) => apiFetch<SignInMethods>('/auth/methods', { signal }),
    staleTime: 10 * 60_000,
  });
}
