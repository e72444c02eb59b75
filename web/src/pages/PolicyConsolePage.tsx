// /console/policy: the deployment's active policy profile (政策配置, GET /api/v1/policy): the names
// of the open and share categories, each procedure's stages with who acts and the deadline in
// working days, the reminder lead time, the flags, and the articles each rule cites.
import { useCallback } from 'react';
import { Card, Collapse, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { authorityApi } from '../authorityApi';
import type { ProfileProcedure, ProfileStage } from '../authorityApi';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useLoad } from '../useLoad';
import ErrorAlert from '../components/ErrorAlert';
import PageLoading from '../components/PageLoading';
import AuthorityHeader from '../components/AuthorityNav';

/** The flags of a profile, by the message that explains them. */
const FLAG_TEXT: Record<string, MessageKey> = {
  conditional_downloadable: 'authority.policy.flag.conditional_downloadable',
  anonymous_download: 'authority.policy.flag.anonymous_download',
  quarterly_review_rounds: 'authority.policy.flag.quarterly_review_rounds',
  user_grades: 'authority.policy.flag.user_grades',
  sharing_only: 'authority.policy.flag.sharing_only',
  sandbox: 'authority.policy.flag.sandbox',
  result_review: 'authority.policy.flag.result_review',
  publish_grant_holders: 'authority.policy.flag.publish_grant_holders',
  consent_required: 'authority.policy.flag.consent_required',
  publish_violations: 'authority.policy.flag.publish_violations',
};

function Deadline({ s }: { s: ProfileStage }) {
  const { t } = useI18n();
  if (s.immediate) return <Tag color="volcano">{t('authority.policy.immediate')}</Tag>;
  if (s.deadline_cycles > 0) return <span>{t('authority.policy.cycles', { n: s.deadline_cycles })}</span>;
  if (s.deadline_wd > 0) return <Typography.Text strong>{t('authority.policy.wd', { n: s.deadline_wd })}</Typography.Text>;
  return <Typography.Text type="secondary">{t('authority.policy.noDeadline')}</Typography.Text>;
}

