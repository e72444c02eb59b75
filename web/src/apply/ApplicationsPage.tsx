// 我的申请 (/me/applications): the applications of the signed-in user with their state, current
// stage, due date and working days left. For provider staff and the authority the same list at
// /console/applications holds the applications they are party to, with those waiting for them
// (?assigned=1) first.
import { useCallback } from 'react';
import { Empty, List, Space, Tabs, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useI18n } from '../i18n';
import { useLoad } from '../useLoad';
import { formatTime } from '../format';
import { sortCases } from '../review';
import { useDocumentTitle } from '../site/PageTitle';
import ErrorAlert from '../components/ErrorAlert';
import LinkButton from '../components/LinkButton';
import { CaseStateTag, Due } from '../components/ReviewBits';
import { applyApi } from './api';
import type { ApplicationSummary } from './api';
import { useApplyPolicy, useHoldersPublished } from './policy';

export default function ApplicationsPage({ staff = false }: { staff?: boolean }) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const assigned = staff && params.get('tab') !== 'all';
  const load = useCallback(
    () => applyApi.list(assigned).then((r) => sortCases(r.items)),
    [assigned],
  );
  const list = useLoad(load, String(assigned));
  const holders = useHoldersPublished();
  const policy = useApplyPolicy();
  useDocumentTitle(t(staff ? 'apply.list.staffTitle' : 'apply.list.title'));

  const body = list.error ? (
    <ErrorAlert error={list.error} onRetry={list.reload} />
  ) : (
    <div data-testid="applications">
      <List<ApplicationSummary>
        loading={list.loading}
        dataSource={list.data ?? []}
        locale={{
          emptyText: (
            <Empty
              description={t(staff ? (assigned ? 'apply.list.noneAssigned' : 'apply.list.noneStaff') : 'apply.list.none')}
            />
          ),
        }}
        renderItem={(c) => <Row c={c} staff={staff} />}
      />
    </div>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28, marginTop: 0 }}>
          {t(staff ? 'apply.list.staffTitle' : 'apply.list.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t(staff ? 'apply.list.staffLead' : 'apply.list.lead')}
        </Typography.Paragraph>
        <Space wrap>
          <LinkButton to="/grants" small>
            {t(staff ? 'grant.list.staffTitle' : 'grant.list.title')}
          </LinkButton>
          {!staff && (
            <LinkButton to="/catalog?open=conditional" small>
              {t('apply.list.find')}
            </LinkButton>
          )}
          {!staff && policy.grades && (
            <LinkButton to="/me/grade" small>
              {t('myGrade.title')}
            </LinkButton>
          )}
          {staff && (
            <LinkButton to="/console/reevaluations" small>
              {t('reeval.link')}
            </LinkButton>
          )}
          {holders && (
            <LinkButton to="/grant-holders" small>
              {t('holders.title')}
            </LinkButton>
          )}
        </Space>
      </div>
      {staff ? (
        <Tabs
          activeKey={assigned ? 'assigned' : 'all'}
          onChange={(k) => {
            const next = new URLSearchParams(params);
            if (k === 'assigned') next.delete('tab');
            else next.set('tab', k);
            setParams(next, { replace: true });
          }}
          items={[
            { key: 'assigned', label: t('apply.list.assigned'), children: assigned ? body : null },
            { key: 'all', label: t('apply.list.all'), children: assigned ? null : body },
          ]}
        />
      ) : (
        body
      )}
    </Space>
  );
}

function Row({ c, staff }: { c: ApplicationSummary; staff: boolean }) {
  const { t } = useI18n();
  return (
    <List.Item data-testid="application-row" data-case={c.id} data-state={c.state} data-stage={c.stage?.key}>
      <Space direction="vertical" size={2} style={{ width: '100%' }}>
        <Space size={8} wrap>
          <Link to={`/applications/${c.id}`} className="case-title">
            {c.entry_name || c.title}
          </Link>
          <CaseStateTag value={c.state} />
          <Typography.Text type="secondary">#{c.id}</Typography.Text>
        </Space>
        <Space size={[12, 2]} wrap>
          {staff && <span>{t('apply.applicantIs', { name: c.applicant_name })}</span>}
          <span>
            {t('case.stage')}：{c.stage?.label}
          </span>
          <Due c={c} />
          <Typography.Text type="secondary">{t('apply.list.submitted', { at: formatTime(c.created_at) })}</Typography.Text>
        </Space>
      </Space>
    </List.Item>
  );
}
