// /applications/:id — one application for conditional data, for each of its parties: the stages
// with their due dates and the working-day countdown, the actions the caller may take now (the
// provider narrows the fields and sets the quotas when approving its review, and names the legal
// ground of a refusal), the agreement (read, then “同意并保存” when it is the applicant's turn),
// the grant with its access log, the form and demand list, the materials and the history.
import { useCallback, useState } from 'react';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Result,
  Space,
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api';
import type { Field } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { errorMessage } from '../errors';
import { formatTime } from '../format';
import { formatDate } from '../catalog';
import { useLoad } from '../useLoad';
import { isLive, isStaff, notifyInboxChanged } from '../review';
import { useDocumentTitle } from '../site/PageTitle';
import ErrorAlert from '../components/ErrorAlert';
import PageLoading from '../components/PageLoading';
import LinkButton from '../components/LinkButton';
import { CaseStateTag, Countdown, Due } from '../components/ReviewBits';
import { applyApi, isApplicationPanel } from './api';
import type { ApplicationDetail, ApplicationPanel } from './api';
import { AttachmentTable, ChannelTags, FieldList, given, Markdown, Sha, useEntryFields } from './bits';
import GrantView from './GrantView';

/** The stage whose provider may narrow the fields and set quotas, and must ground a refusal. */
const PROVIDER_REVIEW = 'provider_review';
/** The stage the applicant passes only by signing. */
const AGREEMENT = 'agreement';
/** The platform's own verbs keep the app's labels; named outcomes take the flow's. */
const BUILT_IN = new Set(['approve', 'return', 'reject', 'resubmit', 'withdraw', 'escalate']);
const DANGER = new Set(['reject', 'withdraw', 'return']);
const NEEDS_COMMENT = new Set(['return', 'reject']);

/** Where the list of applications is, for this user. */
export function applicationsHome(staff: boolean): string {
  return staff ? '/console/applications' : '/me/applications';
}

export default function ApplicationPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { user } = useAuth();
  const load = useCallback(() => applyApi.get(id), [id]);
  const c = useLoad(load, id);
  useDocumentTitle(c.data?.title ?? t('apply.application'));

  if (c.error instanceof ApiError && c.error.status === 404) {
    return (
      <Result
        status="404"
        title={t('apply.notFound')}
        subTitle={`#${id}`}
        extra={
          <LinkButton to={applicationsHome(isStaff(user))} primary>
            {t('apply.backToList')}
          </LinkButton>
        }
      />
    );
  }
  if (!c.data || String(c.data.id) !== id) {
    return c.error ? <ErrorAlert error={c.error} onRetry={c.reload} /> : <PageLoading />;
  }
  return <ApplicationView c={c.data} reload={c.reload} />;
}

