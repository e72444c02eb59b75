// /grants — the grants each side sees (the holder its own, the provider those on its entries, the
// authority all), and /grants/:id — one grant with its access log, sanctions and reports.
import { useCallback } from 'react';
import { Breadcrumb, Empty, List, Result, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { formatCount } from '../catalog';
import { useLoad } from '../useLoad';
import { isStaff } from '../review';
import { useDocumentTitle } from '../site/PageTitle';
import ErrorAlert from '../components/ErrorAlert';
import PageLoading from '../components/PageLoading';
import LinkButton from '../components/LinkButton';
import { applyApi } from './api';
import type { Grant } from './api';
import { ChannelTags, GrantStateTag, useEntryFields } from './bits';
import GrantView from './GrantView';
import { applicationsHome } from './ApplicationPage';

export default function GrantsPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const staff = isStaff(user);
  const load = useCallback(() => applyApi.grants().then((r) => r.items), []);
  const list = useLoad(load);
  useDocumentTitle(t(staff ? 'grant.list.staffTitle' : 'grant.list.title'));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28, marginTop: 0 }}>
          {t(staff ? 'grant.list.staffTitle' : 'grant.list.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t(staff ? 'grant.list.staffLead' : 'grant.list.lead')}
        </Typography.Paragraph>
        <LinkButton to={applicationsHome(staff)} small>
          {t(staff ? 'apply.list.staffTitle' : 'apply.list.title')}
        </LinkButton>
      </div>
      {list.error ? (
        <ErrorAlert error={list.error} onRetry={list.reload} />
      ) : (
        <div data-testid="grants">
          <List<Grant>
            loading={list.loading}
            dataSource={list.data ?? []}
            locale={{ emptyText: <Empty description={t('grant.list.none')} /> }}
            renderItem={(g) => (
              <List.Item data-testid="grant-row" data-grant={g.id} data-state={g.state}>
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <Space size={8} wrap>
                    <Link to={`/grants/${g.id}`} className="case-title">
                      {g.entry_name}
                    </Link>
                    <GrantStateTag state={g.state} />
                    <Typography.Text type="secondary">#{g.id}</Typography.Text>
                  </Space>
                  <Space size={[12, 4]} wrap>
                    <span>{t('grant.holderIs', { name: g.holder_name })}</span>
                    <ChannelTags codes={g.channels} />
                    <span>{t('grant.fieldCount', { n: formatCount(g.fields.length) })}</span>
                    <span>{t('grant.termText', { from: g.starts_on, to: g.expires_on })}</span>
                  </Space>
                  {g.state !== 'active' && g.state_reason && (
                    <Typography.Text type="secondary">{t('grant.reason', { reason: g.state_reason })}</Typography.Text>
                  )}
                </Space>
              </List.Item>
            )}
          />
        </div>
      )}
    </Space>
  );
}

export function GrantPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const load = useCallback(() => applyApi.grant(id), [id]);
  const g = useLoad(load, id);
  const fields = useEntryFields(g.data?.entry_code);
  useDocumentTitle(g.data ? `${t('grant.title')} · ${g.data.entry_name}` : t('grant.title'));
  if (g.error instanceof ApiError && g.error.status === 404) {
    return (
      <Result
        status="404"
        title={t('grant.notFound')}
        subTitle={`#${id}`}
        extra={
          <LinkButton to="/grants" primary>
            {t('grant.backToList')}
          </LinkButton>
        }
      />
    );
  }
  if (!g.data || String(g.data.id) !== id) {
    return g.error ? <ErrorAlert error={g.error} onRetry={g.reload} /> : <PageLoading />;
  }
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/grants">{t('grant.list.short')}</Link> }, { title: `#${g.data.id}` }]} />
      <Typography.Title level={1} style={{ fontSize: 26, margin: 0 }}>
        {t('grant.pageTitle', { name: g.data.entry_name, holder: g.data.holder_name })}
      </Typography.Title>
      <GrantView grantId={g.data.id} initial={g.data} fields={fields} applicationLink />
    </Space>
  );
}