function StagesTable({ p }: { p: ProfileProcedure }) {
  const { t } = useI18n();
  const columns: ColumnsType<ProfileStage> = [
    { title: '#', key: 'n', width: 48, render: (_: unknown, _s, i) => i + 1 },
    {
      title: t('authority.policy.stage'),
      key: 'label',
      render: (_: unknown, s) => (
        <span>
          {s.label}
          {s.optional ? <Tag style={{ marginLeft: 6 }}>{t('authority.policy.optional')}</Tag> : null}
        </span>
      ),
    },
    { title: t('authority.policy.assignee'), key: 'assignee', render: (_: unknown, s) => s.assignee_label || s.assignee },
    {
      title: t('authority.policy.deadline'),
      key: 'deadline',
      render: (_: unknown, s) => (
        <Space direction="vertical" size={0}>
          <Deadline s={s} />
          {s.rounds.length ? (
            <Typography.Text type="secondary">{t('authority.policy.rounds', { dates: s.rounds.join('、') })}</Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('authority.policy.actions'),
      key: 'actions',
      responsive: ['md'],
      render: (_: unknown, s) => (
        <Space size={[0, 4]} wrap>
          {s.actions.map((a) => (
            <Tag key={a.code}>{a.label}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('authority.policy.basis'),
      dataIndex: 'basis',
      key: 'basis',
      render: (b: string) => (b ? <Typography.Text type="secondary">{b}</Typography.Text> : '—'),
    },
  ];
  return (
    <Table<ProfileStage>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={p.stages}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid={`policy-stages-${p.key}`}
    />
  );
}

export default function PolicyConsolePage() {
  const { t } = useI18n();
  const load = useCallback(() => authorityApi.policy(), []);
  const { data, error, loading, reload } = useLoad(load);

  return (
    <>
      <AuthorityHeader title={t('authority.sec.policy')} lead={t('authority.policy.lead')} />
      <ErrorAlert error={error} onRetry={reload} />
      {loading && !data ? <PageLoading /> : null}
      {data && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card title={<h2 style={{ fontSize: 18, margin: 0 }} data-testid="policy-name">{data.name}</h2>}>
            <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
              <Descriptions.Item label={t('authority.policy.key')}>
                <Typography.Text code>{data.key}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('authority.policy.region')}>
                {data.region} <Typography.Text type="secondary">{data.region_code}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('authority.policy.source')} span={2}>
                {data.source}
              </Descriptions.Item>
              <Descriptions.Item label={t('authority.policy.reminder')}>
                <span data-testid="policy-reminder">{t('authority.policy.wd', { n: data.reminder_lead_wd })}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('authority.policy.openListDue')}>
                {data.open_list_due ? t('authority.policy.yearly', { date: data.open_list_due }) : t('authority.policy.notSet')}
              </Descriptions.Item>
              <Descriptions.Item label={t('authority.policy.appMonths')}>
                {data.app_publish_months > 0 ? t('authority.policy.months', { n: data.app_publish_months }) : t('authority.policy.notSet')}
              </Descriptions.Item>
              <Descriptions.Item label={t('authority.policy.usageReportMonths')}>
                {data.usage_report_months > 0 ? t('authority.policy.everyMonths', { n: data.usage_report_months }) : t('authority.policy.notSet')}
              </Descriptions.Item>
              <Descriptions.Item label={t('authority.policy.reevaluateMonths')}>
                {data.reevaluate_months > 0 ? t('authority.policy.everyMonths', { n: data.reevaluate_months }) : t('authority.policy.notSet')}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('authority.policy.labels')}</h2>}>
            <Space direction="vertical" size={8}>
              <div data-testid="policy-labels">
                <Typography.Text strong>{t('authority.policy.openLabels')}：</Typography.Text>
                <Space size={[4, 4]} wrap>
                  {Object.entries(data.labels).map(([k, v]) => (
                    <Tag key={k} color="blue" title={k}>
                      {v}
                    </Tag>
                  ))}
                </Space>
              </div>
              <div>
                <Typography.Text strong>{t('authority.policy.shareLabels')}：</Typography.Text>
                <Space size={[4, 4]} wrap>
                  {Object.entries(data.share_labels).map(([k, v]) => (
                    <Tag key={k} color="cyan" title={k}>
                      {v}
                    </Tag>
                  ))}
                </Space>
              </div>
              {data.user_grades ? (
                <div>
                  <Typography.Text strong>{t('authority.policy.grades')}：</Typography.Text>
                  {data.user_grades.levels.join(' / ')}
                </div>
              ) : null}
            </Space>
          </Card>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('authority.policy.flags')}</h2>}>
            <ul style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }} data-testid="policy-flags">
              {Object.entries(data.flags).map(([k, on]) => (
                <li key={k} style={{ padding: '4px 0' }}>
                  <Tag color={on ? 'green' : 'default'} style={{ minWidth: 40, textAlign: 'center' }}>
                    {on ? t('authority.yes') : t('authority.no')}
                  </Tag>
                  {FLAG_TEXT[k] ? t(FLAG_TEXT[k]) : k}
                </li>
              ))}
            </ul>
          </Card>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('authority.policy.procedures')}</h2>}>
            {data.procedures.length === 0 ? (
              <Empty description={t('authority.policy.noProcedures')} />
            ) : (
              <Collapse
                defaultActiveKey={data.procedures.filter((p) => p.enabled).slice(0, 1).map((p) => p.key)}
                items={data.procedures.map((p) => ({
                  key: p.key,
                  label: (
                    <Space wrap>
                      <Typography.Text strong>{p.label}</Typography.Text>
                      {p.enabled ? (
                        <Tag color="green">{t('authority.policy.enabled')}</Tag>
                      ) : (
                        <Tag>{t('authority.policy.disabled')}</Tag>
                      )}
                      {p.deadline_wd > 0 && (
                        <Typography.Text type="secondary">{t('authority.policy.total', { n: p.deadline_wd })}</Typography.Text>
                      )}
                    </Space>
                  ),
                  children: (
                    <Space direction="vertical" style={{ width: '100%' }}>
                      {p.basis && (
                        <Typography.Text type="secondary">
                          {t('authority.policy.basis')}：{p.basis}
                        </Typography.Text>
                      )}
                      {p.enabled && p.key === 'publication' && p.updates && (
                        <Typography.Text data-testid="policy-updates">
                          {t(p.updates === 'direct_if_unchanged' ? 'updates.policyDirect' : 'updates.policyReview')}
                          {p.updates_basis ? `（${p.updates_basis}）` : ''}
                        </Typography.Text>
                      )}
                      {p.enabled ? <StagesTable p={p} /> : <Typography.Text>{t('authority.policy.notUsed')}</Typography.Text>}
                    </Space>
                  ),
                }))}
              />
            )}
          </Card>
        </Space>
      )}
    </>
  );
}
