// /console/catalog: every catalog entry of the platform in every state (全部目录), for the
// authority and administrators, with filters kept in the address (?state=&q=&provider=) and the
// state changes that need a reason: suspend a published entry (暂停开放), restore a suspended
// one (恢复开放), withdraw an entry for good (撤销).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Empty, Input, Modal, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router-dom';
import type { Entry } from '../api';
import { authorityApi } from '../authorityApi';
import type { StateAction } from '../authorityApi';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { formatTime } from '../format';
import { ENTRY_STATES } from '../catalog';
import { useLoad } from '../useLoad';
import ErrorAlert from '../components/ErrorAlert';
import { StateTag } from '../components/EntryTags';
import AuthorityHeader from '../components/AuthorityNav';

const ACTION_TEXT: Record<StateAction, { button: MessageKey; title: MessageKey; done: MessageKey }> = {
  suspend: { button: 'authority.catalog.suspend', title: 'authority.catalog.suspendTitle', done: 'authority.catalog.suspendedOk' },
  restore: { button: 'authority.catalog.restore', title: 'authority.catalog.restoreTitle', done: 'authority.catalog.restoredOk' },
  withdraw: { button: 'authority.catalog.withdraw', title: 'authority.catalog.withdrawTitle', done: 'authority.catalog.withdrawnOk' },
};

/** The state changes open to an entry in its state (the server's rules). */
function actionsFor(e: Entry): StateAction[] {
  if (e.state === 'published') return ['suspend', 'withdraw'];
  if (e.state === 'suspended') return ['restore', 'withdraw'];
  if (e.state === 'withdrawn') return [];
  return ['withdraw'];
}

function ReasonModal({ target, onClose, onDone }: {
  target: { entry: Entry; action: StateAction } | null;
  onClose: () => void;
  onDone: (e: Entry, action: StateAction) => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    setReason('');
    setError(undefined);
    setTouched(false);
  }, [target]);
  if (!target) return null;
  const { entry, action } = target;
  const missing = !reason.trim();

  const submit = async () => {
    setTouched(true);
    if (missing) return;
    setBusy(true);
    setError(undefined);
    try {
      onDone(await authorityApi.changeState(entry.code, action, reason.trim()), action);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t(ACTION_TEXT[action].title, { name: entry.name })}
      okText={t(ACTION_TEXT[action].button)}
      okButtonProps={{ danger: action !== 'restore', 'data-testid': 'reason-ok' }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          <Typography.Text code>{entry.code}</Typography.Text> · {entry.provider_name}
        </Typography.Text>
        {action === 'withdraw' && <Alert type="warning" showIcon message={t('authority.catalog.withdrawWarning')} />}
        {action === 'suspend' && <Alert type="info" showIcon message={t('authority.catalog.suspendInfo')} />}
        <ErrorAlert error={error} />
        <label htmlFor="state-reason">
          {t('authority.catalog.reason')} <span aria-hidden="true" style={{ color: '#cf1322' }}>*</span>
        </label>
        <Input.TextArea
          id="state-reason"
          data-testid="state-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={500}
          showCount
          aria-required="true"
          aria-invalid={touched && missing}
          aria-describedby={touched && missing ? 'state-reason-error' : undefined}
          status={touched && missing ? 'error' : undefined}
        />
        {touched && missing && (
          <Typography.Text type="danger" id="state-reason-error" role="alert">
            {t('authority.catalog.reasonRequired')}
          </Typography.Text>
        )}
      </Space>
    </Modal>
  );
}

