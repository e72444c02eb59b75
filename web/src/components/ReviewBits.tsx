// Small pieces of the review workflows shared by the task, case, console, edit and dataset
// pages: tags, the working-day countdown, the open-case notice, and the two modals that
// start a case (submit for publication review; request a change of a published entry).
import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Checkbox,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { ClockCircleOutlined, WarningFilled } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { catalogApi, reviewApi } from '../api';
import type { Case, Completeness, Entry, Version } from '../api';
import { useI18n } from '../i18n';
import { useLoad } from '../useLoad';
import { formatCount, formatDate } from '../catalog';
import { formatTime } from '../format';
import { CASE_STATE_COLORS, countdown, fixLink, INBOX_COLORS, isLive } from '../review';
import ErrorAlert from './ErrorAlert';

export function CaseStateTag({ value }: { value: string }) {
  const { label } = useI18n();
  return (
    <Tag color={CASE_STATE_COLORS[value]} data-testid="case-state">
      {label('caseState', value)}
    </Tag>
  );
}

export function CaseTypeTag({ value }: { value: string }) {
  const { label } = useI18n();
  return <Tag color={value === 'publication' ? 'geekblue' : 'purple'}>{label('caseType', value)}</Tag>;
}

export function InboxKindTag({ value }: { value: string }) {
  const { label } = useI18n();
  return <Tag color={INBOX_COLORS[value]}>{label('inboxKind', value)}</Tag>;
}

/** "剩余 3 个工作日" / "今天到期" / "已逾期 2 个工作日" (in red); nothing for a closed case. */
export function Countdown({ c }: { c: Case }) {
  const { t } = useI18n();
  if (!isLive(c)) return null;
  const cd = countdown(c);
  if (!cd) return <Typography.Text type="secondary">{t('due.none')}</Typography.Text>;
  const text = t(cd.key, cd.n === undefined ? undefined : { n: cd.n });
  return cd.late ? (
    <Typography.Text type="danger" strong data-testid="countdown">
      <WarningFilled /> {text}
    </Typography.Text>
  ) : (
    <Typography.Text type={cd.key === 'due.today' ? 'warning' : undefined} data-testid="countdown">
      <ClockCircleOutlined /> {text}
    </Typography.Text>
  );
}

/** The due date and the countdown, on one line. */
export function Due({ c }: { c: Case }) {
  const { t } = useI18n();
  if (!isLive(c)) return null;
  return (
    <Space size={8} wrap data-testid="due">
      {c.due_date && <span>{t('due.date', { date: formatDate(c.due_date) })}</span>}
      <Countdown c={c} />
    </Space>
  );
}

/** The entry's open case, if it has one, with a link (staff only: the caller decides). */
export function OpenCaseNotice({ code, reloadKey }: { code: string; reloadKey?: string }) {
  const { t } = useI18n();
  const load = useCallback(() => reviewApi.cases({ entry: code, open: true }).then((r) => r.items), [code]);
  const cases = useLoad(load, `${code}#${reloadKey ?? ''}`);
  if (cases.error || !cases.data || cases.data.length === 0) return null;
  return (
    <Space direction="vertical" size="small" style={{ width: '100%' }} data-testid="open-case">
      {cases.data.map((c) => (
        <Alert
          key={c.id}
          type={c.state === 'returned' ? 'warning' : 'info'}
          showIcon
          message={
            <Space size={8} wrap>
              <span>{t('review.openCase')}</span>
              <Link to={`/console/cases/${c.id}`}>{c.title}</Link>
              <CaseTypeTag value={c.type} />
              <CaseStateTag value={c.state} />
              <Typography.Text type="secondary">{c.stage?.label}</Typography.Text>
              <Countdown c={c} />
            </Space>
          }
          action={<Link to={`/console/cases/${c.id}`}>{t('review.viewCase')}</Link>}
        />
      ))}
    </Space>
  );
}

/** The list of completeness problems, each with a link to where it is fixed. */
export function ProblemList({ code, check }: { code: string; check: Completeness }) {
  const { t } = useI18n();
  if (check.complete) {
    return <Alert type="success" showIcon message={t('review.complete')} data-testid="completeness" />;
  }
  return (
    <Alert
      type="error"
      showIcon
      data-testid="completeness"
      message={t('review.incomplete', { n: check.problems.length })}
      description={
        <ul className="problem-list">
          {check.problems.map((p, i) => {
            const fix = fixLink(code, p);
            return (
              <li key={`${p.field}-${i}`}>
                {p.message}{' '}
                <Link to={fix.to} data-testid="fix-link">
                  {t(fix.label)}
                </Link>
              </li>
            );
          })}
        </ul>
      }
    />
  );
}

