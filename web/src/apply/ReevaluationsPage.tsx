// /console/reevaluations — CLS-5: the published conditional entries a provider must re-evaluate
// periodically (Zhejiang art. 15 ¶2), each with its due date, a countdown and the last conclusion;
// the provider's staff record "keep" (with the reasons) or "convert" (then change the open
// attribute, which the authority reviews). The authority sees every provider's entries.
import { useCallback, useState } from 'react';
import { Alert, App, Button, Empty, Form, Input, Modal, Radio, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n';
import { useAuth } from '../auth';
import { useLoad } from '../useLoad';
import { useDocumentTitle } from '../site/PageTitle';
import ErrorAlert from '../components/ErrorAlert';
import PageLoading from '../components/PageLoading';
import { applyApi } from './api';
import type { Reevaluation } from './api';

/** Calendar days from today (Beijing) to `day` (YYYY-MM-DD); negative when past. */
function daysUntil(day: string): number {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

function DueCell({ r }: { r: Reevaluation }) {
  const { t } = useI18n();
  if (!r.due_on) return <Typography.Text type="secondary">—</Typography.Text>;
  const n = daysUntil(r.due_on);
  return (
    <Space direction="vertical" size={0} data-testid="reeval-due">
      <span>{r.due_on}</span>
      {n < 0 ? (
        <Typography.Text type="danger" strong>
          {t('reeval.daysOver', { n: -n })}
        </Typography.Text>
      ) : (
        <Typography.Text type={n === 0 ? 'warning' : 'secondary'}>
          {n === 0 ? t('reeval.dueToday') : t('reeval.daysLeft', { n })}
        </Typography.Text>
      )}
    </Space>
  );
}

function RecordModal({ r, onClose, onSaved }: { r: Reevaluation; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ conclusion: 'keep' | 'convert'; note: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [converted, setConverted] = useState(false);
  const conclusion = Form.useWatch('conclusion', form);

  const save = async () => {
    let v: { conclusion: 'keep' | 'convert'; note: string };
    try {
      v = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    setBusy(true);
    setError(undefined);
    try {
      const done = await applyApi.reevaluate(r.entry_code, { conclusion: v.conclusion, note: v.note ?? '' });
      onSaved();
      if (done.next === 'catalog_change') {
        setConverted(true);
      } else {
        void message.success(done.due_on ? t('reeval.saved', { date: done.due_on }) : t('reeval.savedNoDue'));
        onClose();
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={`${t('reeval.record')}：${r.entry_name}`}
      onCancel={onClose}
      onOk={converted ? onClose : save}
      okText={converted ? undefined : t('reeval.record')}
      confirmLoading={busy}
      destroyOnClose
    >
      {converted ? (
        <Alert
          type="success"
          showIcon
          data-testid="reeval-convert-next"
          message={t('reeval.convertNext')}
          description={<Link to={`/console/entries/${encodeURIComponent(r.entry_code)}/edit`}>{t('reeval.openChange')}</Link>}
        />
      ) : (
        <Form form={form} layout="vertical" initialValues={{ conclusion: 'keep' }} data-testid="reeval-form">
          <ErrorAlert error={error} title={t('reeval.failed')} />
          <Form.Item name="conclusion" label={t('reeval.conclusion')}>
            <Radio.Group>
              <Radio value="keep">{t('reeval.keep')}</Radio>
              <Radio value="convert">{t('reeval.convert')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="note"
            label={t('reeval.note')}
            rules={conclusion === 'convert' ? [] : [{ required: true, whitespace: true, message: t('reeval.noteRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={600} showCount />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

export default function ReevaluationsPage() {
  const { t, label, policy } = useI18n();
  const { user } = useAuth();
  const load = useCallback(() => applyApi.reevaluations(), []);
  const list = useLoad(load);
  const [editing, setEditing] = useState<Reevaluation | null>(null);
  useDocumentTitle(t('reeval.title'));
  const provider = (user?.roles ?? []).includes('provider');
  const orgs = new Set((user?.orgs ?? []).map((o) => o.org_id));
  const columns: ColumnsType<Reevaluation> = [
    {
      title: t('reeval.entry'),
      key: 'entry',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Link to={`/datasets/${encodeURIComponent(r.entry_code)}`}>{r.entry_name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.entry_code}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('reeval.provider'), dataIndex: 'provider_name', key: 'provider' },
    { title: t('reeval.due'), key: 'due', render: (_, r) => <DueCell r={r} /> },
    {
      title: t('reeval.last'),
      key: 'last',
      render: (_, r) =>
        r.last ? (
          <Space direction="vertical" size={0} data-testid="reeval-last">
            <span>
              {r.last.on} · {t(r.last.conclusion === 'keep' ? 'reeval.keep' : 'reeval.convert')}
            </span>
            {r.last.note && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.last.note}
              </Typography.Text>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('reeval.never')}</Typography.Text>
        ),
    },
    {
      title: '',
      key: 'act',
      render: (_, r) =>
        provider && orgs.has(r.provider_id) ? (
          <Button size="small" onClick={() => setEditing(r)} data-testid={`reeval-record-${r.entry_code}`}>
            {t('reeval.record')}
          </Button>
        ) : null,
    },
  ];
  if (list.loading && !list.data) return <PageLoading />;
  const period = (policy?.reevaluate_months ?? 0) > 0;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28, marginTop: 0 }}>
          {t('reeval.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('reeval.lead', { label: label('open', 'conditional') })}
        </Typography.Paragraph>
        {!period && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('reeval.noPeriod')}
          </Typography.Paragraph>
        )}
      </div>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <div data-testid="reevaluations">
        <Table<Reevaluation>
          rowKey="entry_code"
          size="small"
          columns={columns}
          dataSource={list.data ?? []}
          pagination={(list.data?.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('reeval.none', { label: label('open', 'conditional') })} /> }}
        />
      </div>
      {editing && <RecordModal r={editing} onClose={() => setEditing(null)} onSaved={list.reload} />}
    </Space>
  );
}
