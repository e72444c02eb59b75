// The dataset page's data views (DATA-1): a table preview driven by the data API with
// server-side paging, sorting and filters; charts and (for data with coordinates) a map, both
// of the rows the table's search and filters select; downloads; ready-to-copy API samples.
// Search, sort, filters, page and the chosen tab live in the address.
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { Alert, App, Button, Empty, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import type { SorterResult } from 'antd/es/table/interface';
import {
  ApiOutlined,
  BarChartOutlined,
  CopyOutlined,
  DownloadOutlined,
  EnvironmentOutlined,
  FilterOutlined,
  TableOutlined,
} from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ApiError, dataApi, XLSX_MAX_ROWS } from '../api';
import type { DataColumn, Entry, Licence, RowsPage } from '../api';
import { useAuth } from '../auth';
import AccessNotice, { AccessAction, isAccessCode } from './AccessNotice';
import { useI18n } from '../i18n';
import CellValue from './CellValue';
import { useLoad } from '../useLoad';
import { copyText } from '../clipboard';
import { formatCount } from '../catalog';
import {
  filterQuery,
  isDateType,
  isRangeType,
  literal,
  PAGE_SIZES,
  readState,
  tableQuery,
  validBound,
  writeState,
} from '../dataQuery';
import type { Filter, TableState } from '../dataQuery';
import ErrorAlert from './ErrorAlert';
import { datasetSamples } from '../apidocs/samples';
import type { MessageKey } from '../messages';
import PageLoading from './PageLoading';
import { coordinateFields, MapTab, MAP_TAB_ROWS } from './MapCard';
import { ApplyAction, useConditionalDownloadRefusal } from '../apply/DatasetApply';

const DataChart = lazy(() => import('./DataChart'));

export interface LabelledColumn extends DataColumn {
  label: string;
}

type TabKey = 'table' | 'chart' | 'map' | 'download' | 'api';
const TABS: TabKey[] = ['table', 'chart', 'map', 'download', 'api'];

/** The columns, typed and labelled from the dictionary, or from the data API's answer. */
function labelledColumns(entry: Entry, page: RowsPage | undefined): LabelledColumn[] {
  let fields = entry.fields ?? [];
  // A grant of conditional data may cover some fields only: the data API answers those.
  if (entry.open_attribute === 'conditional' && page?.columns?.length) {
    const served = new Set(page.columns.map((c) => c.name));
    fields = fields.filter((f) => served.has(f.name));
  }
  if (fields.length) return fields.map((f) => ({ name: f.name, type: f.type, label: f.label || f.name }));
  return (page?.columns ?? []).map((c) => ({ ...c, label: c.name }));
}

/** Where the caller stands on downloads (ACC-1), or undefined while unknown or for other data. */
function useAccess(entry: Entry): Licence | undefined {
  const { user } = useAuth();
  const load = useCallback(() => api.licence(), []);
  const who = user === undefined ? 'pending' : `${user?.id ?? ''}:${user?.licence_version ?? ''}:${user?.real_name_verified ?? ''}`;
  const licence = useLoad(load, who);
  // The licence rule is about unconditionally open data; the rest has rules of its own.
  if (entry.open_attribute !== 'unconditional' || user === undefined) return undefined;
  return licence.data;
}

// The access decision's `action` for a refusal, as the link that does it: log in, verify the
// real name, accept the licence, or see whom to contact (the provider's page). Nothing for
// `none`, and nothing that promises a procedure the server did not offer.
const ACTION_CODES: Record<string, string> = {
  login: 'login_required',
  verify: 'verification_required',
  accept_licence: 'licence_required',
};

function RefusalAction({ action, entry }: { action?: string; entry: Entry }) {
  const { t } = useI18n();
  if (action && ACTION_CODES[action]) return <AccessAction code={ACTION_CODES[action]} />;
  // Conditional data: the application wizard (web/src/apply/), where this server takes them.
  if (action === 'apply') return <ApplyAction entry={entry} />;
  if (action === 'contact_provider') {
    return (
      <Link to={`/providers/${entry.provider_id}`} data-testid="access-action" className="link-button small primary">
        {t('access.action.contact_provider', { name: entry.provider_name })}
      </Link>
    );
  }
  return null;
}

