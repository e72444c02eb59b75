// One data-providing department: who it is and its published datasets, paged by the catalog
// search filtered by provider. Page and search live in the address (?page=, ?q=).
import { useCallback } from 'react';
import { Breadcrumb, Card, Descriptions, Empty, Input, List, Result, Space, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api';
import type { Entry } from '../api';
import { portalApi } from '../portalApi';
import { useI18n } from '../i18n';
import { useLoad } from '../useLoad';
import { formatCount, formatDate } from '../catalog';
import ErrorAlert from '../components/ErrorAlert';
import PageLoading from '../components/PageLoading';
import LinkButton from '../components/LinkButton';
import { OpenTag, SectorTag } from '../components/EntryTags';

const PAGE_SIZE = 10;

export default function ProviderPage() {
  const { id: idParam = '' } = useParams();
  const id = /^\d+$/.test(idParam) ? Number(idParam) : NaN;
  const { t, label } = useI18n();
  const loadOrg = useCallback(
    () => (Number.isFinite(id) ? portalApi.provider(id) : Promise.reject(new ApiError(404, 'not_found', ''))),
    [id],
  );
  const org = useLoad(loadOrg, idParam);

  if (org.error instanceof ApiError && org.error.status === 404) {
    return (
      <Result
        status="404"
        title={t('providers.notFound')}
        subTitle={idParam}
        extra={
          <LinkButton to="/providers" primary>
            {t('providers.back')}
          </LinkButton>
        }
      />
    );
  }
  if (!org.data || org.data.org.id !== id) {
    return org.error ? (
      <ErrorAlert error={org.error} title={t('providers.loadFailed')} onRetry={org.reload} />
    ) : (
      <PageLoading />
    );
  }

  const { org: o, parent } = org.data;
  const items: DescriptionsProps['items'] = [
    { key: 'kind', label: t('providers.kind'), children: label('kind', o.kind) },
    { key: 'level', label: t('providers.level'), children: label('level', o.level) },
    {
      key: 'region',
      label: t('providers.region'),
      children: t('common.withCode', { name: o.region_name, code: o.region_code }),
    },
    ...(parent ? [{ key: 'parent', label: t('providers.parent'), children: parent.name }] : []),
    ...(o.description ? [{ key: 'description', label: t('providers.description'), children: o.description }] : []),
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        items={[{ title: <Link to="/providers">{t('providers.title')}</Link> }, { title: o.name }]}
      />
      <div>
        <Typography.Title level={1} style={{ fontSize: 28, margin: 0, overflowWrap: 'anywhere' }}>
          {o.name}
        </Typography.Title>
        {o.description && (
          <Typography.Paragraph style={{ marginTop: 12, maxWidth: 880 }}>{o.description}</Typography.Paragraph>
        )}
      </div>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2, lg: 3, xl: 3, xxl: 3 }}
        items={items}
        data-testid="provider-details"
      />
      <Datasets providerId={o.id} name={o.name} />
    </Space>
  );
}

function Datasets({ providerId, name }: { providerId: number; name: string }) {
  const { t, label } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  const load = useCallback(() => portalApi.datasets(providerId, page, PAGE_SIZE, q || undefined), [providerId, page, q]);
  const { data, error, loading, reload } = useLoad(load, `${providerId}:${page}:${q}`);

  const update = (next: { page?: number; q?: string }) => {
    const p = new URLSearchParams(params);
    const nq = next.q ?? q;
    if (nq) p.set('q', nq);
    else p.delete('q');
    if (next.page && next.page > 1) p.set('page', String(next.page));
    else p.delete('page');
    setParams(p);
  };

  return (
    <Card
      title={
        <h2 className="card-heading" id="provider-datasets">
          {t('providers.datasetList')}
        </h2>
      }
      extra={
        data ? (
          <Typography.Text type="secondary" data-testid="provider-total" data-total={data.total}>
            {t('providers.datasetCount', { n: formatCount(data.total) })}
          </Typography.Text>
        ) : undefined
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Input.Search
            key={q}
            allowClear
            defaultValue={q}
            aria-label={t('providers.searchDatasets')}
            placeholder={t('providers.searchDatasets')}
            style={{ width: 'min(320px, calc(100vw - 80px))' }}
            onSearch={(v) => update({ q: v.trim(), page: 1 })}
          />
          <Link to={`/catalog?provider=${providerId}`}>{t('providers.inCatalog')}</Link>
        </Space>
        <ErrorAlert error={error} onRetry={reload} />
        {!error && (
          <List<Entry>
            aria-label={t('providers.datasetsLabel', { name })}
            data-testid="provider-datasets"
            loading={loading}
            dataSource={data?.items ?? []}
            locale={{
              emptyText: <Empty description={q ? t('providers.noMatch') : t('providers.noDatasets')} />,
            }}
            pagination={
              data && data.total > PAGE_SIZE
                ? {
                    current: page,
                    pageSize: PAGE_SIZE,
                    total: data.total,
                    showSizeChanger: false,
                    onChange: (p) => update({ page: p }),
                  }
                : false
            }
            renderItem={(e) => (
              <List.Item key={e.code} data-testid="provider-dataset">
                <List.Item.Meta
                  title={
                    <Space wrap size={[8, 4]}>
                      <Link to={`/datasets/${encodeURIComponent(e.code)}`}>{e.name}</Link>
                      <OpenTag value={e.open_attribute} />
                      <SectorTag nonGovernment={e.non_government} />
                    </Space>
                  }
                  description={
                    <>
                      {e.summary && (
                        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 4 }}>
                          {e.summary}
                        </Typography.Paragraph>
                      )}
                      <Space wrap size={[12, 4]}>
                        {e.domain && <Tag>{e.domain}</Tag>}
                        <span>{label('freq', e.update_frequency)}</span>
                        {e.row_count != null && <span>{t('providers.rows', { n: formatCount(e.row_count) })}</span>}
                        {e.updated_at && <span>{t('providers.updated', { date: formatDate(e.updated_at) })}</span>}
                      </Space>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Space>
    </Card>
  );
}
