// /apply/:code — the application for conditional (受限开放) data, in five steps: 1 the entry's
// open conditions, 2 the applicant and the application form, 3 the demand list, 4 materials and
// the security commitment, 5 review and submit. Client-side checks in the UI's language; the
// server's refusals go back to the step and field they name. All steps stay mounted (hidden), so
// that one form holds every value and a server error can be put beside its field.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Select,
  Space,
  Steps,
  Typography,
} from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, ApiError, catalogApi } from '../api';
import type { Entry, User } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { errorMessage } from '../errors';
import { useLoad } from '../useLoad';
import { formatBytes } from '../catalog';
import { isLive } from '../review';
import { useDocumentTitle } from '../site/PageTitle';
import ErrorAlert from '../components/ErrorAlert';
import PageLoading from '../components/PageLoading';
import LinkButton from '../components/LinkButton';
import { applyApi } from './api';
import type { ApplicationInput, Attachment, AttachmentKind, Channel, Grant } from './api';
import { allowedChannels, useApplyPolicy } from './policy';
import { ChannelTags, fieldText, given, labelOf } from './bits';
import Materials from './Materials';

/** The form's values (one antd form over all steps). */
interface Values {
  conditions_confirmed: boolean;
  applicant: string; // 'self' | `org:${id}`
  contact_name: string;
  contact_phone: string;
  app_name: string;
  domain: string;
  service_scope: string;
  users: string;
  concurrency: string;
  expected_effect: string;
  system_name: string;
  machine_room: string;
  protection_level?: number;
  protection_filing_no: string;
  fields: string[];
  scenario: string;
  channels: Channel[];
  months: number;
  calls_per_day?: number | null;
  rows_per_day?: number | null;
  attachments: Attachment[];
  commitment_accepted: boolean;
}

const STEPS: MessageKey[] = [
  'apply.step.conditions',
  'apply.step.applicant',
  'apply.step.demand',
  'apply.step.materials',
  'apply.step.review',
];

/** Which step holds each field (for client checks and the server's `field`). */
const STEP_FIELDS: (keyof Values)[][] = [
  ['conditions_confirmed'],
  [
    'applicant',
    'contact_name',
    'contact_phone',
    'app_name',
    'domain',
    'service_scope',
    'users',
    'concurrency',
    'expected_effect',
    'system_name',
    'machine_room',
    'protection_level',
    'protection_filing_no',
  ],
  ['fields', 'scenario', 'channels', 'months', 'calls_per_day', 'rows_per_day'],
  ['attachments', 'commitment_accepted'],
  [],
];

/** The server's field names that are not the form's. */
const SERVER_FIELDS: Record<string, keyof Values> = {
  phone: 'contact_phone',
  org_id: 'applicant',
  form: 'app_name',
  file: 'attachments',
  entry_code: 'conditions_confirmed',
};

const MATERIALS: { kind: AttachmentKind; required: boolean }[] = [
  { kind: 'credit_report', required: true },
  { kind: 'protection_certificate', required: false },
  { kind: 'proof', required: false },
];

