import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  App,
  AutoComplete,
  Breadcrumb,
  Button,
  Card,
  Col,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError, catalogApi, reviewApi } from '../api';
import type { Entry, EntryInput } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { errorMessage } from '../errors';
import { useLoad } from '../useLoad';
import {
  BASIC_DATABASES,
  DATA_TYPES,
  DOMAINS,
  emptyEntryInput,
  FIELD_ATTR_LABELS,
  entryToInput,
  FORMATS,
  FREQUENCIES,
  hasRole,
  OPEN_ATTRIBUTES,
  parseFieldPath,
  SECURITY_LEVELS,
  SHARE_ATTRIBUTES,
} from '../catalog';
import ErrorAlert from '../components/ErrorAlert';
import PageLoading from '../components/PageLoading';
import DictionaryEditor, {
  focusDictError,
  fromRows,
  toRows,
  validateRows,
} from '../components/DictionaryEditor';
import type { DictErrors, DictRow } from '../components/DictionaryEditor';
import { ChangeRequestModal, OpenCaseNotice, SubmitReviewModal } from '../components/ReviewBits';
import { needsChangeRequest } from '../review';

/** The form's values: the entry without its dictionary, the database group in two parts. */
type Values = Omit<EntryInput, 'fields' | 'database_group'> & {
  db_kind: string;
  db_theme: string;
  reason: string;
};

/** Entry attributes that are form fields, so a server error naming one lands beside it. */
const FORM_FIELDS = new Set<string>([
  'code',
  'name',
  'summary',
  'provider_id',
  'department',
  'domain',
  'keywords',
  'region_code',
  'formats',
  'data_type',
  'update_frequency',
  'open_attribute',
  'open_conditions',
  'legal_basis',
  'share_attribute',
  'share_conditions',
  'security_level',
  'usage_requirements',
  'source_system',
  'contact',
  'contains_personal_data',
  'reason',
]);

const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const REGION_RE = /^\d{6}$/;

function toValues(input: EntryInput): Values {
  const { fields: _fields, database_group, ...rest } = input;
  const g = database_group ?? '';
  return {
    ...rest,
    db_kind: g.startsWith('thematic:') ? 'thematic' : g,
    db_theme: g.startsWith('thematic:') ? g.slice('thematic:'.length) : '',
    reason: '',
  };
}

function fromValues(v: Values): EntryInput {
  const { db_kind, db_theme, reason: _reason, ...rest } = v;
  const trim = (s: string | undefined) => (s ?? '').trim();
  return {
    ...rest,
    code: trim(v.code),
    name: trim(v.name),
    summary: trim(v.summary),
    department: trim(v.department),
    domain: trim(v.domain),
    region_code: trim(v.region_code),
    open_conditions: trim(v.open_conditions),
    legal_basis: trim(v.legal_basis),
    share_conditions: trim(v.share_conditions),
    usage_requirements: trim(v.usage_requirements),
    source_system: trim(v.source_system),
    contact: trim(v.contact),
    keywords: (v.keywords ?? []).map((k) => k.trim()).filter(Boolean),
    formats: [...new Set((v.formats ?? []).map((f) => f.trim().toLowerCase()).filter(Boolean))],
    database_group: db_kind === 'thematic' ? `thematic:${trim(db_theme)}` : db_kind,
  };
}

