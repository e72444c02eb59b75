// The review task inbox (issue 6): cases waiting for me (待办事项), my messages (我的消息,
// marked read on click) and, for providers, the open cases of my organisation (本单位事项).
import { useCallback, useState } from 'react';
import type { ReactNode } from 'react';
import { Badge, Button, Empty, List, Space, Switch, Tabs, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { reviewApi } from '../api';
import type { Case, InboxItem } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { formatTime } from '../format';
import { useLoad } from '../useLoad';
import { hasRole } from '../catalog';
import { isOverdue, sortCases } from '../review';
import { useInboxReading } from '../useInboxReading';
import ErrorAlert from '../components/ErrorAlert';
import { CaseStateTag, CaseTypeTag, Due, InboxKindTag } from '../components/ReviewBits';

const TABS = ['assigned', 'inbox', 'org'] as const;
type TabKey = (typeof TABS)[number];

export default function TasksPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(raw ?? '') ? (raw as TabKey) : 'assigned';
  const provider = hasRole(user, 'provider');

  const loadAssigned = useCallback(() => reviewApi.cases({ assigned: true }).then((r) => sortCases(r.items)), []);
  const assigned = useLoad(loadAssigned);
  const loadInbox = useCallback(() => reviewApi.inbox(), []);
  const inbox = useLoad(loadInbox);
  const loadOrg = useCallback(() => reviewApi.cases({ open: true }).then((r) => sortCases(r.items)), []);
  const org = useLoad(loadOrg);

  const unread = inbox.data?.unread ?? 0;
  const tabLabel = (key: MessageKey, n?: number, badge = false) => (
    <span>
      {t(key)}{' '}
      {n !== undefined &&
        (badge ? (
          <Badge count={n} size="small" aria-label={String(n)} />
        ) : (
          <Typography.Text type="secondary">({n})</Typography.Text>
        ))}
    </span>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28, marginTop: 0 }}>
          {t('tasks.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('tasks.lead')}
        </Typography.Paragraph>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          const next = new URLSearchParams(params);
          if (k === 'assigned') next.delete('tab');
          else next.set('tab', k);
          setParams(next, { replace: true });
        }}
        items={[
          {
            key: 'assigned',
            label: tabLabel('tasks.assigned', assigned.data?.length),
            children: (
              <CaseList
                testId="assigned-cases"
                loaded={assigned}
                empty={t('tasks.noAssigned')}
              />
            ),
          },
          {
            key: 'inbox',
            label: tabLabel('tasks.inbox', unread || undefined, true),
            children: <Inbox loaded={inbox} />,
          },
          {
            key: 'org',
            label: tabLabel(provider ? 'tasks.org' : 'tasks.all', org.data?.length),
            children: (
              <CaseList testId="org-cases" loaded={org} empty={provider ? t('tasks.noOrg') : t('tasks.noAll')} />
            ),
          },
        ]}
      />
    </Space>
  );
}

interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

function CaseList({ loaded, empty, testId }: { loaded: Loaded<Case[]>; empty: string; testId: string }) {
  const { t } = useI18n();
  if (loaded.error) return <ErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  return (
    <div data-testid={testId}>
      <List<Case>
        loading={loaded.loading}
        dataSource={loaded.data ?? []}
        locale={{ emptyText: <Empty description={empty} /> }}
        renderItem={(c) => <CaseRow c={c} />}
        footer={
          loaded.data && loaded.data.length > 0 ? (
            <Typography.Text type="secondary">{t('tasks.count', { n: loaded.data.length })}</Typography.Text>
          ) : undefined
        }
      />
    </div>
  );
}

function CaseRow({ c }: { c: Case }) {
  const { t } = useI18n();
  const late = isOverdue(c);
  return (
    <List.Item className={late ? 'case-row case-row-overdue' : 'case-row'} data-testid="case-row" data-case={c.id}>
      <Space direction="vertical" size={4} style={{ width: '100%', minWidth: 0 }}>
        <Space size={8} wrap>
          <Link to={`/console/cases/${c.id}`} className="case-title">
            {c.title}
          </Link>
          <CaseTypeTag value={c.type} />
          {c.state !== 'open' && <CaseStateTag value={c.state} />}
        </Space>
        <Space size={[16, 4]} wrap>
          <Typography.Text type="secondary">
            {t('case.stage')}：{c.stage?.label}
          </Typography.Text>
          <Due c={c} />
          <Typography.Text type="secondary">{formatTime(c.updated_at)}</Typography.Text>
        </Space>
      </Space>
    </List.Item>
  );
}

function Inbox({ loaded }: { loaded: Loaded<{ items: InboxItem[]; unread: number }> }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const { all, unread, markRead, markAll } = useInboxReading(loaded.data?.items);
  const items = all.filter((m) => !unreadOnly || !m.read);

  if (loaded.error) return <ErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  // A message leads to its case, or (a subscribed dataset's new version) to the dataset.
  const target = (m: InboxItem): string | null =>
    m.case_id
      ? `/console/cases/${m.case_id}`
      : m.kind === 'dataset_updated' && m.subject_code
        ? `/datasets/${encodeURIComponent(m.subject_code)}`
        : null;
  const open = (m: InboxItem) => {
    void markRead(m);
    const to = target(m);
    if (to) navigate(to);
  };
  const title = (m: InboxItem): ReactNode =>
    target(m) ? (
      <Link
        to={target(m) ?? ''}
        onClick={(e) => {
          e.preventDefault();
          open(m);
        }}
      >
        {m.title}
      </Link>
    ) : (
      <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => void markRead(m)}>
        {m.title}
      </Button>
    );

  return (
    <Space direction="vertical" size="small" style={{ width: '100%' }} data-testid="inbox">
      <Space wrap>
        <label>
          <Space size={6}>
            <Switch size="small" checked={unreadOnly} onChange={setUnreadOnly} aria-label={t('tasks.unreadOnly')} />
            <span>{t('tasks.unreadOnly')}</span>
          </Space>
        </label>
        <Button size="small" disabled={unread.length === 0} onClick={() => void markAll()}>
          {t('tasks.markAllRead')}
        </Button>
      </Space>
      <List<InboxItem>
        loading={loaded.loading}
        dataSource={items}
        locale={{ emptyText: <Empty description={t('tasks.noInbox')} /> }}
        renderItem={(m) => (
          <List.Item
            className={m.read ? 'inbox-row' : 'inbox-row inbox-unread'}
            data-testid="inbox-row"
            data-read={m.read ? '1' : '0'}
          >
            <Space direction="vertical" size={2} style={{ width: '100%', minWidth: 0 }}>
              <Space size={8} wrap>
                {!m.read && <Badge status="processing" text={<span className="sr-only">{t('tasks.unread')}</span>} />}
                <InboxKindTag value={m.kind} />
                <span className="inbox-title">{title(m)}</span>
              </Space>
              {m.body && <Typography.Text className="inbox-body">{m.body}</Typography.Text>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatTime(m.created_at)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Space>
  );
}
