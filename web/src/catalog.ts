// Vocabulary of the catalog (CAT-1, CAT-2) shared by the catalog, dataset and console pages:
// the enumerated values in their display order, tag colours, and small formatters.
import dayjs from 'dayjs';
import type { Entry, EntryInput, Field, User } from './api';
import type { MessageKey } from './messages';

export const DATA_TYPES = ['table', 'file', 'api'];
export const FREQUENCIES = [
  'realtime',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'halfyearly',
  'yearly',
  'irregular',
];
export const OPEN_ATTRIBUTES = ['unconditional', 'conditional', 'not_open'];
export const SHARE_ATTRIBUTES = ['unconditional', 'conditional', 'none'];
export const SECURITY_LEVELS = ['L1', 'L2', 'L3', 'L4'];
export const ENTRY_STATES = ['draft', 'submitted', 'published', 'suspended', 'withdrawn'];
export const FIELD_TYPES = ['text', 'integer', 'decimal', 'boolean', 'date', 'datetime'];
export const FIELD_CHECKS = ['', 'id_number', 'uscc'];
export const BASIC_DATABASES = [
  'basic:population',
  'basic:legal_entity',
  'basic:natural_resources',
  'basic:e_license',
  'basic:credit',
];
/** The domains (领域) of the demo city; the field takes any other text too. */
export const DOMAINS = [
  '交通',
  '教育',
  '医疗卫生',
  '市场监管',
  '生态环境',
  '气象',
  '文化旅游',
  '社会保障',
  '城市建设',
  '农业农村',
  '公共安全',
  '财税金融',
  '科技创新',
  '民生服务',
  '资源能源',
  '机构团体',
];
export const FORMATS = ['csv', 'xlsx', 'json', 'xml', 'api', 'pdf', 'shp'];

/** Dictionary attributes by the message that names them. */
export const FIELD_ATTR_LABELS: Record<string, MessageKey> = {
  name: 'field.name',
  label: 'field.label',
  type: 'field.type',
  length: 'field.length',
  nullable: 'field.nullable',
  key: 'field.key',
  description: 'field.description',
  unit: 'field.unit',
  allowed_values: 'field.allowedValues',
  pattern: 'field.pattern',
  min: 'field.min',
  max: 'field.max',
  security_grade: 'field.securityGrade',
  check: 'field.check',
  mask_rule: 'field.maskRule',
  consent_basis: 'field.consentBasis',
};

export const OPEN_COLORS: Record<string, string> = {
  unconditional: 'green',
  conditional: 'gold',
  not_open: 'red',
};
export const STATE_COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  published: 'success',
  suspended: 'warning',
  withdrawn: 'error',
};
export const VERSION_COLORS: Record<string, string> = {
  ready: 'processing',
  published: 'success',
  superseded: 'default',
};
export const SECURITY_COLORS: Record<string, string> = {
  L1: 'green',
  L2: 'blue',
  L3: 'orange',
  L4: 'red',
};

/** A date-only rendering of a server timestamp or date; '' when there is none. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD') : iso;
}

/** 1234567 → "1,234,567" (digits grouped the same way in both languages). */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '';
  return n.toLocaleString('en-US');
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v.toFixed(v >= 100 ? 0 : 1)} ${units[i]}`;
}

/** A dictionary row as the editor starts it. */
export function emptyField(): Field {
  return {
    name: '',
    label: '',
    type: 'text',
    length: null,
    nullable: true,
    key: false,
    description: '',
    unit: '',
    allowed_values: [],
    pattern: '',
    min: null,
    max: null,
    security_grade: 'L1',
    check: '',
    mask_rule: '',
    consent_basis: '',
  };
}

/** Fills what an older or partial answer leaves out, so the pages can rely on the shape. */
export function normalizeField(f: Partial<Field>): Field {
  return { ...emptyField(), ...f, allowed_values: f.allowed_values ?? [] };
}

export function emptyEntryInput(): EntryInput {
  return {
    code: '',
    name: '',
    summary: '',
    department: '',
    domain: '',
    keywords: [],
    region_code: '',
    formats: ['csv'],
    data_type: 'table',
    update_frequency: 'monthly',
    open_attribute: 'unconditional',
    open_conditions: '',
    legal_basis: '',
    share_attribute: 'unconditional',
    share_conditions: '',
    security_level: 'L1',
    usage_requirements: '',
    source_system: '',
    contact: '',
    database_group: '',
    contains_personal_data: false,
    fields: [],
  };
}

/** The editable part of an entry, as PUT /entries/{code} takes it back. */
export function entryToInput(e: Entry): EntryInput {
  const base = emptyEntryInput();
  const out: EntryInput = { ...base };
  for (const k of Object.keys(base) as (keyof EntryInput)[]) {
    const v = e[k];
    if (v !== undefined && v !== null) (out as unknown as Record<string, unknown>)[k] = v;
  }
  out.provider_id = e.provider_id;
  out.fields = (e.fields ?? []).map(normalizeField);
  return out;
}

export function hasRole(user: User | null | undefined, ...roles: string[]): boolean {
  return !!user && user.roles.some((r) => roles.includes(r));
}

/** May this user change the entry and upload its data (admin, or staff of its provider)? */
export function canManage(user: User | null | undefined, entry: Entry | undefined): boolean {
  if (!user || !entry) return false;
  if (hasRole(user, 'admin')) return true;
  return hasRole(user, 'provider') && user.orgs.some((o) => o.org_id === entry.provider_id);
}

/** May this user see every version of the entry (the provider's staff and the authority)? */
export function canSeeVersions(user: User | null | undefined, entry: Entry | undefined): boolean {
  return canManage(user, entry) || hasRole(user, 'authority');
}

/**
 * A history value as data: the server may send each value as its JSON text ("\"公交\"" for
 * the string 公交), or as the value itself; both come out the same.
 */
export function historyValue(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

/** A JSON value of a history change in words: strings as they are, the rest as JSON. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * Where a path into an entry's dictionary points. Paths name a field by position or by name:
 * "fields[2].pattern", "fields.2.pattern" and "fields/2/pattern" give {index: 2, key: "pattern"};
 * "fields[票价].unit" gives {name: "票价", key: "unit"}; other paths give null.
 */
export function parseFieldPath(
  path: string | undefined,
): { index?: number; name?: string; key?: string } | null {
  if (!path) return null;
  const m = /^\/?fields(?:\[([^\]]*)\]|[./](\d+))(?:[./]([A-Za-z_]+))?$/.exec(path);
  if (!m) return null;
  const inner = m[1] ?? m[2];
  return /^\d+$/.test(inner) ? { index: Number(inner), key: m[3] } : { name: inner, key: m[3] };
}
