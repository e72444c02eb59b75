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
  /** The open-data licence version the user accepted (ACC-1), and when. */
  licence_version?: string | null;
  licence_accepted_at?: string | null;
  csrf_token?: string;
}

/** Who may download unconditional data (ACC-1). */
export type DownloadRule = 'anonymous' | 'registered' | 'verified';
/** What the caller lacks before downloading: the server's error code for it. */
export type AccessMissing = 'login_required' | 'verification_required' | 'licence_required';
export const ACCESS_CODES: readonly string[] = ['login_required', 'verification_required', 'licence_required'];

/** GET /api/v1/licence: the open-data licence and where the caller stands. */
export interface Licence {
  version: string;
  title: string;
  effective: string;
  text: string;
  download_rule: DownloadRule | string;
  require_licence: boolean;
  preview_rows: number;
  may_download: boolean;
  missing?: AccessMissing | string;
  accepted?: boolean;
  accepted_version?: string | null;
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
  /** For invalid_query: the query parameter at fault ($where, $order…) and the 1-based position in it. */
  readonly parameter?: string;
  readonly position?: number;
  /** For refusals of the access decision: what the user can do (login, verify, accept_licence, apply, contact_provider, none). */
  readonly action?: string;

  constructor(
    status: number,
    code: string,
    message: string,
    field?: string,
    detail?: { parameter?: string; position?: number; action?: string },
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.parameter = detail?.parameter;
    this.position = detail?.position;
    this.action = detail?.action;
  }
}

let csrfToken: string | null = null;
/** The language the server writes its error messages in: the UI's language (set by i18n.tsx). */
let requestLanguage = 'zh-CN';

/** Asks the server for error messages in the UI's language ('zh' | 'en'). */
export function setRequestLanguage(lang: 'zh' | 'en'): void {
  requestLanguage = lang === 'en' ? 'en' : 'zh-CN';
}

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
  let detail: { parameter?: string; position?: number; action?: string } | undefined;
  try {
    const body = (await res.json()) as {
      error?: { code?: string; message?: string; field?: string; parameter?: string; position?: number; action?: string };
    };
    if (body && body.error) {
      code = body.error.code || code;
      message = body.error.message || '';
      field = body.error.field || undefined;
      detail = {
        parameter: body.error.parameter || undefined,
        position: typeof body.error.position === 'number' ? body.error.position : undefined,
        action: body.error.action || undefined,
      };
    }
  } catch {
    // Not JSON (e.g. a proxy error page): keep the generic code; the UI words it.
  }
  return new ApiError(res.status, code, message, field, detail);
}

/** A request body that is not JSON: raw text with its type (e.g. a TOML file). */
export class TextBody {
  constructor(
    readonly text: string,
    readonly type = 'text/plain; charset=utf-8',
  ) {}
}

