import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Empty, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { catalogApi, reviewApi } from '../api';
import type { Case, Entry } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { formatTime } from '../format';
import { useLoad } from '../useLoad';
import { ENTRY_STATES, formatCount, formatDate, hasRole } from '../catalog';
import ErrorAlert from '../components/ErrorAlert';
import DueEntries from '../components/DueEntries';
import LinkButton from '../components/LinkButton';
import { OpenTag, StateTag } from '../components/EntryTags';
import { ChangeRequestModal, Countdown, SubmitReviewModal } from '../components/ReviewBits';

export default function ConsoleEntriesPage() {
  const { t, label } = useI18n();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const load = useCallback(() => catalogApi.myEntries().then((r) => r.items), []);
  const { data, error, loading, reload } = useLoad(load);
  const q = params.get('q') ?? '';
  const state = params.get('state') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const seesAll = hasRole(user, 'admin', 'authority');
  // Review cases start with provider staff: open cases by entry, to show 审核中 instead.
  const provider = hasRole(user, 'provider');
  const loadCases = useCallback(
    () => (provider ? reviewApi.cases({ open: true }).then((r) => r.items) : Promise.resolve([] as Case[])),
    [provider],
  );
  const cases = useLoad(loadCases, String(provider));
  const openCase = useMemo(() => {
    const m = new Map<string, Case>();
    for (const c of cases.data ?? []) if (!m.has(c.subject_code)) m.set(c.subject_code, c);
    return m;
  }, [cases.data]);
  const [submitFor, setSubmitFor] = useState<Entry | null>(null);
  const [changeFor, setChangeFor] = useState<Entry | null>(null);

  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (data ?? []).filter(
      (e) =>
        (!state || e.state === state) &&
        (!needle ||
          e.name.toLowerCase().includes(needle) ||
          e.code.toLowerCase().includes(needle) ||
          (e.domain ?? '').toLowerCase().includes(needle)),
    );
  }, [data, q, state]);

  const today = dayjs().format('YYYY-MM-DD');
  const path = (e: Entry, what: string) => `/console/entries/${encodeURIComponent(e.code)}/${what}`;
  const columns: ColumnsType<Entry> = [
    {
      title: t('entry.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (n: string, e) => <Link to={`/datasets/${encodeURIComponent(e.code)}`}>{n}</Link>,
    },
    {
      title: t('entry.code'),
      dataIndex: 'code',
      key: 'code',
      sorter: (a, b) => a.code.localeCompare(b.code),
      render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
    },
    ...(seesAll
      ? [{ title: t('entry.provider'), dataIndex: 'provider_name', key: 'provider' } as const]
      : []),
    {
      title: t('entry.state'),
      dataIndex: 'state',
      key: 'state',
      render: (s: string) => <StateTag value={s} />,
    },
    {
      title: t('entry.openAttribute'),
      dataIndex: 'open_attribute',
      key: 'open',
      render: (v: string) => <OpenTag value={v} />,
    },
    { title: t('entry.revision'), dataIndex: 'revision', key: 'revision', align: 'right' },
    {
      title: t('entry.rowCount'),
      dataIndex: 'row_count',
      key: 'rows',
      align: 'right',
      render: (n: number | null) => (n === null || n === undefined ? '—' : formatCount(n)),
    },
    {
      title: t('entry.updatedAt'),
      dataIndex: 'updated_at',
      key: 'updated',
      defaultSortOrder: 'descend',
      sorter: (a, b) => (a.updated_at ?? '').localeCompare(b.updated_at ?? ''),
      render: formatTime,
    },
    {
      title: t('entry.nextUpdateDue'),
      dataIndex: 'next_update_due',
      key: 'due',
      render: (d: string | null) => {
        if (!d) return '—';
        const late = formatDate(d) < today;
        return late ? (
          <Typography.Text type="danger">{t('console.overdue', { date: formatDate(d) })}</Typography.Text>
        ) : (
          formatDate(d)
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, e) => (
        <Space size="small" wrap>
          <Link to={path(e, 'edit')} aria-label={`${t('console.edit')} ${e.name}`}>
            {t('console.edit')}
          </Link>
          <Link to={path(e, 'upload')} aria-label={`${t('console.upload')} ${e.name}`}>
            {t('console.upload')}
          </Link>
          <Link to={path(e, 'history')} aria-label={`${t('console.history')} ${e.name}`}>
            {t('console.history')}
          </Link>
          <Link to={path(e, 'masking')} aria-label={`${t('dataset.masking')} ${e.name}`}>
            {t('console.masking')}
          </Link>
          {provider && openCase.has(e.code) ? (
            <Link
              to={`/console/cases/${openCase.get(e.code)!.id}`}
              aria-label={`${t('review.viewCase')} ${e.name}`}
              data-testid={`case-link-${e.code}`}
            >
              {t('review.inReview')} <Countdown c={openCase.get(e.code)!} />
            </Link>
          ) : provider && !cases.loading && e.state === 'published' ? (
            <Button
              type="link"
              size="small"
              style={{ padding: 0, height: 'auto' }}
              aria-label={`${t('review.changeRequest')} ${e.name}`}
              onClick={() => setChangeFor(e)}
            >
              {t('review.changeRequest')}
            </Button>
          ) : provider && !cases.loading && (e.state === 'draft' || e.state === 'submitted') ? (
            <Button
              type="link"
              size="small"
              style={{ padding: 0, height: 'auto' }}
              aria-label={`${t('review.submit')} ${e.name}`}
              onClick={() => setSubmitFor(e)}
              data-testid={`submit-${e.code}`}
            >
              {t('review.submit')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div className="page-head">
        <div>
          <Typography.Title level={1} style={{ fontSize: 28, marginTop: 0 }}>
            {t('console.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {seesAll ? t('console.leadAll') : t('console.lead')}
          </Typography.Paragraph>
        </div>
        <LinkButton to="/console/entries/new" primary icon={<PlusOutlined />}>
          {t('console.create')}
        </LinkButton>
      </div>
      <ErrorAlert error={error} onRetry={reload} />
      {provider && <DueEntries />}
      <Space wrap>
        <Input.Search
          allowClear
          aria-label={t('console.search')}
          placeholder={t('console.search')}
          style={{ width: 280 }}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (!e.target.value) set('q', '');
          }}
          onSearch={(v) => set('q', v.trim())}
        />
        <Select
          aria-label={t('entry.state')}
          style={{ width: 160 }}
          value={state}
          onChange={(v: string) => set('state', v)}
          options={[
            { value: '', label: t('console.allStates') },
            ...ENTRY_STATES.map((s) => ({ value: s, label: label('state', s) })),
          ]}
        />
        {data && (
          <Typography.Text type="secondary" aria-live="polite">
            {t('console.count', { n: rows.length })}
          </Typography.Text>
        )}
      </Space>
      <div data-testid="my-entries">
        <Table<Entry>
          rowKey="code"
          loading={loading}
          columns={columns}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{
            emptyText: (
              <Empty description={data && data.length > 0 ? t('console.noMatch') : t('console.empty')}>
                {data && data.length === 0 && (
                  <LinkButton to="/console/entries/new" primary icon={<PlusOutlined />}>
                    {t('console.create')}
                  </LinkButton>
                )}
              </Empty>
            ),
          }}
        />
      </div>
      {submitFor && (
        <SubmitReviewModal entry={submitFor} open onClose={() => setSubmitFor(null)} />
      )}
      {changeFor && (
        <ChangeRequestModal entry={changeFor} open onClose={() => setChangeFor(null)} />
      )}
    </Space>
  );
}
