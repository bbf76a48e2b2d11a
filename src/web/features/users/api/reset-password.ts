import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { OneTimePasswordResponse } from '../../../types/index.js';
import { storeUser } from './get-users.js';

export function resetPassword(id: number, version: number): Promise<OneTimePasswordResponse> {
  return apiFetch<OneTimePasswordResponse>(`/users/${id}/password-reset`, { method: 'POST', body: { version } });
}

/**
 * Gives an account a new one-time password and ends its sign-in delays; the user must choose a new password at the next
 * sign-in. Only the account goes into the cache, never the password.
 */
export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: number; version: number }) => resetPassword(id, version),
    onSuccess: (response) => storeUser(queryClient, response.user),
  });
}
