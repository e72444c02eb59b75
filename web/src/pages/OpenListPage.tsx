// The annual open list and open plan (CAT-5) for the public: the newest published list, with
// provider and domain filters, and the plan's tasks (responsible unit, priority, target date).
// Also holds the open-list API calls and the two tables the authority console reuses.
import { useCallback, useMemo, useState } from 'react';
import { Card, Empty, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ApiError, getCsrfToken } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { OPEN_COLORS, STATE_COLORS, formatDate, hasRole } from '../catalog';
import { useLoad } from '../useLoad';
import ErrorAlert from '../components/ErrorAlert';
import PageLoading from '../components/PageLoading';

export interface OpenListItem {
  code: string;
  name: string;
  provider: string;
  domain: string;
  open_attribute: string;
  update_frequency: string;
  database_group: string;
  state: string;
  published: boolean;
}

export interface PlanTask {
  code: string;
  name: string;
  responsible: string;
  domain: string;
  open_attribute: string;
  priority: 'high' | 'normal' | string;
  target_date: string;
  state: string;
}

export interface OpenList {
  id: number;
  year: number;
  version: number;
  state: 'draft' | 'in_review' | 'published' | string;
  due_date: string;
  compiled_at: string;
  compiled_by?: string;
  published_at: string | null;
  case_id?: number | null;
  case_state?: string | null;
  items?: OpenListItem[];
  plan?: PlanTask[];
  counts: { items: number; published: number; planned: number; high_priority: number };
}

/** A case of the workflow engine, as far as these pages need it. */
export interface OpenListCase {
  id: number;
  state: string;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const csrf = getCsrfToken();
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (!res.ok) {
    let code = `http_${res.status}`;
    let message = '';
    try {
      const e = ((await res.json()) as { error?: { code?: string; message?: string } }).error;
      code = e?.code || code;
      message = e?.message || '';
    } catch {
      // Not JSON: the generic words for the status.
    }
    throw new ApiError(res.status, code, message);
  }
  return (await res.json()) as T;
}

export const openListApi = {
  /** The current published list; 404 when none has been published. */
  current: () => call<OpenList>('GET', '/api/v1/open-list'),
  list: () => call<{ items: OpenList[] }>('GET', '/api/v1/open-lists'),
  get: (id: number) => call<OpenList>('GET', `/api/v1/open-lists/${encodeURIComponent(String(id))}`),
  compile: (year: number) => call<OpenList>('POST', '/api/v1/open-lists', { year }),
  submit: (id: number, comment: string) =>
    call<OpenListCase>('POST', `/api/v1/open-lists/${encodeURIComponent(String(id))}/submit`, { comment }),
};

export const LIST_STATE_COLORS: Record<string, string> = {
  draft: 'default',
  in_review: 'processing',
  published: 'success',
};

function options(values: string[]) {
  return [...new Set(values.filter(Boolean))].sort().map((v) => ({ value: v, label: v }));
}

/** The list's entries, filterable by provider and domain. */
export function OpenListItemsTable({ items }: { items: OpenListItem[] }) {
  const { t } = useI18n();
  const [provider, setProvider] = useState<string | undefined>();
  const [domain, setDomain] = useState<string | undefined>();
  const shown = useMemo(
    () => items.filter((i) => (!provider || i.provider === provider) && (!domain || i.domain === domain)),
    [items, provider, domain],
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          allowClear
          showSearch
          style={{ minWidth: 220 }}
          placeholder={t('openList.filterProvider')}
          aria-label={t('openList.filterProvider')}
          data-testid="openlist-filter-provider"
          value={provider}
          onChange={setProvider}
          options={options(items.map((i) => i.provider))}
        />
        <Select
          allowClear
          showSearch
          style={{ minWidth: 160 }}
          placeholder={t('openList.filterDomain')}
          aria-label={t('openList.filterDomain')}
          data-testid="openlist-filter-domain"
          value={domain}
          onChange={setDomain}
          options={options(items.map((i) => i.domain))}
        />
        <Typography.Text type="secondary">{t('openList.shown', { n: shown.length, total: items.length })}</Typography.Text>
      </Space>
      <Table<OpenListItem>
        rowKey="code"
        size="middle"
        data-testid="openlist-items"
        dataSource={shown}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('openList.noItems')} /> }}
        columns={[
          { title: t('openList.code'), dataIndex: 'code' },
          {
            title: t('openList.name'),
            dataIndex: 'name',
            render: (name: string, i) =>
              i.published ? <Link to={`/datasets/${encodeURIComponent(i.code)}`}>{name}</Link> : name,
          },
          { title: t('openList.provider'), dataIndex: 'provider' },
          { title: t('openList.domain'), dataIndex: 'domain' },
          {
            title: t('entry.openAttribute'),
            dataIndex: 'open_attribute',
            render: (v: string) => <Tag color={OPEN_COLORS[v]}>{t(`open.${v}` as MessageKey)}</Tag>,
          },
          {
            title: t('openList.frequency'),
            dataIndex: 'update_frequency',
            render: (v: string) => t(`freq.${v}` as MessageKey),
          },
          {
            title: t('openList.status'),
            dataIndex: 'published',
            render: (p: boolean) => (
              <Tag color={p ? STATE_COLORS.published : 'default'}>{p ? t('openList.opened') : t('openList.planned')}</Tag>
            ),
          },
        ]}
      />
    </Space>
  );
}

