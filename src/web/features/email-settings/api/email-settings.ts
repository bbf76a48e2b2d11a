import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { EmailSettings, EmailSettingsRequest } from '../../../types/index.js';

export const emailSettingsQueryKey = ['me', 'email-settings'] as const;

export function useEmailSettings() {
  return useQuery({ queryKey: emailSettingsQueryKey, queryFn: ({ signal }) => apiFetch<EmailSettings>('/me/email-settings', { signal }) });
}

/** Saves my address, language and modes; the answer is the settings as stored. */
export function useSaveEmailSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EmailSettingsRequest) => apiFetch<EmailSettings>('/me/email-settings', { method: 'PUT', body }),
    onSuccess: (saved) => queryClient.setQueryData(emailSettingsQueryKey, saved),
  });
}

/** The one-click unsubscribe of a daily digest, with the token of the e-mail's link. */
export function useUnsubscribe() {
  return useMutation({
    mutationFn: (token: string) => apiFetch<{ unsubscribed: true }>(`/email/unsubscribe?token=${encodeURIComponent(token)}`, { method: 'POST' }),
  });
}
