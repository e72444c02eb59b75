// /user-grades — public: the users and organisations the authority has graded (Lishui art. 10:
// A / AA / AAA), where the profile grades users.
import { useCallback } from 'react';
import { Empty, Result, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useI18n } from '../i18n';
import { useLoad } from '../useLoad';
import { useDocumentTitle } from '../site/PageTitle';
import ErrorAlert from '../components/ErrorAlert';
import PageLoading from '../components/PageLoading';
import { applyApi } from './api';
import type { GradedUser } from './api';
import { labelOf } from './bits';
import { useApplyPolicy } from './policy';

export default function GradesPage() {
  const { t } = useI18n();
  const policy = useApplyPolicy();
  const load = useCallback(() => applyApi.grades().then((r) => r.items), []);
  const list = useLoad(load);
  useDocumentTitle(t('grades.title'));
  if (!policy.loaded) return <PageLoading />;
  if (!policy.grades) {
    return <Result status="info" title={t('grades.title')} subTitle={t('grades.notGraded')} data-testid="grades-none" />;
  }
  const columns: ColumnsType<GradedUser> = [
    { title: t('grades.name'), dataIndex: 'name', key: 'name' },
    { title: t('grades.kind'), key: 'kind', render: (_, g) => labelOf(t, 'grades.kindOf', g.kind) },
    { title: t('grades.grade'), key: 'grade', render: (_, g) => <Tag color="blue">{g.grade}</Tag> },
    { title: t('grades.on'), dataIndex: 'graded_on', key: 'on' },
  ];
  const g = policy.grades;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28, marginTop: 0 }}>
          {t('grades.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('grades.lead', { levels: g.levels.join(' / '), apply: g.apply })}
        </Typography.Paragraph>
      </div>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <div data-testid="grades">
        <Table<GradedUser>
          rowKey={(x) => `${x.kind}|${x.name}|${x.graded_on}`}
          size="small"
          loading={list.loading}
          columns={columns}
          dataSource={list.data ?? []}
          pagination={(list.data?.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('grades.none')} /> }}
        />
      </div>
    </Space>
  );
}