function ApplicationView({ c, reload }: { c: ApplicationDetail; reload: () => void }) {
  const { t, label } = useI18n();
  const { user } = useAuth();
  const panel = isApplicationPanel(c.panel) ? c.panel : null;
  const fields = useEntryFields(c.subject_code);
  const [acting, setActing] = useState<string | null>(null);
  const history = c.history ?? [];
  const lastReturn = [...history].reverse().find((h) => h.action === 'return' || h.action === 'reject');
  const live = isLive(c);
  const atAgreement = live && c.stage?.key === AGREEMENT;
  // Approving the agreement stage is signing it: that is the agreement card's button.
  const actions = live ? (c.allowed_actions ?? []).filter((a) => !(atAgreement && a.code === 'approve')) : [];
  const mayApplicantSign = atAgreement && c.may_act && (c.allowed_actions ?? []).some((a) => a.code === 'approve');
  const agreementIndex = (c.stages ?? []).findIndex((s) => s.key === AGREEMENT);
  const showAgreement =
    !!panel?.agreement?.signed || (agreementIndex >= 0 && c.stage_index >= agreementIndex && c.state !== 'rejected');
  const stepsStatus =
    c.state === 'approved' ? 'finish' : c.state === 'rejected' ? 'error' : c.state === 'withdrawn' ? 'wait' : 'process';
  const current = c.state === 'approved' ? (c.stages?.length ?? 0) : c.stage_index;
  const home = applicationsHome(isStaff(user));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="application" data-state={c.state} data-stage={c.stage?.key}>
      <Breadcrumb
        items={[{ title: <Link to={home}>{t(isStaff(user) ? 'apply.list.staffTitle' : 'apply.list.title')}</Link> }, { title: `#${c.id}` }]}
      />
      <div>
        <Space wrap align="center" size="small">
          <Typography.Title level={1} style={{ fontSize: 26, margin: 0 }}>
            {c.title}
          </Typography.Title>
          <CaseStateTag value={c.state} />
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
          {t('case.entry')}：<Link to={`/datasets/${encodeURIComponent(c.subject_code)}`}>{panel?.entry_name ?? c.subject_code}</Link>{' '}
          <Typography.Text code>{c.subject_code}</Typography.Text>
          {panel && (
            <>
              {' · '}
              {t('apply.applicantIs', { name: panel.applicant_name })}
              {' · '}
              {t('apply.providerIs', { name: panel.provider_name })}
            </>
          )}
          {' · '}
          {t('case.createdBy', { who: c.created_by, at: formatTime(c.created_at) })}
        </Typography.Paragraph>
        {live && (
          <div style={{ marginTop: 6 }} data-testid="application-due">
            <Space size={8} wrap>
              <Typography.Text strong>
                {t('case.stage')}：<span data-testid="application-stage">{c.stage?.label}</span>
              </Typography.Text>
              <Typography.Text type="secondary">{label('assignee', c.stage?.assignee ?? '')}</Typography.Text>
              <Due c={c} />
            </Space>
          </div>
        )}
      </div>

      {c.state === 'returned' && lastReturn && (
        <Alert
          type="warning"
          showIcon
          data-testid="return-reason"
          message={t('case.returnedReason', { reason: lastReturn.comment || t('common.none') })}
          description={t('case.returnedBy', { who: lastReturn.actor, at: formatTime(lastReturn.at), stage: lastReturn.stage_label })}
        />
      )}
      {c.state === 'rejected' && (
        <Alert
          type="error"
          showIcon
          data-testid="return-reason"
          message={t('case.rejectedReason', { reason: lastReturn?.comment || t('common.none') })}
          description={panel?.legal_ground ? t('apply.legalGroundIs', { ground: panel.legal_ground }) : undefined}
        />
      )}
      {c.state === 'approved' && <Alert type="success" showIcon data-testid="application-approved" message={t('apply.approvedNote')} />}
      {c.state === 'withdrawn' && <Alert type="info" showIcon message={t('case.withdrawnNote')} />}

      <Card title={<h2 className="card-heading">{t('case.progress')}</h2>}>
        <Steps
          current={current}
          status={stepsStatus}
          size="small"
          direction="vertical"
          data-testid="application-steps"
          items={(c.stages ?? []).map((s, i) => ({
            title: s.label,
            description: (
              <Space size={[8, 0]} wrap>
                <span>{label('assignee', s.assignee)}</span>
                {s.deadline_wd > 0 && <span>{t('case.stageDeadline', { n: s.deadline_wd })}</span>}
                {live && i === c.stage_index && c.due_date && (
                  <>
                    <span>{t('due.date', { date: formatDate(c.due_date) })}</span>
                    <Countdown c={c} />
                  </>
                )}
              </Space>
            ),
          }))}
        />
      </Card>

      {actions.length > 0 && (
        <Card title={<h2 className="card-heading">{t('case.actions')}</h2>} data-testid="application-actions">
          {c.stage?.key === PROVIDER_REVIEW && actions.some((a) => a.code === 'approve') && (
            <Typography.Paragraph type="secondary">{t('apply.act.providerLead')}</Typography.Paragraph>
          )}
          <Space wrap>
            {actions.map((a, i) => (
              <Button
                key={a.code}
                type={i === 0 && !DANGER.has(a.code) ? 'primary' : 'default'}
                danger={DANGER.has(a.code)}
                onClick={() => setActing(a.code)}
                data-testid={`action-${a.code}`}
              >
                {BUILT_IN.has(a.code) ? label('caseAction', a.code) : a.label}
              </Button>
            ))}
          </Space>
        </Card>
      )}
      {live && !c.may_act && (
        <Typography.Text type="secondary" data-testid="application-waiting">
          {t('case.mayNotAct', { who: label('assignee', c.stage?.assignee ?? '') })}
        </Typography.Text>
      )}

      {showAgreement && (
        <AgreementCard
          c={c}
          panel={panel}
          maySign={mayApplicantSign}
          onSigned={() => {
            notifyInboxChanged();
            reload();
          }}
        />
      )}

      {panel?.grant && <GrantView grantId={panel.grant.id} initial={panel.grant} fields={fields} />}

      {panel && <DemandCard panel={panel} fields={fields} />}

      {panel && (
        <Card title={<h2 className="card-heading">{t('apply.materials')}</h2>}>
          <AttachmentTable items={panel.attachments ?? []} />
        </Card>
      )}

      <Card title={<h2 className="card-heading">{t('case.history')}</h2>}>
        {history.length === 0 ? (
          <Empty description={t('case.noHistory')} />
        ) : (
          <div data-testid="application-history">
            <Timeline
              items={history.map((h, i) => ({
                key: `${h.at}-${i}`,
                color:
                  h.action === 'approve' ? 'green' : h.action === 'return' || h.action === 'reject' ? 'red' : h.action === 'withdraw' ? 'gray' : 'blue',
                children: (
                  <Space direction="vertical" size={0}>
                    <Space size={8} wrap>
                      <Typography.Text strong>
                        {BUILT_IN.has(h.action) ? label('caseAction', h.action) : h.action_label || h.action}
                      </Typography.Text>
                      <Typography.Text>{h.actor}</Typography.Text>
                      <Typography.Text type="secondary">{formatTime(h.at)}</Typography.Text>
                    </Space>
                    <Typography.Text type="secondary">{h.stage_label}</Typography.Text>
                    {h.comment && <Typography.Paragraph style={{ margin: 0 }}>{h.comment}</Typography.Paragraph>}
                  </Space>
                ),
              }))}
            />
          </div>
        )}
      </Card>

      <ActionModal
        c={c}
        panel={panel}
        fields={fields}
        action={acting}
        onClose={() => setActing(null)}
        onDone={() => {
          setActing(null);
          notifyInboxChanged();
          reload();
        }}
      />
    </Space>
  );
}

