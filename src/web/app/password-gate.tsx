import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { LoadingState } from '../components/ui/status.js';
import { paths, safeNext } from '../config/paths.js';
import { useMe } from '../features/auth/api/get-me.js';

/** Navigation state of the header's sign-out: the gate lets the user leave while the session ends. */
export interface SigningOutState {
  signingOut: true;
}

function isSigningOut(state: unknown): boolean {
  return typeof state === 'object' && state !== null && (state as Partial<SigningOutState>).signingOut === true;
}

/**
 * Keeps a user who must choose a new password (a new or reset account) on the password page, whatever address
 * they open, and remembers where they were going. The server refuses their other calls anyway
 * (403 `password_change_required`); this spares them pages that could only fail.
 */
export function PasswordGate({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.data?.mustChangePassword !== true || location.pathname === paths.changePassword) return <>{children}</>;
  // Signing out: show nothing until the session has ended, then the page asked for.
  if (isSigningOut(location.state)) return <LoadingState />;
  const next = location.pathname === paths.signIn ? safeNext(new URLSearchParams(location.search).get('next')) : location.pathname + location.search;
  return <Navigate to={`${paths.changePassword}?next=${encodeURIComponent(next)}`} replace />;
}