export default function ApplyWizardPage() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  const { user } = useAuth();
  const policy = useApplyPolicy();
  const loadEntry = useCallback(() => catalogApi.getEntry(code), [code]);
  const entry = useLoad(loadEntry, code);
  // An application of mine for this entry still under way: go on there instead.
  const loadOpen = useCallback(
    () =>
      applyApi
        .list()
        .then((r) =>
          r.items.filter(
            (c) =>
              c.subject_code === code &&
              isLive(c) &&
              (c.parties ?? []).some((p) => p.role === 'applicant' && p.user_id === user?.id),
          ),
        ),
    [code, user?.id],
  );
  const open = useLoad(loadOpen, `${code}:${user?.id ?? ''}`);
  // ?renew=<grant id>: renewing that grant (agreement art. 8.2); ?amend=<grant id>: changing its
  // terms (a new agreement replaces the old, whose grant then ends). The wizard starts from them.
  const [params] = useSearchParams();
  const amending = !params.get('renew') && !!params.get('amend');
  const renewId = Number(params.get('renew') ?? params.get('amend') ?? '') || null;
  const loadRenewed = useCallback(() => (renewId ? applyApi.grant(renewId) : Promise.resolve(null)), [renewId]);
  const renewed = useLoad(loadRenewed, String(renewId ?? ''));
  useDocumentTitle(t('apply.title'));

  if (entry.error instanceof ApiError && entry.error.status === 404) {
    return (
      <Result
        status="404"
        title={t('dataset.notFound')}
        subTitle={code}
        extra={
          <LinkButton to="/catalog" primary>
            {t('catalog.backToCatalog')}
          </LinkButton>
        }
      />
    );
  }
  if (!entry.data || entry.data.code !== code || !user || open.loading || !policy.loaded || (renewId && renewed.loading)) {
    return entry.error ? <ErrorAlert error={entry.error} onRetry={entry.reload} /> : <PageLoading />;
  }
  const e = entry.data;
  const back = (
    <LinkButton to={`/datasets/${encodeURIComponent(e.code)}`} primary>
      {t('apply.backToDataset')}
    </LinkButton>
  );
  if (e.open_attribute !== 'conditional' || e.state !== 'published') {
    return (
      <Result
        status="info"
        title={t(e.open_attribute === 'conditional' ? 'apply.notPublished' : 'apply.notConditional')}
        subTitle={e.name}
        extra={back}
        data-testid="apply-not-applicable"
      />
    );
  }
  if (!policy.available) {
    return (
      <Result
        status="info"
        title={t('apply.notOffered')}
        subTitle={t('apply.notOfferedText', { provider: e.provider_name })}
        extra={back}
        data-testid="apply-not-offered"
      />
    );
  }
  const pending = open.data?.[0];
  if (pending) {
    return (
      <Result
        status="info"
        title={t('apply.alreadyOpen')}
        subTitle={`${pending.title} · ${pending.stage?.label ?? ''}`}
        extra={
          <LinkButton to={`/applications/${pending.id}`} primary>
            {t('apply.viewApplication')}
          </LinkButton>
        }
        data-testid="apply-already-open"
      />
    );
  }
  const renewing = renewed.data && renewed.data.entry_code === e.code ? renewed.data : null;
  return <Wizard entry={e} user={user} renewing={renewing} amending={amending} />;
}