/**
 * The heading over a refusal: what applies to this entry under the profile's own names (never an
 * offer to apply over data that is not open). Not open: 此数据不予开放 (禁止开放 under lishui);
 * conditional: 此数据有条件开放 (受限开放); otherwise the generic heading.
 */
function refusalHeading(entry: Entry, t: ReturnType<typeof useI18n>['t'], openLabel: string): string {
  if (entry.open_attribute === 'not_open') return t('data.heading.notOpen', { label: openLabel });
  if (entry.open_attribute === 'conditional') return t('data.heading.conditional', { label: openLabel });
  return t('data.restricted');
}

export default function DataSection({ entry }: { entry: Entry }) {
  const { t, label } = useI18n();
  const access = useAccess(entry);
  const [params, setParams] = useSearchParams();
  const state = readState(params);
  const hasMap = useMemo(() => coordinateFields(entry.fields) !== null, [entry.fields]);
  const requested = params.get('tab') as TabKey;
  const tab: TabKey = TABS.includes(requested) && (requested !== 'map' || hasMap) ? requested : 'table';

  const [firstPage, setFirstPage] = useState<RowsPage | undefined>(undefined);
  const columns = labelledColumns(entry, firstPage);
  const query = tableQuery(state, columns);
  const queryKey = JSON.stringify(query);
  const loadRows = useCallback(() => dataApi.rows(entry.code, query), [entry.code, queryKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const rows = useLoad(loadRows, `${entry.code}@${entry.revision}?${queryKey}`);
  useEffect(() => {
    if (rows.data && !firstPage) setFirstPage(rows.data);
  }, [rows.data, firstPage]);

  const update = (s: TableState) => setParams(writeState(params, s), { replace: false });
  const setTab = (key: string) => {
    const next = new URLSearchParams(params);
    if (key === 'table') next.delete('tab');
    else next.set('tab', key);
    setParams(next, { replace: true });
  };

  const err = rows.error instanceof ApiError ? rows.error : undefined;
  // A visitor on conditional data is asked to sign in and then apply: the same box, with the
  // conditions and the way to sign in (web/src/apply/ takes the application).
  const conditionalLogin = entry.open_attribute === 'conditional' && err?.code === 'login_required';
  if (
    err?.code === 'access_restricted' ||
    conditionalLogin ||
    (err?.status === 403 && !err.parameter && !isAccessCode(err.code))
  ) {
    const notOpen = entry.open_attribute === 'not_open';
    const openLabel = label('open', entry.open_attribute);
    return (
      <Alert
        type={notOpen ? 'info' : 'warning'}
        showIcon
        data-testid="data-restricted"
        data-open={entry.open_attribute}
        message={<span data-testid="data-restricted-heading">{refusalHeading(entry, t, openLabel)}</span>}
        description={
          <>
            <div data-testid="data-restricted-reason">{err.message || t('error.forbidden')}</div>
            {entry.open_attribute === 'conditional' && entry.open_conditions && (
              <div data-testid="data-restricted-conditions">
                {t('entry.openConditions')}：{entry.open_conditions}
              </div>
            )}
            {notOpen && entry.legal_basis && (
              <div data-testid="data-restricted-basis">{t('data.notOpenBasis', { label: openLabel, basis: entry.legal_basis })}</div>
            )}
          </>
        }
        action={<RefusalAction action={err.action} entry={entry} />}
      />
    );
  }
  if (err?.status === 404) {
    return <Empty description={t('dataset.noData')} data-testid="data-none" />;
  }
  // Callers who may only preview get the first rows on the map too (the server refuses more).
  const previewLimit = access && !access.may_download && access.missing ? access.preview_rows : undefined;

  const items = [
    {
      key: 'table',
      label: (
        <span>
          <TableOutlined /> {t('data.tabTable')}
        </span>
      ),
      children: (
        <TablePanel
          entry={entry}
          columns={columns}
          state={state}
          update={update}
          page={rows.data}
          loading={rows.loading}
          error={rows.error}
          reload={rows.reload}
          access={access}
        />
      ),
    },
    {
      key: 'chart',
      label: (
        <span>
          <BarChartOutlined /> {t('data.tabChart')}
        </span>
      ),
      children: (
        <Suspense fallback={<PageLoading />}>
          <DataChart code={entry.code} columns={columns} filter={filterQuery(state, columns)} />
        </Suspense>
      ),
    },
    ...(hasMap
      ? [
          {
            key: 'map',
            label: (
              <span data-testid="data-tab-map">
                <EnvironmentOutlined /> {t('data.tabMap')}
              </span>
            ),
            children: (
              <MapTab
                entry={entry}
                filter={filterQuery(state, columns)}
                filtered={state.q !== '' || state.filters.length > 0}
                limit={previewLimit ?? MAP_TAB_ROWS}
              />
            ),
          },
        ]
      : []),
    {
      key: 'download',
      label: (
        <span>
          <DownloadOutlined /> {t('data.tabDownload')}
        </span>
      ),
      children: <DownloadPanel entry={entry} access={access} />,
    },
    {
      key: 'api',
      label: (
        <span>
          <ApiOutlined /> {t('data.tabApi')}
        </span>
      ),
      children: <ApiPanel entry={entry} columns={columns} />,
    },
  ];
  return <Tabs activeKey={tab} onChange={setTab} items={items} aria-label={t('data.tabsLabel')} />;
}

// ---------------------------------------------------------------------------------------

type Row = Record<string, unknown> & { __row: number };

function filterText(f: Filter, label: string, t: ReturnType<typeof useI18n>['t']): string {
  if (f.eq !== undefined) return t('data.filterEq', { col: label, v: f.eq });
  if (f.ge !== undefined && f.le !== undefined) return t('data.filterRange', { col: label, from: f.ge, to: f.le });
  if (f.ge !== undefined) return t('data.filterGe', { col: label, v: f.ge });
  return t('data.filterLe', { col: label, v: f.le ?? '' });
}

function TablePanel({
  entry,
  columns,
  state,
  update,
  page,
  loading,
  error,
  reload,
  access,
}: {
  entry: Entry;
  columns: LabelledColumn[];
  state: TableState;
  update: (s: TableState) => void;
  page: RowsPage | undefined;
  loading: boolean;
  error: unknown;
  reload: () => void;
  access: Licence | undefined;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState(state.q);
  useEffect(() => setQ(state.q), [state.q]);
  const labelOf = (name: string) => columns.find((c) => c.name === name)?.label ?? name;
  const filtered = state.q !== '' || state.filters.length > 0;
  const queryError = error instanceof ApiError && error.code === 'invalid_query' ? error : undefined;
  const accessError = error instanceof ApiError && isAccessCode(error.code) ? error : undefined;
  // Callers who may not download see only the first rows (the server's preview_rows).
  const limited = access && !access.may_download && access.missing ? access : undefined;
  const pageTotal = page ? (limited ? Math.min(page.total, limited.preview_rows) : page.total) : 0;

  const tableColumns: ColumnsType<Row> = columns.map((c) => ({
    key: c.name,
    dataIndex: c.name,
    title:
      c.label !== c.name ? (
        <span>
          {c.label}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {c.name}
          </Typography.Text>
        </span>
      ) : (
        c.name
      ),
    sorter: true,
    sortOrder: state.sort?.column === c.name ? (state.sort.desc ? 'descend' : 'ascend') : null,
    align: c.type === 'integer' || c.type === 'decimal' ? 'right' : undefined,
    render: (v: unknown) => <CellValue value={v} />,
  }));
  const data: Row[] = (page?.rows ?? []).map((r, i) => ({ ...r, __row: i }));

  const onChange = (p: TablePaginationConfig, _f: unknown, sorter: SorterResult<Row> | SorterResult<Row>[]) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const column = s?.order ? String(s.columnKey ?? s.field ?? '') : '';
    const sort = column ? { column, desc: s.order === 'descend' } : null;
    const sortChanged = (sort?.column ?? '') !== (state.sort?.column ?? '') || sort?.desc !== state.sort?.desc;
    const size = p.pageSize ?? state.size;
    update({ ...state, sort, size, page: sortChanged || size !== state.size ? 1 : p.current ?? 1 });
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="start" style={{ width: '100%' }}>
        <Input.Search
          aria-label={t('data.search')}
          placeholder={t('data.searchPlaceholder')}
          allowClear
          value={q}
          onChange={(ev) => setQ(ev.target.value)}
          onSearch={(v) => update({ ...state, q: v.trim(), page: 1 })}
          style={{ width: 280, maxWidth: '100%' }}
          data-testid="data-search"
        />
        <FilterForm
          columns={columns}
          onAdd={(f) =>
            update({ ...state, page: 1, filters: [...state.filters.filter((x) => x.column !== f.column), f] })
          }
        />
      </Space>
      {filtered && (
        <Space wrap size={[4, 8]} data-testid="data-filters">
          <Typography.Text type="secondary">{t('data.filters')}</Typography.Text>
          {state.q && (
            <Tag
              closable
              onClose={() => update({ ...state, q: '', page: 1 })}
              closeIcon={<span aria-label={t('data.filterRemove', { name: state.q })}>×</span>}
            >
              “{state.q}”
            </Tag>
          )}
          {state.filters.map((f) => {
            const text = filterText(f, labelOf(f.column), t);
            return (
              <Tag
                key={f.column}
                closable
                onClose={() =>
                  update({ ...state, page: 1, filters: state.filters.filter((x) => x.column !== f.column) })
                }
                closeIcon={<span aria-label={t('data.filterRemove', { name: text })}>×</span>}
              >
                {text}
              </Tag>
            );
          })}
          <Button size="small" type="link" onClick={() => update({ ...state, q: '', filters: [], page: 1 })}>
            {t('data.clear')}
          </Button>
        </Space>
      )}
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text strong data-testid="data-total" aria-live="polite">
          {page
            ? filtered && entry.row_count != null
              ? t('data.totalFiltered', { n: formatCount(page.total), all: formatCount(entry.row_count) })
              : t('data.total', { n: formatCount(page.total) })
            : '\u00a0'}
        </Typography.Text>
        <Typography.Text type="secondary" data-testid="data-sort">
          {state.sort
            ? t('data.sortedBy', {
                col: labelOf(state.sort.column),
                dir: t(state.sort.desc ? 'data.desc' : 'data.asc'),
              })
            : t('data.sortHint')}
        </Typography.Text>
      </Space>
      {limited && !accessError && (
        <AccessNotice
          type="info"
          code={limited.missing ?? ''}
          title={t('access.previewOnly', { n: limited.preview_rows })}
        />
      )}
      {accessError ? (
        <AccessNotice code={accessError.code} message={accessError.message} />
      ) : queryError ? (
        <Alert
          type="error"
          showIcon
          data-testid="data-query-error"
          message={t('data.queryError')}
          description={
            queryError.parameter && queryError.position !== undefined
              ? t('data.queryErrorAt', {
                  param: queryError.parameter,
                  pos: queryError.position,
                  message: queryError.message,
                })
              : queryError.message
          }
        />
      ) : (
        <ErrorAlert error={error} onRetry={reload} />
      )}
      <div data-testid="preview">
        <Table<Row>
          rowKey="__row"
          size="small"
          loading={loading}
          columns={tableColumns}
          dataSource={error ? [] : data}
          onChange={onChange}
          showSorterTooltip={false}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: state.page,
            pageSize: state.size,
            total: pageTotal,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: !limited,
            showTotal: (n) => t('data.total', { n: formatCount(page?.total ?? n) }),
          }}
          locale={{
            emptyText: <Empty description={filtered ? t('data.noMatch') : t('dataset.noData')} />,
          }}
        />
      </div>
    </Space>
  );
}

