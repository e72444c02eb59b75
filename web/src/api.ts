// API client for the Kaifang server (/api/v1). JSON in, JSON out; the session is an
// HttpOnly cookie the browser keeps, and every state-changing request carries the CSRF
// token from login or GET /api/v1/me in the X-CSRF-Token header.

export type Role = 'admin' | 'authority' | 'provider' | 'user' | 'sharer' | string;

export interface UserOrg {
  org_id: number;
  org_name: string;
  is_cdo: boolean;
  is_commissioner: boolean;
}

export interface User {
  id: number;
  username: string;
  phone: string | null;
  email: string | null;
  roles: Role[];
  real_name_verified: boolean;
  real_name_masked: string | null;
  orgs: UserOrg[];
  created_at: string;
  csrf_token?: string;
}

export interface ApiKey {
  id: number;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked: boolean;
}

export interface NewApiKey {
  id: number;
  name: string;
  prefix: string;
  key: string;
  created_at: string;
}

export type OrgKind = 'authority' | 'provider' | 'enterprise' | 'institution' | 'other';
export type OrgLevel = 'province' | 'city' | 'county';

export interface Org {
  id: number;
  name: string;
  kind: OrgKind | string;
  level: OrgLevel | string;
  region_code: string;
  region_name: string;
  parent_id: number | null;
}

/** An error answered by the server (or a network failure, status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function parseError(res: Response): Promise<ApiError> {
  let code = `http_${res.status}`;
  let message = '';
  let field: string | undefined;
  try {
    const body = (await res.json()) as {
      error?: { code?: string; message?: string; field?: string };
    };
    if (body && body.error) {
      code = body.error.code || code;
      message = body.error.message || '';
      field = body.error.field || undefined;
    }
  } catch {
    // Not JSON (e.g. a proxy error page): keep the generic code; the UI words it.
  }
  return new ApiError(res.status, code, message, field);
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res = await send(method, path, body);
  // A 403 on a state-changing request may mean our CSRF token is stale (e.g. the session
  // was renewed in another tab): fetch it again from /me once and retry.
  if (res.status === 403 && UNSAFE.has(method) && path !== '/api/v1/auth/login') {
    const err = await parseError(res.clone());
    if (/csrf/i.test(err.code)) {
      const me = await send('GET', '/api/v1/me');
      if (me.ok) {
        const user = (await me.json()) as User;
        setCsrfToken(user.csrf_token);
        res = await send(method, path, body);
      }
    }
  }
  if (!res.ok) throw await parseError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  register(input: { username: string; password: string; phone?: string; email?: string }) {
    return request<{ user: User }>('POST', '/api/v1/auth/register', input);
  },
  async login(username: string, password: string) {
    const out = await request<{ csrf_token: string; user: User }>('POST', '/api/v1/auth/login', {
      username,
      password,
    });
    setCsrfToken(out.csrf_token);
    return out;
  },
  async logout() {
    try {
      await request<void>('POST', '/api/v1/auth/logout');
    } finally {
      setCsrfToken(null);
    }
  },
  async me() {
    const user = await request<User>('GET', '/api/v1/me');
    setCsrfToken(user.csrf_token);
    return user;
  },
  async verify(name: string, idNumber: string) {
    const user = await request<User>('POST', '/api/v1/me/verify', { name, id_number: idNumber });
    if (user.csrf_token) setCsrfToken(user.csrf_token);
    return user;
  },
  listApiKeys() {
    return request<{ items: ApiKey[] }>('GET', '/api/v1/me/api-keys');
  },
  createApiKey(name: string) {
    return request<NewApiKey>('POST', '/api/v1/me/api-keys', { name });
  },
  revokeApiKey(id: number) {
    return request<void>('DELETE', `/api/v1/me/api-keys/${encodeURIComponent(String(id))}`);
  },
  listOrgs() {
    return request<{ items: Org[] }>('GET', '/api/v1/orgs');
  },
  getOrg(id: number) {
    return request<Org>('GET', `/api/v1/orgs/${encodeURIComponent(String(id))}`);
  },
};
