import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { CreateUserRequest, OneTimePasswordResponse } from '../../../types/index.js';
import { usersQueryKey } from './get-users.js';

export function createUser(request: CreateUserRequest): Promise<OneTimePasswordResponse> {
  return apiFetch<OneTimePasswordResponse>('/users', { method: 'POST', body: request });
}

/**
 * Creates an account; the answer carries its one-time password, which the caller shows once and keeps out of any
 * cache (the list is read again rather than updated from the answer).
 */
export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}
