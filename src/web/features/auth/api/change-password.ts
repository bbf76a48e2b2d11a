import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { setCsrfToken } from '../../../lib/csrf-token.js';
import type { ChangePasswordRequest, ChangePasswordResponse } from '../../../types/index.js';
import { meQueryKey } from './get-me.js';

export function changePassword(request: ChangePasswordRequest): Promise<ChangePasswordResponse> {
  return apiFetch<ChangePasswordResponse>('/me/password', { method: 'POST', body: request });
}

/**
 * Changes the signed-in user's password. The server ends every other session and starts this one anew (a new
 * cookie and a new CSRF token), so the stored token is replaced and the user read again; queries refused while a
 * new password was required are asked again. Refusals: 400 `wrong_password` (current password), 400
 * `weak_password` (`errors[]` say why).
 */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    onSuccess: async (response) => {
      setCsrfToken(response.csrfToken);
      queryClient.setQueryData(meQueryKey, response.user);
      await queryClient.invalidateQueries({ predicate: (query) => query.state.status === 'error' });
    },
  });
}
