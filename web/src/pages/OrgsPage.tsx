import { useCallback, useMemo, useState } from 'react';
import { Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api } from '../api';
import type { Org } from '../api';
import { useI18n } from '../i18n';
import { useLoad } from '../useLoad';
import ErrorAlert from '../components/ErrorAlert';

const KINDS = ['authority', 'provider', 'enterprise', 'institution', 'other'];
const KIND_COLORS: Record<string, string> = {
  authority: 'red',
  provider: 'blue',
  enterprise: 'purple',
  institution: 'cyan',
};
const LEVEL_ORDER: Record<string, number> = { province: 0, city: 1, county: 2 };

export default function OrgsPage() {
  const { t, label } = useI18n();
  const load = useCallback(() => api.listOrgs().then((r) => r.items), []);
  const { data, error, loading, reload } = useLoad(load);
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<string>('');

  const byId = useMemo(() => new Map((data ?? []).map((o) => [o.id, o])), [data]);
  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (data ?? []).filter(
      (o) =>
        (!kind || o.kind === kind) &&
        (!q ||
          o.name.toLowerCase().includes(q) ||
          o.region_name.toLowerCase().includes(q) ||
          o.region_code.includes(q)),
    );
  }, [data, query, kind]);

  const columns: ColumnsType<Org> = [
    {
      title: t('orgs.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
    },
    {
      title: t('orgs.kind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (k: string) => <Tag color={KIND_COLORS[k]}>{label('kind', k)}</Tag>,
    },
    {
      title: t('orgs.level'),
      dataIndex: 'level',
      key: 'level',
      render: (l: string) => label('level', l),
      sorter: (a, b) => (LEVEL_ORDER[a.level] ?? 9) - (LEVEL_ORDER[b.level] ?? 9),
    },
    {
      title: t('orgs.region'),
      key: 'region',
      render: (_, o) => (
        <span>
          {o.region_name} <Typography.Text type="secondary">({o.region_code})</Typography.Text>
        </span>
      ),
      sorter: (a, b) => a.region_code.localeCompare(b.region_code),
    },
    {
      title: t('orgs.parent'),
      dataIndex: 'parent_id',
      key: 'parent',
      render: (p: number | null) => (p === null ? '—' : (byId.get(p)?.name ?? `#${p}`)),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28, marginTop: 0 }}>
          {t('orgs.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('orgs.lead')}
        </Typography.Paragraph>
      </div>
      <ErrorAlert error={error} onRetry={reload} />
      <Space wrap>
        <Input.Search
          allowClear
          aria-label={t('orgs.search')}
          placeholder={t('orgs.search')}
          style={{ width: 280 }}
          onChange={(e) => setQuery(e.target.value)}
          onSearch={setQuery}
        />
        <Select
          aria-label={t('orgs.kind')}
          style={{ width: 180 }}
          value={kind}
          onChange={setKind}
          options={[
            { value: '', label: t('orgs.allKinds') },
            ...KINDS.map((k) => ({ value: k, label: label('kind', k) })),
          ]}
        />
        {data && <Typography.Text type="secondary">{t('orgs.count', { n: rows.length })}</Typography.Text>}
      </Space>
      <Table<Org>
        rowKey="id"
        loading={loading}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <Empty description={t('orgs.empty')} /> }}
      />
    </Space>
  );
}
