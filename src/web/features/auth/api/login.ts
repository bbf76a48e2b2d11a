import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { setCsrfToken } from '../../../lib/csrf-token.js';
import type { LoginRequest, LoginResponse } from '../../../types/index.js';
import { meQueryKey } from './get-me.js';

export function login(credentials: LoginRequest): Promise<LoginResponse> {
  return apiFetch<LoginResponse>('/auth/login', { method: 'POST', body: credentials });
}

/** Signs in; keeps the CSRF token for later mutating calls and refreshes who the user is. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: async (response) => {
      setCsrfToken(response.csrfToken);
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
