// /me/grade — the user's grades (their own and their organisations'), how they changed (graded,
// set directly, lowered for a violation) and the grading application (Lishui art. 10): evidence,
// materials, then the authority's review with its due dates in working days.
import { useCallback, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Result, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { ApiError } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { errorMessage } from '../errors';
import { useLoad } from '../useLoad';
import { useDocumentTitle } from '../site/PageTitle';
import ErrorAlert from '../components/ErrorAlert';
import PageLoading from '../components/PageLoading';
import { CaseStateTag, Due } from '../components/ReviewBits';
import { applyApi } from './api';
import type { Attachment, GradeChange, MyGrade } from './api';
import { labelOf } from './bits';
import Materials from './Materials';

/** The API's field names of a grading application → the form's. */
const FORM_FIELDS: Record<string, keyof Values> = {
  org_id: 'subject',
  grade: 'grade',
  protection_level: 'protection_level',
  protection_filing_no: 'protection_filing_no',
  certificates: 'certificates',
  enterprise_type: 'enterprise_type',
  note: 'note',
  attachments: 'materials',
};

interface Values {
  subject: string; // "self" | "org:<id>"
  grade: string;
  protection_level: number;
  protection_filing_no?: string;
  certificates?: string;
  enterprise_type?: string;
  note?: string;
  materials?: Attachment[];
}

export default function MyGradePage() {
  const { t } = useI18n();
  const load = useCallback(() => applyApi.myGrade(), []);
  const mine = useLoad(load);
  useDocumentTitle(t('myGrade.title'));
  if (mine.error instanceof ApiError && mine.error.status === 503) {
    return <Result status="info" title={t('myGrade.title')} subTitle={t('grades.notGraded')} />;
  }
  if (!mine.data) return mine.error ? <ErrorAlert error={mine.error} onRetry={mine.reload} /> : <PageLoading />;
  const m = mine.data;
  if (m.levels.length === 0) {
    return <Result status="info" title={t('myGrade.title')} subTitle={t('grades.notGraded')} data-testid="my-grade-none" />;
  }
  const open = m.cases.find((c) => ['open', 'returned', 'waiting'].includes(c.state));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28, marginTop: 0 }}>
          {t('myGrade.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('myGrade.lead', { levels: m.levels.join(' / '), apply: m.apply_grade })}{' '}
          <Link to="/user-grades">{t('grading.public')}</Link>
        </Typography.Paragraph>
      </div>
      <Card title={<h2 className="card-heading">{t('myGrade.current')}</h2>} data-testid="my-grades">
        <Space direction="vertical" size={4}>
          {m.grades.map((g) => (
            <Space key={`${g.subject_kind}-${g.subject_id}`} size={8} wrap data-testid="my-grade" data-kind={g.subject_kind}>
              <Typography.Text strong>{g.name}</Typography.Text>
              <Typography.Text type="secondary">{labelOf(t, 'grades.kindOf', g.subject_kind)}</Typography.Text>
              {g.grade ? <Tag color="blue">{g.grade}</Tag> : <Tag>{t('myGrade.ungraded')}</Tag>}
              {g.graded_on && <Typography.Text type="secondary">{t('myGrade.since', { date: g.graded_on })}</Typography.Text>}
            </Space>
          ))}
        </Space>
      </Card>
      {m.cases.length > 0 && (
        <Card title={<h2 className="card-heading">{t('myGrade.cases')}</h2>} data-testid="my-grade-cases">
          <Space direction="vertical" size="small" style={{ width: '100%' }}>
            {m.cases.map((c) => (
              <div key={c.id} data-testid="my-grade-case">
                <Space size={8} wrap>
                  <Link to={`/console/cases/${c.id}`}>{c.title}</Link>
                  <CaseStateTag value={c.state} />
                  {c.grade && <Tag color="blue">{t('myGrade.decided', { grade: c.grade })}</Tag>}
                  {['open', 'returned', 'waiting'].includes(c.state) && (
                    <Typography.Text type="secondary">
                      {t('myGrade.stage', { stage: c.stage?.label ?? '' })}
                    </Typography.Text>
                  )}
                  <Due c={c} />
                </Space>
              </div>
            ))}
          </Space>
        </Card>
      )}
      {m.procedure && !open && <GradeForm mine={m} onDone={mine.reload} />}
      {m.procedure && open && (
        <Alert type="info" showIcon message={t('myGrade.openCase', { id: open.id })} data-testid="my-grade-open" />
      )}
      {!m.procedure && <Alert type="info" showIcon message={t('myGrade.noProcedure')} />}
      <ChangesCard items={m.changes} />
    </Space>
  );
}