function FilterForm({ columns, onAdd }: { columns: LabelledColumn[]; onAdd: (f: Filter) => void }) {
  const { t } = useI18n();
  const [column, setColumn] = useState<string | undefined>(undefined);
  const [eq, setEq] = useState('');
  const [ge, setGe] = useState('');
  const [le, setLe] = useState('');
  const [problem, setProblem] = useState('');
  const col = columns.find((c) => c.name === column);
  const range = col ? isRangeType(col.type) : false;
  const placeholder = col && isDateType(col.type) ? '2026-01-01' : undefined;

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!col) return;
    if (range) {
      const a = ge.trim();
      const b = le.trim();
      if (!a && !b) return setProblem(t('data.filterNeedValue'));
      if ((a && !validBound(col.type, a)) || (b && !validBound(col.type, b))) {
        return setProblem(t(isDateType(col.type) ? 'data.filterBadDate' : 'data.filterBadNumber'));
      }
      onAdd({ column: col.name, ge: a || undefined, le: b || undefined });
    } else {
      if (!eq.trim()) return setProblem(t('data.filterNeedValue'));
      onAdd({ column: col.name, eq: eq.trim() });
    }
    setProblem('');
    setEq('');
    setGe('');
    setLe('');
  };

  return (
    <form onSubmit={submit} data-testid="data-filter-form" aria-label={t('data.filterColumn')}>
      <Space wrap align="start">
        <Select
          aria-label={t('data.filterColumn')}
          placeholder={t('data.filterPick')}
          style={{ minWidth: 180 }}
          value={column}
          onChange={(v: string) => {
            setColumn(v);
            setProblem('');
          }}
          options={columns.map((c) => ({
            value: c.name,
            label: c.label !== c.name ? `${c.label}（${c.name}）` : c.name,
          }))}
          data-testid="data-filter-column"
          showSearch
          optionFilterProp="label"
        />
        {col && !range && (
          <Input
            aria-label={t('data.filterEquals')}
            placeholder={t('data.filterEquals')}
            value={eq}
            onChange={(ev) => setEq(ev.target.value)}
            style={{ width: 180 }}
            status={problem ? 'error' : undefined}
            data-testid="data-filter-eq"
          />
        )}
        {col && range && (
          <>
            <Input
              aria-label={t('data.filterFrom')}
              placeholder={placeholder ?? t('data.filterFrom')}
              value={ge}
              onChange={(ev) => setGe(ev.target.value)}
              style={{ width: 130 }}
              status={problem ? 'error' : undefined}
              data-testid="data-filter-from"
            />
            <Input
              aria-label={t('data.filterTo')}
              placeholder={placeholder ?? t('data.filterTo')}
              value={le}
              onChange={(ev) => setLe(ev.target.value)}
              style={{ width: 130 }}
              status={problem ? 'error' : undefined}
              data-testid="data-filter-to"
            />
          </>
        )}
        <Button htmlType="submit" icon={<FilterOutlined />} disabled={!col} data-testid="data-filter-add">
          {t('data.filterAdd')}
        </Button>
      </Space>
      {problem && (
        <div role="alert">
          <Typography.Text type="danger">{problem}</Typography.Text>
        </div>
      )}
    </form>
  );
}

