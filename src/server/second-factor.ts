import type { Config } from '../config.js';
import type { Principal } from '../domain/auth.js';
import { parseTotpKey, type SecondFactorPolicy } from '../domain/totp.js';

/**
 * The second-factor policy of the configuration (HOPEJOBS_TOTP_REQUIRED, HOPEJOBS_TOTP_KEY): required unless set off,
 * or unset in demo mode (whose shared demo accounts cannot enrol; an installation turns demo mode off).
 */
export function secondFactorPolicy(config: Pick<Config, 'HOPEJOBS_TOTP_REQUIRED' | 'HOPEJOBS_TOTP_KEY' | 'HOPEJOBS_DEMO'>): SecondFactorPolicy {
  return {
    totpRequired: config.HOPEJOBS_TOTP_REQUIRED ?? !config.HOPEJOBS_DEMO,
    totpKey: config.HOPEJOBS_TOTP_KEY ? parseTotpKey(config.HOPEJOBS_TOTP_KEY) : null,
  };
}

const NOT_PASSED = { enrolled: false, passed: false, pending: 'none', satisfied: false } as const;

/** The answer of sign-in, /me, the password change and the second factor: the user with the session's factor, and the CSRF token. */
export function sessionAnswer(p: Principal) {
  return { user: { ...p.user, secondFactor: p.secondFactor ?? NOT_PASSED }, csrfToken: p.csrfToken };
}