export default function AuthorityCatalogPage() {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const load = useCallback(() => authorityApi.allEntries().then((r) => r.items), []);
  const { data, error, loading, reload } = useLoad(load);
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const state = params.get('state') ?? '';
  const provider = params.get('provider') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const [target, setTarget] = useState<{ entry: Entry; action: StateAction } | null>(null);

  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const e of data ?? []) m.set(e.state, (m.get(e.state) ?? 0) + 1);
    return m;
  }, [data]);
  const providers = useMemo(
    () => [...new Set((data ?? []).map((e) => e.provider_name))].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    [data],
  );
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (data ?? []).filter(
      (e) =>
        (!state || e.state === state) &&
        (!provider || e.provider_name === provider) &&
        (!needle || e.name.toLowerCase().includes(needle) || e.code.toLowerCase().includes(needle)),
    );
  }, [data, q, state, provider]);

  const columns: ColumnsType<Entry> = [
    {
      title: t('authority.catalog.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (n: string, e) => <Link to={`/datasets/${encodeURIComponent(e.code)}`}>{n}</Link>,
    },
    {
      title: t('authority.catalog.code'),
      dataIndex: 'code',
      key: 'code',
      responsive: ['md'],
      render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
    },
    { title: t('authority.catalog.provider'), dataIndex: 'provider_name', key: 'provider', responsive: ['sm'] },
    {
      title: t('authority.catalog.state'),
      dataIndex: 'state',
      key: 'state',
      render: (s: string, e) => (
        <span data-testid={`entry-state-${e.code}`}>
          <StateTag value={s} />
        </span>
      ),
    },
    {
      title: t('authority.catalog.updated'),
      dataIndex: 'updated_at',
      key: 'updated_at',
      responsive: ['lg'],
      sorter: (a, b) => a.updated_at.localeCompare(b.updated_at),
      render: (v: string) => formatTime(v),
    },
    {
      title: t('authority.actions'),
      key: 'actions',
      render: (_: unknown, e) => (
        <Space size={4} wrap>
          <Link
            to={`/console/entries/${encodeURIComponent(e.code)}/history`}
            aria-label={`${t('console.history')}：${e.name}`}
            data-testid={`history-${e.code}`}
          >
            {t('console.history')}
          </Link>
          {actionsFor(e).map((a) => (
            <Button
              key={a}
              size="small"
              danger={a === 'withdraw'}
              onClick={() => setTarget({ entry: e, action: a })}
              data-testid={`${a}-${e.code}`}
              aria-label={`${t(ACTION_TEXT[a].button)}：${e.name}`}
            >
              {t(ACTION_TEXT[a].button)}
            </Button>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <>
      <AuthorityHeader title={t('authority.sec.catalog')} lead={t('authority.catalog.lead')} />
      <div className="authority-toolbar" role="search">
        <Input.Search
          className="grow"
          allowClear
          aria-label={t('authority.catalog.search')}
          placeholder={t('authority.catalog.search')}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (!e.target.value) set('q', '');
          }}
          onSearch={(v) => set('q', v.trim())}
          data-testid="catalog-filter"
        />
        <Select
          aria-label={t('authority.catalog.state')}
          style={{ minWidth: 150 }}
          value={state}
          onChange={(v) => set('state', v)}
          data-testid="state-filter"
          options={[
            { value: '', label: t('authority.catalog.allStates', { n: data?.length ?? 0 }) },
            ...ENTRY_STATES.map((s) => ({ value: s, label: `${label('state', s)}（${counts.get(s) ?? 0}）` })),
          ]}
        />
        <Select
          aria-label={t('authority.catalog.provider')}
          style={{ minWidth: 200 }}
          value={provider}
          onChange={(v) => set('provider', v)}
          showSearch
          options={[{ value: '', label: t('authority.catalog.allProviders') }, ...providers.map((p) => ({ value: p, label: p }))]}
        />
        <Typography.Text type="secondary" aria-live="polite">
          {data ? t('authority.catalog.count', { n: rows.length }) : ''}
        </Typography.Text>
      </div>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Entry>
        rowKey="code"
        data-testid="authority-entries"
        loading={loading}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <Empty description={data && data.length ? t('authority.noMatch') : t('authority.catalog.empty')} /> }}
      />
      <ReasonModal
        target={target}
        onClose={() => setTarget(null)}
        onDone={(e, action) => {
          setTarget(null);
          void message.success(t(ACTION_TEXT[action].done, { name: e.name }));
          reload();
        }}
      />
    </>
  );
}