function Wizard({
  entry: e,
  user,
  renewing,
  amending,
}: {
  entry: Entry;
  user: User;
  /** The grant renewed, or whose terms are changed when `amending`. */
  renewing: Grant | null;
  amending: boolean;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const policy = useApplyPolicy();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const channels = allowedChannels(policy);
  const fields = e.fields ?? [];
  const hasConditions = !!e.open_conditions?.trim();
  const headingRef = useRef<HTMLHeadingElement>(null);

  const initial: Partial<Values> = useMemo(
    () => ({
      conditions_confirmed: false,
      applicant: renewing
        ? renewing.holder_org_id
          ? `org:${renewing.holder_org_id}`
          : 'self'
        : user.orgs.length
          ? `org:${user.orgs[0].org_id}`
          : 'self',
      fields: renewing ? renewing.fields : [],
      channels: renewing ? renewing.channels.map((c) => c.code as Channel) : ['api'],
      months: 12,
      attachments: [],
      commitment_accepted: false,
    }),
    [user.orgs, renewing],
  );

  const go = (n: number) => {
    setStep(n);
    // The new step's heading takes the focus (screen readers hear where they are).
    window.setTimeout(() => headingRef.current?.focus(), 0);
  };

  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[step] as string[]);
    } catch {
      return;
    }
    go(step + 1);
  };

  const submit = async () => {
    // Every step once more (a value may have been cleared since).
    for (let i = 0; i < STEP_FIELDS.length; i++) {
      try {
        await form.validateFields(STEP_FIELDS[i] as string[]);
      } catch {
        go(i);
        return;
      }
    }
    const v = form.getFieldsValue(true) as Values;
    const orgId = v.applicant.startsWith('org:') ? Number(v.applicant.slice(4)) : undefined;
    const input: ApplicationInput = {
      entry_code: e.code,
      org_id: orgId,
      form: {
        contact_name: v.contact_name.trim(),
        contact_phone: v.contact_phone.trim(),
        app_name: v.app_name.trim(),
        domain: (v.domain ?? '').trim(),
        scenario: v.scenario.trim(),
        service_scope: (v.service_scope ?? '').trim(),
        users: (v.users ?? '').trim(),
        concurrency: (v.concurrency ?? '').trim(),
        expected_effect: (v.expected_effect ?? '').trim(),
        system_name: (v.system_name ?? '').trim(),
        machine_room: (v.machine_room ?? '').trim(),
        protection_level: v.protection_level ?? 0,
        protection_filing_no: (v.protection_filing_no ?? '').trim(),
      },
      fields: v.fields,
      channels: v.channels,
      months: v.months,
      calls_per_day: v.calls_per_day ?? undefined,
      rows_per_day: v.rows_per_day ?? undefined,
      commitment_accepted: v.commitment_accepted,
      conditions_confirmed: hasConditions ? v.conditions_confirmed : true,
      attachments: v.attachments.map((a) => a.id),
      renews: amending ? undefined : renewing?.id,
      amends: amending ? renewing?.id : undefined,
    };
    setBusy(true);
    setError(undefined);
    try {
      const c = await applyApi.submit(input);
      void message.success(t('apply.submitted'));
      navigate(`/applications/${c.id}`);
    } catch (err) {
      setError(err);
      // A refusal naming a field: back to its step, the words beside the field.
      if (err instanceof ApiError && err.field) {
        const name = (SERVER_FIELDS[err.field] ?? err.field) as keyof Values;
        const at = STEP_FIELDS.findIndex((s) => s.includes(name));
        if (at >= 0) {
          form.setFields([{ name, errors: [errorMessage(err, t)] }]);
          go(at);
        }
      }
    } finally {
      setBusy(false);
    }
  };

  const blocked = !user.real_name_verified;
  const here = `/apply/${encodeURIComponent(e.code)}`;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="apply-wizard">
      <Breadcrumb
        items={[
          { title: <Link to="/catalog">{t('catalog.title')}</Link> },
          { title: <Link to={`/datasets/${encodeURIComponent(e.code)}`}>{e.name}</Link> },
          { title: t('apply.title') },
        ]}
      />
      <div>
        <Typography.Title level={1} style={{ fontSize: 26, margin: 0 }}>
          {t('apply.titleOf', { name: e.name })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
          {e.code} · {e.provider_name}
        </Typography.Paragraph>
      </div>
      {renewing && (
        <Alert
          type="info"
          showIcon
          data-testid="apply-renewing"
          message={
            amending
              ? t('apply.amending', { id: renewing.id })
              : t('apply.renewing', { id: renewing.id, date: renewing.expires_on })
          }
        />
      )}
      <Steps
        current={step}
        size="small"
        responsive
        data-testid="apply-steps"
        items={STEPS.map((k) => ({ title: t(k) }))}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        name="apply"
        initialValues={initial}
        requiredMark
      >
        <Card
          title={
            <h2 className="card-heading" tabIndex={-1} ref={headingRef} data-testid="apply-step-title">
              {t('apply.stepOf', { n: step + 1, total: STEPS.length, name: t(STEPS[step]) })}
            </h2>
          }
        >
          <div hidden={step !== 0} data-testid="apply-step-0">
            <ConditionsStep entry={e} hasConditions={hasConditions} user={user} here={here} />
          </div>
          <div hidden={step !== 1} data-testid="apply-step-1">
            <ApplicantStep user={user} />
          </div>
          <div hidden={step !== 2} data-testid="apply-step-2">
            <DemandStep entry={e} channels={channels} downloadable={policy.downloadable} />
          </div>
          <div hidden={step !== 3} data-testid="apply-step-3">
            <MaterialsStep />
          </div>
          <div hidden={step !== 4} data-testid="apply-step-4">
            {step === 4 && <ReviewStep entry={e} />}
          </div>
          <ErrorAlert error={error} title={t('apply.failed')} />
          {error instanceof ApiError && error.code === 'verification_required' && (
            <LinkButton to={`/verify?next=${encodeURIComponent(here)}`} primary>
              {t('apply.goVerify')}
            </LinkButton>
          )}
          <div className="apply-wizard-nav" style={{ marginTop: 16 }}>
            <Button onClick={() => go(step - 1)} disabled={step === 0} data-testid="apply-prev">
              {t('apply.prev')}
            </Button>
            {step < STEPS.length - 1 ? (
              <Button type="primary" onClick={() => void next()} disabled={blocked} data-testid="apply-next">
                {t('apply.next')}
              </Button>
            ) : (
              <Button type="primary" onClick={() => void submit()} loading={busy} disabled={blocked} data-testid="apply-submit">
                {t('apply.submit')}
              </Button>
            )}
          </div>
        </Card>
      </Form>
      {fields.length === 0 && <Alert type="warning" showIcon message={t('apply.noDictionary')} />}
    </Space>
  );
}

