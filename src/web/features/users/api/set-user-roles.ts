import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { SetUserRolesRequest, UserResponse } from '../../../types/index.js';
import { storeUser } from './get-users.js';

export function setUserRoles(id: number, request: SetUserRolesRequest): Promise<UserResponse> {
  return apiFetch<UserResponse>(`/users/${id}/roles`, { method: 'PUT', body: request });
}

/** Replaces an account's roles (409 `stale_version` with `current`, or `last_admin`). */
export function useSetUserRoles() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, request }: { id: number; request: SetUserRolesRequest }) => setUserRoles(id, request),
    onSuccess: (response) => storeUser(queryClient, response.user),
  });
}