// --- the form and the demand list

function DemandCard({ panel, fields }: { panel: ApplicationPanel; fields: Field[] }) {
  const { t } = useI18n();
  const f = panel.form ?? {};
  const show = (v: string | number | undefined | null) => (v === undefined || v === null || v === '' || v === 0 ? '—' : v);
  return (
    <Card title={<h2 className="card-heading">{t('apply.formAndDemand')}</h2>} data-testid="application-demand">
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          { key: 'applicant', label: t('apply.applicant'), children: panel.applicant_name },
          { key: 'contact', label: t('apply.contact'), children: `${f.contact_name ?? ''} ${f.contact_phone ?? ''}` },
          { key: 'app', label: t('apply.f.app_name'), children: show(f.app_name) },
          { key: 'domain', label: t('apply.f.domain'), children: show(f.domain) },
          { key: 'scenario', label: t('apply.f.scenario'), children: show(f.scenario) },
          { key: 'scope', label: t('apply.f.service_scope'), children: show(f.service_scope) },
          { key: 'users', label: t('apply.f.users'), children: show(f.users) },
          { key: 'concurrency', label: t('apply.f.concurrency'), children: show(f.concurrency) },
          { key: 'effect', label: t('apply.f.expected_effect'), children: show(f.expected_effect) },
          { key: 'system', label: t('apply.f.system_name'), children: show(f.system_name) },
          { key: 'room', label: t('apply.f.machine_room'), children: show(f.machine_room) },
          {
            key: 'level',
            label: t('apply.f.protection_level'),
            children: f.protection_level ? t('apply.protectionLevel', { n: f.protection_level }) : '—',
          },
          { key: 'filing', label: t('apply.f.protection_filing_no'), children: show(f.protection_filing_no) },
          {
            key: 'fields',
            label: panel.granted_fields ? t('apply.fieldsAskedGranted') : t('apply.f.fields'),
            span: { xs: 1, sm: 1, md: 2 },
            children: <FieldList names={panel.fields ?? []} fields={fields} highlight={panel.granted_fields} testId="application-fields" />,
          },
          { key: 'channels', label: t('apply.f.channels'), children: <ChannelTags codes={panel.channels ?? []} /> },
          { key: 'months', label: t('apply.f.months'), children: t('apply.monthsN', { n: panel.months }) },
          {
            key: 'calls',
            label: t('apply.f.calls_per_day'),
            children: panel.calls_per_day ? t('apply.callsN', { n: panel.calls_per_day }) : t('apply.callsNone'),
          },
          {
            key: 'rows',
            label: t('apply.f.rows_per_day'),
            children: panel.rows_per_day ? t('apply.rowsN', { n: panel.rows_per_day }) : t('apply.rowsNone'),
          },
          {
            key: 'commitment',
            label: t('apply.commitmentTitle'),
            children: f.commitment_accepted ? t('apply.commitmentAccepted') : '—',
          },
        ]}
      />
    </Card>
  );
}

