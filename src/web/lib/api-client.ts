import { getCsrfToken, setCsrfToken } from './csrf-token.js';
import { ApiError, parseProblemDetails } from './problem-details.js';
import { i18n } from './i18n.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequestOptions {
  method?: HttpMethod;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
}

const apiBase = '/api/v1';

/** The absolute path of an API resource, for links such as downloads. */
export function apiUrl(path: string): string {
  return `${apiBase}${path}`;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Calls the HTTP API: sends the session cookie, the current language and, on mutating calls, the CSRF token;
 * returns the parsed JSON body, or throws an {@link ApiError} holding the server's problem details.
 *
 * The CSRF token belongs to the session, not to the tab: a new tab (or a cleared sessionStorage) has none. When a
 * mutating call is refused for a missing or stale token, the token is read again from `GET /me` and the call is
 * sent once more.
 */
export async function apiFetch<T>(path: string, options: ApiRequestOptions = {}): Promise<T> {
  try {
    return await send<T>(path, options);
  } catch (error) {
    const method = options.method ?? 'GET';
    if (method === 'GET' || !(error instanceof ApiError) || error.status !== 403 || error.code !== 'csrf') throw error;
    if (!(await refreshCsrfToken(options.signal))) throw error;
    return send<T>(path, options);
  }
}

/** Reads the session's CSRF token from `GET /me`; false when there is no session. */
export async function refreshCsrfToken(signal?: AbortSignal): Promise<boolean> {
  try {
    const me = await send<{ csrfToken?: unknown }>('/me', { signal });
    if (typeof me.csrfToken !== 'string') return false;
    setCsrfToken(me.csrfToken);
    return true;
  } catch {
    return false;
  }
}

async function send<T>(path: string, options: ApiRequestOptions): Promise<T> {
  const method = options.method ?? 'GET';
  const headers = new Headers({ Accept: 'application/json, application/problem+json' });
  headers.set('Accept-Language', i18n.language === 'en' ? 'en, ko;q=0.5' : 'ko, en;q=0.5');
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');
  if (method !== 'GET') {
    const csrf = getCsrfToken();
    if (csrf !== null) headers.set('x-csrf-token', csrf);
  }

  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      method,
      headers,
      credentials: 'include',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      type: 'about:blank#network',
      title: i18n.t('errors.network'),
      status: 0,
      errors: [],
    });
  }

  const body = await readBody(response);
  if (!response.ok) throw new ApiError(parseProblemDetails(body, response.status, response.statusText));
  return body as T;
}
