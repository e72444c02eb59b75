// Code samples of a dataset's API tab (issue 12 item 6): the same query — the dataset's rows,
// optionally filtered by $where — in curl, Python (requests and pandas), JavaScript (fetch) and R,
// with the absolute URLs of this deployment. Pure functions: the tab renders them, the browser
// test runs them.
import { dataApi } from '../api';
import { shellQuote } from '../dataQuery';

export type SampleLang = 'shell' | 'python' | 'javascript' | 'r';

export interface Sample {
  /** Stable key: data-testid="api-sample-{key}". */
  key: 'native' | 'python' | 'pandas' | 'javascript' | 'r' | 'soda' | 'download';
  lang: SampleLang;
  text: string;
}

export interface SampleQuery {
  /** The site's origin, e.g. http://127.0.0.1:8080. */
  origin: string;
  code: string;
  /** A $where condition on the key column (in the query language), or none. */
  where?: string;
  limit: number;
}

/** A string literal that Python, JavaScript and R all read back as `s` (JSON's quoting). */
function quoted(s: string): string {
  return JSON.stringify(s);
}

/** The rows query's parameters in order: $where when given, then $limit. */
function params(q: SampleQuery): [string, string][] {
  const out: [string, string][] = [];
  if (q.where) out.push(['$where', q.where]);
  out.push(['$limit', String(q.limit)]);
  return out;
}

/** An absolute URL of `path` with the query's parameters encoded. */
function withParams(q: SampleQuery, path: string): string {
  const u = new URL(path, q.origin);
  for (const [k, v] of params(q)) u.searchParams.set(k, v);
  return u.toString();
}

/** Every sample of the dataset's API tab, in the order shown. */
export function datasetSamples(q: SampleQuery): Sample[] {
  const rowsUrl = q.origin + dataApi.rowsPath(q.code, {});
  const csvUrl = withParams(q, `${dataApi.rowsPath(q.code, {})}.csv`);
  const jsonUrl = withParams(q, dataApi.rowsPath(q.code, {}));
  const curl = [`curl -G ${shellQuote(rowsUrl)}`];
  for (const [k, v] of params(q)) curl.push(`  --data-urlencode ${shellQuote(`${k}=${v}`)}`);

  const pyParams = params(q)
    .map(([k, v]) => `    ${quoted(k)}: ${k === '$limit' ? v : quoted(v)},`)
    .join('\n');
  const python = [
    'import requests',
    '',
    `url = ${quoted(rowsUrl)}`,
    'params = {',
    pyParams,
    '}',
    '# 使用 API 密钥时：headers={"X-Api-Key": "你的密钥"}',
    'resp = requests.get(url, params=params, timeout=30)',
    'resp.raise_for_status()',
    'data = resp.json()',
    'print(data["total"], "行")',
    'for row in data["rows"]:',
    '    print(row)',
  ].join('\n');

  const pandas = [
    'import pandas as pd',
    '',
    '# rows.csv 返回与数据接口相同的查询结果（CSV，UTF-8）',
    `df = pd.read_csv(${quoted(csvUrl)})`,
    'print(df.head())',
  ].join('\n');

  const jsParams = params(q)
    .map(([k, v]) => `url.searchParams.set(${quoted(k)}, ${quoted(v)});`)
    .join('\n');
  const javascript = [
    `const url = new URL(${quoted(rowsUrl)});`,
    jsParams,
    "// 使用 API 密钥时：fetch(url, { headers: { 'X-Api-Key': '你的密钥' } })",
    'const res = await fetch(url);',
    'if (!res.ok) throw new Error(`HTTP ${res.status}`);',
    'const { columns, rows, total } = await res.json();',
    'console.log(total, columns, rows);',
  ].join('\n');

  const r = [
    'library(jsonlite)',
    '',
    '# 查询条件已编码在地址中',
    `url <- ${quoted(jsonUrl)}`,
    'res <- fromJSON(url)',
    'df <- res$rows',
    'head(df)',
  ].join('\n');

  return [
    { key: 'native', lang: 'shell', text: curl.join(' \\\n') },
    { key: 'python', lang: 'python', text: python },
    { key: 'pandas', lang: 'python', text: pandas },
    { key: 'javascript', lang: 'javascript', text: javascript },
    { key: 'r', lang: 'r', text: r },
    {
      key: 'soda',
      lang: 'shell',
      text: [`curl -G ${shellQuote(q.origin + dataApi.sodaPath(q.code))}`, `  --data-urlencode ${shellQuote('$limit=10')}`].join(
        ' \\\n',
      ),
    },
    {
      key: 'download',
      lang: 'shell',
      text: `curl -fL -o ${shellQuote(`${q.code}.csv`)} ${shellQuote(q.origin + dataApi.downloadUrl(q.code, 'csv'))}`,
    },
  ];
}
