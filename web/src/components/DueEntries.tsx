// The provider console's reminder of open entries whose next update is near or past
// (GET /api/v1/catalog/due): each links to the entry's upload page.
import { useCallback } from 'react';
import { Alert, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { catalogApi } from '../api';
import { useI18n } from '../i18n';
import { useLoad } from '../useLoad';
import { formatDate } from '../catalog';
import ErrorAlert from './ErrorAlert';

const WITHIN_DAYS = 30;

export default function DueEntries() {
  const { t } = useI18n();
  const load = useCallback(() => catalogApi.due(WITHIN_DAYS).then((r) => r.items), []);
  const { data, error, reload } = useLoad(load);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return null;
  if (data.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="due-entries-none">
        {t('updateDue.none', { days: WITHIN_DAYS })}
      </Typography.Text>
    );
  }
  const today = dayjs().format('YYYY-MM-DD');
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="due-entries"
      message={<h2 className="card-heading">{t('updateDue.title')}</h2>}
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            {t('updateDue.lead', { days: WITHIN_DAYS })}
          </Typography.Paragraph>
          <ul className="due-list">
            {data.map((e) => {
              const late = !!e.next_update_due && e.next_update_due.slice(0, 10) < today;
              return (
                <li key={e.code} data-code={e.code}>
                  <Space wrap size={[8, 4]}>
                    <Link to={`/datasets/${encodeURIComponent(e.code)}`}>{e.name}</Link>
                    {late && <Tag color="error">{t('updateDue.overdue')}</Tag>}
                    <Typography.Text type="secondary">
                      {t('updateDue.dueOn', { date: e.next_update_due ? formatDate(e.next_update_due) : '—' })}
                    </Typography.Text>
                    <Link to={`/console/entries/${encodeURIComponent(e.code)}/upload`}>{t('updateDue.upload')}</Link>
                  </Space>
                </li>
              );
            })}
          </ul>
        </>
      }
    />
  );
}
