import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Forbidden } from '../components/ui/forbidden.js';
import { ErrorState, LoadingState } from '../components/ui/status.js';
import { signInFor } from '../config/paths.js';
import { useMe } from '../features/auth/api/get-me.js';
import { hasRole } from '../lib/roles.js';
import type { Role } from '../types/index.js';

/**
 * Client-side guard of a signed-in page: without a session it goes to sign-in (and comes back afterwards); without
 * one of the roles it explains the refusal. Convenience only: the server enforces the same rules on every call.
 */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data === null) return <Navigate to={signInFor(location.pathname + location.search)} replace />;
  if (!hasRole(me.data, ...roles)) return <Forbidden asPage />;
  return <>{children}</>;
}