export function ChangesCard({ items, title }: { items: GradeChange[]; title?: string }) {
  const { t } = useI18n();
  const columns: ColumnsType<GradeChange> = [
    { title: t('myGrade.on'), dataIndex: 'on', key: 'on', width: 120 },
    { title: t('grades.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('myGrade.change'),
      key: 'change',
      render: (_, c) => (
        <Space size={4}>
          {c.from ? <Tag>{c.from}</Tag> : <Typography.Text type="secondary">{t('myGrade.ungraded')}</Typography.Text>}→
          {c.to ? <Tag color={c.from && (!c.to || c.to < c.from) ? 'red' : 'blue'}>{c.to}</Tag> : <Tag color="red">{t('myGrade.removed')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('myGrade.reason'),
      key: 'reason',
      render: (_, c) => (
        <Space size={8} wrap>
          <span>{c.reason}</span>
          {c.case_id && c.grant_id === null && <Link to={`/console/cases/${c.case_id}`}>#{c.case_id}</Link>}
          {c.grant_id && <Link to={`/grants/${c.grant_id}`}>{t('myGrade.grant', { id: c.grant_id })}</Link>}
        </Space>
      ),
    },
  ];
  return (
    <Card title={<h2 className="card-heading">{title ?? t('myGrade.changes')}</h2>} data-testid="grade-changes">
      <Table<GradeChange>
        rowKey={(c) => `${c.subject_kind}-${c.subject_id}-${c.on}-${c.to}-${c.reason}`}
        size="small"
        columns={columns}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('myGrade.noChanges')} /> }}
      />
    </Card>
  );
}

function GradeForm({ mine, onDone }: { mine: MyGrade; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user } = useAuth();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const level = Form.useWatch('protection_level', form) ?? 0;
  const subject = Form.useWatch('subject', form) ?? 'self';
  const orgs = mine.grades.filter((g) => g.subject_kind === 'org');
  const needsSecurity = (g: string | undefined) =>
    !!g && mine.levels.indexOf(g) > 0 && mine.levels.indexOf(g) >= mine.levels.indexOf(mine.apply_grade);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const c = await applyApi.applyForGrade({
        org_id: v.subject.startsWith('org:') ? Number(v.subject.slice(4)) : undefined,
        grade: v.grade,
        protection_level: v.protection_level ?? 0,
        protection_filing_no: (v.protection_filing_no ?? '').trim(),
        certificates: (v.certificates ?? '').trim(),
        enterprise_type: (v.enterprise_type ?? '').trim(),
        note: (v.note ?? '').trim(),
        attachments: (v.materials ?? []).map((a) => a.id),
      });
      void message.success(t('myGrade.submitted', { id: c.id }));
      form.resetFields();
      onDone();
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.field) {
        const name = FORM_FIELDS[err.field];
        if (name) form.setFields([{ name, errors: [errorMessage(err, t)] }]);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<h2 className="card-heading">{t('myGrade.apply')}</h2>} data-testid="grade-form">
      <Typography.Paragraph type="secondary">{t('myGrade.applyLead')}</Typography.Paragraph>
      {!user?.real_name_verified && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('myGrade.verifyFirst')}
          action={<Link to="/me/account">{t('myGrade.verify')}</Link>}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        name="grade-application"
        initialValues={{ subject: orgs.length ? `org:${orgs[0].subject_id}` : 'self', protection_level: 0, materials: [] }}
        style={{ maxWidth: 720 }}
      >
        <Form.Item label={t('grading.subject')} name="subject">
          <Select
            data-testid="grade-subject"
            options={[
              { value: 'self', label: t('myGrade.self') },
              ...orgs.map((o) => ({ value: `org:${o.subject_id}`, label: o.name })),
            ]}
          />
        </Form.Item>
        <Form.Item label={t('grades.grade')} name="grade" rules={[{ required: true, message: t('grading.gradeRequired') }]}>
          <Select
            data-testid="grade-asked"
            options={mine.levels.map((l) => ({ value: l, label: l }))}
            placeholder={t('grading.gradeRequired')}
          />
        </Form.Item>
        <Form.Item
          label={t('myGrade.protectionLevel')}
          name="protection_level"
          extra={t('myGrade.protectionHelp')}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v: number | undefined) =>
                needsSecurity(getFieldValue('grade')) && (v ?? 0) < 2
                  ? Promise.reject(new Error(t('myGrade.protectionNeeded')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <InputNumber min={0} max={5} precision={0} data-testid="grade-protection-level" />
        </Form.Item>
        <Form.Item
          label={t('myGrade.filingNo')}
          name="protection_filing_no"
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                needsSecurity(getFieldValue('grade')) && !(v ?? '').trim()
                  ? Promise.reject(new Error(t('myGrade.filingNeeded')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Input maxLength={100} data-testid="grade-filing-no" />
        </Form.Item>
        <Form.Item label={t('grading.certificates')} name="certificates">
          <Input.TextArea rows={2} maxLength={1000} placeholder={t('grading.certificatesPlaceholder')} />
        </Form.Item>
        <Form.Item
          label={t('grading.enterpriseType')}
          name="enterprise_type"
          rules={subject.startsWith('org:') ? [{ required: true, whitespace: true, message: t('myGrade.typeNeeded') }] : []}
        >
          <Input maxLength={60} placeholder={t('grading.enterpriseTypePlaceholder')} data-testid="grade-enterprise-type" />
        </Form.Item>
        <Form.Item label={t('myGrade.note')} name="note">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item
          label={t('myGrade.materials')}
          name="materials"
          rules={[
            {
              validator: (_, v: Attachment[] | undefined) =>
                level >= 2 && !(v ?? []).some((a) => a.kind === 'protection_certificate')
                  ? Promise.reject(new Error(t('myGrade.certificateNeeded')))
                  : Promise.resolve(),
            },
          ]}
        >
          <Materials
            kinds={[
              { kind: 'protection_certificate', required: level >= 2 },
              { kind: 'credit_report', required: false },
              { kind: 'proof', required: false },
            ]}
          />
        </Form.Item>
        <ErrorAlert error={error} />
        <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="grade-submit">
          {t('myGrade.submit')}
        </Button>
      </Form>
    </Card>
  );
}
