// /console/duplicates: one data, one source (一数一源, GET /api/v1/catalog/duplicates): entries of
// one provider that hold every key data item of another provider's entry — the same data kept
// twice. Each row links both entries so the authority can settle which one is the source.
import { useCallback, useMemo, useState } from 'react';
import { Empty, Input, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { authorityApi } from '../authorityApi';
import type { DuplicateFlag, DuplicateSide } from '../authorityApi';
import { useI18n } from '../i18n';
import { useLoad } from '../useLoad';
import ErrorAlert from '../components/ErrorAlert';
import AuthorityHeader from '../components/AuthorityNav';

function EntryCell({ side }: { side: DuplicateSide }) {
  return (
    <Space direction="vertical" size={0}>
      <Link to={`/datasets/${encodeURIComponent(side.code)}`}>{side.name}</Link>
      <Typography.Text type="secondary">
        <Typography.Text code>{side.code}</Typography.Text> {side.provider}
      </Typography.Text>
    </Space>
  );
}

export default function DuplicatesPage() {
  const { t } = useI18n();
  const load = useCallback(() => authorityApi.duplicates().then((r) => r.items), []);
  const { data, error, loading, reload } = useLoad(load);
  const [q, setQ] = useState('');

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const all = (data ?? []).map((f, i) => ({ ...f, key: `${f.entry.code}|${f.source.code}|${i}` }));
    if (!needle) return all;
    return all.filter((f) =>
      [f.entry.name, f.entry.code, f.entry.provider, f.source.name, f.source.code, f.source.provider, ...f.items].some((s) =>
        s.toLowerCase().includes(needle),
      ),
    );
  }, [data, q]);

  const columns: ColumnsType<DuplicateFlag & { key: string }> = [
    { title: t('authority.dup.entry'), key: 'entry', render: (_: unknown, f) => <EntryCell side={f.entry} /> },
    { title: t('authority.dup.source'), key: 'source', render: (_: unknown, f) => <EntryCell side={f.source} /> },
    {
      title: t('authority.dup.items'),
      key: 'items',
      render: (_: unknown, f) => (
        <Space size={[0, 4]} wrap>
          {f.items.map((i) => (
            <Tag key={i} color="orange">
              {i}
            </Tag>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <>
      <AuthorityHeader title={t('authority.sec.duplicates')} lead={t('authority.dup.lead')} />
      <div className="authority-toolbar" role="search">
        <Input.Search
          className="grow"
          allowClear
          aria-label={t('authority.dup.search')}
          placeholder={t('authority.dup.search')}
          onChange={(e) => setQ(e.target.value)}
          onSearch={setQ}
        />
        <Typography.Text type="secondary" aria-live="polite" data-testid="dup-count">
          {data ? t('authority.dup.count', { n: rows.length }) : ''}
        </Typography.Text>
      </div>
      <ErrorAlert error={error} onRetry={reload} />
      <Table
        rowKey="key"
        data-testid="duplicates-table"
        loading={loading}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <Empty description={data && data.length ? t('authority.noMatch') : t('authority.dup.empty')} /> }}
      />
    </>
  );
}
