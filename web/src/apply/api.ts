// API calls of conditional (restricted) data — issue 13: applications (有条件开放 / 受限开放数据申请)
// on the case engine, their materials, the open-use agreement, grants with their access log,
// sanctions and reports, the public list of grant holders, dishonest lists and user grades.
// Built on the one client of api.ts (request: CSRF token, ApiError, the UI's language).
import { ApiError, queryString, request } from '../api';
import type { Case, CaseDetail } from '../api';

/** Kinds of uploaded files: materials of an application, then the holder's reports. */
export type AttachmentKind =
  | 'credit_report'
  | 'protection_certificate'
  | 'proof'
  | 'usage_report'
  | 'data_return'
  | 'app_result';

/** The kinds a holder reports with (POST /grants/{id}/reports). */
export type ReportKind = 'usage_report' | 'data_return' | 'app_result';
export const REPORT_KINDS: ReportKind[] = ['usage_report', 'data_return', 'app_result'];

/** Ways to get the data a grant may name. */
export type Channel = 'api' | 'download' | 'sandbox';

/** An uploaded file, kept with its SHA-256 (POST /applications/attachments). */
export interface Attachment {
  id: number;
  kind: AttachmentKind | string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  case_id?: number | null;
}

/** The application form (申请表) as the applicant fills it in. */
export interface ApplicationForm {
  contact_name: string;
  contact_phone: string;
  app_name: string;
  domain: string;
  scenario: string;
  service_scope: string;
  users: string;
  concurrency: string;
  expected_effect: string;
  system_name: string;
  machine_room: string;
  /** 等保 level 1–5; 0: none given. */
  protection_level: number;
  protection_filing_no: string;
}

/** POST /api/v1/applications. */
export interface ApplicationInput {
  entry_code: string;
  /** Applying for this organisation of the user's; absent: for oneself. */
  org_id?: number;
  form: ApplicationForm;
  fields: string[];
  channels: Channel[];
  months: number;
  calls_per_day?: number;
  rows_per_day?: number;
  commitment_accepted: boolean;
  conditions_confirmed: boolean;
  attachments: number[];
  /** Renewing this grant of the applicant's on the same entry. */
  renews?: number;
  /** Changing the terms of this grant: when the new grant opens, this one ends. */
  amends?: number;
}

export type GrantState = 'active' | 'suspended' | 'terminated' | string;

/** A grant: who may use which fields of an entry, how, how much, until when. */
export interface Grant {
  id: number;
  case_id: number;
  entry_code: string;
  entry_name: string;
  provider_id: number;
  holder_user_id: number;
  holder_org_id: number | null;
  holder_name: string;
  fields: string[];
  channels: { code: string; label: string }[];
  calls_per_day: number | null;
  rows_per_day: number | null;
  purpose: string;
  starts_on: string;
  expires_on: string;
  state: GrantState;
  state_reason: string;
  /** Rectification demanded by this day (YYYY-MM-DD). */
  rectify_by: string | null;
  report_due: string | null;
  /** The application built on the data is due by this day. */
  app_due: string | null;
  /** The application was not published by app_due. */
  app_overdue?: boolean;
  /** The periodic usage report was not filed by report_due. */
  report_overdue?: boolean;
}

/** A published sanction (APP-7; Hangzhou 六.(五)). */
export interface Violation {
  id: number;
  measure: 'suspend' | 'rectify' | 'terminate';
  measure_label: string;
  reason: string;
  /** YYYY-MM-DD */
  on: string;
  holder_name: string;
  entry_code: string;
  entry_name: string;
}

/** A published conditional entry and its periodic re-evaluation (CLS-5). */
export interface Reevaluation {
  entry_code: string;
  entry_name: string;
  provider_id: number;
  provider_name: string;
  published_on: string | null;
  /** Null when the profile sets no period. */
  due_on: string | null;
  last: { conclusion: 'keep' | 'convert'; note: string; by: string; on: string } | null;
}

export interface GrantEvent {
  action: string;
  reason: string;
  by: string;
  at: string;
}

export interface GrantDetail extends Grant {
  events: GrantEvent[];
}

/** One read the grant allowed (the access log). */
export interface GrantUse {
  id?: number;
  user_id: number;
  username: string;
  channel: string;
  rows: number;
  bytes: number;
  fields: string[];
  at: string;
}

export type SanctionAction = 'suspend' | 'restore' | 'rectify' | 'terminate';

