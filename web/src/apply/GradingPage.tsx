// /console/user-grades — the authority grades a user or an organisation (Lishui art. 10: A / AA /
// AAA) with its evidence (等保级别、备案号、信用核查结果、证书、企业类型); the graded list is public
// (/user-grades). Only where the profile grades users.
import { useCallback, useState } from 'react';
import { App, Button, Card, Empty, Form, Input, InputNumber, Radio, Result, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { useI18n } from '../i18n';
import { useLoad } from '../useLoad';
import { useDocumentTitle } from '../site/PageTitle';
import AuthorityHeader from '../components/AuthorityNav';
import ErrorAlert from '../components/ErrorAlert';
import { applyApi } from './api';
import type { GradedUser, GradeEvidence } from './api';
import { given, labelOf } from './bits';
import { useApplyPolicy } from './policy';
import { ChangesCard } from './MyGradePage';

interface Values {
  subject: 'org' | 'user';
  org_id?: number;
  user_id?: number;
  grade: string;
  protection_level?: number;
  filing_no?: string;
  credit_check?: string;
  certificates?: string;
  enterprise_type?: string;
}

export default function GradingPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const policy = useApplyPolicy();
  const [form] = Form.useForm<Values>();
  const subject = Form.useWatch('subject', form);
  const loadOrgs = useCallback(() => api.listOrgs().then((r) => r.items), []);
  const orgs = useLoad(loadOrgs);
  const loadGraded = useCallback(() => applyApi.grades().then((r) => r.items), []);
  const graded = useLoad(loadGraded);
  const loadChanges = useCallback(() => applyApi.gradeChanges().then((r) => r.items), []);
  const changes = useLoad(loadChanges);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  useDocumentTitle(t('grading.title'));

  if (policy.loaded && !policy.grades) {
    return (
      <>
        <AuthorityHeader title={t('grading.title')} />
        <Result status="info" title={t('grades.notGraded')} data-testid="grading-none" />
      </>
    );
  }

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const evidence: GradeEvidence = {};
    if (v.protection_level) evidence.protection_level = v.protection_level;
    for (const k of ['filing_no', 'credit_check', 'certificates', 'enterprise_type'] as const) {
      const x = v[k]?.trim();
      if (x) evidence[k] = x;
    }
    setBusy(true);
    setError(undefined);
    try {
      const r = await applyApi.setGrade({
        org_id: v.subject === 'org' ? v.org_id : undefined,
        user_id: v.subject === 'user' ? v.user_id : undefined,
        grade: v.grade,
        evidence,
      });
      void message.success(t('grading.done', { name: r.name, grade: r.grade }));
      graded.reload();
      changes.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const columns: ColumnsType<GradedUser> = [
    { title: t('grades.name'), dataIndex: 'name', key: 'name' },
    { title: t('grades.kind'), key: 'kind', render: (_, g) => labelOf(t, 'grades.kindOf', g.kind) },
    { title: t('grades.grade'), key: 'grade', render: (_, g) => <Tag color="blue">{g.grade}</Tag> },
    { title: t('grades.on'), dataIndex: 'graded_on', key: 'on' },
  ];
  const levels = policy.grades?.levels ?? [];

  return (
    <>
      <AuthorityHeader
        title={t('grading.title')}
        lead={policy.grades ? t('grades.lead', { levels: levels.join(' / '), apply: policy.grades.apply }) : undefined}
      />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card title={<h2 className="card-heading">{t('grading.set')}</h2>} data-testid="grading-form">
          <Form<Values> form={form} layout="vertical" name="grading" initialValues={{ subject: 'org' }} style={{ maxWidth: 560 }}>
            <Form.Item name="subject" label={t('grading.subject')}>
              <Radio.Group>
                <Radio value="org">{t('grades.kindOf.org')}</Radio>
                <Radio value="user">{t('grades.kindOf.user')}</Radio>
              </Radio.Group>
            </Form.Item>
            {subject !== 'user' ? (
              <Form.Item name="org_id" label={t('grading.org')} rules={[given(t('grading.orgRequired'))]}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  loading={orgs.loading}
                  data-testid="grading-org"
                  options={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
                />
              </Form.Item>
            ) : (
              <Form.Item
                name="user_id"
                label={t('grading.user')}
                extra={t('grading.userHelp')}
                rules={[{ required: true, type: 'integer', min: 1, message: t('grading.userRequired') }]}
              >
                <InputNumber min={1} precision={0} style={{ width: 200 }} data-testid="grading-user" />
              </Form.Item>
            )}
            <Form.Item name="grade" label={t('grades.grade')} rules={[given(t('grading.gradeRequired'))]}>
              <Select data-testid="grading-grade" options={levels.map((l) => ({ value: l, label: l }))} style={{ maxWidth: 200 }} />
            </Form.Item>
            <Typography.Title level={3} style={{ fontSize: 15 }}>
              {t('grading.evidence')}
            </Typography.Title>
            <Form.Item name="protection_level" label={t('apply.f.protection_level')}>
              <Select
                allowClear
                options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: t('apply.protectionLevel', { n }) }))}
                style={{ maxWidth: 240 }}
              />
            </Form.Item>
            <Form.Item name="filing_no" label={t('apply.f.protection_filing_no')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="credit_check" label={t('grading.creditCheck')}>
              <Input maxLength={500} placeholder={t('grading.creditCheckPlaceholder')} />
            </Form.Item>
            <Form.Item name="certificates" label={t('grading.certificates')}>
              <Input maxLength={500} placeholder={t('grading.certificatesPlaceholder')} />
            </Form.Item>
            <Form.Item name="enterprise_type" label={t('grading.enterpriseType')}>
              <Input maxLength={100} placeholder={t('grading.enterpriseTypePlaceholder')} />
            </Form.Item>
          </Form>
          <ErrorAlert error={error} title={t('grading.failed')} />
          <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="grading-submit">
            {t('grading.submit')}
          </Button>
        </Card>
        <Card
          title={<h2 className="card-heading">{t('grades.title')}</h2>}
          extra={<Link to="/user-grades">{t('grading.public')}</Link>}
        >
          <ErrorAlert error={graded.error} onRetry={graded.reload} />
          <Table<GradedUser>
            rowKey={(x) => `${x.kind}|${x.name}|${x.graded_on}`}
            size="small"
            loading={graded.loading}
            columns={columns}
            dataSource={graded.data ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('grades.none')} /> }}
          />
        </Card>
        {changes.data && <ChangesCard items={changes.data} />}
        <ErrorAlert error={changes.error} onRetry={changes.reload} />
      </Space>
    </>
  );
}
