import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { setCsrfToken } from '../../../lib/csrf-token.js';
import type { LogoutAnswer } from '../../../types/index.js';
import { meQueryKey } from './get-me.js';

/**
 * Ends the session. A session opened by single sign-on answers with the identity provider's sign-out address, where
 * the browser goes next so that the organisation's session ends too (it then sends the browser back to sign-in).
 */
export async function logout(): Promise<void> {
  const answer = await apiFetch<LogoutAnswer | undefined>('/auth/logout', { method: 'POST' });
  if (answer?.endSessionUrl) window.location.assign(answer.endSessionUrl);
}

/** Signs out; whatever the server answers, this tab forgets the session and everything cached for it. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      setCsrfToken(null);
      queryClient.setQueryData(meQueryKey, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'public' && query.queryKey[1] !== 'me' });
    },
  });
}
