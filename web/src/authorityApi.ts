// API calls of the authority console (主管部门控制台): organisations and users, the working-day
// calendar, the policy profile, every catalog entry with its state changes, and one data one
// source. Shapes follow src/api/*_handlers.cpp; errors are ApiError as everywhere else.
import { ApiError, api, catalogApi, getCsrfToken } from './api';
import type { Entry, Org, OrgKind, OrgLevel, Role, User } from './api';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const seg = (s: string | number) => encodeURIComponent(String(s));

interface Body {
  /** JSON, or raw text sent as text/plain (the calendar's TOML year file). */
  json?: unknown;
  text?: string;
}

async function send(method: string, path: string, body: Body, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  let payload: string | undefined;
  if (body.text !== undefined) {
    headers['Content-Type'] = 'text/plain; charset=utf-8';
    payload = body.text;
  } else if (body.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body.json);
  }
  const csrf = getCsrfToken();
  if (UNSAFE.has(method) && csrf) headers['X-CSRF-Token'] = csrf;
  try {
    return await fetch(path, { method, headers, credentials: 'same-origin', body: payload });
  } catch {
    throw new ApiError(0, 'network', '');
  }
}

async function toError(res: Response): Promise<ApiError> {
  let code = `http_${res.status}`;
  let message = '';
  let field: string | undefined;
  try {
    const e = ((await res.json()) as { error?: { code?: string; message?: string; field?: string } }).error;
    code = e?.code || code;
    message = e?.message || '';
    field = e?.field || undefined;
  } catch {
    // Not JSON (a proxy page): the UI words the status.
  }
  return new ApiError(res.status, code, message, field);
}

/** One request; a stale CSRF token is renewed once through GET /me, as api.ts does. */
async function raw(method: string, path: string, body: Body = {}, accept = 'application/json'): Promise<Response> {
  let res = await send(method, path, body, accept);
  if (res.status === 403 && UNSAFE.has(method)) {
    const err = await toError(res.clone());
    if (/csrf/i.test(err.code)) {
      await api.me().catch(() => undefined);
      res = await send(method, path, body, accept);
    }
  }
  if (!res.ok) throw await toError(res);
  return res;
}

async function call<T>(method: string, path: string, body: Body = {}): Promise<T> {
  const res = await raw(method, path, body);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

// --- organisations and users -----------------------------------------------------------

export interface NewOrg {
  name: string;
  kind: OrgKind | string;
  level: OrgLevel | string;
  region_code: string;
  parent_id?: number;
}

export interface AdminUser extends User {
  disabled: boolean;
}

export interface NewUser {
  username: string;
  password: string;
  phone?: string;
  email?: string;
  roles: Role[];
  org_id?: number;
  is_cdo?: boolean;
  is_commissioner?: boolean;
}

export interface MembershipInput {
  org_id: number;
  is_cdo: boolean;
  is_commissioner: boolean;
}

/** PUT /users/{id}: each part given replaces the stored one. */
export interface UserUpdate {
  roles?: Role[];
  orgs?: MembershipInput[];
  disabled?: boolean;
}

// --- calendar --------------------------------------------------------------------------

export type DayKind = 'holiday' | 'workday' | string;

export interface SpecialDay {
  date: string;
  weekday: string;
  kind: DayKind;
  name: string;
}

export interface CalendarYear {
  year: number;
  covered: boolean;
  holidays: SpecialDay[];
  workdays: SpecialDay[];
  counts: { holidays: number; holidays_on_weekdays: number; makeup_workdays: number; working_days: number };
}

export interface WorkingDaysResult {
  from: string;
  n: number;
  date: string;
  weekday: string;
  covered: boolean;
}

// --- policy profile --------------------------------------------------------------------

export interface ProfileStage {
  key: string;
  label: string;
  assignee: string;
  assignee_label: string;
  deadline_wd: number;
  deadline_cycles: number;
  immediate: boolean;
  optional: boolean;
  rounds: string[];
  actions: { code: string; label: string }[];
  basis: string;
}

export interface ProfileProcedure {
  key: string;
  label: string;
  enabled: boolean;
  deadline_wd: number;
  basis: string;
  stages: ProfileStage[];
}

export interface PolicyProfile {
  key: string;
  name: string;
  region: string;
  region_code: string;
  source: string;
  labels: Record<string, string>;
  share_labels: Record<string, string>;
  reminder_lead_wd: number;
  open_list_due: string | null;
  app_publish_months: number;
  flags: Record<string, boolean>;
  user_grades: { levels: string[]; apply: string; sandbox: string } | null;
  procedures: ProfileProcedure[];
}

// --- catalog ---------------------------------------------------------------------------

export type StateAction = 'suspend' | 'withdraw' | 'restore';

export interface DuplicateSide {
  code: string;
  name: string;
  provider: string;
}

/** `entry` holds every key data item of `source`, from another provider. */
export interface DuplicateFlag {
  entry: DuplicateSide;
  source: DuplicateSide;
  items: string[];
}

export const authorityApi = {
  listOrgs: () => api.listOrgs(),
  createOrg: (o: NewOrg) => call<Org>('POST', '/api/v1/orgs', { json: o }),
  listUsers: () => call<{ items: AdminUser[] }>('GET', '/api/v1/users'),
  createUser: (u: NewUser) => call<AdminUser>('POST', '/api/v1/users', { json: u }),
  updateUser: (id: number, u: UserUpdate) => call<AdminUser>('PUT', `/api/v1/users/${seg(id)}`, { json: u }),

  calendarYears: () => call<{ years: number[] }>('GET', '/api/v1/calendar'),
  calendarYear: (year: number) => call<CalendarYear>('GET', `/api/v1/calendar/${seg(year)}`),
  /** The year file (TOML) an administrator corrects. */
  calendarToml: async (year: number) =>
    (await raw('GET', `/api/v1/calendar/${seg(year)}?format=toml`, {}, 'text/plain')).text(),
  saveCalendarYear: (year: number, toml: string) =>
    call<CalendarYear>('PUT', `/api/v1/calendar/${seg(year)}`, { text: toml }),
  addWorkingDays: (from: string, n: number) =>
    call<WorkingDaysResult>('GET', `/api/v1/calendar/working-days${query({ from, n })}`),

  policy: () => call<PolicyProfile>('GET', '/api/v1/policy'),

  /** Every entry in every state (the authority and the administrator see them all). */
  allEntries: () => call<{ items: Entry[] }>('GET', '/api/v1/entries'),
  changeState: (code: string, action: StateAction, reason: string) =>
    action === 'suspend'
      ? catalogApi.suspendEntry(code, reason)
      : action === 'withdraw'
        ? catalogApi.withdrawEntry(code, reason)
        : catalogApi.restoreEntry(code, reason),
  duplicates: () => call<{ items: DuplicateFlag[] }>('GET', '/api/v1/catalog/duplicates'),
};
