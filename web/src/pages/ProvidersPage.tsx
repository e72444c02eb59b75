// 数据提供单位: every data-providing department with how many open datasets it has.
// The filter lives in the address (?q=), so a filtered list can be bookmarked.
import { useCallback, useMemo } from 'react';
import { Card, Empty, Input, Space, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { portalApi } from '../portalApi';
import type { ProviderSummary } from '../portalApi';
import { useI18n } from '../i18n';
import { useLoad } from '../useLoad';
import { formatCount } from '../catalog';
import ErrorAlert from '../components/ErrorAlert';
import PageLoading from '../components/PageLoading';

const KIND_COLORS: Record<string, string> = { provider: 'blue', institution: 'cyan', enterprise: 'purple' };

const grid = {
  display: 'grid',
  gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 260px), 1fr))',
  gap: 16,
  margin: 0,
  padding: 0,
  listStyle: 'none',
} as const;

export default function ProvidersPage() {
  const { t, label } = useI18n();
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const load = useCallback(() => portalApi.providers(), []);
  const { data, error, loading, reload } = useLoad(load);

  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (data?.items ?? []).filter(
      (o) => !q || o.name.toLowerCase().includes(q) || o.region_name.includes(q) || o.region_code.includes(q),
    );
  }, [data, query]);

  const setQuery = (q: string) => {
    const next = new URLSearchParams(params);
    if (q.trim()) next.set('q', q.trim());
    else next.delete('q');
    setParams(next, { replace: true });
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28, marginTop: 0 }}>
          {t('providers.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, maxWidth: 880 }}>
          {t('providers.lead')}
        </Typography.Paragraph>
      </div>
      <ErrorAlert error={error} title={t('providers.loadFailed')} onRetry={reload} />
      <Space wrap style={{ width: '100%' }}>
        <Input.Search
          allowClear
          aria-label={t('providers.search')}
          placeholder={t('providers.search')}
          style={{ width: 'min(280px, calc(100vw - 32px))' }}
          defaultValue={query}
          onChange={(e) => setQuery(e.target.value)}
          onSearch={setQuery}
        />
        {data && (
          <Typography.Text
            type="secondary"
            data-testid="providers-summary"
            data-total={data.total}
            data-datasets={data.datasets}
          >
            {t('providers.summary', {
              n: rows.length,
              total: formatCount(data.datasets),
              open: formatCount(data.open_datasets),
              openLabel: label('open', 'unconditional'),
            })}
          </Typography.Text>
        )}
        <Link to="/orgs">{t('providers.orgsLink')}</Link>
      </Space>
      {loading && !data ? (
        <PageLoading />
      ) : data && rows.length === 0 ? (
        <Empty description={t('providers.empty')} />
      ) : (
        <ul style={grid} aria-label={t('providers.title')} data-testid="providers">
          {rows.map((o) => (
            <ProviderCard key={o.id} org={o} />
          ))}
        </ul>
      )}
    </Space>
  );
}

function ProviderCard({ org: o }: { org: ProviderSummary }) {
  const { t, label } = useI18n();
  return (
    <li data-testid="provider-card" data-provider-id={o.id}>
      <Card size="small" style={{ height: '100%' }}>
        <Typography.Title level={2} style={{ fontSize: 16, margin: '0 0 8px', overflowWrap: 'anywhere' }}>
          <Link to={`/providers/${o.id}`} data-testid="provider-link">
            {o.name}
          </Link>
        </Typography.Title>
        <Space wrap size={[8, 4]}>
          <Tag color={KIND_COLORS[o.kind]}>{label('kind', o.kind)}</Tag>
          <Typography.Text type="secondary">{o.region_name}</Typography.Text>
        </Space>
        <div style={{ marginTop: 8 }}>
          <Typography.Text strong data-testid="provider-count" data-count={o.datasets} data-open={o.open_datasets}>
            {t('providers.datasets', { n: formatCount(o.datasets) })}
          </Typography.Text>
          {o.open_datasets < o.datasets && (
            <Typography.Text type="secondary">
              {' '}
              {t('providers.openPart', { n: formatCount(o.open_datasets), openLabel: label('open', 'unconditional') })}
            </Typography.Text>
          )}
        </div>
      </Card>
    </li>
  );
}
