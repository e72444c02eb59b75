// The industry data entry (行业数据开放入口, CAT-7): members of enterprises, universities and
// research institutes apply for their organisation to publish its own data; the authority
// reviews; approved, the applicant becomes the organisation's data provider.
import { useCallback, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api, reviewApi } from '../api';
import type { Case, Org } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useLoad } from '../useLoad';
import ErrorAlert from '../components/ErrorAlert';
import PageLoading from '../components/PageLoading';

const ELIGIBLE = ['enterprise', 'institution', 'other'];

export default function IndustryPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user } = useAuth();
  const [orgId, setOrgId] = useState<number | undefined>(undefined);
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const loadOrgs = useCallback(
    () => Promise.all((user?.orgs ?? []).map((m) => api.getOrg(m.org_id))),
    [user?.orgs],
  );
  const orgs = useLoad(loadOrgs, `${user?.id ?? ''}`);
  const loadCases = useCallback(() => reviewApi.cases({ type: 'industry_entry' }).then((r) => r.items), []);
  const cases = useLoad(loadCases, `${user?.id ?? ''}`);

  if (orgs.error && !orgs.data) return <ErrorAlert error={orgs.error} title={t('industry.loadFailed')} onRetry={orgs.reload} />;
  if (!orgs.data) return <PageLoading />;
  const eligible: Org[] = orgs.data.filter((o) => ELIGIBLE.includes(o.kind));
  const isProvider = !!user?.roles.includes('provider');

  const submit = async () => {
    setError(undefined);
    if (!orgId) {
      setError(new Error(t('industry.pickOrg')));
      return;
    }
    if (!description.trim()) {
      setError(new Error(t('industry.needDescription')));
      return;
    }
    setBusy(true);
    try {
      await reviewApi.industryApplication({ org_id: orgId, description: description.trim() });
      void message.success(t('industry.submitted'));
      setDescription('');
      cases.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="industry-page">
      <Typography.Title level={2}>{t('industry.title')}</Typography.Title>
      <Typography.Paragraph>{t('industry.intro')}</Typography.Paragraph>
      {isProvider && <Alert type="success" showIcon message={t('industry.already')} action={<Link to="/console/entries">{t('nav.console')}</Link>} />}
      <Card title={t('industry.apply')}>
        {eligible.length === 0 ? (
          <Empty description={t('industry.noOrg')} />
        ) : (
          <Form layout="vertical" onFinish={() => void submit()}>
            <Form.Item label={t('industry.org')} htmlFor="industry-org" required>
              <Select
                id="industry-org"
                value={orgId}
                onChange={setOrgId}
                options={eligible.map((o) => ({ value: o.id, label: o.name }))}
                placeholder={t('industry.pickOrg')}
              />
            </Form.Item>
            <Form.Item label={t('industry.description')} htmlFor="industry-description" required>
              <Input.TextArea
                id="industry-description"
                rows={4}
                maxLength={2000}
                value={description}
                onChange={(e) => setDescription(e.target.value)}
                placeholder={t('industry.descriptionHint')}
              />
            </Form.Item>
            {error !== undefined && <ErrorAlert error={error} title={t('industry.failed')} />}
            <Button type="primary" htmlType="submit" loading={busy} disabled={isProvider} data-testid="industry-submit">
              {t('industry.submit')}
            </Button>
          </Form>
        )}
      </Card>
      <Card title={t('industry.mine')}>
        {cases.error && !cases.data ? (
          <ErrorAlert error={cases.error} title={t('industry.loadFailed')} onRetry={cases.reload} />
        ) : (
          <List<Case>
            loading={!cases.data}
            dataSource={cases.data ?? []}
            locale={{ emptyText: t('industry.none') }}
            renderItem={(c) => (
              <List.Item data-testid="industry-case">
                <List.Item.Meta
                  title={c.title}
                  description={
                    <Space wrap>
                      <Tag>{t(`industry.state.${c.state}` as MessageKey)}</Tag>
                      <span>{c.stage.label}</span>
                      {c.due_date && <span>{t('industry.due', { date: c.due_date })}</span>}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </Space>
  );
}