// --- step 1: the entry's open conditions, the procedure, who may apply

function ConditionsStep({
  entry: e,
  hasConditions,
  user,
  here,
}: {
  entry: Entry;
  hasConditions: boolean;
  user: User;
  here: string;
}) {
  const { t, label } = useI18n();
  const policy = useApplyPolicy();
  const stages = policy.procedure?.stages ?? [];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ margin: 0 }}>
        {t('apply.conditionsLead', { label: label('open', 'conditional') })}
      </Typography.Paragraph>
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          { key: 'entry', label: t('entry.name'), children: e.name },
          { key: 'provider', label: t('entry.provider'), children: e.provider_name },
          {
            key: 'conditions',
            label: t('entry.openConditions'),
            children: (
              <span data-testid="apply-open-conditions">{hasConditions ? e.open_conditions : t('apply.noConditions')}</span>
            ),
          },
          ...(e.usage_requirements
            ? [{ key: 'usage', label: t('entry.usageRequirements'), children: e.usage_requirements }]
            : []),
        ]}
      />
      {!user.real_name_verified && (
        <Alert
          type="warning"
          showIcon
          data-testid="apply-need-verify"
          message={t('apply.needVerify')}
          action={
            <LinkButton to={`/verify?next=${encodeURIComponent(here)}`} small primary>
              {t('apply.goVerify')}
            </LinkButton>
          }
        />
      )}
      <ul className="problem-list apply-running" style={{ margin: 0 }} data-testid="apply-eligibility">
        <li>{t('apply.eligibleVerified')}</li>
        <li>{t('apply.eligibleDishonest')}</li>
        {policy.grades && (
          <li>
            {t('apply.eligibleGrade', { grade: policy.grades.apply })} <Link to="/user-grades">{t('apply.gradesLink')}</Link>
            {' · '}
            <Link to="/me/grade">{t('myGrade.applyLink')}</Link>
          </li>
        )}
      </ul>
      {stages.length > 0 && (
        <div>
          <Typography.Title level={3} style={{ fontSize: 15 }}>
            {t('apply.procedure')}
          </Typography.Title>
          <ol style={{ margin: 0, paddingLeft: '1.4em' }} data-testid="apply-procedure">
            {stages.map((s) => (
              <li key={s.key}>
                {s.label}
                <Typography.Text type="secondary">
                  {' · '}
                  {s.assignee_label || label('assignee', s.assignee)}
                  {s.deadline_wd > 0 ? ` · ${t('case.stageDeadline', { n: s.deadline_wd })}` : ''}
                </Typography.Text>
              </li>
            ))}
          </ol>
        </div>
      )}
      {hasConditions && (
        <Form.Item
          name="conditions_confirmed"
          valuePropName="checked"
          rules={[
            {
              validator: (_, v: boolean) => (v ? Promise.resolve() : Promise.reject(new Error(t('apply.v.conditions')))),
            },
          ]}
          style={{ marginBottom: 0 }}
        >
          <Checkbox data-testid="apply-confirm-conditions">{t('apply.confirmConditions')}</Checkbox>
        </Form.Item>
      )}
    </Space>
  );
}