/** The flow's panel of an application (GET /applications/{id} → panel). */
export interface ApplicationPanel {
  panel: 'conditional_application';
  entry_code: string;
  entry_name: string;
  provider_name: string;
  applicant_name: string;
  applicant_org_id?: number | null;
  form: Partial<ApplicationForm> & { commitment_accepted?: boolean; conditions_confirmed?: boolean };
  fields: string[];
  channels: string[];
  months: number;
  calls_per_day: number | null;
  rows_per_day: number | null;
  attachments: Attachment[];
  /** The fields the provider granted (a subset of those asked). */
  granted_fields?: string[];
  /** The law a provider's refusal rests on. */
  legal_ground?: string;
  agreement?: { signed: boolean; sha256?: string; signer?: string; signed_at?: number | string };
  grant?: Grant;
}

/** A row of GET /applications (the server leaves the payload out: read entry_name instead). */
export interface ApplicationSummary extends Case {
  entry_name: string;
  applicant_name: string;
}

export interface ApplicationDetail extends Omit<CaseDetail, 'panel'> {
  panel?: ApplicationPanel | Record<string, unknown> | null;
}

/** The open-use agreement (开放利用协议): a draft before signing, the signed text after. */
export interface Agreement {
  case_id: number;
  signed: boolean;
  text: string;
  sha256: string;
  template: string;
  signer: string | null;
  signed_at: string | null;
}

export interface ActInput {
  action: string;
  comment?: string;
  granted_fields?: string[];
  calls_per_day?: number;
  rows_per_day?: number;
  legal_ground?: string;
}

/** Public: who holds conditional data, which, until when. */
export interface GrantHolder {
  holder_name: string;
  entry_code: string;
  entry_name: string;
  starts_on: string;
  expires_on: string;
}

export type DishonestKind = '失信被执行人' | '严重违法失信' | '经营异常';
export const DISHONEST_KINDS: DishonestKind[] = ['失信被执行人', '严重违法失信', '经营异常'];

export interface DishonestList {
  kind: string;
  source: string;
  listed_on: string;
  count: number;
  imported_on: string;
}

export interface GradedUser {
  name: string;
  kind: 'user' | 'org' | string;
  grade: string;
  graded_on: string;
}

/** A grading application's panel on the case page (Lishui art. 10). */
export interface GradingPanel {
  panel: 'user_grading';
  subject_kind: 'user' | 'org';
  subject_id: number;
  subject_name: string;
  grade_asked: string;
  levels: string[];
  current_grade?: string;
  grade?: string;
  expert_opinion?: string;
  evidence?: {
    protection_level?: number;
    protection_filing_no?: string;
    certificates?: string;
    enterprise_type?: string;
    credit_check?: string;
    note?: string;
  };
  attachments?: Attachment[];
}

export function isGradingPanel(p: unknown): p is GradingPanel {
  return !!p && typeof p === 'object' && (p as { panel?: unknown }).panel === 'user_grading';
}

/** One change of a grade: by a grading case, set directly, or lowered for a violation. */
export interface GradeChange {
  subject_kind: 'user' | 'org';
  subject_id: number;
  name: string;
  from: string | null;
  to: string | null;
  reason: string;
  case_id: number | null;
  grant_id: number | null;
  on: string;
}

export interface MyGrade {
  levels: string[];
  apply_grade: string;
  /** Whether users apply to be graded here (the profile's user_grading procedure). */
  procedure: boolean;
  grades: { subject_kind: 'user' | 'org'; subject_id: number; name: string; grade: string | null; graded_on: string | null }[];
  changes: GradeChange[];
  /** The user's grading cases (the engine's case shape) with the grade asked and decided. */
  cases: (Case & { grade_asked: string; grade: string | null })[];
}

export interface GradeApplicationInput {
  org_id?: number;
  grade: string;
  protection_level: number;
  protection_filing_no: string;
  certificates: string;
  enterprise_type: string;
  note: string;
  attachments: number[];
}

export interface GradeEvidence {
  protection_level?: number;
  filing_no?: string;
  credit_check?: string;
  certificates?: string;
  enterprise_type?: string;
}

/** The largest material the server takes. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** What materials may be (the server checks the content, not the name). */
export const MATERIAL_ACCEPT = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

const seg = (s: string | number) => encodeURIComponent(String(s));

export function isApplicationPanel(p: unknown): p is ApplicationPanel {
  return !!p && typeof p === 'object' && (p as { panel?: unknown }).panel === 'conditional_application';
}

