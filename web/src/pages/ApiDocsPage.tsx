// API documentation (issue 4 item 8): how to call the platform, and every route from the
// server's own OpenAPI 3.1 description (/api/openapi.json), grouped by tag, so it never drifts
// from the router.
import { useCallback, useMemo, useState } from 'react';
import { Card, Collapse, Input, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useLoad } from '../useLoad';
import ErrorAlert from '../components/ErrorAlert';
import PageLoading from '../components/PageLoading';

interface Operation {
  summary?: string;
  tags?: string[];
  'x-permission'?: string;
}
interface OpenApi {
  info?: { title?: string; version?: string };
  paths: Record<string, Record<string, Operation>>;
}
interface RouteRow {
  key: string;
  method: string;
  path: string;
  summary: string;
  permission: string;
  tag: string;
}

const METHOD_COLORS: Record<string, string> = { get: 'blue', post: 'green', put: 'orange', delete: 'red', patch: 'purple' };

async function fetchOpenApi(): Promise<OpenApi> {
  const res = await fetch('/api/openapi.json', { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as OpenApi;
}

export default function ApiDocsPage() {
  const { t } = useI18n();
  const load = useCallback(() => fetchOpenApi(), []);
  const doc = useLoad(load, 'openapi');
  const [filter, setFilter] = useState('');

  const groups = useMemo(() => {
    const byTag = new Map<string, RouteRow[]>();
    for (const [path, ops] of Object.entries(doc.data?.paths ?? {})) {
      for (const [method, op] of Object.entries(ops)) {
        const tag = op.tags?.[0] ?? 'other';
        const row: RouteRow = {
          key: `${method} ${path}`,
          method,
          path,
          summary: op.summary ?? '',
          permission: op['x-permission'] ?? '',
          tag,
        };
        const q = filter.trim().toLowerCase();
        if (q && !`${path} ${row.summary} ${tag}`.toLowerCase().includes(q)) continue;
        byTag.set(tag, [...(byTag.get(tag) ?? []), row]);
      }
    }
    return [...byTag.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [doc.data, filter]);

  if (doc.error && !doc.data) return <ErrorAlert error={doc.error} title={t('apiDocs.loadFailed')} onRetry={doc.reload} />;
  if (!doc.data) return <PageLoading />;

  const origin = window.location.origin;
  const columns: ColumnsType<RouteRow> = [
    {
      title: t('apiDocs.method'),
      dataIndex: 'method',
      width: 90,
      render: (m: string) => <Tag color={METHOD_COLORS[m] ?? 'default'}>{m.toUpperCase()}</Tag>,
    },
    { title: t('apiDocs.path'), dataIndex: 'path', render: (p: string) => <Typography.Text code copyable>{p}</Typography.Text> },
    { title: t('apiDocs.summary'), dataIndex: 'summary' },
    { title: t('apiDocs.permission'), dataIndex: 'permission', width: 160, responsive: ['md'] },
  ];
  const tagLabel = (tag: string) => {
    const key = `apiDocs.tag.${tag}` as MessageKey;
    const label = t(key);
    return label === key ? tag : label;
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="api-docs">
      <Typography.Title level={2}>{t('apiDocs.title')}</Typography.Title>
      <Card title={t('apiDocs.start')}>
        <Typography.Paragraph>{t('apiDocs.intro')}</Typography.Paragraph>
        <Typography.Paragraph>
          <pre className="code-sample">{[
            `curl '${origin}/api/v1/catalog?q=%E4%BA%A4%E9%80%9A'`,
            `curl -G '${origin}/api/v1/datasets/370700-JT-0001/rows' \\`,
            `  --data-urlencode '$where=length_km > 10' --data-urlencode '$order=length_km DESC' --data-urlencode '$limit=5'`,
            `curl -H 'X-App-Token: <API 密钥>' '${origin}/resource/370700-JT-0001.json?$limit=5'`,
            `curl -fL -o data.csv '${origin}/api/v1/datasets/370700-JT-0001/download?format=csv&bom=1'`,
          ].join('\n')}</pre>
        </Typography.Paragraph>
        <Typography.Paragraph>{t('apiDocs.auth')}</Typography.Paragraph>
        <Typography.Paragraph>{t('apiDocs.errors')}</Typography.Paragraph>
        <Typography.Paragraph>
          {t('apiDocs.compat')}{' '}
          <a href="/api/openapi.json">/api/openapi.json</a> · <a href="/catalog.ttl">/catalog.ttl</a> ·{' '}
          <a href="/catalog.jsonld">/catalog.jsonld</a> · <a href="/api/3/action/package_list">/api/3/action/package_list</a>
        </Typography.Paragraph>
      </Card>
      <Input.Search
        allowClear
        placeholder={t('apiDocs.filter')}
        aria-label={t('apiDocs.filter')}
        onChange={(e) => setFilter(e.target.value)}
        style={{ maxWidth: 420 }}
      />
      {groups.length === 0 ? (
        <Typography.Text type="secondary">{t('apiDocs.none')}</Typography.Text>
      ) : (
        <Collapse
          defaultActiveKey={groups.map(([tag]) => tag).filter((tag) => tag === 'data' || tag === 'catalog')}
          items={groups.map(([tag, rows]) => ({
            key: tag,
            label: (
              <Space>
                <span>{tagLabel(tag)}</span>
                <Tag>{rows.length}</Tag>
              </Space>
            ),
            children: (
              <Table<RouteRow>
                size="small"
                rowKey="key"
                columns={columns}
                dataSource={rows}
                pagination={false}
                scroll={{ x: true }}
              />
            ),
          }))}
        />
      )}
    </Space>
  );
}
