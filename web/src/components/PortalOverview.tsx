// The home page's view of the open catalog (issue 7 item 1): counters, domains as tiles, the
// newest and most used datasets, and charts of the catalog by domain, by provider and of
// updates over time. Everything comes from public routes (/api/v1/portal/stats, /api/v1/catalog).
import { lazy, Suspense, useCallback } from 'react';
import { Card, Col, Empty, List, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { EChartsCoreOption } from 'echarts/core';
import { catalogApi } from '../api';
import { useI18n } from '../i18n';
import { useLoad } from '../useLoad';
import ErrorAlert from './ErrorAlert';
import WhenVisible from '../home/WhenVisible';

// ECharts is loaded on demand: when the charts come into view (issue 12 item 7).
const Chart = lazy(() => import('../home/PortalChart'));
const CHART_HEIGHT = 260;

interface PortalStats {
  entries: number;
  records: number;
  providers: number;
  downloads: number;
  api_calls: number;
  updates_by_month: { month: string; entries: number }[];
}

async function fetchStats(): Promise<PortalStats> {
  const res = await fetch('/api/v1/portal/stats', { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as PortalStats;
}

export default function PortalOverview() {
  const { t } = useI18n();
  const loadStats = useCallback(() => fetchStats(), []);
  const stats = useLoad(loadStats, 'portal-stats');
  const loadFacets = useCallback(() => catalogApi.search({ size: 5, sort: 'updated' }), []);
  const newest = useLoad(loadFacets, 'portal-newest');
  const loadUsed = useCallback(() => catalogApi.search({ size: 5, sort: 'downloads' }), []);
  const used = useLoad(loadUsed, 'portal-used');

  if (stats.error && !stats.data) return <ErrorAlert error={stats.error} title={t('portal.loadFailed')} onRetry={stats.reload} />;
  const s = stats.data;
  const domains = newest.data?.facets.domain ?? [];
  const providers = (newest.data?.facets.provider ?? []).slice(0, 10);
  const counters: { key: string; label: string; value?: number }[] = [
    { key: 'entries', label: t('portal.entries'), value: s?.entries },
    { key: 'records', label: t('portal.records'), value: s?.records },
    { key: 'providers', label: t('portal.providers'), value: s?.providers },
    { key: 'api_calls', label: t('portal.apiCalls'), value: s?.api_calls },
    { key: 'downloads', label: t('portal.downloads'), value: s?.downloads },
  ];
  const bar = (names: string[], values: number[]): EChartsCoreOption => ({
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
    series: [{ type: 'bar', data: values, itemStyle: { color: '#1677ff' } }],
  });

  return (
    <section data-testid="portal-overview" style={{ marginTop: 32 }}>
      {/* Two counters a row on phones, three on small tablets, all five in one row from md up
          (styles.css .portal-counters), so that large numbers always fit. */}
      <Row gutter={[16, 16]} className="portal-counters">
        {counters.map((c) => (
          <Col key={c.key} xs={12} sm={8} md={4}>
            <Card size="small" data-testid={`counter-${c.key}`}>
              <Statistic title={c.label} value={c.value ?? '—'} loading={!s} />
            </Card>
          </Col>
        ))}
      </Row>
      <Typography.Title level={2} style={{ fontSize: 22, marginTop: 24 }}>
        {t('portal.domains')}
      </Typography.Title>
      {newest.data && domains.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.topicsEmpty')} data-testid="topics-empty" />
      )}
      <Row gutter={[12, 12]} data-testid="domain-tiles">
        {domains.map((d) => (
          <Col key={d.value} xs={12} sm={8} md={6} lg={4}>
            <Link to={`/catalog?domain=${encodeURIComponent(d.value)}`}>
              <Card size="small" hoverable>
                <Typography.Text strong>{d.label}</Typography.Text>
                <div>
                  <Typography.Text type="secondary">{t('portal.datasets', { n: d.count })}</Typography.Text>
                </div>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      <Typography.Title level={2} style={{ fontSize: 22, marginTop: 24 }}>
        {t('home.featured')}
      </Typography.Title>
      <Row gutter={[16, 16]} data-testid="featured">
        <Col xs={24} md={12}>
          <Card title={<h3 className="card-heading">{t('portal.newest')}</h3>} size="small">
            <List
              loading={!newest.data}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.newestEmpty')} /> }}
              dataSource={newest.data?.items ?? []}
              renderItem={(e) => (
                <List.Item>
                  <Link to={`/datasets/${encodeURIComponent(e.code)}`}>{e.name}</Link>
                  <Typography.Text type="secondary">{e.provider_name}</Typography.Text>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title={<h3 className="card-heading">{t('portal.mostUsed')}</h3>} size="small">
            <List
              loading={!used.data}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.mostUsedEmpty')} /> }}
              dataSource={(used.data?.items ?? []).filter((e) => (e.downloads ?? 0) > 0)}
              renderItem={(e) => (
                <List.Item>
                  <Link to={`/datasets/${encodeURIComponent(e.code)}`}>{e.name}</Link>
                  <Typography.Text type="secondary">{t('portal.downloadsN', { n: e.downloads ?? 0 })}</Typography.Text>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      <Typography.Title level={2} style={{ fontSize: 22, marginTop: 24 }}>
        {t('home.chartsTitle')}
      </Typography.Title>
      {s && newest.data && domains.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.chartsEmpty')} data-testid="charts-empty" />
      )}
      {s && domains.length > 0 && (
        <WhenVisible minHeight={CHART_HEIGHT + 60}>
        <Suspense fallback={<div style={{ minHeight: CHART_HEIGHT + 60 }} />}>
        <Row gutter={[16, 16]} data-testid="portal-charts">
          <Col xs={24} lg={8}>
            <Card title={<h3 className="card-heading">{t('portal.byDomain')}</h3>} size="small">
              <Chart label={t('portal.byDomain')} option={bar(domains.map((d) => d.label), domains.map((d) => d.count))} />
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card title={<h3 className="card-heading">{t('portal.byProvider')}</h3>} size="small">
              <Chart label={t('portal.byProvider')} option={bar(providers.map((d) => d.label), providers.map((d) => d.count))} />
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card title={<h3 className="card-heading">{t('portal.updates')}</h3>} size="small">
              <Chart
                label={t('portal.updates')}
                option={{
                  grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
                  xAxis: { type: 'category', data: s.updates_by_month.map((m) => m.month) },
                  yAxis: { type: 'value', minInterval: 1 },
                  series: [{ type: 'line', data: s.updates_by_month.map((m) => m.entries), smooth: true }],
                }}
              />
            </Card>
          </Col>
        </Row>
        </Suspense>
        </WhenVisible>
      )}
    </section>
  );
}
