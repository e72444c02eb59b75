import { useCallback } from 'react';
import { Alert, Card, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { request } from '../api';
import type { Entry } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { useLoad } from '../useLoad';
import { loginPath } from '../returnTo';
import ErrorAlert from '../components/ErrorAlert';

interface Sample {
  columns: string[];
  rows: Record<string, string>[];
  source: 'uploaded' | 'generated';
  row_count: number;
}

/** The sample of a published conditional entry (GET /api/v1/entries/{code}/sample). */
export default function SampleCard({ entry }: { entry: Entry }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const path = `/api/v1/entries/${encodeURIComponent(entry.code)}/sample`;
  // Asked only when the server would answer it: a signed-in, real-name verified user (the
  // server decides anyway; this saves visitors a refused request).
  const allowed = !!user?.real_name_verified;
  const load = useCallback(() => (allowed ? request<Sample>('GET', path) : Promise.resolve(null)), [allowed, path]);
  const sample = useLoad(load, `${path}:${allowed}`);
  const data = sample.data ?? null;
  return (
    <Card title={t('sample.title')} size="small" style={{ marginTop: 16 }} data-testid="sample-card">
      <Typography.Paragraph type="secondary">{t('sample.lead')}</Typography.Paragraph>
      {!user && (
        <Alert
          type="info"
          showIcon
          message={t('sample.login')}
          action={<Link to={loginPath(window.location.pathname)}>{t('sample.toLogin')}</Link>}
        />
      )}
      {user && !user.real_name_verified && (
        <Alert type="info" showIcon message={t('sample.verify')} action={<Link to="/me">{t('sample.toVerify')}</Link>} />
      )}
      <ErrorAlert error={sample.error} />
      {data && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text type="secondary">
              {t(data.source === 'uploaded' ? 'sample.uploaded' : 'sample.generated')} ·{' '}
              {t('sample.rows', { n: data.row_count })}
            </Typography.Text>
            <a href={`${path}.csv`} data-testid="sample-download">
              <DownloadOutlined /> {t('sample.download')}
            </a>
          </Space>
          <Table
            size="small"
            scroll={{ x: true }}
            pagination={false}
            rowKey={(_, i) => String(i)}
            columns={data.columns.map((c) => ({ title: c, dataIndex: c, key: c }))}
            dataSource={data.rows}
          />
        </Space>
      )}
    </Card>
  );
}
