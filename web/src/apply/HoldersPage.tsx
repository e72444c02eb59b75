// /grant-holders — public: who has been given conditional (受限开放) data, which, and until when
// (Zhejiang art. 16). Only where the profile publishes it: the server answers 503 otherwise, and
// no page links here then.
import { useCallback } from 'react';
import { Empty, Result, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n';
import { useLoad } from '../useLoad';
import { useDocumentTitle } from '../site/PageTitle';
import ErrorAlert from '../components/ErrorAlert';
import PageLoading from '../components/PageLoading';
import { applyApi } from './api';
import type { GrantHolder, Violation } from './api';
import { useApplyPolicy } from './policy';

export default function HoldersPage() {
  const { t, label } = useI18n();
  const policy = useApplyPolicy();
  const load = useCallback(() => applyApi.holders(), []);
  const list = useLoad(load);
  const loadViolations = useCallback(() => applyApi.violations(), []);
  const violations = useLoad(loadViolations);
  useDocumentTitle(t('holders.title'));
  const violationColumns: ColumnsType<Violation> = [
    { title: t('violations.on'), dataIndex: 'on', key: 'on' },
    { title: t('violations.holder'), dataIndex: 'holder_name', key: 'holder' },
    {
      title: t('violations.entry'),
      key: 'entry',
      render: (_, v) => <Link to={`/datasets/${encodeURIComponent(v.entry_code)}`}>{v.entry_name}</Link>,
    },
    { title: t('violations.measure'), dataIndex: 'measure_label', key: 'measure' },
    { title: t('violations.reason'), dataIndex: 'reason', key: 'reason' },
  ];
  const columns: ColumnsType<GrantHolder> = [
    { title: t('holders.holder'), dataIndex: 'holder_name', key: 'holder' },
    {
      title: t('holders.entry'),
      key: 'entry',
      render: (_, h) => (
        <Space direction="vertical" size={0}>
          <Link to={`/datasets/${encodeURIComponent(h.entry_code)}`}>{h.entry_name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {h.entry_code}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('holders.from'), dataIndex: 'starts_on', key: 'from' },
    { title: t('holders.to'), dataIndex: 'expires_on', key: 'to' },
  ];
  if (list.loading && !list.data) return <PageLoading />;
  if (list.data === null) {
    return <Result status="info" title={t('holders.title')} subTitle={t('holders.notPublished')} data-testid="holders-unpublished" />;
  }
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28, marginTop: 0 }}>
          {t('holders.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('holders.lead', { label: label('open', 'conditional') })}
        </Typography.Paragraph>
        {policy.grades && (
          <Link to="/user-grades" style={{ display: 'inline-block', marginTop: 8 }}>
            {t('grades.title')}
          </Link>
        )}
      </div>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <div data-testid="holders">
        <Table<GrantHolder>
          rowKey={(h) => `${h.holder_name}|${h.entry_code}|${h.starts_on}`}
          size="small"
          columns={columns}
          dataSource={list.data ?? []}
          pagination={(list.data?.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('holders.none')} /> }}
        />
      </div>
      {violations.data && (
        <section data-testid="violations">
          <Typography.Title level={2} style={{ fontSize: 20 }}>
            {t('violations.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('violations.lead')}</Typography.Paragraph>
          <Table<Violation>
            rowKey="id"
            size="small"
            columns={violationColumns}
            dataSource={violations.data}
            pagination={violations.data.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('violations.none')} /> }}
          />
        </section>
      )}
    </Space>
  );
}
