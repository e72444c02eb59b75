// API calls of the authority console (主管部门控制台): organisations and users, the working-day
// calendar, the policy profile, every catalog entry with its state changes, and one data one
// source. Shapes follow src/api/*_handlers.cpp; errors are ApiError as everywhere else.
import { TextBody, api, catalogApi, queryString as query, request as call, requestRaw } from './api';
import type { Entry, Org, OrgKind, OrgLevel, Role, User } from './api';

const seg = (s: string | number) => encodeURIComponent(String(s));

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
  /** Publication only: how new versions of published entries go (review | direct_if_unchanged). */
  updates?: string;
  updates_basis?: string;
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
  usage_report_months: number;
  reevaluate_months: number;
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
  createOrg: (o: NewOrg) => call<Org>('POST', '/api/v1/orgs', o),
  listUsers: () => call<{ items: AdminUser[] }>('GET', '/api/v1/users'),
  createUser: (u: NewUser) => call<AdminUser>('POST', '/api/v1/users', u),
  updateUser: (id: number, u: UserUpdate) => call<AdminUser>('PUT', `/api/v1/users/${seg(id)}`, u),

  calendarYears: () => call<{ years: number[] }>('GET', '/api/v1/calendar'),
  calendarYear: (year: number) => call<CalendarYear>('GET', `/api/v1/calendar/${seg(year)}`),
  /** The year file (TOML) an administrator corrects. */
  calendarToml: async (year: number) =>
    (await requestRaw('GET', `/api/v1/calendar/${seg(year)}?format=toml`, undefined, 'text/plain')).text(),
  saveCalendarYear: (year: number, toml: string) =>
    call<CalendarYear>('PUT', `/api/v1/calendar/${seg(year)}`, new TextBody(toml)),
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
