import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { paths, safeNext } from '../config/paths.js';
import { useMe } from '../features/auth/api/get-me.js';

/**
 * Keeps a half-signed-in user (password given, code not yet) on the code page, and a user the policy requires to
 * set up a second factor on the account security page (after choosing a password, when one is required), whatever
 * address they open, remembering where they were going. The server refuses their other calls anyway
 * (403 `second_factor_pending` / `second_factor_enrolment_required`); this spares them pages that could only fail.
 */
export function SecondFactorGate({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const factor = me.data?.secondFactor;
  const here = location.pathname;
  const next = here === paths.signIn ? safeNext(new URLSearchParams(location.search).get('next')) : here + location.search;
  if (factor?.pending === 'code' && here !== paths.signInCode) {
    return <Navigate to={`${paths.signInCode}?next=${encodeURIComponent(next)}`} replace />;
  }
  if (factor?.pending === 'enrol' && me.data?.mustChangePassword !== true && here !== paths.accountSecurity) {
    return <Navigate to={`${paths.accountSecurity}?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
