// One grant as its parties see it: what it allows (fields, channels, daily quotas, term), its
// state and the reason, the access log (who, how, rows, bytes, fields, when), the sanctions and
// reports so far; the provider and the authority may suspend, restore, demand rectification or
// terminate it (each with a reason), the holder submits usage reports, returned data and the
// application built on the data.
import { useCallback, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { Field } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { formatTime } from '../format';
import { formatBytes, formatCount, hasRole } from '../catalog';
import { useLoad } from '../useLoad';
import ErrorAlert from '../components/ErrorAlert';
import { applyApi, MATERIAL_ACCEPT, MAX_ATTACHMENT_BYTES, REPORT_KINDS } from './api';
import type { Grant, GrantUse, ReportKind, SanctionAction } from './api';
import { ChannelTags, fieldText, FieldList, GrantStateTag, labelOf } from './bits';

/** Which sanctions apply in which state (the server refuses the others). */
/** A due day, marked when it has passed without what was due. */
function DueDay({ day, overdue, testId }: { day: string; overdue?: boolean; testId: string }) {
  const { t } = useI18n();
  return (
    <Space size={6} data-testid={testId}>
      <span>{day}</span>
      {overdue && <Tag color="red">{t('grant.overdue')}</Tag>}
    </Space>
  );
}

function sanctionsFor(state: string): SanctionAction[] {
  if (state === 'active') return ['suspend', 'rectify', 'terminate'];
  if (state === 'suspended') return ['restore', 'rectify', 'terminate'];
  return [];
}

export function useGrantRoles(g: Pick<Grant, 'holder_user_id' | 'holder_org_id' | 'provider_id'> | undefined) {
  const { user } = useAuth();
  const member = (org: number | null | undefined) => !!org && !!user?.orgs.some((o) => o.org_id === org);
  return {
    holder: !!g && !!user && (g.holder_user_id === user.id || member(g.holder_org_id)),
    sanctioner:
      !!g && (hasRole(user, 'authority', 'admin') || (hasRole(user, 'provider') && member(g.provider_id))),
  };
}

export default function GrantView({
  grantId,
  initial,
  fields,
  applicationLink = false,
}: {
  grantId: number;
  initial?: Grant;
  fields: Field[];
  /** Link to the application the grant came from (on the grant's own page). */
  applicationLink?: boolean;
}) {
  const { t } = useI18n();
  const [tick, setTick] = useState(0);
  const loadGrant = useCallback(() => applyApi.grant(grantId), [grantId]);
  const detail = useLoad(loadGrant, `${grantId}#${tick}`);
  const loadUses = useCallback(() => applyApi.uses(grantId).then((r) => r.items), [grantId]);
  const uses = useLoad(loadUses, `${grantId}#${tick}`);
  const g: Grant | undefined = detail.data ?? initial;
  const roles = useGrantRoles(g);
  const [sanction, setSanction] = useState<SanctionAction | null>(null);
  const [noticing, setNoticing] = useState(false);
  const refresh = () => setTick((n) => n + 1);

  if (!g) {
    return detail.error ? <ErrorAlert error={detail.error} onRetry={detail.reload} /> : null;
  }
  const quota = (n: number | null, key: MessageKey, none: MessageKey) => (n ? t(key, { n: formatCount(n) }) : t(none));
  const events = detail.data?.events ?? [];

  return (
    <Card
      title={<h2 className="card-heading">{t('grant.title')}</h2>}
      data-testid="grant"
      data-grant={g.id}
      data-state={g.state}
      extra={<GrantStateTag state={g.state} />}
    >
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        {g.state !== 'active' && (
          <Alert
            type={g.state === 'terminated' ? 'error' : 'warning'}
            showIcon
            data-testid="grant-state-reason"
            message={labelOf(t, 'apply.grantState', g.state)}
            description={g.state_reason ? t('grant.reason', { reason: g.state_reason }) : undefined}
          />
        )}
        {g.rectify_by && (
          <Alert type="warning" showIcon data-testid="grant-rectify" message={t('grant.rectifyBy', { date: g.rectify_by })} />
        )}
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          data-testid="grant-terms"
          items={[
            { key: 'id', label: t('grant.id'), children: `#${g.id}` },
            {
              key: 'entry',
              label: t('case.entry'),
              children: <Link to={`/datasets/${encodeURIComponent(g.entry_code)}`}>{g.entry_name}</Link>,
            },
            { key: 'holder', label: t('grant.holder'), children: g.holder_name },
            { key: 'purpose', label: t('grant.purpose'), children: g.purpose || '—' },
            {
              key: 'fields',
              label: t('grant.fields'),
              span: { xs: 1, sm: 1, md: 2 },
              children: <FieldList names={g.fields} fields={fields} testId="grant-fields" />,
            },
            { key: 'channels', label: t('grant.channels'), children: <ChannelTags codes={g.channels} /> },
            {
              key: 'quota',
              label: t('grant.quota'),
              children: (
                <span data-testid="grant-quota">
                  {quota(g.calls_per_day, 'apply.callsN', 'apply.callsNone')}；{quota(g.rows_per_day, 'apply.rowsN', 'apply.rowsNone')}
                </span>
              ),
            },
            {
              key: 'term',
              label: t('grant.term'),
              children: <span data-testid="grant-term">{t('grant.termText', { from: g.starts_on, to: g.expires_on })}</span>,
            },
            ...(g.app_due
              ? [{ key: 'app', label: t('grant.appDue'), children: <DueDay day={g.app_due} overdue={g.app_overdue} testId="grant-app-due" /> }]
              : []),
            ...(g.report_due
              ? [
                  {
                    key: 'report',
                    label: t('grant.reportDue'),
                    children: <DueDay day={g.report_due} overdue={g.report_overdue} testId="grant-report-due" />,
                  },
                ]
              : []),
          ]}
        />
        {applicationLink && (
          <Link to={`/applications/${g.case_id}`} data-testid="grant-application">
            {t('grant.viewApplication')}
          </Link>
        )}

        {roles.holder && g.state === 'active' && (
          <Alert
            type="info"
            showIcon
            data-testid="grant-how"
            message={t('grant.howTitle')}
            description={
              <Space direction="vertical" size={4}>
                <span>{t('grant.how', { code: g.entry_code })}</span>
                <code className="apply-hash">GET /api/v1/datasets/{g.entry_code}/rows</code>
                <Link to="/me/account">{t('grant.keys')}</Link>
              </Space>
            }
          />
        )}

        {roles.sanctioner && sanctionsFor(g.state).length > 0 && (
          <section aria-labelledby={`grant-sanctions-${g.id}`}>
            <Typography.Title level={3} style={{ fontSize: 15 }} id={`grant-sanctions-${g.id}`}>
              {t('grant.sanctions')}
            </Typography.Title>
            <Space wrap data-testid="grant-sanctions">
              {sanctionsFor(g.state).map((a) => (
                <Button
                  key={a}
                  danger={a === 'terminate' || a === 'suspend'}
                  type={a === 'restore' ? 'primary' : 'default'}
                  onClick={() => setSanction(a)}
                  data-testid={`sanction-${a}`}
                >
                  {t(`grant.sanction.${a}` as MessageKey)}
                </Button>
              ))}
            </Space>
          </section>
        )}

        {(roles.holder || roles.sanctioner) && g.state !== 'terminated' && (
          <section aria-labelledby={`grant-notice-${g.id}`}>
            <Typography.Title level={3} style={{ fontSize: 15 }} id={`grant-notice-${g.id}`}>
              {t('grant.renewOrEnd')}
            </Typography.Title>
            <Space wrap>
              {roles.holder && g.state === 'active' && (
                <Link to={`/apply/${encodeURIComponent(g.entry_code)}?renew=${g.id}`} data-testid="grant-renew">
                  {t('grant.renew')}
                </Link>
              )}
              {roles.holder && g.state === 'active' && (
                <Link to={`/apply/${encodeURIComponent(g.entry_code)}?amend=${g.id}`} data-testid="grant-amend">
                  {t('grant.amend')}
                </Link>
              )}
              <Button onClick={() => setNoticing(true)} data-testid="grant-notice">
                {t('grant.notice.open')}
              </Button>
            </Space>
          </section>
        )}

        {roles.holder && g.state !== 'terminated' && <ReportForm grant={g} onDone={refresh} />}

        <section aria-labelledby={`grant-events-${g.id}`}>
          <Typography.Title level={3} style={{ fontSize: 15 }} id={`grant-events-${g.id}`}>
            {t('grant.events')}
          </Typography.Title>
          {events.length === 0 ? (
            <Typography.Text type="secondary">{t('grant.noEvents')}</Typography.Text>
          ) : (
            <div data-testid="grant-events">
              <Timeline
                items={events.map((e, i) => ({
                  key: `${e.at}-${i}`,
                  color: e.action === 'terminate' || e.action === 'suspend' ? 'red' : e.action === 'rectify' ? 'orange' : 'blue',
                  children: (
                    <Space direction="vertical" size={0}>
                      <Space size={8} wrap>
                        <Typography.Text strong>{labelOf(t, 'grant.event', e.action)}</Typography.Text>
                        <Typography.Text>{e.by}</Typography.Text>
                        <Typography.Text type="secondary">{formatTime(e.at)}</Typography.Text>
                      </Space>
                      {e.reason && <Typography.Text>{e.reason}</Typography.Text>}
                    </Space>
                  ),
                }))}
              />
            </div>
          )}
        </section>

        <section aria-labelledby={`grant-uses-${g.id}`}>
          <Typography.Title level={3} style={{ fontSize: 15 }} id={`grant-uses-${g.id}`}>
            {t('grant.uses')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('grant.usesLead')}</Typography.Paragraph>
          <ErrorAlert error={uses.error} onRetry={uses.reload} />
          <UsesTable items={uses.data ?? []} loading={uses.loading} fields={fields} />
        </section>
      </Space>
      {noticing && (
        <NoticeModal
          grant={g}
          onClose={() => setNoticing(false)}
          onDone={() => {
            setNoticing(false);
            refresh();
          }}
        />
      )}
      <SanctionModal
        grant={g}
        action={sanction}
        onClose={() => setSanction(null)}
        onDone={() => {
          setSanction(null);
          refresh();
        }}
      />
    </Card>
  );
}

function UsesTable({ items, loading, fields }: { items: GrantUse[]; loading: boolean; fields: Field[] }) {
  const { t } = useI18n();
  const columns: ColumnsType<GrantUse> = [
    { title: t('grant.use.at'), key: 'at', render: (_, u) => formatTime(u.at) },
    { title: t('grant.use.user'), dataIndex: 'username', key: 'user' },
    { title: t('grant.use.channel'), key: 'channel', render: (_, u) => labelOf(t, 'grant.useChannel', u.channel) },
    { title: t('grant.use.rows'), key: 'rows', align: 'right', render: (_, u) => formatCount(u.rows) },
    { title: t('grant.use.bytes'), key: 'bytes', align: 'right', render: (_, u) => (u.bytes ? formatBytes(u.bytes) : '—') },
    {
      title: t('grant.use.fields'),
      key: 'fields',
      render: (_, u) => (
        <Typography.Text style={{ fontSize: 12 }}>{u.fields.map((n) => fieldText(n, fields)).join('、')}</Typography.Text>
      ),
    },
  ];
  return (
    <div data-testid="grant-uses">
      <Table<GrantUse>
        rowKey={(u, i) => `${u.id ?? ''}-${u.at}-${i}`}
        size="small"
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('grant.noUses')} /> }}
      />
    </div>
  );
}

