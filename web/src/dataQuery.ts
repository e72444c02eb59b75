// Building data-API queries from the dataset page's address (DATA-1): the table preview,
// the charts and the API samples share one set of filters, kept in the query string.
//   q=…            free text ($q)
//   sort=col|-col  $order, ascending or descending
//   page=, size=   $offset / $limit
//   eq.<col>=v     equality (column=value)
//   ge.<col>=v, le.<col>=v   numeric or date range ($where with BETWEEN, >= or <=)
import type { DataColumn, RowsQuery } from './api';

export const PAGE_SIZES = [20, 50, 100];
export const DEFAULT_PAGE_SIZE = 20;

/** The column kinds that take a range filter rather than equality. */
export function isRangeType(type: string): boolean {
  return type === 'integer' || type === 'decimal' || type === 'date' || type === 'datetime';
}

export function isNumericType(type: string): boolean {
  return type === 'integer' || type === 'decimal';
}

export function isDateType(type: string): boolean {
  return type === 'date' || type === 'datetime';
}

/** An identifier in backticks (a backtick inside is doubled). */
export function ident(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}

/** A string literal in single quotes (a single quote inside is doubled). */
export function quote(value: string): string {
  return "'" + value.replace(/'/g, "''") + "'";
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;

/** Whether v is a valid bound for a column of this type. */
export function validBound(type: string, v: string): boolean {
  if (isNumericType(type)) return NUMBER.test(v.trim());
  if (isDateType(type)) return DATE.test(v.trim());
  return true;
}

/** A literal for a column of this type: numbers as they are (once checked), the rest quoted. */
export function literal(type: string, v: string): string {
  const s = v.trim();
  return isNumericType(type) && NUMBER.test(s) ? s : quote(s);
}

export interface Filter {
  column: string;
  /** eq: value; range: from and/or to. */
  eq?: string;
  ge?: string;
  le?: string;
}

export interface TableState {
  q: string;
  sort: { column: string; desc: boolean } | null;
  page: number;
  size: number;
  filters: Filter[];
}

export function readState(params: URLSearchParams): TableState {
  const sortParam = params.get('sort') ?? '';
  const sort = sortParam
    ? { column: sortParam.replace(/^-/, ''), desc: sortParam.startsWith('-') }
    : null;
  const size = Number(params.get('size'));
  const page = Number(params.get('page'));
  const byColumn = new Map<string, Filter>();
  for (const [k, v] of params) {
    const m = /^(eq|ge|le)\.(.+)$/.exec(k);
    if (!m || v === '') continue;
    const column = m[2];
    const f = byColumn.get(column) ?? { column };
    f[m[1] as 'eq' | 'ge' | 'le'] = v;
    byColumn.set(column, f);
  }
  return {
    q: params.get('q') ?? '',
    sort,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    size: PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE_SIZE,
    filters: [...byColumn.values()],
  };
}

/** A copy of params with the table state written into it (other keys kept). */
export function writeState(params: URLSearchParams, s: TableState): URLSearchParams {
  const next = new URLSearchParams();
  for (const [k, v] of params) {
    if (['q', 'sort', 'page', 'size'].includes(k) || /^(eq|ge|le)\./.test(k)) continue;
    next.append(k, v);
  }
  if (s.q) next.set('q', s.q);
  if (s.sort) next.set('sort', (s.sort.desc ? '-' : '') + s.sort.column);
  if (s.page > 1) next.set('page', String(s.page));
  if (s.size !== DEFAULT_PAGE_SIZE) next.set('size', String(s.size));
  for (const f of s.filters) {
    if (f.eq !== undefined) next.set(`eq.${f.column}`, f.eq);
    if (f.ge !== undefined) next.set(`ge.${f.column}`, f.ge);
    if (f.le !== undefined) next.set(`le.${f.column}`, f.le);
  }
  return next;
}

/** The $where for the range filters (equality goes as column=value), or undefined. */
export function whereClause(filters: Filter[], columns: DataColumn[]): string | undefined {
  const types = new Map(columns.map((c) => [c.name, c.type]));
  const parts: string[] = [];
  for (const f of filters) {
    const type = types.get(f.column) ?? 'text';
    const id = ident(f.column);
    if (f.ge !== undefined && f.le !== undefined) {
      parts.push(`${id} BETWEEN ${literal(type, f.ge)} AND ${literal(type, f.le)}`);
    } else if (f.ge !== undefined) {
      parts.push(`${id} >= ${literal(type, f.ge)}`);
    } else if (f.le !== undefined) {
      parts.push(`${id} <= ${literal(type, f.le)}`);
    }
  }
  return parts.length ? parts.join(' AND ') : undefined;
}

/** The filtering part of a rows query: $q, $where and column=value. */
export function filterQuery(s: TableState, columns: DataColumn[]): RowsQuery {
  const query: RowsQuery = { $q: s.q || undefined, $where: whereClause(s.filters, columns) };
  for (const f of s.filters) if (f.eq !== undefined) query[f.column] = f.eq;
  return query;
}

/** The whole rows query for one page of the table. */
export function tableQuery(s: TableState, columns: DataColumn[]): RowsQuery {
  return {
    ...filterQuery(s, columns),
    $order: s.sort ? `${ident(s.sort.column)} ${s.sort.desc ? 'DESC' : 'ASC'}` : undefined,
    $limit: s.size,
    $offset: (s.page - 1) * s.size,
  };
}

/** A word for the shell inside double quotes ($, `, " and \ escaped). */
export function shellQuote(s: string): string {
  return '"' + s.replace(/[\\"$`]/g, '\\$&') + '"';
}
