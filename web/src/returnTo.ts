// Where a user goes back to after signing in (issue 12 item 8): the page they came from, carried
// in the address as ?next=/path?query, so that it survives a reload and a detour through
// registration. Only a path of this site is accepted: never another origin (//evil.example,
// https://…, /\evil.example), never the sign-in pages themselves.

/** Where signed-in users land when no page to return to was given. */
export const DEFAULT_AFTER_LOGIN = '/me';

const MAX_LENGTH = 2000;

/** `raw` when it is a same-site path to return to, else null. */
export function safeNext(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LENGTH) return null;
  // One leading slash, then no second slash or backslash (protocol-relative URLs), no
  // backslashes anywhere (browsers read them as slashes) and no control characters.
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return null;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return null;
  }
  let url: URL;
  try {
    url = new URL(raw, window.location.origin);
  } catch {
    return null;
  }
  if (url.origin !== window.location.origin) return null;
  if (/^\/(login|register)(\/|$)/.test(url.pathname)) return null;
  return url.pathname + url.search + url.hash;
}

/** The sign-in page, coming back to `next` afterwards (when it is a same-site path). */
export function loginPath(next: string | null | undefined, page: '/login' | '/register' = '/login'): string {
  const safe = safeNext(next);
  return safe ? `${page}?next=${encodeURIComponent(safe)}` : page;
}

/** The page to return to, from ?next= (or the router state an older link left), else the default. */
export function returnTarget(search: URLSearchParams, state: unknown): string {
  const fromState = (state as { from?: unknown } | null)?.from;
  return safeNext(search.get('next')) ?? safeNext(typeof fromState === 'string' ? fromState : null) ?? DEFAULT_AFTER_LOGIN;
}
