import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { UpdateUserRequest, UserResponse } from '../../../types/index.js';
import { storeUser } from './get-users.js';

export function updateUser(id: number, request: UpdateUserRequest): Promise<UserResponse> {
  return apiFetch<UserResponse>(`/users/${id}`, { method: 'PATCH', body: request });
}

/**
 * Renames, disables or enables an account at the version it was read at. Refusals (409): `stale_version` (with
 * `current`), `last_admin` (no enabled city admin would be left), `self` (disabling your own account).
 */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, request }: { id: number; request: UpdateUserRequest }) => updateUser(id, request),
    onSuccess: (response) => storeUser(queryClient, response.user),
  });
}