/** The plan's tasks: the listed entries still to open, by whom, how urgent, by when. */
export function OpenPlanTable({ plan }: { plan: PlanTask[] }) {
  const { t } = useI18n();
  return (
    <Table<PlanTask>
      rowKey="code"
      size="middle"
      data-testid="openlist-plan"
      dataSource={plan}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={t('openList.noTasks')} /> }}
      columns={[
        { title: t('openList.code'), dataIndex: 'code' },
        { title: t('openList.name'), dataIndex: 'name' },
        { title: t('openList.responsible'), dataIndex: 'responsible' },
        {
          title: t('openList.priority'),
          dataIndex: 'priority',
          render: (p: string) => (
            <Tag color={p === 'high' ? 'red' : 'default'}>
              {p === 'high' ? t('openList.priorityHigh') : t('openList.priorityNormal')}
            </Tag>
          ),
        },
        { title: t('openList.targetDate'), dataIndex: 'target_date' },
      ]}
    />
  );
}

export default function OpenListPage() {
  const { t } = useI18n();
  const load = useCallback(() => openListApi.current(), []);
  const { data, error, loading, reload } = useLoad(load);
  const none = error instanceof ApiError && error.status === 404;
  const { user } = useAuth();

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28, marginTop: 0 }}>
          {data ? t('openList.titleYear', { year: data.year }) : t('openList.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('openList.lead')}{' '}
          {hasRole(user, 'authority', 'admin') && (
            <Link to="/console/open-lists" data-testid="openlist-console-link">
              {t('openList.consoleTitle')}
            </Link>
          )}
        </Typography.Paragraph>
      </div>
      {loading && !data ? (
        <PageLoading />
      ) : none ? (
        <Card>
          <Empty data-testid="openlist-empty" description={t('openList.empty')} />
        </Card>
      ) : error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : data ? (
        <>
          <Card>
            <Space size="large" wrap>
              <Statistic title={t('openList.countItems')} value={data.counts.items} />
              <Statistic title={t('openList.countPublished')} value={data.counts.published} />
              <Statistic title={t('openList.countPlanned')} value={data.counts.planned} />
              <Statistic title={t('openList.publishedAt')} value={formatDate(data.published_at)} />
              <Statistic title={t('openList.dueDate')} value={data.due_date} />
            </Space>
          </Card>
          <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('openList.listHeading')}</h2>}>
            <OpenListItemsTable items={data.items ?? []} />
          </Card>
          <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('openList.planHeading')}</h2>}>
            <Typography.Paragraph type="secondary">{t('openList.planLead')}</Typography.Paragraph>
            <OpenPlanTable plan={data.plan ?? []} />
          </Card>
        </>
      ) : null}
    </Space>
  );
}

/** The state of a list in words, for the console. */
export function ListStateTag({ state }: { state: string }) {
  const { t } = useI18n();
  const key = `openList.state.${state}` as MessageKey;
  return <Tag color={LIST_STATE_COLORS[state] ?? 'default'}>{t(key)}</Tag>;
}