// --- step 2: applicant and application form

function ApplicantStep({ user }: { user: User }) {
  const { t } = useI18n();
  const form = Form.useFormInstance<Values>();
  const applicant = Form.useWatch('applicant', form) as string | undefined;
  const orgId = applicant?.startsWith('org:') ? Number(applicant.slice(4)) : undefined;
  const loadOrg = useCallback(() => (orgId ? api.getOrg(orgId) : Promise.resolve(undefined)), [orgId]);
  const org = useLoad(loadOrg, String(orgId ?? ''));
  const creditCode = (org.data as { credit_code?: string | null } | undefined)?.credit_code;
  const text = (name: keyof Values, key: MessageKey, opts: { required?: boolean; area?: boolean; max?: number } = {}) => (
    <Form.Item
      name={name}
      label={t(key)}
      rules={
        opts.required ? [{ required: true, whitespace: true, message: t('common.required', { field: t(key) }) }] : []
      }
    >
      {opts.area ? (
        <Input.TextArea rows={2} maxLength={opts.max ?? 1000} showCount data-testid={`apply-${name}`} />
      ) : (
        <Input maxLength={opts.max ?? 200} data-testid={`apply-${name}`} />
      )}
    </Form.Item>
  );
  return (
    <>
      <Form.Item name="applicant" label={t('apply.applicantAs')}>
        <Radio.Group data-testid="apply-applicant">
          <Space direction="vertical">
            {user.orgs.map((o) => (
              <Radio key={o.org_id} value={`org:${o.org_id}`}>
                {t('apply.asOrg', { name: o.org_name })}
              </Radio>
            ))}
            <Radio value="self">
              {t('apply.asSelf', { name: user.real_name_masked ?? user.username })}
            </Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      {orgId && org.data && (
        <Alert
          style={{ marginBottom: 16 }}
          type={creditCode ? 'info' : 'warning'}
          showIcon
          data-testid="apply-credit-code"
          message={
            creditCode ? t('apply.creditCode', { code: creditCode }) : t('apply.noCreditCode')
          }
        />
      )}
      {text('contact_name', 'apply.f.contact_name', { required: true, max: 50 })}
      <Form.Item
        name="contact_phone"
        label={t('apply.f.contact_phone')}
        rules={[
          { required: true, whitespace: true, message: t('common.required', { field: t('apply.f.contact_phone') }) },
          { pattern: /^1[3-9]\d{9}$/, message: t('apply.v.phone') },
        ]}
      >
        <Input inputMode="tel" maxLength={11} data-testid="apply-contact_phone" />
      </Form.Item>
      {text('app_name', 'apply.f.app_name', { required: true, max: 100 })}
      {text('domain', 'apply.f.domain', { max: 100 })}
      {text('service_scope', 'apply.f.service_scope', { area: true })}
      {text('users', 'apply.f.users', { max: 200 })}
      {text('concurrency', 'apply.f.concurrency', { max: 200 })}
      {text('expected_effect', 'apply.f.expected_effect', { area: true })}
      {text('system_name', 'apply.f.system_name', { max: 100 })}
      {text('machine_room', 'apply.f.machine_room', { max: 200 })}
      <Form.Item name="protection_level" label={t('apply.f.protection_level')}>
        <Select
          allowClear
          data-testid="apply-protection_level"
          placeholder={t('apply.protectionNone')}
          options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: t('apply.protectionLevel', { n }) }))}
          style={{ maxWidth: 240 }}
        />
      </Form.Item>
      {text('protection_filing_no', 'apply.f.protection_filing_no', { max: 100 })}
    </>
  );
}

// --- step 3: the demand list

