// The CSRF token comes in the login response body and in every `GET /me` answer (so a reload or a new tab recovers
// it). It is kept in memory and in sessionStorage (per tab, gone when the tab closes); never in localStorage.
const storageKey = 'hopejobs.csrf';
let token: string | null = null;

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function getCsrfToken(): string | null {
  if (token === null) token = storage()?.getItem(storageKey) ?? null;
  return token;
}

export function setCsrfToken(value: string | null): void {
  token = value;
  if (value === null) storage()?.removeItem(storageKey);
  else storage()?.setItem(storageKey, value);
}
