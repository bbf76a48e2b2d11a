import type { ReactNode } from 'react';
import { LoadingState } from '../../../components/ui/status.js';
import type { CycleDetail } from '../../../types/index.js';
import { useVerificationMatrix } from '../api/get-verification-matrix.js';
import { VerificationMatrixTable } from './verification-matrix.js';

/**
 * The districts × indicators matrix when the server offers it, followed by the counts; only the counts otherwise
 * (also when the matrix fails to load: the counts still tell the story).
 */
export function VerificationProgress({ cycle, fallback }: { cycle: CycleDetail; fallback: ReactNode }) {
  const matrix = useVerificationMatrix(cycle.year);
  if (matrix.isPending) return <LoadingState />;
  if (matrix.isError || matrix.data === null) return <>{fallback}</>;
  return (
    <>
      <VerificationMatrixTable matrix={matrix.data} />
      {fallback}
    </>
  );
}
