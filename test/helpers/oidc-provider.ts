import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real OpenID Connect provider (oidc-provider) on a random port of this machine, for the single sign-on tests.
 * Its login page is oidc-provider's development interaction: any login name is accepted and becomes the subject;
 * the claims come from `people` (a name not listed gets `preferred_username` = its login). Every person also
 * carries claims that try to grant roles, which the app must ignore. PKCE is required.
 */
export interface TestPerson {
  preferred_username?: string;
  name?: string;
  email?: string;
}

export interface TestClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  post_logout_redirect_uris?: string[];
}

export interface TestProvider {
  issuer: string;
  /** Registers the clients and starts answering (the server listens first, so the app can learn the issuer's port). */
  configure(clients: TestClient[], people: Record<string, TestPerson>): Promise<void>;
  close(): Promise<void>;
}

export async function startTestProvider(): Promise<TestProvider> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server: Server = createServer((req, res) => {
    if (handler) return handler(req, res);
    res.statusCode = 503;
    res.end('not configured yet');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    async configure(clients, people) {
      const { default: Provider } = await import('oidc-provider');
      const provider = new Provider(issuer, {
        clients: clients.map((c) => ({
          ...c,
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        })),
        async findAccount(_ctx: unknown, id: string) {
          const person = people[id] ?? {};
          return {
            accountId: id,
            claims: () => ({
              sub: id,
              preferred_username: person.preferred_username ?? id,
              name: person.name ?? id,
              ...(person.email ? { email: person.email } : {}),
              // Claims an identity provider might send to "grant" roles: the app grants roles in the product only.
              roles: ['city_admin'],
              groups: ['city_admin'],
              hopejobs_roles: [{ role: 'city_admin', orgUnitCode: null }],
            }),
          };
        },
        claims: { openid: ['sub'], profile: ['preferred_username', 'name', 'roles', 'groups', 'hopejobs_roles'], email: ['email'] },
        // The profile in the ID token, as Keycloak and Entra ID put it there.
        conformIdTokenClaims: false,
        pkce: { required: () => true },
        features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
        cookies: { keys: ['hopejobs-test-provider-cookie-key'] },
      });
      provider.on('server_error', (_ctx: unknown, err: Error) => console.error('test provider error', err));
      handler = provider.callback();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A minimal cookie jar over fetch, to walk the provider's pages without a browser. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: this.header() } });
    this.take(res);
    return res;
  }
}

/**
 * Signs in at the provider as `login` from its authorisation URL and returns the URL it sends the browser back to
 * (our callback with `code`, `state` and `iss`): follows the redirects, submits the login form and the consent.
 */
export async function signInAtProvider(authorizationUrl: string, login: string, jar = new CookieJar()): Promise<string> {
  let url = authorizationUrl;
  for (let step = 0; step < 12; step++) {
    const res = await jar.fetch(url);
    if (res.status >= 300 && res.status < 400) {
      const location = new URL(res.headers.get('location')!, url).href;
      if (!location.startsWith(new URL(authorizationUrl).origin)) return location;
      url = location;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected provider page (${res.status}): ${html.slice(0, 500)}`);
    const body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
    const posted = await jar.fetch(new URL(action.replace(/&amp;/g, '&'), url).href, {
      method: 'POST',
      body: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    if (posted.status < 300 || posted.status >= 400) throw new Error(`provider refused the ${prompt}: ${posted.status} ${await posted.text()}`);
    url = new URL(posted.headers.get('location')!, url).href;
  }
  throw new Error('the provider never sent the browser back');
}
