// One review case (issue 6): state, stage progress and deadline; for publication cases the
// consistency report of the submitted data version against the catalog; for change requests
// the proposed changes; the history; and the actions the current user may take.
import { useCallback, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Result,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { MinusOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { ApiError, catalogApi, reviewApi } from '../api';
import type { CaseAction, CaseDetail, ConsistencyField, Entry } from '../api';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { errorMessage } from '../errors';
import { formatTime } from '../format';
import { useLoad } from '../useLoad';
import { formatCount, formatDate } from '../catalog';
import { isLive, notifyInboxChanged } from '../review';
import ErrorAlert from '../components/ErrorAlert';
import PageLoading from '../components/PageLoading';
import LinkButton from '../components/LinkButton';
import { CaseStateTag, CaseTypeTag, Due } from '../components/ReviewBits';
import UpdateCaseCard from '../updates/UpdateCaseCard';
import ApplicationCaseCard from '../apply/ApplicationCaseCard';
import GradingCaseCard, { decidesGrade } from '../apply/GradingCaseCard';

/** Actions that need a reason (the server also says so per action, for named outcomes). */
const NEEDS_COMMENT = new Set(['return', 'reject', 'request_correction']);
/** The platform's own verbs keep the app's labels; named outcomes take the flow's. */
const BUILT_IN = new Set(['approve', 'return', 'reject', 'resubmit', 'withdraw', 'escalate']);
/** Actions whose button warns. */
const DANGER = new Set(['reject', 'withdraw', 'return']);

export default function CasePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const load = useCallback(() => reviewApi.getCase(id), [id]);
  const c = useLoad(load, id);

  if (c.error instanceof ApiError && c.error.status === 404) {
    return (
      <Result
        status="404"
        title={t('case.notFound')}
        subTitle={`#${id}`}
        extra={
          <LinkButton to="/console/tasks" primary>
            {t('case.back')}
          </LinkButton>
        }
      />
    );
  }
  if (!c.data || String(c.data.id) !== id) {
    return c.error ? <ErrorAlert error={c.error} onRetry={c.reload} /> : <PageLoading />;
  }
  return <CaseView c={c.data} reload={c.reload} />;
}

function CaseView({ c, reload }: { c: CaseDetail; reload: () => void }) {
  const { t, label } = useI18n();
  const [acting, setActing] = useState<CaseAction | null>(null);
  const history = c.history ?? [];
  // The latest return or rejection, with its reason: shown prominently while it matters.
  const lastReturn = [...history].reverse().find((h) => h.action === 'return' || h.action === 'reject');
  const lastApprove = [...history].reverse().find((h) => h.action === 'approve');
  const entryName = c.payload?.entry_name || c.subject_code;

  const stepsStatus =
    c.state === 'approved' ? 'finish' : c.state === 'rejected' ? 'error' : c.state === 'withdrawn' ? 'wait' : 'process';
  const current = c.state === 'approved' ? (c.stages?.length ?? 0) : c.stage_index;
  // The server lists what this user may do now, with the flow's labels (named outcomes included).
  // Conditional applications are handled on their own page (signing, narrowing, legal ground).
  const ownPage = c.type === 'conditional_application';
  // A grading case's rating is decided on its own card (the grade and the experts' opinion).
  const actions =
    isLive(c) && !ownPage ? (c.allowed_actions ?? []).filter((a) => !(a.code === 'approve' && decidesGrade(c))) : [];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: <Link to="/console/tasks">{t('tasks.title')}</Link> },
          { title: `#${c.id}` },
        ]}
      />
      <div>
        <Space wrap align="center" size="small">
          <Typography.Title level={1} style={{ fontSize: 26, margin: 0 }}>
            {c.title}
          </Typography.Title>
          <CaseTypeTag value={c.type} />
          <CaseStateTag value={c.state} />
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
          {c.subject_code && (
            <>
              {t('case.entry')}：
              <Link to={`/datasets/${encodeURIComponent(c.subject_code)}`}>{entryName}</Link>{' '}
              <Typography.Text code>{c.subject_code}</Typography.Text>
              {' · '}
            </>
          )}
          {t('case.createdBy', { who: c.created_by, at: formatTime(c.created_at) })}
          {' · '}
          {t('case.round', { n: c.round })}
        </Typography.Paragraph>
        {isLive(c) && (
          <div style={{ marginTop: 6 }} data-testid="case-due">
            <Space size={8} wrap>
              <Typography.Text strong>
                {t('case.stage')}：{c.stage?.label}
              </Typography.Text>
              <Due c={c} />
              {c.final_due_date && (
                <Typography.Text type="secondary">{t('case.finalDue', { date: c.final_due_date })}</Typography.Text>
              )}
            </Space>
          </div>
        )}
      </div>

      {c.state === 'returned' && lastReturn && (
        <Alert
          type="warning"
          showIcon
          data-testid="return-reason"
          message={
            <Typography.Text strong style={{ fontSize: 16 }}>
              {t('case.returnedReason', { reason: lastReturn.comment || t('common.none') })}
            </Typography.Text>
          }
          description={t('case.returnedBy', {
            who: lastReturn.actor,
            at: formatTime(lastReturn.at),
            stage: lastReturn.stage_label,
          })}
        />
      )}
      {c.state === 'rejected' && lastReturn && (
        <Alert
          type="error"
          showIcon
          data-testid="return-reason"
          message={t('case.rejectedReason', { reason: lastReturn.comment || t('common.none') })}
        />
      )}
      {c.state === 'approved' && (
        <Alert
          type="success"
          showIcon
          message={t('case.approvedNote', { at: formatTime(lastApprove?.at ?? c.updated_at) })}
        />
      )}
      {c.state === 'withdrawn' && <Alert type="info" showIcon message={t('case.withdrawnNote')} />}
      {c.state === 'closed' && <Alert type="info" showIcon message={t('case.closedNote')} />}
      {c.state === 'waiting' && (
        <Alert type="warning" showIcon data-testid="case-waiting" message={t('case.waitingNote')} />
      )}

      {(c.parties ?? []).length > 0 && (
        <Card title={<h2 className="card-heading">{t('case.parties')}</h2>} data-testid="case-parties">
          <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
            {(c.parties ?? []).map((p, i) => (
              <Descriptions.Item key={`${p.role}-${i}`} label={label('assignee', p.role)}>
                {p.role === 'authority'
                  ? p.region
                    ? t('case.party.region', { code: p.region })
                    : t('case.party.anyRegion')
                  : [
                      p.org_id ? t('case.party.org', { id: p.org_id }) : null,
                      p.user_id ? t('case.party.user', { id: p.user_id }) : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      )}

      <Card title={<h2 className="card-heading">{t('case.progress')}</h2>}>
        <Steps
          current={current}
          status={stepsStatus}
          size="small"
          responsive
          data-testid="case-steps"
          items={(c.stages ?? []).map((s) => ({
            title: s.label,
            description: (
              <span>
                {label('assignee', s.assignee)}
                {s.deadline_wd > 0 ? ` · ${t('case.stageDeadline', { n: s.deadline_wd })}` : ''}
              </span>
            ),
          }))}
        />
      </Card>

      {actions.length > 0 && (
        <Card title={<h2 className="card-heading">{t('case.actions')}</h2>} data-testid="case-actions">
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
      {!c.may_act && isLive(c) && !ownPage && (
        <Typography.Text type="secondary">
          {t('case.mayNotAct', { who: label('assignee', c.stage?.assignee ?? '') })}
        </Typography.Text>
      )}

      {ownPage && <ApplicationCaseCard c={c} />}
      {c.type === 'user_grading' && <GradingCaseCard c={c} onDone={reload} />}
      {c.type === 'catalog_change' && <ChangeCard c={c} />}
      {c.payload?.update && <UpdateCaseCard update={c.payload.update} />}
      {c.consistency && <ConsistencyCard c={c} />}

      <Card title={<h2 className="card-heading">{t('case.history')}</h2>}>
        {history.length === 0 ? (
          <Empty description={t('case.noHistory')} />
        ) : (
          <div data-testid="case-history">
            <Timeline
              items={history.map((h, i) => ({
                key: `${h.at}-${i}`,
                color:
                  h.action === 'approve'
                    ? 'green'
                    : h.action === 'return' || h.action === 'reject'
                      ? 'red'
                      : h.action === 'withdraw'
                        ? 'gray'
                        : 'blue',
                children: (
                  <Space direction="vertical" size={0}>
                    <Space size={8} wrap>
                      <Typography.Text strong>{h.action_label || label('caseAction', h.action)}</Typography.Text>
                      <Typography.Text>{h.actor}</Typography.Text>
                      <Typography.Text type="secondary">{formatTime(h.at)}</Typography.Text>
                      <Tag>{t('case.round', { n: h.round })}</Tag>
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

function Mark({ ok, title }: { ok: boolean | null; title?: string }) {
  const { t } = useI18n();
  if (ok === null) {
    return (
      <span title={t('case.notApplicable')}>
        <MinusOutlined aria-label={t('case.notApplicable')} style={{ color: '#999' }} />
      </span>
    );
  }
  return ok ? (
    <span className="mark-ok" title={title} style={{ color: '#389e0d', fontWeight: 600 }}>
      ✓
    </span>
  ) : (
    <span className="mark-bad" title={title} style={{ color: '#cf1322', fontWeight: 600 }}>
      ✗
    </span>
  );
}

function ConsistencyCard({ c }: { c: CaseDetail }) {
  const { t, label } = useI18n();
  const k = c.consistency!;
  const columns: ColumnsType<ConsistencyField> = [
    {
      title: t('case.col.field'),
      key: 'field',
      render: (_, f) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{f.label || f.name}</Typography.Text>
          <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
            {f.name}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('case.col.dictType'), dataIndex: 'dictionary_type', key: 'dt', render: (v: string) => label('fieldType', v) },
    {
      title: t('case.col.dataType'),
      dataIndex: 'data_type',
      key: 'dat',
      render: (v: string | null) => (v ? label('fieldType', v) : '—'),
    },
    { title: t('case.col.present'), key: 'present', render: (_, f) => <Mark ok={f.present} /> },
    { title: t('case.col.typeMatches'), key: 'tm', render: (_, f) => <Mark ok={f.present ? f.type_matches : null} /> },
    { title: t('case.col.grade'), dataIndex: 'security_grade', key: 'grade' },
    {
      title: t('case.col.rule'),
      key: 'rule',
      render: (_, f) =>
        f.mask_rule ? (
          <Typography.Text code>{f.mask_rule}</Typography.Text>
        ) : f.rule_required ? (
          <Typography.Text type="danger">{t('case.ruleMissing')}</Typography.Text>
        ) : (
          '—'
        ),
    },
    { title: t('case.col.masked'), key: 'masked', render: (_, f) => <Mark ok={f.really_masked} /> },
    { title: t('privacy.colPublished'), key: 'published', render: (_, f) => <PublishedFinding f={f} /> },
  ];
  const bad = (f: ConsistencyField) =>
    !f.present ||
    !f.type_matches ||
    (f.rule_required && !f.mask_rule) ||
    f.really_masked === false ||
    !!f.raw_values_out;
  const rawOut = (k.fields ?? []).filter((f) => f.raw_values_out).map((f) => f.label || f.name);
  const extraOut = (k.extra_personal_columns ?? []).map((x) => x.name);
  const notes = [
    k.extra_columns?.length ? t('case.extraColumns', { cols: k.extra_columns.join('、') }) : '',
    rawOut.length ? t('privacy.rawOutSummary', { names: rawOut.join('、') }) : '',
    extraOut.length ? t('privacy.extraOut', { names: extraOut.join('、') }) : '',
    k.personal_data_found && k.flagged_personal === false ? t('privacy.unflagged') : '',
  ].filter(Boolean);
  return (
    <Card
      title={<h2 className="card-heading">{t('case.consistency')}</h2>}
      extra={
        <Typography.Text type="secondary" data-testid="consistency-rows">
          {t('case.rows', {
            v: k.version_number,
            rows: formatCount(k.row_count),
            rejected: formatCount(k.rejected_count),
          })}
        </Typography.Text>
      }
      data-testid="consistency"
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Alert
          type={k.consistent ? 'success' : 'error'}
          showIcon
          data-testid="consistency-summary"
          message={k.consistent ? t('case.consistent') : t('case.inconsistent')}
          description={
            notes.length ? (
              <ul className="problem-list" data-testid="consistency-notes">
                {notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
        <Table<ConsistencyField>
          rowKey="name"
          size="small"
          columns={columns}
          dataSource={k.fields ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowClassName={(f) => (bad(f) ? 'consistency-bad' : '')}
          data-testid="consistency-table"
        />
        {k.sampled_rows !== undefined && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="consistency-sampled">
            {t('privacy.sampled', { n: formatCount(k.sampled_rows) })}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}

/** What the detectors find in a field's values as publication would serve them (PUB-5, CLS-6):
 * red where raw personal data would go out, orange where it goes out on a recorded basis. */
function PublishedFinding({ f }: { f: ConsistencyField }) {
  const { t, label } = useI18n();
  if (!f.present) return <>—</>;
  const kind = (k: string | null | undefined) => label('pii', String(k));
  if (f.raw_values_out) {
    return (
      <Tag color="red" data-testid={`raw-out-${f.name}`}>
        {t('privacy.rawOut', { kind: kind(f.published_kind) })}
      </Tag>
    );
  }
  if (f.personal_data_out) {
    return (
      <Space direction="vertical" size={0} data-testid={`basis-out-${f.name}`}>
        <Tag color="orange">{t('privacy.basisOut', { kind: kind(f.published_kind) })}</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 260 }}>
          {t('privacy.basisShown', { basis: f.consent_basis ?? '' })}
        </Typography.Text>
      </Space>
    );
  }
  if (f.detected_kind) {
    return (
      <Tag color="green" data-testid={`masked-ok-${f.name}`}>
        {t('privacy.maskedOk', { kind: kind(f.detected_kind) })}
      </Tag>
    );
  }
  return <Typography.Text type="secondary">{t('privacy.noneFound')}</Typography.Text>;
}

/** The entry attributes shown in a change request, by their message. */
const ENTRY_LABELS: [keyof Entry, MessageKey][] = [
  ['name', 'entry.name'],
  ['summary', 'entry.summary'],
  ['department', 'entry.department'],
  ['domain', 'entry.domain'],
  ['keywords', 'entry.keywords'],
  ['region_code', 'entry.regionCode'],
  ['formats', 'entry.formats'],
  ['data_type', 'entry.dataType'],
  ['update_frequency', 'entry.updateFrequency'],
  ['open_attribute', 'entry.openAttribute'],
  ['open_conditions', 'entry.openConditions'],
  ['legal_basis', 'entry.legalBasis'],
  ['share_attribute', 'entry.shareAttribute'],
  ['share_conditions', 'entry.shareConditions'],
  ['security_level', 'entry.securityLevel'],
  ['usage_requirements', 'entry.usageRequirements'],
  ['source_system', 'entry.sourceSystem'],
  ['contact', 'entry.contact'],
  ['database_group', 'entry.databaseGroup'],
  ['contains_personal_data', 'entry.containsPersonalData'],
];

const shown = (v: unknown): string =>
  v === null || v === undefined ? '' : Array.isArray(v) ? v.join('、') : typeof v === 'object' ? JSON.stringify(v) : String(v);

function ChangeCard({ c }: { c: CaseDetail }) {
  const { t, label } = useI18n();
  const load = useCallback(() => catalogApi.getEntry(c.subject_code), [c.subject_code]);
  const current = useLoad(load, c.subject_code);
  const proposed = c.payload?.entry;
  const kind = c.payload?.kind ?? 'modify';

  const changes = useMemo(() => {
    if (!proposed || !current.data) return [] as { key: string; label: ReactNode; was: ReactNode; now: ReactNode }[];
    const out: { key: string; label: ReactNode; was: ReactNode; now: ReactNode }[] = [];
    for (const [k, m] of ENTRY_LABELS) {
      if (!(k in proposed)) continue;
      const a = current.data[k];
      const b = proposed[k];
      if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) {
        out.push({ key: k, label: t(m), was: shown(a), now: shown(b) });
      }
    }
    if (proposed.fields) {
      const before = new Map((current.data.fields ?? []).map((f) => [f.name, f]));
      for (const f of proposed.fields) {
        const old = before.get(f.name);
        before.delete(f.name);
        if (!old) {
          out.push({ key: `f+${f.name}`, label: `${t('dataset.dictionary')} · ${f.label || f.name}`, was: '', now: f.name });
          continue;
        }
        for (const attr of ['label', 'type', 'security_grade', 'mask_rule', 'nullable', 'description'] as const) {
          if (JSON.stringify(old[attr] ?? null) !== JSON.stringify(f[attr] ?? null)) {
            out.push({
              key: `f:${f.name}:${attr}`,
              label: `${t('dataset.dictionary')} · ${f.label || f.name} · ${attr}`,
              was: shown(old[attr]),
              now: shown(f[attr]),
            });
          }
        }
      }
      for (const gone of before.values()) {
        out.push({ key: `f-${gone.name}`, label: `${t('dataset.dictionary')} · ${gone.label || gone.name}`, was: gone.name, now: '' });
      }
    }
    return out;
  }, [proposed, current.data, t]);

  return (
    <Card title={<h2 className="card-heading">{t('case.change')}</h2>} data-testid="change-request">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions
          size="small"
          bordered
          column={1}
          items={[
            {
              key: 'kind',
              label: t('case.changeKind'),
              children: <Tag color={kind === 'delete' ? 'red' : 'blue'}>{label('changeKind', kind)}</Tag>,
            },
            { key: 'reason', label: t('case.changeReason'), children: c.payload?.reason || '—' },
          ]}
        />
        {kind !== 'delete' && proposed && (
          <>
            <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
              {t('case.changedFields')}
            </Typography.Title>
            <ErrorAlert error={current.error} onRetry={current.reload} />
            <Table
              rowKey="key"
              size="small"
              loading={current.loading}
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={changes}
              locale={{ emptyText: t('case.noChanges') }}
              columns={[
                { title: t('case.col.field'), dataIndex: 'label', key: 'label' },
                {
                  title: t('case.was'),
                  dataIndex: 'was',
                  key: 'was',
                  render: (v: ReactNode) => <del className="diff-value">{v}</del>,
                },
                {
                  title: t('case.now'),
                  dataIndex: 'now',
                  key: 'now',
                  render: (v: ReactNode) => <ins className="diff-value">{v}</ins>,
                },
              ]}
            />
          </>
        )}
      </Space>
    </Card>
  );
}

function ActionModal({
  c,
  action,
  onClose,
  onDone,
}: {
  c: CaseDetail;
  action: CaseAction | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment: string; version_id: number }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const allowed = c.allowed_actions?.find((x) => x.code === action);
  const needs = action ? (allowed?.needs_comment ?? NEEDS_COMMENT.has(action)) : false;
  const actionLabel = !action ? '' : BUILT_IN.has(action) || !allowed ? label('caseAction', action) : allowed.label;
  const chooseVersion = action === 'resubmit' && c.type === 'publication';
  const currentVersion = c.payload?.version_id ?? c.consistency?.version_id;
  const loadVersions = useCallback(
    () => (chooseVersion ? catalogApi.versions(c.subject_code).then((r) => r.items) : Promise.resolve([])),
    [chooseVersion, c.subject_code],
  );
  const versions = useLoad(loadVersions, `${c.subject_code}#${chooseVersion}`);

  const submit = async () => {
    if (!action) return;
    let v: { comment?: string; version_id?: number };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await reviewApi.act(c.id, {
        action,
        comment: (v.comment ?? '').trim(),
        version_id: chooseVersion && v.version_id && v.version_id !== currentVersion ? v.version_id : undefined,
      });
      const doneKey = `caseAction.done.${action}` as MessageKey;
      void message.success(
        BUILT_IN.has(action)
          ? t(doneKey)
          : t('caseAction.done.generic', { action: actionLabel }),
      );
      onDone();
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.field === 'comment') {
        form.setFields([{ name: 'comment', errors: [errorMessage(err, t)] }]);
      }
    } finally {
      setBusy(false);
    }
  };

  const currentNumber = versions.data?.find((x) => x.id === currentVersion)?.number ?? c.consistency?.version_number;
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
    >
      <Form
        form={form}
        layout="vertical"
        name="case-action"
        preserve={false}
        initialValues={{ version_id: currentVersion }}
      >
        {action === 'withdraw' && (
          <Typography.Paragraph type="secondary">{t('caseAction.confirmWithdraw')}</Typography.Paragraph>
        )}
        {chooseVersion && (
          <Form.Item label={t('caseAction.version')} name="version_id">
            <Select
              loading={versions.loading}
              options={(versions.data ?? []).map((x) => ({
                value: x.id,
                label:
                  x.id === currentVersion
                    ? t('caseAction.versionSame', { n: x.number })
                    : `${t('review.versionOption', {
                        n: x.number,
                        rows: formatCount(x.row_count),
                        at: formatTime(x.created_at),
                      })}`,
              }))}
              placeholder={currentNumber ? t('caseAction.versionSame', { n: currentNumber }) : undefined}
            />
          </Form.Item>
        )}
        <Form.Item
          label={needs ? (action === 'return' ? t('caseAction.reason') : t('caseAction.comment')) : t('caseAction.commentOptional')}
          name="comment"
          rules={needs ? [{ required: true, whitespace: true, message: t('caseAction.reasonRequired') }] : []}
        >
          <Input.TextArea rows={4} autoFocus maxLength={1000} showCount data-testid="action-comment" />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
      {c.due_date && isLive(c) && (
        <Typography.Text type="secondary">{t('due.date', { date: formatDate(c.due_date) })}</Typography.Text>
      )}
    </Modal>
  );
}