async function send(method: string, path: string, body?: unknown, accept = 'application/json'): Promise<Response> {
  // The UI's language, not the browser's: a Chinese page never shows an English error.
  const headers: Record<string, string> = { Accept: accept, 'Accept-Language': requestLanguage };
  let payload: string | Blob | undefined;
  if (body instanceof TextBody) {
    headers['Content-Type'] = body.type;
    payload = body.text;
  } else if (body instanceof Blob) {
    // A file sent as it is (e.g. the materials of an application, web/src/apply/).
    headers['Content-Type'] = body.type || 'application/octet-stream';
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  try {
    return await fetch(path, { method, headers, credentials: 'same-origin', body: payload });
  } catch {
    throw new ApiError(0, 'network', '');
  }
}

/** One request; a stale CSRF token is renewed once through GET /me. Errors are ApiError. */
export async function requestRaw(method: string, path: string, body?: unknown, accept?: string): Promise<Response> {
  let res = await send(method, path, body, accept);
  // A 403 on a state-changing request may mean our CSRF token is stale (e.g. the session
  // was renewed in another tab): fetch it again from /me once and retry.
  if (res.status === 403 && UNSAFE.has(method) && path !== '/api/v1/auth/login') {
    const err = await parseError(res.clone());
    if (/csrf/i.test(err.code)) {
      const me = await send('GET', '/api/v1/me');
      if (me.ok) {
        const user = (await me.json()) as User;
        setCsrfToken(user.csrf_token);
        res = await send(method, path, body, accept);
      }
    }
  }
  if (!res.ok) throw await parseError(res);
  return res;
}

/** A JSON request (or a TextBody or a Blob) answered with JSON, or nothing for 204. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await requestRaw(method, path, body);
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
  /** Who is here: the user, or null for a visitor (answered 200 either way, no 401 logged). */
  async session() {
    const { user } = await request<{ user: User | null }>('GET', '/api/v1/auth/session');
    setCsrfToken(user?.csrf_token ?? null);
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
  licence() {
    return request<Licence>('GET', '/api/v1/licence');
  },
  /** Accepts the licence of this version; 409 when a newer one is in force. */
  acceptLicence(version: string) {
    return request<User>('POST', '/api/v1/me/licence', { version });
  },
};

// ---------------------------------------------------------------------------------------
// Catalog (CAT-1, CAT-2, CAT-6), history (CAT-3), ingestion (PUB-1) and versions (PUB-3).

export type DataType = 'table' | 'file' | 'api';
export type UpdateFrequency =
  | 'realtime'
  | 'daily'
  | 'weekly'
  | 'monthly'
  | 'quarterly'
  | 'halfyearly'
  | 'yearly'
  | 'irregular';
export type OpenAttribute = 'unconditional' | 'conditional' | 'not_open';
export type ShareAttribute = 'unconditional' | 'conditional' | 'none';
export type SecurityLevel = 'L1' | 'L2' | 'L3' | 'L4';
export type EntryState = 'draft' | 'submitted' | 'published' | 'suspended' | 'withdrawn';
export type FieldType = 'integer' | 'decimal' | 'boolean' | 'date' | 'datetime' | 'text';
export type FieldCheck = '' | 'id_number' | 'uscc';

/** One column of an entry's data dictionary (CAT-2). */
export interface Field {
  name: string;
  label: string;
  type: FieldType;
  length: number | null;
  nullable: boolean;
  key: boolean;
  description: string;
  unit: string;
  allowed_values: string[];
  pattern: string;
  /** Inclusive bounds: a number or an ISO date/datetime, by type. */
  min: string | number | null;
  max: string | number | null;
  security_grade: SecurityLevel | string;
  check: FieldCheck | string;
  mask_rule: string;
  /** The recorded basis for publishing this field's personal data as it is (CLS-6): the
   * subjects' consent or the law that orders publication; "" for none. */
  consent_basis?: string;
}

/** The editable part of a catalog entry: what POST and PUT /entries take. */
export interface EntryInput {
  code: string;
  name: string;
  summary: string;
  provider_id?: number;
  department: string;
  domain: string;
  keywords: string[];
  region_code: string;
  formats: string[];
  data_type: DataType | string;
  update_frequency: UpdateFrequency | string;
  open_attribute: OpenAttribute | string;
  open_conditions: string;
  legal_basis: string;
  share_attribute: ShareAttribute | string;
  share_conditions: string;
  security_level: SecurityLevel | string;
  usage_requirements: string;
  source_system: string;
  contact: string;
  database_group: string;
  contains_personal_data: boolean;
  fields?: Field[];
}

/** A catalog entry (CAT-1); `fields` only in the single-entry answer. */
export interface Entry extends EntryInput {
  id: number;
  provider_id: number;
  provider_name: string;
  /** Industry and social data (CAT-7): the provider is an enterprise, university or institute. */
  non_government?: boolean;
  provider_kind?: string;
  region_name: string;
  state: EntryState | string;
  revision: number;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  published_version_id: number | null;
  next_update_due: string | null;
  downloads: number;
  row_count: number | null;
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export const FACETS = ['provider', 'domain', 'open', 'format', 'freq', 'region'] as const;
export type FacetName = (typeof FACETS)[number];
export type CatalogSort = 'relevance' | 'updated' | 'downloads';

export interface CatalogQuery {
  q?: string;
  provider?: string;
  domain?: string;
  open?: string;
  format?: string;
  freq?: string;
  region?: string;
  sort?: CatalogSort;
  page?: number;
  size?: number;
}

export interface CatalogPage {
  total: number;
  page: number;
  size: number;
  items: Entry[];
  facets: Partial<Record<FacetName, FacetValue[]>>;
}

export interface Change {
  path: string;
  before: unknown;
  after: unknown;
}

export interface HistoryItem {
  revision: number;
  at: string;
  actor: string;
  action: string;
  reason: string;
  changes: Change[];
}

export interface Diff {
  from: number;
  to: number;
  changes: Change[];
}

export type UploadMode = 'reject' | 'quarantine';
export type JobState = 'queued' | 'running' | 'succeeded' | 'rejected' | 'failed';

export interface RowError {
  row: number;
  column: string;
  reason: string;
}

export interface IngestReport {
  rows_read: number;
  accepted: number;
  rejected: number;
  mode: UploadMode | string;
  format: string;
  encoding: string;
  delimiter: string;
  sheet: string;
  sha256: string;
  errors: RowError[];
  /** A proposal's notes (e.g. the one bad value of a date column, by row; never its content). */
  inference_notes?: { column: string; row: number; message: string }[];
}

export interface Job {
  id: number | string;
  entry_code: string;
  state: JobState | string;
  rows_read: number;
  accepted: number;
  rejected: number;
  /** null once the job has ended. */
  bytes_read: number | null;
  total_bytes: number | null;
  percent: number;
  rows_per_s: number;
  message: string;
  version_id: number | null;
  report: IngestReport | null;
  proposed_fields: Field[] | null;
  /** A proposal whose file is still kept: "adopt and import" needs no second upload. */
  adoptable?: boolean;
}

export type VersionState = 'ready' | 'published' | 'superseded';

export interface Version {
  id: number;
  number: number;
  state: VersionState | string;
  row_count: number;
  rejected_count: number;
  columns: string[];
  encoding: string;
  format: string;
  created_at: string;
  published_at: string | null;
  /**
   * Provenance, for the entry's staff only: the server leaves these out for everyone else (the
   * uploader's account name and the file's hash are not public).
   */
  sha256?: string;
  source_name?: string;
  created_by?: string;
  report?: IngestReport | null;
  /** A desensitized copy was made at publication (MSK-4). */
  desensitized?: boolean;
}

/** Kinds of personal data the scan recognises (MSK-2). */
export type SensitiveKind =
  | 'id_number'
  | 'mobile'
  | 'landline'
  | 'email'
  | 'bank_card'
  | 'credit_code'
  | 'plate'
  | 'passport'
  | 'name'
  | 'address'
  | 'ip'
  | 'gps'
  | 'birth_date';

export interface ScanItem {
  column: string;
  kind: SensitiveKind | string | null;
  /** 0..1 */
  confidence: number;
  /** 0..1: part of the sampled values detected as `kind`. */
  share?: number;
  /** The kind describes a person (every kind but credit_code). */
  personal?: boolean;
  suggested_rule: string;
  /** The grade proposed for a column of this kind ("L3", "L4"; "" for none). */
  suggested_grade?: string;
}

export interface MaskPreviewInput {
  version_id?: number;
  /** Column → rule text; "" for no rule. Columns left out keep the dictionary's rule. */
  rules?: Record<string, string>;
  quasi_identifiers?: string[];
  k?: number;
  limit?: number;
}

export interface KAnonymity {
  k: number;
  smallest_class: number;
  rows_below_k: number;
  classes: number;
  satisfied: boolean;
}

export interface MaskPreview {
  version_id: number;
  columns: string[];
  rules: Record<string, string>;
  before: unknown[][];
  after: unknown[][];
  k_anonymity?: KAnonymity;
}

export interface Preview {
  columns: string[];
  rows: Record<string, unknown>[];
  version_id?: number | null;
}

const seg = (s: string | number) => encodeURIComponent(String(s));

export function queryString(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const catalogApi = {
  search(query: CatalogQuery) {
    return request<CatalogPage>('GET', `/api/v1/catalog${queryString({ ...query })}`);
  },
  /** Open entries of the caller's organisations due for an update within `days`, most overdue first. */
  due(days: number) {
    return request<{ items: Entry[] }>('GET', `/api/v1/catalog/due?within_days=${days}`);
  },
  myEntries() {
    return request<{ items: Entry[] }>('GET', '/api/v1/entries?mine=1');
  },
  getEntry(code: string) {
    return request<Entry>('GET', `/api/v1/entries/${seg(code)}`);
  },
  createEntry(input: EntryInput) {
    return request<Entry>('POST', '/api/v1/entries', input);
  },
  updateEntry(code: string, input: EntryInput, reason: string) {
    return request<Entry>('PUT', `/api/v1/entries/${seg(code)}`, { ...input, reason });
  },
  putDictionary(code: string, fields: Field[], reason: string) {
    return request<Entry>('PUT', `/api/v1/entries/${seg(code)}/dictionary`, { fields, reason });
  },
  publishEntry(code: string, versionId?: number) {
    return request<Entry>(
      'POST',
      `/api/v1/entries/${seg(code)}/publish`,
      versionId === undefined ? {} : { version_id: versionId },
    );
  },
  suspendEntry(code: string, reason: string) {
    return request<Entry>('POST', `/api/v1/entries/${seg(code)}/suspend`, { reason });
  },
  restoreEntry(code: string, reason: string) {
    return request<Entry>('POST', `/api/v1/entries/${seg(code)}/restore`, { reason });
  },
  withdrawEntry(code: string, reason: string) {
    return request<Entry>('POST', `/api/v1/entries/${seg(code)}/withdraw`, { reason });
  },
  history(code: string) {
    return request<{ items: HistoryItem[] }>('GET', `/api/v1/entries/${seg(code)}/history`);
  },
  diff(code: string, from: number, to: number) {
    return request<Diff>(
      'GET',
      `/api/v1/entries/${seg(code)}/history/diff${queryString({ from, to })}`,
    );
  },
  versions(code: string) {
    return request<{ items: Version[] }>('GET', `/api/v1/entries/${seg(code)}/versions`);
  },
  scanVersion(code: string, versionId: number) {
    return request<{ items: ScanItem[] }>(
      'GET',
      `/api/v1/entries/${seg(code)}/versions/${seg(versionId)}/scan`,
    );
  },
  maskPreview(code: string, input: MaskPreviewInput) {
    return request<MaskPreview>('POST', `/api/v1/entries/${seg(code)}/mask-preview`, input);
  },
  publishVersion(code: string, versionId: number) {
    return request<unknown>('POST', `/api/v1/entries/${seg(code)}/versions/${seg(versionId)}/publish`, {});
  },
  preview(code: string, limit = 20, version?: number) {
    return request<Preview>(
      'GET',
      `/api/v1/entries/${seg(code)}/preview${queryString({ limit, version })}`,
    );
  },
  getJob(id: number | string) {
    return request<Job>('GET', `/api/v1/jobs/${seg(id)}`);
  },
  rejectedCsvUrl(id: number | string) {
    return `/api/v1/jobs/${seg(id)}/rejected.csv`;
  },
};

// ---------------------------------------------------------------------------------------
// The data API (DATA-1): rows of the published version, queried SoQL-style.

export interface DataColumn {
  name: string;
  type: FieldType | string;
}

export interface RowsPage {
  columns: DataColumn[];
  rows: Record<string, unknown>[];
  total: number;
}

/** Query parameters of GET /datasets/{code}/rows: `$select`, `$where`…, and `column=value`. */
export type RowsQuery = Record<string, string | number | undefined | null>;

export type DownloadFormat = 'csv' | 'json' | 'xlsx';

export const dataApi = {
  rowsPath(code: string, query: RowsQuery) {
    return `/api/v1/datasets/${seg(code)}/rows${queryString(query)}`;
  },
  rows(code: string, query: RowsQuery) {
    return request<RowsPage>('GET', dataApi.rowsPath(code, query));
  },
  downloadUrl(code: string, format: DownloadFormat, bom = false) {
    return `/api/v1/datasets/${seg(code)}/download${queryString({ format, bom: bom ? 1 : undefined })}`;
  },
  sodaPath(code: string) {
    return `/resource/${seg(code)}.json`;
  },
};

/** The most rows an XLSX sheet holds, less the header row. */
export const XLSX_MAX_ROWS = 1_048_575;

/** The largest upload the server takes (PUB-1). */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;

export interface UploadOptions {
  mode: UploadMode;
  filename: string;
  sheet?: string;
  /** Called as the browser sends the body: bytes sent so far and in all. */
  onProgress?: (sent: number, total: number) => void;
}

export interface UploadHandle {
  /** The ingest job the server queued (202). */
  done: Promise<Job>;
  abort: () => void;
}

function parseXhrError(xhr: XMLHttpRequest): ApiError {
  let code = `http_${xhr.status}`;
  let message = '';
  let field: string | undefined;
  try {
    const body = JSON.parse(xhr.responseText) as {
      error?: { code?: string; message?: string; field?: string };
    };
    if (body?.error) {
      code = body.error.code || code;
      message = body.error.message || '';
      field = body.error.field || undefined;
    }
  } catch {
    // Not JSON: keep the generic code.
  }
  return new ApiError(xhr.status, code, message, field);
}

/**
 * Sends a data file as the raw request body. XMLHttpRequest rather than fetch, because only
 * it reports upload progress. A stale CSRF token is renewed once, as request() does.
 */
export function uploadData(code: string, body: Blob, opts: UploadOptions): UploadHandle {
  let current: XMLHttpRequest | null = null;
  let aborted = false;
  const url =
    `/api/v1/entries/${seg(code)}/uploads` +
    queryString({ mode: opts.mode, filename: opts.filename, sheet: opts.sheet?.trim() || undefined });

  const once = () =>
    new Promise<XMLHttpRequest>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      current = xhr;
      xhr.open('POST', url);
      xhr.withCredentials = true;
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
      xhr.upload.onprogress = (e) => opts.onProgress?.(e.loaded, e.lengthComputable ? e.total : body.size);
      xhr.onload = () => resolve(xhr);
      xhr.onerror = () => reject(new ApiError(0, 'network', ''));
      xhr.onabort = () => reject(new ApiError(0, 'aborted', ''));
      xhr.send(body);
    });

  const done = (async () => {
    if (!csrfToken) await api.me().catch(() => undefined);
    let xhr = await once();
    if (xhr.status === 403 && /csrf/i.test(parseXhrError(xhr).code) && !aborted) {
      await api.me().catch(() => undefined);
      xhr = await once();
    }
    if (xhr.status < 200 || xhr.status >= 300) throw parseXhrError(xhr);
    return JSON.parse(xhr.responseText) as Job;
  })();

  return {
    done,
    abort: () => {
      aborted = true;
      current?.abort();
    },
  };
}

// ---------------------------------------------------------------------------------------
// Review workflows (issue 6): publication review and catalog change requests, as cases that
// move through the stages of the active policy profile, with deadlines in working days.

export type CaseType = 'publication' | 'catalog_change' | string;
export type CaseState = 'open' | 'returned' | 'waiting' | 'approved' | 'rejected' | 'closed' | 'withdrawn' | string;
export type CaseAction = 'approve' | 'reject' | 'return' | 'resubmit' | 'withdraw' | 'escalate' | string;

export interface CaseStage {
  key: string;
  label: string;
  assignee: string;
  deadline_wd: number;
  actions: CaseAction[];
  optional: boolean;
}

export interface Case {
  id: number;
  type: CaseType;
  title: string;
  subject_code: string;
  owner_org_id: number | null;
  state: CaseState;
  stage: CaseStage;
  stage_index: number;
  stages: CaseStage[];
  /** Who the case concerns; a user sees a case only through one of these roles. */
  parties?: CaseParty[];
  assignee_role: string;
  assignee_org_id: number | null;
  due_date: string | null;
  /** The procedure-wide deadline, when the profile sets one. */
  final_due_date?: string | null;
  /** The clock is stopped while the submitter corrects the materials (补正). */
  clock_stopped?: boolean;
  /** Negative: overdue by that many working days. */
  working_days_left: number | null;
  overdue: boolean;
  reminded_at: string | null;
  escalated_at: string | null;
  round: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  payload: {
    version_id?: number;
    entry_name?: string;
    kind?: 'modify' | 'delete' | string;
    reason?: string;
    entry?: Partial<Entry>;
    /** An update of a published entry (the updates feature, web/src/updates/). */
    update?: import('./updates/UpdateCaseCard').CaseUpdate;
  };
}

export interface CaseEvent {
  at: string;
  actor: string;
  action: string;
  action_label: string;
  stage_key: string;
  stage_label: string;
  comment: string;
  round: number;
}

export interface ConsistencyField {
  name: string;
  label: string;
  present: boolean;
  dictionary_type: string;
  data_type: string | null;
  type_matches: boolean;
  security_grade: string;
  mask_rule: string;
  rule_required: boolean;
  really_masked: boolean | null;
  /** What the detectors find in the stored values (null: no personal data). */
  detected_kind?: string | null;
  detected_kind_label?: string | null;
  /** What they find in the values as publication would serve them (after the rule). */
  published_kind?: string | null;
  published_kind_label?: string | null;
  published_share?: number | null;
  consent_basis?: string;
  /** Personal data would go out recognisable. */
  personal_data_out?: boolean;
  /** …and no basis is recorded: raw values would go out (red). */
  raw_values_out?: boolean;
}

export interface Consistency {
  version_id: number;
  version_number: number;
  row_count: number;
  rejected_count: number;
  consistent: boolean;
  extra_columns: string[];
  /** Columns outside the dictionary in which personal data would be published. */
  extra_personal_columns?: { name: string; kind: string | null; kind_label: string | null }[];
  /** Rows the personal-data detection read (first rows plus a spread of the rest). */
  sampled_rows?: number;
  personal_data_found?: boolean;
  /** The entry is flagged 含个人信息. */
  flagged_personal?: boolean;
  fields: ConsistencyField[];
}

export interface CaseParty {
  role: string;
  role_label: string;
  org_id: number | null;
  user_id: number | null;
  region: string;
}

/** An action the signed-in user may take on the case now, as the flow names it. */
export interface AllowedAction {
  code: string;
  label: string;
  needs_comment: boolean;
}

export interface CaseDetail extends Case {
  history: CaseEvent[];
  may_act: boolean;
  allowed_actions?: AllowedAction[];
  /** The flow's own panel (its kind and fields), or null. */
  panel?: Record<string, unknown> | null;
  consistency?: Consistency | null;
}

export interface CompletenessProblem {
  field: string;
  message: string;
}

export interface Completeness {
  complete: boolean;
  problems: CompletenessProblem[];
}

export type InboxKind = 'assigned' | 'reminder' | 'overdue' | 'escalated' | 'returned' | 'approved' | string;

export interface InboxItem {
  id: number;
  case_id: number | null;
  /** What the message is about: the case's subject or, for dataset_updated, the entry's code. */
  subject_code: string;
  kind: InboxKind;
  title: string;
  body: string;
  created_at: string;
  read: boolean;
}

export interface PolicyStage {
  key: string;
  label: string;
  assignee: string;
  assignee_label?: string;
  deadline_wd: number;
  optional: boolean;
}

export interface PolicyProcedure {
  key: string;
  label: string;
  enabled: boolean;
  stages: PolicyStage[];
}

export interface Policy {
  key: string;
  name: string;
  procedures: PolicyProcedure[];
}

export interface CaseQuery {
  type?: CaseType;
  entry?: string;
  assigned?: boolean;
  open?: boolean;
}

export const reviewApi = {
  completeness(code: string, versionId?: number) {
    return request<Completeness>(
      'GET',
      `/api/v1/entries/${seg(code)}/completeness${queryString({ version_id: versionId })}`,
    );
  },
  submit(code: string, input: { version_id: number; comment?: string; extra_reviews?: string[] }) {
    return request<Case>('POST', `/api/v1/entries/${seg(code)}/submit`, input);
  },
  changeRequest(
    code: string,
    input: { kind: 'modify' | 'delete'; entry?: Partial<Entry> | EntryInput; reason: string },
  ) {
    return request<Case>('POST', `/api/v1/entries/${seg(code)}/change-requests`, input);
  },
  cases(q: CaseQuery = {}) {
    return request<{ items: Case[] }>(
      'GET',
      `/api/v1/cases${queryString({
        type: q.type,
        entry: q.entry,
        assigned: q.assigned ? 1 : undefined,
        open: q.open ? 1 : undefined,
      })}`,
    );
  },
  getCase(id: number | string) {
    return request<CaseDetail>('GET', `/api/v1/cases/${seg(id)}`);
  },
  /** CAT-7: an enterprise, university or institute applies to publish its own data. */
  industryApplication(input: { org_id: number; description: string }) {
    return request<Case>('POST', '/api/v1/industry-applications', input);
  },
  act(id: number | string, input: { action: CaseAction; comment: string; version_id?: number }) {
    return request<Case>('POST', `/api/v1/cases/${seg(id)}/actions`, input);
  },
  inbox(unread = false) {
    return request<{ items: InboxItem[]; unread: number }>(
      'GET',
      `/api/v1/me/inbox${queryString({ unread: unread ? 1 : undefined })}`,
    );
  },
  markRead(id: number) {
    return request<void>('POST', `/api/v1/me/inbox/${seg(id)}/read`);
  },
  policy() {
    return request<Policy>('GET', '/api/v1/policy');
  },
};