function DemandStep({ entry: e, channels, downloadable }: { entry: Entry; channels: Channel[]; downloadable: boolean }) {
  const { t } = useI18n();
  const form = Form.useFormInstance<Values>();
  const fields = e.fields ?? [];
  return (
    <>
      <Form.Item
        name="fields"
        label={t('apply.f.fields')}
        extra={t('apply.fieldsHelp')}
        rules={[given(t('apply.v.fields'))]}
      >
        <Checkbox.Group className="apply-fields" data-testid="apply-fields">
          {fields.map((f) => (
            <Checkbox key={f.name} value={f.name} data-field={f.name}>
              {f.label || f.name}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {f.name}
              </Typography.Text>
            </Checkbox>
          ))}
        </Checkbox.Group>
      </Form.Item>
      <Space style={{ marginTop: -12, marginBottom: 16 }}>
        <Button size="small" onClick={() => form.setFieldValue('fields', fields.map((f) => f.name))}>
          {t('apply.selectAll')}
        </Button>
        <Button size="small" onClick={() => form.setFieldValue('fields', [])}>
          {t('apply.selectNone')}
        </Button>
      </Space>
      <Form.Item
        name="scenario"
        label={t('apply.f.scenario')}
        extra={t('apply.scenarioHelp')}
        rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('apply.f.scenario') }) }]}
      >
        <Input.TextArea rows={3} maxLength={1000} showCount data-testid="apply-scenario" />
      </Form.Item>
      <Form.Item
        name="channels"
        label={t('apply.f.channels')}
        extra={downloadable ? undefined : t('apply.noDownload')}
        rules={[given(t('apply.v.channels'))]}
      >
        <Checkbox.Group data-testid="apply-channels">
          {channels.map((c) => (
            <Checkbox key={c} value={c} data-channel={c}>
              {labelOf(t, 'apply.channel', c)}
            </Checkbox>
          ))}
        </Checkbox.Group>
      </Form.Item>
      <Form.Item
        name="months"
        label={t('apply.f.months')}
        rules={[{ required: true, type: 'integer', min: 1, max: 36, message: t('apply.v.months') }]}
      >
        <InputNumber min={1} max={36} precision={0} addonAfter={t('apply.monthsUnit')} data-testid="apply-months" />
      </Form.Item>
      <Form.Item
        name="calls_per_day"
        label={t('apply.f.calls_per_day')}
        extra={t('apply.quotaHelp')}
        rules={[{ type: 'integer', min: 1, message: t('apply.v.quota') }]}
      >
        <InputNumber min={1} precision={0} addonAfter={t('apply.callsUnit')} data-testid="apply-calls" />
      </Form.Item>
      <Form.Item
        name="rows_per_day"
        label={t('apply.f.rows_per_day')}
        rules={[{ type: 'integer', min: 1, message: t('apply.v.quota') }]}
      >
        <InputNumber min={1} precision={0} addonAfter={t('apply.rowsUnit')} data-testid="apply-rows" />
      </Form.Item>
    </>
  );
}

// --- step 4: materials and the security commitment

function MaterialsStep() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item
        name="attachments"
        label={t('apply.f.attachments')}
        extra={t('apply.materialsHelp')}
        rules={[
          {
            validator: (_, v: Attachment[] | undefined) =>
              (v ?? []).some((a) => a.kind === 'credit_report')
                ? Promise.resolve()
                : Promise.reject(new Error(t('apply.v.creditReport'))),
          },
        ]}
      >
        <Materials kinds={MATERIALS} />
      </Form.Item>
      <Typography.Title level={3} style={{ fontSize: 15 }} id="apply-commitment-title">
        {t('apply.commitmentTitle')}
      </Typography.Title>
      <div className="apply-commitment" data-testid="apply-commitment-text" tabIndex={0} aria-labelledby="apply-commitment-title">
        <Typography.Paragraph>{t('apply.commitment.lead')}</Typography.Paragraph>
        <ol>
          {(['1', '2', '3', '4', '5', '6'] as const).map((n) => (
            <li key={n}>{t(`apply.commitment.${n}` as MessageKey)}</li>
          ))}
        </ol>
      </div>
      <Form.Item
        name="commitment_accepted"
        valuePropName="checked"
        style={{ marginTop: 12 }}
        rules={[
          {
            validator: (_, v: boolean) => (v ? Promise.resolve() : Promise.reject(new Error(t('apply.v.commitment')))),
          },
        ]}
      >
        <Checkbox data-testid="apply-commitment">{t('apply.acceptCommitment')}</Checkbox>
      </Form.Item>
    </>
  );
}

