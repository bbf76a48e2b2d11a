import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { Reproduction } from '../../../types/index.js';

export function reproduceScoringRun(id: number): Promise<Reproduction> {
  return apiFetch<Reproduction>(`/scoring-runs/${id}/reproduce`, { method: 'POST' });
}

/** Re-runs a stored run from its own snapshot on the server and compares the outcome byte for byte. */
export function useReproduceScoringRun() {
  return useMutation({ mutationFn: reproduceScoringRun });
}
