import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.js';

/**
 * The OpenID Connect relying party (openid-client): authorisation code with PKCE (S256), state and nonce.
 *
 * Discovery happens on the first sign-in rather than at start (an identity provider that is down must not keep the
 * app from starting, and people then get a page saying so); it is cached for an hour, and retried at once after a
 * failure. The values of one attempt (state, nonce, PKCE verifier, where to go afterwards) travel in a short-lived
 * HttpOnly cookie signed with HMAC-SHA-256, so any app server can finish what another started: its key is derived
 * from the client secret (or, for a public client, random per process: one app server, or sticky sessions).
 */

export const SSO_COOKIE = 'hj_sso';
export const SSO_COOKIE_PATH = '/api/v1/auth/sso';
/** How long a person may take at the identity provider between leaving and coming back. */
export const SSO_ATTEMPT_TTL_MS = 10 * 60 * 1000;
const DISCOVERY_TTL_MS = 60 * 60 * 1000;

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  redirectUri: string;
  /** Where the identity provider sends people after ending its session (our sign-in page). */
  postLogoutRedirectUri: string;
  usernameClaim: string;
  provision: string;
  displayName: string;
}

/** The single sign-on settings of the configuration, or null when it is off (no OIDC_ISSUER). */
export function oidcSettings(config: Config): OidcSettings | null {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID) return null;
  const base = (config.PUBLIC_URL ?? new URL(config.OIDC_REDIRECT_URI!).origin).replace(/\/+$/, '');
  return {
    issuer: config.OIDC_ISSUER,
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET ?? null,
    redirectUri: config.OIDC_REDIRECT_URI ?? `${base}${SSO_COOKIE_PATH}/callback`,
    postLogoutRedirectUri: `${base}/sign-in`,
    usernameClaim: config.OIDC_USERNAME_CLAIM,
    provision: config.OIDC_PROVISION,
    displayName: config.OIDC_DISPLAY_NAME ?? '기관 계정 / Organisation account',
  };
}

/** The values of one sign-in attempt, kept in the signed cookie until the identity provider sends the person back. */
export interface SsoAttempt {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
  expiresAt: number;
}

/** The key that signs the attempt cookie: derived from the client secret, so every app server of the installation shares it. */
export function attemptKey(settings: Pick<OidcSettings, 'clientSecret' | 'clientId'>): Buffer {
  if (settings.clientSecret === null) return randomBytes(32);
  return Buffer.from(hkdfSync('sha256', settings.clientSecret, settings.clientId, 'hopejobs sso attempt cookie', 32));
}

export function sealAttempt(key: Buffer, attempt: SsoAttempt): string {
  const body = Buffer.from(JSON.stringify(attempt)).toString('base64url');
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

/** The attempt in the cookie, or null when it is missing, tampered with, malformed or expired. */
export function openAttempt(key: Buffer, value: string | undefined, now = Date.now()): SsoAttempt | null {
  if (!value) return null;
  const [body, mac, ...rest] = value.split('.');
  if (!body || !mac || rest.length > 0) return null;
  const expected = createHmac('sha256', key).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const a = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<SsoAttempt>;
    const texts = [a.state, a.nonce, a.verifier, a.next];
    if (!texts.every((t) => typeof t === 'string' && t.length > 0) || typeof a.expiresAt !== 'number') return null;
    if (a.expiresAt < now) return null;
    return a as SsoAttempt;
  } catch {
    return null;
  }
}

type OpenIdClient = typeof import('openid-client');
type Configuration = InstanceType<OpenIdClient['Configuration']>;

/** Why a sign-in with the identity provider did not happen; the sign-in page explains each (`?sso=<reason>`). */
export type SsoFailure = 'unreachable' | 'failed' | 'expired';

export class SsoError extends Error {
  constructor(
    readonly reason: SsoFailure,
    message: string,
  ) {
    super(message);
  }
}

export class OidcRelyingParty {
  private discovered: { config: Configuration; at: number } | null = null;
  private pending: Promise<Configuration> | null = null;
  readonly key: Buffer;

  constructor(readonly settings: OidcSettings) {
    this.key = attemptKey(settings);
  }

  private async lib(): Promise<OpenIdClient> {
    return import('openid-client');
  }

  /** The identity provider's metadata (discovery), cached; an SsoError('unreachable') when it cannot be read. */
  async configuration(): Promise<Configuration> {
    if (this.discovered && Date.now() - this.discovered.at < DISCOVERY_TTL_MS) return this.discovered.config;
    this.pending ??= (async () => {
      const oidc = await this.lib();
      const { issuer, clientId, clientSecret } = this.settings;
      const insecure = new URL(issuer).protocol === 'http:';
      try {
        const config = await oidc.discovery(
          new URL(issuer),
          clientId,
          clientSecret === null ? { token_endpoint_auth_method: 'none' } : undefined,
          clientSecret === null ? oidc.None() : oidc.ClientSecretBasic(clientSecret),
          { timeout: 10, ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}) },
        );
        this.discovered = { config, at: Date.now() };
        return config;
      } catch (err) {
        throw new SsoError('unreachable', `identity provider discovery failed: ${(err as Error).message}`);
      }
    })().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Where to send the browser to sign in, and the attempt to keep in the cookie. */
  async start(next: string): Promise<{ url: string; attempt: SsoAttempt }> {
    const config = await this.configuration();
    const oidc = await this.lib();
    const attempt: SsoAttempt = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
      next,
      expiresAt: Date.now() + SSO_ATTEMPT_TTL_MS,
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid profile email',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(attempt.verifier),
      code_challenge_method: 'S256',
      state: attempt.state,
      nonce: attempt.nonce,
    });
    return { url: url.href, attempt };
  }

  /**
   * Checks the identity provider's answer against the attempt and redeems the code: openid-client compares the state,
   * sends the PKCE verifier, and validates the ID token (signature, issuer, audience, nonce, expiry). Returns the
   * issuer, the subject and the token's claims; any failure is an SsoError('failed') whose message goes to the log.
   */
  async finish(query: string, attempt: SsoAttempt): Promise<{ issuer: string; subject: string; claims: Record<string, unknown> }> {
    const config = await this.configuration();
    const oidc = await this.lib();
    const currentUrl = new URL(this.settings.redirectUri);
    currentUrl.search = query;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: attempt.verifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('no ID token');
      // Some identity providers put the profile in userinfo only; it is read for the same subject (openid-client checks it).
      let profile: Record<string, unknown> = {};
      if (claims[this.settings.usernameClaim] === undefined && config.serverMetadata().userinfo_endpoint) {
        profile = { ...(await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)) };
      }
      return { issuer: claims.iss, subject: claims.sub, claims: { ...profile, ...claims } };
    } catch (err) {
      throw new SsoError('failed', `sign-in with the identity provider refused: ${(err as Error).message}`);
    }
  }

  /** The identity provider's sign-out address (RP-initiated logout), when it advertises one. */
  async endSessionUrl(): Promise<string | null> {
    let config: Configuration;
    try {
      config = await this.configuration();
    } catch {
      return null;
    }
    if (!config.serverMetadata().end_session_endpoint) return null;
    const oidc = await this.lib();
    return oidc.buildEndSessionUrl(config, { client_id: this.settings.clientId, post_logout_redirect_uri: this.settings.postLogoutRedirectUri }).href;
  }
}