/** JSON with the keys in a fixed order, to compare two objects whatever their key order. */
function stableJson(o: object): string {
  return JSON.stringify(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

export default function EntryEditPage() {
  const { code } = useParams();
  const { t } = useI18n();
  const load = useCallback(() => (code ? catalogApi.getEntry(code) : Promise.resolve(undefined)), [code]);
  const { data, error, loading, reload } = useLoad(load, code ?? '');
  if (!code) return <EntryForm key="new" />;
  if (error instanceof ApiError && error.status === 404) {
    return <Alert type="error" showIcon message={t('dataset.notFound')} description={code} />;
  }
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data || data.code !== code) return <PageLoading />;
  return <EntryForm key={code} entry={data} />;
}

function EntryForm({ entry }: { entry?: Entry }) {
  const { t, label } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const editing = !!entry;
  const initial = useMemo(() => (entry ? entryToInput(entry) : emptyEntryInput()), [entry]);
  const [form] = Form.useForm<Values>();
  const [rows, setRows] = useState<DictRow[]>(() => toRows(initial.fields));
  const [dictErrors, setDictErrors] = useState<DictErrors>({});
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [submitOpen, setSubmitOpen] = useState(false);
  const [deleteOpen, setDeleteOpen] = useState(false);
  // A published entry changes through a change request that the authority reviews.
  const viaRequest = !!entry && needsChangeRequest(user, entry.state);
  const provider = hasRole(user, 'provider');
  const topRef = useRef<HTMLDivElement>(null);

  const openAttr = Form.useWatch('open_attribute', form) as string | undefined;
  const shareAttr = Form.useWatch('share_attribute', form) as string | undefined;
  const dbKind = Form.useWatch('db_kind', form) as string | undefined;

  const admin = hasRole(user, 'admin');
  const myOrgs = user?.orgs ?? [];
  const chooseProvider = !editing && (admin || myOrgs.length > 1);
  const loadOrgs = useCallback(
    () => (admin && chooseProvider ? api.listOrgs().then((r) => r.items) : Promise.resolve([])),
    [admin, chooseProvider],
  );
  const orgs = useLoad(loadOrgs);
  const providerOptions = admin
    ? (orgs.data ?? [])
        .filter((o) => o.kind !== 'enterprise')
        .map((o) => ({ value: o.id, label: t('common.withCode', { name: o.name, code: o.region_name }) }))
    : myOrgs.map((o) => ({ value: o.org_id, label: o.org_name }));

  // Leaving with unsaved changes asks first (reload, close, typed address).
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const req = (field: MessageKey) => ({
    required: true,
    whitespace: true,
    message: t('common.required', { field: t(field) }),
  });

  const showServerError = (err: unknown) => {
    setError(err);
    if (!(err instanceof ApiError) || !err.field) return;
    // The server names a dictionary problem by path, or says "fields" and quotes the field: 「票价」.
    const quoted = err.field === 'fields' ? /「([^」]+)」/.exec(err.message)?.[1] : undefined;
    const at = parseFieldPath(err.field) ?? (err.field === 'fields' ? { name: quoted, key: undefined } : null);
    if (at) {
      const row =
        at.index !== undefined ? rows[at.index] : rows.find((r) => r.name.trim() === at.name);
      if (row) {
        const k = `${row.uid}:${at.key ?? 'name'}`;
        setDictErrors({ [k]: err.message || t('dict.rowInvalid') });
        window.setTimeout(() => focusDictError(k), 0);
      } else {
        document.getElementById('dictionary')?.scrollIntoView({ block: 'start' });
      }
      return;
    }
    const name = err.field === 'database_group' ? 'db_kind' : err.field;
    if (FORM_FIELDS.has(name) || name === 'db_kind') {
      form.setFields([{ name: name as keyof Values, errors: [err.message || t('entry.invalid')] }]);
      form.scrollToField(name as keyof Values, { block: 'center' });
    }
  };

  const save = async () => {
    setError(undefined);
    let values: Values;
    const dErrors = validateRows(rows, t);
    setDictErrors(dErrors);
    try {
      // Every value, also of fields not shown now (e.g. the theme name): PUT replaces the entry.
      values = { ...(form.getFieldsValue(true) as Values), ...(await form.validateFields()) };
    } catch (e) {
      const first = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center' });
      return;
    }
    if (Object.keys(dErrors).length > 0) {
      window.setTimeout(() => focusDictError(Object.keys(dErrors)[0]), 0);
      return;
    }
    const input = fromValues(values);
    const fields = fromRows(rows);
    input.fields = fields;
    if (!chooseProvider) delete input.provider_id;
    setBusy(true);
    try {
      let saved: Entry;
      if (entry) {
        const reason = values.reason.trim();
        // The entry and its dictionary are saved through their own routes; each only when it
        // changed, so the history holds no empty revisions.
        const { fields: _f, provider_id: _p, ...meta } = input;
        const { fields: _g, provider_id: _q, ...before } = fromValues(toValues(initial));
        const metaChanged = stableJson(before) !== stableJson(meta);
        const dictChanged = JSON.stringify(fromRows(toRows(initial.fields))) !== JSON.stringify(fields);
        if (!metaChanged && !dictChanged) {
          void message.info(t('entryForm.nothingChanged'));
          setBusy(false);
          return;
        }
        if (viaRequest) {
          // The whole entry as GET returns it, with the edits; fields only when they changed.
          const { fields: _old, ...current } = entry;
          const proposed = { ...current, ...meta, ...(dictChanged ? { fields } : {}) };
          const c = await reviewApi.changeRequest(entry.code, { kind: 'modify', entry: proposed, reason });
          setDirty(false);
          void message.success(t('review.changeSubmitted'));
          navigate(`/console/cases/${c.id}`);
          return;
        }
        saved = entry;
        if (metaChanged) saved = await catalogApi.updateEntry(entry.code, meta, reason);
        if (dictChanged) saved = await catalogApi.putDictionary(entry.code, fields, reason);
      } else {
        saved = await catalogApi.createEntry(input);
      }
      setDirty(false);
      void message.success(editing ? t('entryForm.savedOk') : t('entryForm.createdOk'));
      navigate(`/datasets/${encodeURIComponent(saved.code || input.code)}`);
    } catch (err) {
      topRef.current?.scrollIntoView({ block: 'start' });
      showServerError(err);
    } finally {
      setBusy(false);
    }
  };

  const title = editing ? t('entryForm.editTitle', { name: entry.name }) : t('entryForm.newTitle');
  const col = { xs: 24, md: 12 };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: <Link to="/console/entries">{t('console.title')}</Link> },
          ...(entry
            ? [{ title: <Link to={`/datasets/${encodeURIComponent(entry.code)}`}>{entry.name}</Link> }]
            : []),
          { title: editing ? t('entryForm.edit') : t('entryForm.new') },
        ]}
      />
      <div ref={topRef} style={{ scrollMarginTop: 16 }}>
        <Typography.Title level={1} style={{ fontSize: 28, marginTop: 0 }}>
          {title}
        </Typography.Title>
        {entry && (
          <Typography.Paragraph type="secondary">
            {t('entryForm.revisionNote', { rev: entry.revision, state: label('state', entry.state) })}
          </Typography.Paragraph>
        )}
        {entry && provider && (
          <Space direction="vertical" size="small" style={{ width: '100%', marginBottom: 12 }}>
            <OpenCaseNotice code={entry.code} reloadKey={String(entry.revision)} />
            {viaRequest ? (
              <Alert
                type="info"
                showIcon
                data-testid="change-request-notice"
                message={t('review.publishedNotice')}
                description={t('review.publishedNoticeDetail')}
                action={
                  <Button size="small" danger onClick={() => setDeleteOpen(true)}>
                    {t('review.requestDelete')}
                  </Button>
                }
              />
            ) : entry.state !== 'published' ? (
              <Space wrap>
                <Button onClick={() => setSubmitOpen(true)} data-testid="submit-review">
                  {t('review.submit')}
                </Button>
              </Space>
            ) : null}
          </Space>
        )}
        <ErrorAlert error={error} title={t('entryForm.saveFailed')} />
      </div>
      <Form<Values>
        form={form}
        name="entry"
        layout="vertical"
        initialValues={toValues(initial)}
        onValuesChange={() => setDirty(true)}
        onFinish={() => void save()}
        scrollToFirstError={false}
      >
        <Card title={<h2 className="card-heading">{t('entryForm.basics')}</h2>} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col {...col}>
              <Form.Item
                label={t('entry.code')}
                name="code"
                extra={editing ? t('entryForm.codeFixed') : t('entryForm.codeHelp')}
                rules={[
                  req('entry.code'),
                  {
                    validator: (_, v: string | undefined) =>
                      !v || CODE_RE.test(v.trim())
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('entryForm.codeInvalid'))),
                  },
                ]}
              >
                <Input disabled={editing} spellCheck={false} maxLength={64} placeholder="370700-JT-0001" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={t('entry.name')} name="name" rules={[req('entry.name'), { max: 200 }]}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item label={t('entry.summary')} name="summary" rules={[req('entry.summary')]}>
                <Input.TextArea rows={3} maxLength={2000} showCount />
              </Form.Item>
            </Col>
            {chooseProvider && (
              <Col {...col}>
                <Form.Item
                  label={t('entry.provider')}
                  name="provider_id"
                  extra={myOrgs.length === 1 ? t('entryForm.providerHelp') : undefined}
                  rules={
                    myOrgs.length === 1
                      ? []
                      : [{ required: true, message: t('entryForm.providerRequired') }]
                  }
                >
                  <Select
                    allowClear
                    showSearch
                    optionFilterProp="label"
                    loading={orgs.loading}
                    options={providerOptions}
                    placeholder={
                      myOrgs.length === 1 ? t('entryForm.providerDefault') : t('entryForm.providerPick')
                    }
                  />
                </Form.Item>
              </Col>
            )}
            {editing && (
              <Col {...col}>
                <Form.Item label={t('entry.provider')}>
                  <Input value={entry.provider_name} disabled />
                </Form.Item>
              </Col>
            )}
            <Col {...col}>
              <Form.Item label={t('entry.department')} name="department" extra={t('entryForm.departmentHelp')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={t('entry.domain')} name="domain" rules={[req('entry.domain')]}>
                <AutoComplete
                  options={DOMAINS.map((d) => ({ value: d }))}
                  filterOption={(input, o) => String(o?.value ?? '').includes(input.trim())}
                />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={t('entry.keywords')} name="keywords" extra={t('entryForm.tagsHelp')}>
                <Select mode="tags" tokenSeparators={[',', '，', '、', ' ']} notFoundContent={null} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item
                label={t('entry.regionCode')}
                name="region_code"
                extra={t('entryForm.regionHelp')}
                rules={[
                  {
                    validator: (_, v: string | undefined) =>
                      !v || REGION_RE.test(v.trim())
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('entryForm.regionInvalid'))),
                  },
                ]}
              >
                <Input inputMode="numeric" maxLength={6} placeholder="370700" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item
                label={t('entry.formats')}
                name="formats"
                rules={[{ required: true, type: 'array', min: 1, message: t('entryForm.formatsRequired') }]}
              >
                <Select
                  mode="tags"
                  tokenSeparators={[',', '，', ' ']}
                  options={FORMATS.map((f) => ({ value: f, label: f.toUpperCase() }))}
                />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={t('entry.dataType')} name="data_type" rules={[{ required: true }]}>
                <Select options={DATA_TYPES.map((v) => ({ value: v, label: label('dataType', v) }))} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item
                label={t('entry.updateFrequency')}
                name="update_frequency"
                rules={[{ required: true }]}
              >
                <Select options={FREQUENCIES.map((v) => ({ value: v, label: label('freq', v) }))} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card
          title={<h2 className="card-heading">{t('entryForm.openness')}</h2>}
          style={{ marginBottom: 16 }}
        >
          <Row gutter={16}>
            <Col xs={24}>
              <Form.Item label={t('entry.openAttribute')} name="open_attribute" rules={[{ required: true }]}>
                <Radio.Group
                  options={OPEN_ATTRIBUTES.map((v) => ({ value: v, label: label('open', v) }))}
                />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item
                label={t('entry.openConditions')}
                name="open_conditions"
                rules={openAttr === 'conditional' ? [req('entry.openConditions')] : []}
                extra={t('entryForm.openConditionsHelp')}
              >
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item
                label={t('entry.legalBasis')}
                name="legal_basis"
                rules={openAttr === 'conditional' || openAttr === 'not_open' ? [req('entry.legalBasis')] : []}
                extra={t('entryForm.legalBasisHelp')}
              >
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item label={t('entry.shareAttribute')} name="share_attribute" rules={[{ required: true }]}>
                <Radio.Group
                  options={SHARE_ATTRIBUTES.map((v) => ({ value: v, label: label('share', v) }))}
                />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item
                label={t('entry.shareConditions')}
                name="share_conditions"
                rules={shareAttr === 'conditional' ? [req('entry.shareConditions')] : []}
              >
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item
                label={t('entry.securityLevel')}
                name="security_level"
                dependencies={['contains_personal_data', 'open_attribute']}
                rules={[
                  { required: true },
                  ({ getFieldValue }) => ({
                    // CLS-4 / CLS-6: the server refuses the same contradiction.
                    validator: (_, v) =>
                      v === 'L1' &&
                      getFieldValue('contains_personal_data') &&
                      getFieldValue('open_attribute') === 'unconditional'
                        ? Promise.reject(new Error(t('privacy.contradiction')))
                        : Promise.resolve(),
                  }),
                ]}
              >
                <Select options={SECURITY_LEVELS.map((v) => ({ value: v, label: label('security', v) }))} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item
                label={t('entry.containsPersonalData')}
                name="contains_personal_data"
                valuePropName="checked"
                extra={t('entryForm.personalHelp')}
              >
                <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={<h2 className="card-heading">{t('entryForm.more')}</h2>} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col {...col}>
              <Form.Item label={t('entry.usageRequirements')} name="usage_requirements">
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={t('entry.sourceSystem')} name="source_system">
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={t('entry.contact')} name="contact">
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={t('entry.databaseGroup')} name="db_kind">
                <Select
                  options={[
                    { value: '', label: t('dbGroup.none') },
                    ...BASIC_DATABASES.map((g) => ({ value: g, label: label('dbGroup', g) })),
                    { value: 'thematic', label: t('dbGroup.thematic') },
                  ]}
                />
              </Form.Item>
            </Col>
            {dbKind === 'thematic' && (
              <Col {...col}>
                <Form.Item
                  label={t('entryForm.themeName')}
                  name="db_theme"
                  rules={[req('entryForm.themeName')]}
                >
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
            )}
          </Row>
        </Card>

        <Card
          id="dictionary"
          style={{ marginBottom: 16, scrollMarginTop: 16 }}
          title={<h2 className="card-heading">{t('dataset.dictionary')}</h2>}
          extra={
            <Space size="middle" wrap>
              <Typography.Text type="secondary">{t('dataset.fieldCount', { n: rows.length })}</Typography.Text>
              {entry && (
                <Link
                  to={`/console/entries/${encodeURIComponent(entry.code)}/masking`}
                  data-testid="to-masking"
                >
                  {t('dataset.masking')}
                </Link>
              )}
            </Space>
          }
        >
          <Typography.Paragraph type="secondary">{t('entryForm.dictionaryHelp')}</Typography.Paragraph>
          {Object.keys(dictErrors).length > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              message={t('entryForm.dictionaryErrors', { n: Object.keys(dictErrors).length })}
              description={
                <ul className="error-list">
                  {Object.entries(dictErrors).map(([k, msg]) => {
                    const [u, col] = k.split(':');
                    const n = rows.findIndex((r) => r.uid === u) + 1;
                    const where = FIELD_ATTR_LABELS[col]
                      ? t('dict.cell', { n, col: t(FIELD_ATTR_LABELS[col]) })
                      : t('dict.row', { n });
                    return (
                      <li key={k}>
                        <Button type="link" size="small" onClick={() => focusDictError(k)}>
                          {where}
                        </Button>
                        {msg}
                      </li>
                    );
                  })}
                </ul>
              }
            />
          )}
          <DictionaryEditor
            value={rows}
            onChange={(r) => {
              setRows(r);
              setDirty(true);
              if (Object.keys(dictErrors).length) setDictErrors({});
            }}
            errors={dictErrors}
            disabled={busy}
          />
        </Card>

        <Card style={{ marginBottom: 16 }}>
          {editing && (
            <Form.Item
              label={t('entry.reason')}
              name="reason"
              extra={t('entryForm.reasonHelp')}
              rules={[{ required: true, whitespace: true, message: t('entry.reasonRequired') }]}
            >
              <Input.TextArea rows={2} maxLength={500} showCount />
            </Form.Item>
          )}
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={busy}>
              {viaRequest ? t('review.changeSubmit') : editing ? t('entryForm.save') : t('entryForm.create')}
            </Button>
            <Button
              onClick={() => {
                if (dirty && !window.confirm(t('entryForm.discard'))) return;
                navigate(entry ? `/datasets/${encodeURIComponent(entry.code)}` : '/console/entries');
              }}
            >
              {t('common.cancel')}
            </Button>
            {error !== undefined && (
              <Typography.Text type="danger" role="status">
                {errorMessage(error, t)}
              </Typography.Text>
            )}
          </Space>
        </Card>
      </Form>
      {entry && (
        <>
          <SubmitReviewModal entry={entry} open={submitOpen} onClose={() => setSubmitOpen(false)} />
          <ChangeRequestModal
            entry={entry}
            open={deleteOpen}
            initialKind="delete"
            onClose={() => setDeleteOpen(false)}
          />
        </>
      )}
    </Space>
  );
}