export const applyApi = {
  /** Uploads one file as the raw body; answers its id, size and SHA-256. */
  upload(kind: AttachmentKind, file: Blob, name: string) {
    return request<Attachment>('POST', `/api/v1/applications/attachments${queryString({ kind, name })}`, file);
  },
  attachmentUrl(id: number) {
    return `/api/v1/applications/attachments/${seg(id)}`;
  },
  submit(input: ApplicationInput) {
    return request<Case>('POST', '/api/v1/applications', input);
  },
  list(assigned = false) {
    return request<{ items: ApplicationSummary[] }>(
      'GET',
      `/api/v1/applications${queryString({ assigned: assigned ? 1 : undefined })}`,
    );
  },
  get(id: number | string) {
    return request<ApplicationDetail>('GET', `/api/v1/applications/${seg(id)}`);
  },
  act(id: number | string, input: ActInput) {
    return request<ApplicationDetail>('POST', `/api/v1/applications/${seg(id)}/actions`, input);
  },
  agreement(id: number | string) {
    return request<Agreement>('GET', `/api/v1/applications/${seg(id)}/agreement`);
  },
  agreementUrl(id: number | string) {
    return `/api/v1/applications/${seg(id)}/agreement.md`;
  },
  agreementPdfUrl(id: number | string) {
    return `/api/v1/applications/${seg(id)}/agreement.pdf`;
  },
  /** “同意并保存”: the applicant signs the agreement. */
  sign(id: number | string) {
    return request<ApplicationDetail>('POST', `/api/v1/applications/${seg(id)}/agreement`, { agree: true });
  },
  grants() {
    return request<{ items: Grant[] }>('GET', '/api/v1/grants');
  },
  grant(id: number | string) {
    return request<GrantDetail>('GET', `/api/v1/grants/${seg(id)}`);
  },
  uses(id: number | string) {
    return request<{ items: GrantUse[] }>('GET', `/api/v1/grants/${seg(id)}/uses`);
  },
  sanction(id: number | string, input: { action: SanctionAction; reason: string; rectify_by?: string }) {
    return request<Grant>('POST', `/api/v1/grants/${seg(id)}/sanctions`, input);
  },
  notice(id: number | string, input: { effective_on: string; reason: string }) {
    return request<Grant>('POST', `/api/v1/grants/${seg(id)}/notice`, input);
  },
  report(id: number | string, input: { kind: ReportKind; attachment_id: number; note: string }) {
    return request<{ id: number; action: string; at: string }>('POST', `/api/v1/grants/${seg(id)}/reports`, input);
  },
  /** The public list; null when the profile does not publish it (503). */
  async holders(): Promise<GrantHolder[] | null> {
    try {
      return (await request<{ items: GrantHolder[] }>('GET', '/api/v1/grant-holders')).items;
    } catch (err) {
      if (err instanceof ApiError && err.status === 503) return null;
      throw err;
    }
  },
  /** The public violations; null when the profile does not publish them (503). */
  async violations(): Promise<Violation[] | null> {
    try {
      return (await request<{ items: Violation[] }>('GET', '/api/v1/violations')).items;
    } catch (err) {
      if (err instanceof ApiError && err.status === 503) return null;
      throw err;
    }
  },
  reevaluations() {
    return request<{ items: Reevaluation[] }>('GET', '/api/v1/reevaluations').then((r) => r.items);
  },
  reevaluate(code: string, input: { conclusion: 'keep' | 'convert'; note: string }) {
    return request<{ entry_code: string; conclusion: string; on: string; due_on: string | null; next?: string }>(
      'POST',
      `/api/v1/entries/${seg(code)}/reevaluations`,
      input,
    );
  },
  /** A CSV or XLSX list, uploaded as it is. */
  importDishonestFile(query: { kind: DishonestKind; source: string; listed_on: string; name: string }, file: Blob) {
    return request<{ added: number; problems: string[] }>('POST', `/api/v1/dishonest-lists/file${queryString(query)}`, file);
  },
  dishonestLists() {
    return request<{ items: DishonestList[] }>('GET', '/api/v1/dishonest-lists');
  },
  setGrade(input: { user_id?: number; org_id?: number; grade: string; evidence: GradeEvidence }) {
    return request<{ name: string; grade: string; graded_on: string }>('POST', '/api/v1/user-grades', input);
  },
  grades() {
    return request<{ items: GradedUser[] }>('GET', '/api/v1/user-grades');
  },
  gradeChanges() {
    return request<{ items: GradeChange[] }>('GET', '/api/v1/user-grades/changes');
  },
  myGrade() {
    return request<MyGrade>('GET', '/api/v1/me/grade');
  },
  applyForGrade(input: GradeApplicationInput) {
    return request<Case>('POST', '/api/v1/grade-applications', input);
  },
  /** An action on a grading case; approving the rating decides the grade with the experts' opinion. */
  actOnGrading(id: number, input: { action: string; comment?: string; grade?: string; expert_opinion?: string }) {
    return request<CaseDetail>('POST', `/api/v1/grade-applications/${seg(id)}/actions`, input);
  },
};

// Whether the public list of holders exists here: asked once per page load (200 or 503).
let holdersPublished: Promise<boolean> | null = null;
export function holdersPublishedOnce(): Promise<boolean> {
  if (!holdersPublished) {
    holdersPublished = applyApi.holders().then(
      (items) => items !== null,
      () => {
        holdersPublished = null; // a network failure: ask again next time
        return false;
      },
    );
  }
  return holdersPublished;
}
