import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { AuditVerification } from '../../../types/index.js';

export function verifyAuditChain(): Promise<AuditVerification> {
  return apiFetch<AuditVerification>('/audit/verify');
}

/**
 * Checks the whole hash chain on the server (each entry's hash and its link to the one before). A mutation, not a
 * query: it runs when someone asks, every time they ask, and is never served from cache.
 */
export function useVerifyAuditChain() {
  return useMutation({ mutationFn: verifyAuditChain });
}
