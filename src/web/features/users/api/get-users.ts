import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { apiFetch, apiUrl } from '../../../lib/api-client.js';
import type { UserFilters, UsersResponse, UserView } from '../../../types/index.js';

/** The filters as URL parameters, empty ones left out. */
export function userSearchParams(filters: UserFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (typeof value === 'string' && value.trim() !== '') params.set(key, value.trim());
  }
  return params;
}

export function getUsers(filters: UserFilters, signal?: AbortSignal): Promise<UsersResponse> {
  const query = userSearchParams(filters).toString();
  return apiFetch<UsersResponse>(`/users${query === '' ? '' : `?${query}`}`, { signal });
}

/** The same filtered list as an Excel workbook (one row per role, no passwords), in the interface's language. */
export function usersXlsxUrl(filters: UserFilters, lang: 'ko' | 'en'): string {
  const params = userSearchParams(filters);
  params.set('lang', lang);
  return apiUrl(`/users.xlsx?${params.toString()}`);
}

export const usersQueryKey = ['users'] as const;

export function usersQueryOptions(filters: UserFilters) {
  return queryOptions({
    queryKey: [...usersQueryKey, 'list', userSearchParams(filters).toString()],
    queryFn: ({ signal }) => getUsers(filters, signal),
    select: (data) => data.users,
    staleTime: 0,
  });
}

/** The user accounts matching the filters (city admin). */
export function useUsers(filters: UserFilters) {
  return useQuery(usersQueryOptions(filters));
}

/**
 * Puts a user as the server answered it into every cached list (so that a form open on it has the new version at
 * once), then reads the lists again (the change may move the user in or out of a filter).
 */
export async function storeUser(queryClient: QueryClient, user: UserView): Promise<void> {
  queryClient.setQueriesData<UsersResponse>({ queryKey: [...usersQueryKey, 'list'] }, (old) =>
    old === undefined ? old : { users: old.users.map((u) => (u.id === user.id ? user : u)) },
  );
  await queryClient.invalidateQueries({ queryKey: usersQueryKey });
}

function isUserView(value: unknown): value is UserView {
  return typeof value === 'object' && value !== null && 'id' in value && 'version' in value && 'roles' in value;
}

/**
 * After a 409 `stale_version`: shows the account as it is now (`current` in the problem document when the server
 * sends it, otherwise read again).
 */
export function useReloadUser() {
  const queryClient = useQueryClient();
  return (current: unknown) => {
    if (isUserView(current)) void storeUser(queryClient, current);
    else void queryClient.invalidateQueries({ queryKey: usersQueryKey });
  };
}