/** Picks the version (newest by default), checks completeness, and submits for review. */
export function SubmitReviewModal({
  entry,
  open,
  onClose,
}: {
  entry: Pick<Entry, 'code' | 'name'>;
  open: boolean;
  onClose: () => void;
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [versionId, setVersionId] = useState<number | undefined>(undefined);
  const [comment, setComment] = useState('');
  const [extra, setExtra] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const loadVersions = useCallback(
    () => (open ? catalogApi.versions(entry.code).then((r) => r.items) : Promise.resolve([] as Version[])),
    [entry.code, open],
  );
  const versions = useLoad(loadVersions, `${entry.code}#${open}`);
  const loadPolicy = useCallback(() => (open ? reviewApi.policy() : Promise.resolve(undefined)), [open]);
  const policy = useLoad(loadPolicy, String(open));
  const optional =
    policy.data?.procedures
      ?.find((p) => p.key === 'publication')
      ?.stages.filter((s) => s.optional) ?? [];

  // Newest first: it is the default.
  useEffect(() => {
    if (!open) return;
    const first = versions.data?.find((v) => v.state !== 'superseded') ?? versions.data?.[0];
    setVersionId(first?.id);
  }, [open, versions.data]);
  useEffect(() => {
    if (open) {
      setComment('');
      setExtra([]);
      setError(undefined);
    }
  }, [open]);

  const loadCheck = useCallback(
    () =>
      open && !versions.loading
        ? reviewApi.completeness(entry.code, versionId)
        : Promise.resolve(undefined),
    [entry.code, versionId, open, versions.loading],
  );
  const check = useLoad(loadCheck, `${entry.code}#${versionId ?? ''}#${open}#${versions.loading}`);

  const submit = async () => {
    if (!versionId) return;
    setBusy(true);
    setError(undefined);
    try {
      const c = await reviewApi.submit(entry.code, {
        version_id: versionId,
        comment: comment.trim() || undefined,
        extra_reviews: extra.length ? extra : undefined,
      });
      void message.success(t('review.submitted'));
      onClose();
      navigate(`/console/cases/${c.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const noVersions = !versions.loading && !versions.error && (versions.data ?? []).length === 0;
  return (
    <Modal
      open={open}
      title={t('review.submitTitle', { name: entry.name })}
      okText={t('review.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !versionId || !check.data?.complete, 'data-testid': 'submit-review-ok' }}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="submit-review">
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('review.submitLead')}
        </Typography.Paragraph>
        <ErrorAlert error={versions.error} onRetry={versions.reload} />
        {noVersions ? (
          <Alert
            type="warning"
            showIcon
            message={t('review.noVersions')}
            action={
              <Link to={`/console/entries/${encodeURIComponent(entry.code)}/upload`}>{t('review.fixUpload')}</Link>
            }
          />
        ) : (
          <label style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
            <span>{t('review.version')}</span>
            <Select
              aria-label={t('review.version')}
              loading={versions.loading}
              value={versionId}
              onChange={(v: number) => setVersionId(v)}
              options={(versions.data ?? []).map((v) => ({
                value: v.id,
                label: `${t('review.versionOption', {
                  n: v.number,
                  rows: formatCount(v.row_count),
                  at: formatTime(v.created_at),
                })} · ${label('versionState', v.state)}`,
              }))}
              data-testid="submit-version"
            />
          </label>
        )}
        {check.loading && versionId !== undefined ? (
          <Space role="status">
            <Spin size="small" /> {t('review.checking')}
          </Space>
        ) : check.error ? (
          <ErrorAlert error={check.error} onRetry={check.reload} />
        ) : check.data && !noVersions ? (
          <ProblemList code={entry.code} check={check.data} />
        ) : null}
        {optional.length > 0 && (
          <fieldset className="plain-fieldset">
            <legend>{t('review.extraReviews')}</legend>
            <Checkbox.Group
              value={extra}
              onChange={(v) => setExtra(v as string[])}
              options={optional.map((s) => ({ value: s.key, label: s.label }))}
            />
          </fieldset>
        )}
        <label style={{ display: 'flex', flexDirection: 'column', gap: 4, marginBottom: 16 }}>
          <span>{t('review.comment')}</span>
          <Input.TextArea
            aria-label={t('review.comment')}
            rows={3}
            maxLength={500}
            showCount
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            data-testid="submit-comment"
          />
        </label>
        <ErrorAlert error={error} title={t('entryForm.saveFailed')} />
      </Space>
    </Modal>
  );
}

/** 修改 sends the user to the edit page (saving there files the request); 删除 files it here. */
export function ChangeRequestModal({
  entry,
  open,
  onClose,
  initialKind = 'modify',
}: {
  entry: Pick<Entry, 'code' | 'name'>;
  open: boolean;
  onClose: () => void;
  initialKind?: 'modify' | 'delete';
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ kind: 'modify' | 'delete'; reason: string }>();
  const kind = Form.useWatch('kind', form) ?? initialKind;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const editPath = `/console/entries/${encodeURIComponent(entry.code)}/edit`;

  useEffect(() => {
    if (open) setError(undefined);
  }, [open]);

  const submit = async () => {
    if (kind === 'modify') {
      onClose();
      navigate(editPath);
      return;
    }
    let v: { kind: 'modify' | 'delete'; reason: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const c = await reviewApi.changeRequest(entry.code, { kind: 'delete', reason: v.reason.trim() });
      void message.success(t('review.changeSubmitted'));
      onClose();
      navigate(`/console/cases/${c.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('review.changeTitle', { name: entry.name })}
      okText={kind === 'modify' ? t('review.goEdit') : t('review.changeSubmit')}
      okButtonProps={{ danger: kind === 'delete' }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('review.changeLead')}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="change-request" preserve={false} initialValues={{ kind: initialKind }}>
        <Form.Item label={t('case.changeKind')} name="kind">
          <Radio.Group
            options={[
              { value: 'modify', label: t('changeKind.modify') },
              { value: 'delete', label: t('changeKind.delete') },
            ]}
          />
        </Form.Item>
        {kind === 'modify' ? (
          <Alert type="info" showIcon message={t('review.changeModifyHint')} />
        ) : (
          <Form.Item
            label={t('review.changeReason')}
            name="reason"
            rules={[{ required: true, whitespace: true, message: t('review.changeReasonRequired') }]}
          >
            <Input.TextArea rows={3} autoFocus maxLength={500} showCount />
          </Form.Item>
        )}
      </Form>
      <ErrorAlert error={error} title={t('entryForm.saveFailed')} />
    </Modal>
  );
}