// --- the agreement

function AgreementCard({
  c,
  panel,
  maySign,
  onSigned,
}: {
  c: ApplicationDetail;
  panel: ApplicationPanel | null;
  maySign: boolean;
  onSigned: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const signedKey = panel?.agreement?.signed ? 'signed' : 'draft';
  const load = useCallback(() => applyApi.agreement(c.id), [c.id]);
  const ag = useLoad(load, `${c.id}:${signedKey}:${c.updated_at}`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const sign = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await applyApi.sign(c.id);
      void message.success(t('apply.agreement.signedOk'));
      onSigned();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const a = ag.data;
  return (
    <Card
      title={<h2 className="card-heading">{t('apply.agreement.title')}</h2>}
      data-testid="agreement"
      data-signed={a?.signed ? '1' : '0'}
      extra={
        a ? (
          <Space size={12} wrap>
            <a href={applyApi.agreementPdfUrl(c.id)} download={`agreement-${c.id}.pdf`} data-testid="agreement-pdf">
              <DownloadOutlined /> {t('apply.agreement.downloadPdf')}
            </a>
            <a href={applyApi.agreementUrl(c.id)} download={`agreement-${c.id}.md`} data-testid="agreement-download">
              <DownloadOutlined /> {t('apply.agreement.download')}
            </a>
          </Space>
        ) : undefined
      }
    >
      <ErrorAlert error={ag.error} onRetry={ag.reload} />
      {!a ? (
        !ag.error && <PageLoading />
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {a.signed ? (
            <Descriptions
              bordered
              size="small"
              column={1}
              data-testid="agreement-signed"
              items={[
                { key: 'signer', label: t('apply.agreement.signer'), children: <span data-testid="agreement-signer">{a.signer}</span> },
                {
                  key: 'at',
                  label: t('apply.agreement.signedAt'),
                  children: <span data-testid="agreement-signed-at">{formatTime(a.signed_at)}</span>,
                },
                { key: 'sha', label: 'SHA-256', children: <Sha value={a.sha256} testId="agreement-sha" /> },
                { key: 'template', label: t('apply.agreement.template'), children: a.template },
              ]}
            />
          ) : (
            <Alert type="info" showIcon message={t(maySign ? 'apply.agreement.yourTurn' : 'apply.agreement.draft')} />
          )}
          <Markdown text={a.text} testId="agreement-text" label={t('apply.agreement.title')} />
          {maySign && !a.signed && (
            <>
              <ErrorAlert error={error} />
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                {t('apply.agreement.signNote')}
              </Typography.Paragraph>
              <div>
                <Button type="primary" loading={busy} onClick={() => void sign()} data-testid="agreement-sign">
                  {t('apply.agreement.sign')}
                </Button>
              </div>
            </>
          )}
        </Space>
      )}
    </Card>
  );
}

// --- acting on the application

interface ActValues {
  comment?: string;
  granted_fields?: string[];
  calls_per_day?: number | null;
  rows_per_day?: number | null;
  legal_ground?: string;
}

function ActionModal({
  c,
  panel,
  fields,
  action,
  onClose,
  onDone,
}: {
  c: ApplicationDetail;
  panel: ApplicationPanel | null;
  fields: Field[];
  action: string | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const allowed = c.allowed_actions?.find((x) => x.code === action);
  const atProvider = c.stage?.key === PROVIDER_REVIEW;
  const narrowing = atProvider && action === 'approve';
  const grounding = atProvider && action === 'reject';
  const needs = action ? (allowed?.needs_comment ?? false) || NEEDS_COMMENT.has(action) : false;
  const actionLabel = !action ? '' : BUILT_IN.has(action) || !allowed ? label('caseAction', action) : allowed.label;
  const asked = panel?.fields ?? [];

  const submit = async () => {
    if (!action) return;
    let v: ActValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const narrowed = narrowing && v.granted_fields && v.granted_fields.length < asked.length;
      await applyApi.act(c.id, {
        action,
        comment: (v.comment ?? '').trim(),
        granted_fields: narrowed ? v.granted_fields : undefined,
        calls_per_day: narrowing && v.calls_per_day ? v.calls_per_day : undefined,
        rows_per_day: narrowing && v.rows_per_day ? v.rows_per_day : undefined,
        legal_ground: grounding ? (v.legal_ground ?? '').trim() : undefined,
      });
      void message.success(
        BUILT_IN.has(action) ? t(`caseAction.done.${action}` as MessageKey) : t('caseAction.done.generic', { action: actionLabel }),
      );
      onDone();
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.field && ['comment', 'granted_fields', 'calls_per_day', 'rows_per_day', 'legal_ground'].includes(err.field)) {
        form.setFields([{ name: err.field as keyof ActValues, errors: [errorMessage(err, t)] }]);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={action !== null}
      title={action ? `${actionLabel}：${c.title}` : ''}
      okText={actionLabel}
      okButtonProps={{ danger: action ? DANGER.has(action) : false, 'data-testid': 'action-ok' }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={() => {
        setError(undefined);
        onClose();
      }}
      destroyOnHidden
      width={640}
    >
      <Form<ActValues>
        form={form}
        layout="vertical"
        name="application-action"
        preserve={false}
        initialValues={{
          granted_fields: asked,
          calls_per_day: panel?.calls_per_day ?? undefined,
          rows_per_day: panel?.rows_per_day ?? undefined,
        }}
      >
        {action === 'withdraw' && <Typography.Paragraph type="secondary">{t('apply.act.confirmWithdraw')}</Typography.Paragraph>}
        {action === 'resubmit' && <Typography.Paragraph type="secondary">{t('apply.act.resubmitHelp')}</Typography.Paragraph>}
        {narrowing && (
          <>
            <Form.Item
              name="granted_fields"
              label={t('apply.act.grantedFields')}
              extra={t('apply.act.grantedFieldsHelp')}
              rules={[given(t('apply.act.grantedFieldsRequired'))]}
            >
              <Checkbox.Group className="apply-fields" data-testid="act-granted-fields">
                {asked.map((n) => {
                  const f = fields.find((x) => x.name === n);
                  return (
                    <Checkbox key={n} value={n} data-field={n}>
                      {f?.label || n}{' '}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {n}
                      </Typography.Text>
                      {f?.security_grade ? <Tag style={{ marginLeft: 4 }}>{f.security_grade}</Tag> : null}
                    </Checkbox>
                  );
                })}
              </Checkbox.Group>
            </Form.Item>
            <Space wrap size="large">
              <Form.Item
                name="calls_per_day"
                label={t('apply.f.calls_per_day')}
                rules={[{ type: 'integer', min: 1, message: t('apply.v.quota') }]}
              >
                <InputNumber min={1} precision={0} addonAfter={t('apply.callsUnit')} data-testid="act-calls" />
              </Form.Item>
              <Form.Item
                name="rows_per_day"
                label={t('apply.f.rows_per_day')}
                rules={[{ type: 'integer', min: 1, message: t('apply.v.quota') }]}
              >
                <InputNumber min={1} precision={0} addonAfter={t('apply.rowsUnit')} data-testid="act-rows" />
              </Form.Item>
            </Space>
            <Typography.Paragraph type="secondary">{t('apply.act.quotaHelp')}</Typography.Paragraph>
          </>
        )}
        {grounding && (
          <Form.Item
            name="legal_ground"
            label={t('apply.act.legalGround')}
            extra={t('apply.act.legalGroundHelp')}
            rules={[{ required: true, whitespace: true, message: t('apply.act.legalGroundRequired') }]}
          >
            <Input maxLength={500} data-testid="act-legal-ground" />
          </Form.Item>
        )}
        <Form.Item
          label={needs ? (action === 'return' ? t('caseAction.reason') : t('caseAction.comment')) : t('caseAction.commentOptional')}
          name="comment"
          rules={needs ? [{ required: true, whitespace: true, message: t('caseAction.reasonRequired') }] : []}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount data-testid="action-comment" />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
      {c.due_date && isLive(c) && (
        <Typography.Text type="secondary">{t('due.date', { date: formatDate(c.due_date) })}</Typography.Text>
      )}
    </Modal>
  );
}