// --- step 5: review and submit

function ReviewStep({ entry: e }: { entry: Entry }) {
  const { t } = useI18n();
  const form = Form.useFormInstance<Values>();
  const v = form.getFieldsValue(true) as Values;
  const fields = e.fields ?? [];
  const user = useAuth().user;
  const applicant = v.applicant?.startsWith('org:')
    ? user?.orgs.find((o) => `org:${o.org_id}` === v.applicant)?.org_name ?? v.applicant
    : t('apply.asSelf', { name: user?.real_name_masked ?? user?.username ?? '' });
  const show = (x: ReactNode) => (x === undefined || x === null || x === '' ? '—' : x);
  const items = [
    { key: 'entry', label: t('entry.name'), children: `${e.name}（${e.code}）` },
    { key: 'applicant', label: t('apply.applicantAs'), children: applicant },
    { key: 'contact', label: t('apply.contact'), children: `${v.contact_name ?? ''} ${v.contact_phone ?? ''}` },
    { key: 'app', label: t('apply.f.app_name'), children: show(v.app_name) },
    { key: 'domain', label: t('apply.f.domain'), children: show(v.domain) },
    { key: 'scope', label: t('apply.f.service_scope'), children: show(v.service_scope) },
    { key: 'users', label: t('apply.f.users'), children: show(v.users) },
    { key: 'concurrency', label: t('apply.f.concurrency'), children: show(v.concurrency) },
    { key: 'effect', label: t('apply.f.expected_effect'), children: show(v.expected_effect) },
    { key: 'system', label: t('apply.f.system_name'), children: show(v.system_name) },
    { key: 'room', label: t('apply.f.machine_room'), children: show(v.machine_room) },
    {
      key: 'level',
      label: t('apply.f.protection_level'),
      children: v.protection_level ? t('apply.protectionLevel', { n: v.protection_level }) : '—',
    },
    { key: 'filing', label: t('apply.f.protection_filing_no'), children: show(v.protection_filing_no) },
    {
      key: 'fields',
      label: t('apply.f.fields'),
      children: <span data-testid="apply-review-fields">{(v.fields ?? []).map((n) => fieldText(n, fields)).join('、')}</span>,
    },
    { key: 'scenario', label: t('apply.f.scenario'), children: show(v.scenario) },
    { key: 'channels', label: t('apply.f.channels'), children: <ChannelTags codes={v.channels ?? []} /> },
    { key: 'months', label: t('apply.f.months'), children: t('apply.monthsN', { n: v.months ?? 12 }) },
    {
      key: 'quota',
      label: t('apply.quota'),
      children: `${v.calls_per_day ? t('apply.callsN', { n: v.calls_per_day }) : t('apply.callsNone')}；${
        v.rows_per_day ? t('apply.rowsN', { n: v.rows_per_day }) : t('apply.rowsNone')
      }`,
    },
    {
      key: 'materials',
      label: t('apply.f.attachments'),
      children: (
        <ul className="problem-list" style={{ margin: 0 }}>
          {(v.attachments ?? []).map((a) => (
            <li key={a.id}>
              {labelOf(t, 'apply.kind', a.kind)}：{a.file_name}（{formatBytes(a.size)}）
            </li>
          ))}
        </ul>
      ),
    },
    {
      key: 'commitment',
      label: t('apply.commitmentTitle'),
      children: v.commitment_accepted ? t('apply.commitmentAccepted') : '—',
    },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ margin: 0 }}>{t('apply.reviewLead')}</Typography.Paragraph>
      <Descriptions bordered size="small" column={1} items={items} data-testid="apply-review" />
    </Space>
  );
}