function SanctionModal({
  grant: g,
  action,
  onClose,
  onDone,
}: {
  grant: Grant;
  action: SanctionAction | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string; rectify_by?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const name = action ? t(`grant.sanction.${action}` as MessageKey) : '';

  const submit = async () => {
    if (!action) return;
    let v: { reason: string; rectify_by?: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await applyApi.sanction(g.id, {
        action,
        reason: v.reason.trim(),
        rectify_by: action === 'rectify' ? v.rectify_by : undefined,
      });
      void message.success(t('grant.sanctionDone', { action: name }));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={action !== null}
      title={action ? `${name}：${g.holder_name} · ${g.entry_name}` : ''}
      okText={name}
      okButtonProps={{ danger: action === 'terminate' || action === 'suspend', 'data-testid': 'sanction-ok' }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={() => {
        setError(undefined);
        onClose();
      }}
      destroyOnHidden
    >
      {action && (
        <Typography.Paragraph type="secondary">{t(`grant.sanctionLead.${action}` as MessageKey)}</Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" name="grant-sanction" preserve={false}>
        {action === 'rectify' && (
          <Form.Item
            name="rectify_by"
            label={t('grant.rectifyDate')}
            rules={[
              { required: true, message: t('grant.rectifyDateRequired') },
              { pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('grant.rectifyDateRequired') },
            ]}
          >
            <Input type="date" style={{ maxWidth: 220 }} data-testid="sanction-date" />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('grant.sanctionReason')}
          rules={[{ required: true, whitespace: true, message: t('caseAction.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="sanction-reason" />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}

/** Days of notice to end an agreement early (the model agreement, art. 8.3; the server checks). */
const NOTICE_DAYS = 15;

/** Either party ends the agreement early, on a day at least NOTICE_DAYS away. */
function NoticeModal({ grant: g, onClose, onDone }: { grant: Grant; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ effective_on: string; reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const earliest = new Date(Date.now() + 8 * 3600_000 + NOTICE_DAYS * 86_400_000).toISOString().slice(0, 10);

  const submit = async () => {
    let v: { effective_on: string; reason: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const done = await applyApi.notice(g.id, { effective_on: v.effective_on, reason: v.reason.trim() });
      void message.success(t('grant.notice.done', { date: done.expires_on }));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={`${t('grant.notice.title')}：${g.holder_name} · ${g.entry_name}`}
      okText={t('grant.notice.open')}
      okButtonProps={{ danger: true, 'data-testid': 'notice-ok' }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('grant.notice.lead', { n: NOTICE_DAYS })}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="grant-notice" preserve={false}>
        <Form.Item
          name="effective_on"
          label={t('grant.notice.date')}
          rules={[
            { required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('grant.notice.dateRequired', { date: earliest }) },
            {
              validator: (_, value: string) =>
                !value || value >= earliest
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('grant.notice.dateRequired', { date: earliest }))),
            },
          ]}
        >
          <Input type="date" min={earliest} max={g.expires_on} style={{ maxWidth: 220 }} data-testid="notice-date" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('grant.notice.reason')}
          rules={[{ required: true, whitespace: true, message: t('caseAction.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="notice-reason" />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}

/** The holder's reports: a usage report, returned data or the application built on the data. */
function ReportForm({ grant: g, onDone }: { grant: Grant; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [kind, setKind] = useState<ReportKind>('usage_report');
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const anyFile = kind === 'data_return';

  const choose = (f: File | undefined) => {
    setProblem(null);
    if (!f) return;
    if (f.size === 0) return setProblem(t('apply.v.fileEmpty', { name: f.name }));
    if (f.size > MAX_ATTACHMENT_BYTES) return setProblem(t('apply.v.fileTooBig', { name: f.name }));
    setFile(f);
  };

  const submit = async () => {
    if (!file) {
      setProblem(t('grant.report.fileRequired'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const att = await applyApi.upload(kind, file, file.name);
      await applyApi.report(g.id, { kind, attachment_id: att.id, note: note.trim() });
      void message.success(t('grant.report.done', { kind: labelOf(t, 'apply.kind', kind) }));
      setFile(null);
      setNote('');
      if (input.current) input.current.value = '';
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`grant-report-${g.id}`} data-testid="grant-report">
      <Typography.Title level={3} style={{ fontSize: 15 }} id={`grant-report-${g.id}`}>
        {t('grant.report.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('grant.report.lead')}</Typography.Paragraph>
      <Space direction="vertical" size="small" style={{ width: '100%', maxWidth: 560 }}>
        <div>
          <label htmlFor={`report-kind-${g.id}`} style={{ display: 'block', marginBottom: 4 }}>
            {t('grant.report.kind')}
          </label>
          <Select<ReportKind>
            id={`report-kind-${g.id}`}
            value={kind}
            onChange={(k) => {
              setKind(k);
              setFile(null);
              if (input.current) input.current.value = '';
            }}
            options={REPORT_KINDS.map((k) => ({ value: k, label: labelOf(t, 'apply.kind', k) }))}
            style={{ width: '100%', maxWidth: 260 }}
            data-testid="report-kind"
          />
        </div>
        <Space wrap>
          <input
            ref={input}
            type="file"
            hidden
            aria-hidden="true"
            tabIndex={-1}
            accept={anyFile ? undefined : MATERIAL_ACCEPT}
            data-testid="report-file"
            onChange={(ev) => choose(ev.target.files?.[0])}
          />
          <Button icon={<UploadOutlined />} onClick={() => input.current?.click()} data-testid="report-choose">
            {t('grant.report.choose')}
          </Button>
          <Typography.Text type={file ? undefined : 'secondary'} data-testid="report-file-name">
            {file ? `${file.name}（${formatBytes(file.size)}）` : t(anyFile ? 'grant.report.anyFile' : 'grant.report.pdfOnly')}
          </Typography.Text>
        </Space>
        {problem && (
          <div role="alert">
            <Typography.Text type="danger">{problem}</Typography.Text>
          </div>
        )}
        <div>
          <label htmlFor={`report-note-${g.id}`} style={{ display: 'block', marginBottom: 4 }}>
            {t('grant.report.note')}
          </label>
          <Input.TextArea
            id={`report-note-${g.id}`}
            rows={2}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            data-testid="report-note"
          />
        </div>
        <ErrorAlert error={error} title={t('grant.report.failed')} />
        <div>
          <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="report-submit">
            {t('grant.report.submit')}
          </Button>
        </div>
      </Space>
    </section>
  );
}