// ---------------------------------------------------------------------------------------

function DownloadPanel({ entry, access }: { entry: Entry; access: Licence | undefined }) {
  const { t } = useI18n();
  const tooBig = (entry.row_count ?? 0) > XLSX_MAX_ROWS;
  // Said before the click: a refused download would leave the user on a page of JSON.
  const blocked = access && !access.may_download && access.missing ? access.missing : undefined;
  // Conditional data where the profile or the grant allows no files (web/src/apply/).
  const conditionalRefusal = useConditionalDownloadRefusal(entry);
  const buttons: { key: string; label: string; help: string; href: string; disabled?: boolean }[] = [
    { key: 'csv', label: t('download.csv'), help: t('download.csvHelp'), href: dataApi.downloadUrl(entry.code, 'csv') },
    {
      key: 'csv-bom',
      label: t('download.csvExcel'),
      help: t('download.csvExcelHelp'),
      href: dataApi.downloadUrl(entry.code, 'csv', true),
    },
    {
      key: 'xlsx',
      label: t('download.xlsx'),
      help: t('download.xlsxHelp'),
      href: dataApi.downloadUrl(entry.code, 'xlsx'),
      disabled: tooBig,
    },
    { key: 'json', label: t('download.json'), help: t('download.jsonHelp'), href: dataApi.downloadUrl(entry.code, 'json') },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="downloads">
      <Typography.Paragraph style={{ margin: 0 }}>
        {t('download.lead', { n: entry.row_count == null ? '—' : formatCount(entry.row_count) })}
      </Typography.Paragraph>
      {blocked && <AccessNotice code={blocked} previewRows={access?.preview_rows} />}
      {conditionalRefusal && (
        <Alert type="warning" showIcon data-testid="download-refused" message={conditionalRefusal} />
      )}
      <Space wrap size="large" align="start">
        {buttons.map((b) => (
          <Space direction="vertical" size={2} key={b.key} style={{ maxWidth: 220 }}>
            {b.disabled || blocked || conditionalRefusal ? (
              <Button icon={<DownloadOutlined />} disabled data-testid={`download-${b.key}`}>
                {b.label}
              </Button>
            ) : (
              <Button
                type={b.key === 'csv' ? 'primary' : 'default'}
                icon={<DownloadOutlined />}
                href={b.href}
                download
                data-testid={`download-${b.key}`}
              >
                {b.label}
              </Button>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {b.help}
            </Typography.Text>
          </Space>
        ))}
      </Space>
      {tooBig && (
        <Alert type="info" showIcon message={t('download.xlsxTooBig', { max: formatCount(XLSX_MAX_ROWS) })} />
      )}
      {entry.usage_requirements && (
        <Typography.Text type="secondary">{t('download.usage', { text: entry.usage_requirements })}</Typography.Text>
      )}
    </Space>
  );
}

// ---------------------------------------------------------------------------------------

const BARE = /^[A-Za-z_][A-Za-z0-9_]*$/;

function ApiPanel({ entry, columns }: { entry: Entry; columns: LabelledColumn[] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const keyField = (entry.fields ?? []).find((f) => f.key) ?? entry.fields?.[0];
  const keyColumn = keyField ? { name: keyField.name, type: keyField.type } : columns[0];
  const loadSample = useCallback(
    () =>
      keyColumn
        ? dataApi.rows(entry.code, { $select: '`' + keyColumn.name.replace(/`/g, '``') + '`', $limit: 1 })
        : Promise.resolve(undefined),
    [entry.code, keyColumn?.name], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const sample = useLoad(loadSample, `${entry.code}#${keyColumn?.name ?? ''}`);

  const origin = window.location.origin;
  const samples = useMemo(() => {
    let where: string | undefined;
    if (keyColumn) {
      const raw = sample.data?.rows?.[0]?.[keyColumn.name];
      const value = raw === null || raw === undefined ? String(keyField?.min ?? '1') : String(raw);
      const id = BARE.test(keyColumn.name) ? keyColumn.name : '`' + keyColumn.name.replace(/`/g, '``') + '`';
      where = `${id} = ${literal(keyColumn.type, value)}`;
    }
    return datasetSamples({ origin, code: entry.code, where, limit: 100 }).map((s) => ({
      ...s,
      title: t(`api.${s.key}` as MessageKey),
      help: t(`api.${s.key}Help` as MessageKey),
    }));
  }, [origin, entry.code, keyColumn, keyField?.min, sample.data, t]);

  const copy = async (text: string) => {
    if (await copyText(text)) void message.success(t('api.copied'));
    else void message.error(t('api.copyFailed'));
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="api-samples">
      <Typography.Paragraph style={{ margin: 0 }}>{t('api.lead')}</Typography.Paragraph>
      {samples.map((s) => (
        <section key={s.key} aria-labelledby={`api-${s.key}`}>
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }} id={`api-${s.key}`}>
              {s.title}
            </Typography.Title>
            <Button
              size="small"
              icon={<CopyOutlined />}
              aria-label={t('api.copyLabel', { name: s.title })}
              onClick={() => void copy(s.text)}
              data-testid={`api-copy-${s.key}`}
            >
              {t('api.copy')}
            </Button>
          </Space>
          <pre className="api-sample" data-testid={`api-sample-${s.key}`} data-lang={s.lang} tabIndex={0}>
            {s.text}
          </pre>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.help}
          </Typography.Text>
        </section>
      ))}
      <Alert type="info" showIcon message={t('api.keysNote')} />
    </Space>
  );
}
