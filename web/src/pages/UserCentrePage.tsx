// The user centre (issue 7, item 2) at /me, the one place of a signed-in user's own things
// (issue 12 item 8 merged the former 个人中心 /profile into it): an overview; 账号与密钥 (account,
// real-name verification, licence, API keys and their use); 下载记录, 我的收藏, 我的订阅 and 消息.
// Each tab has its own bookmarkable address (/me/account, /me/downloads, /me/favourites,
// /me/subscriptions, /me/inbox); /profile leads to /me/account.
import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { App, Badge, Button, Card, Col, Empty, List, Row, Space, Statistic, Switch, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { BellOutlined, DownloadOutlined, StarOutlined } from '@ant-design/icons';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import { dataApi, reviewApi } from '../api';
import type { DownloadFormat, InboxItem, User } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { errorMessage } from '../errors';
import { formatTime } from '../format';
import { formatCount, formatDate } from '../catalog';
import { useLoad } from '../useLoad';
import { isStaff } from '../review';
import { useInboxReading } from '../useInboxReading';
import { usercentreApi } from '../usercentreApi';
import type { DownloadPage, DownloadRecord, FollowedEntry, FollowKind } from '../usercentreApi';
import AccountCard from '../components/AccountCard';
import ApiKeys from '../components/ApiKeys';
import ErrorAlert from '../components/ErrorAlert';
import LinkButton from '../components/LinkButton';
import { InboxKindTag } from '../components/ReviewBits';
import ApplyOverviewCard from '../apply/ApplyOverviewCard';
import { useApplicationIds } from '../apply/useApplicationIds';

const TABS = ['overview', 'account', 'downloads', 'favourites', 'subscriptions', 'inbox'] as const;
type TabKey = (typeof TABS)[number];
const PAGE_SIZE = 20;

interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

const datasetPath = (code: string) => `/datasets/${encodeURIComponent(code)}`;

export default function UserCentrePage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const { tab: raw } = useParams();
  const navigate = useNavigate();
  if (raw !== undefined && (!(TABS as readonly string[]).includes(raw) || raw === 'overview')) {
    return <Navigate to="/me" replace />;
  }
  const tab: TabKey = (raw as TabKey | undefined) ?? 'overview';
  if (!user) return null; // RequireAuth guarantees a user; this satisfies the types.

  const label = (key: TabKey): MessageKey => `usercentre.tab.${key}` as MessageKey;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28, marginTop: 0 }}>
          {t('usercentre.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('usercentre.lead')}
        </Typography.Paragraph>
      </div>
      <Tabs
        activeKey={tab}
        aria-label={t('usercentre.tabs')}
        onChange={(k) => navigate(k === 'overview' ? '/me' : `/me/${k}`)}
        items={TABS.map((key) => ({
          key,
          label: <span data-testid={`uc-tab-${key}`}>{t(label(key))}</span>,
          children: <TabContent tab={key} user={user} />,
        }))}
      />
    </Space>
  );
}

function TabContent({ tab, user }: { tab: TabKey; user: User }) {
  switch (tab) {
    case 'overview':
      return <Overview user={user} />;
    case 'account':
      return <Account user={user} />;
    case 'downloads':
      return <Downloads />;
    case 'favourites':
      return <Followed kind="favourites" />;
    case 'subscriptions':
      return <Followed kind="subscriptions" />;
    case 'inbox':
      return <Inbox staff={isStaff(user)} />;
  }
}

// --- overview

function Overview({ user }: { user: User }) {
  const { t } = useI18n();
  const loadCounts = useCallback(
    () =>
      Promise.all([
        usercentreApi.downloads(1, 1),
        usercentreApi.followed('favourites'),
        usercentreApi.followed('subscriptions'),
        reviewApi.inbox(true),
      ]).then(([d, f, s, i]) => ({
        downloads: d.total,
        favourites: f.items.length,
        subscriptions: s.items.length,
        unread: i.unread ?? i.items.length,
      })),
    [],
  );
  const counts = useLoad(loadCounts);
  const stat = (key: MessageKey, to: string, value: number | undefined) => (
    <Col xs={12} md={6}>
      <Link to={to} className="uc-stat">
        <Statistic title={t(key)} value={value ?? '—'} loading={counts.loading && !counts.data} />
      </Link>
    </Col>
  );
  const cardCol = { xs: 24, md: 12, lg: 8 };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="uc-overview">
      <Card title={t('usercentre.mine')} size="small">
        {counts.error ? (
          <ErrorAlert error={counts.error} onRetry={counts.reload} />
        ) : (
          <Row gutter={[16, 16]}>
            {stat('usercentre.stat.downloads', '/me/downloads', counts.data?.downloads)}
            {stat('usercentre.stat.favourites', '/me/favourites', counts.data?.favourites)}
            {stat('usercentre.stat.subscriptions', '/me/subscriptions', counts.data?.subscriptions)}
            {stat('usercentre.stat.unread', '/me/inbox', counts.data?.unread)}
          </Row>
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col {...cardCol}>
          <Card title={t('usercentre.account')} size="small" style={{ height: '100%' }}>
            <Typography.Paragraph>{t('usercentre.accountOf', { name: user.username })}</Typography.Paragraph>
            <Typography.Paragraph type={user.real_name_verified ? 'success' : 'warning'}>
              {user.real_name_verified
                ? t('usercentre.verified', { name: user.real_name_masked ?? '' })
                : t('usercentre.notVerified')}
            </Typography.Paragraph>
            <Space wrap>
              <LinkButton to="/me/account" small>
                {t('usercentre.goProfile')}
              </LinkButton>
              {!user.real_name_verified && (
                <LinkButton to="/verify" small primary>
                  {t('usercentre.goVerify')}
                </LinkButton>
              )}
            </Space>
          </Card>
        </Col>
        <Col {...cardCol}>
          <Card title={t('usercentre.licence')} size="small" style={{ height: '100%' }}>
            <Typography.Paragraph>
              {user.licence_version
                ? t('usercentre.licenceAccepted', { version: user.licence_version })
                : t('usercentre.licenceNone')}
            </Typography.Paragraph>
            <LinkButton to="/licence" small>
              {t('usercentre.goLicence')}
            </LinkButton>
          </Card>
        </Col>
        <Col {...cardCol}>
          <Card title={t('usercentre.apiKeys')} size="small" style={{ height: '100%' }}>
            <Typography.Paragraph>{t('usercentre.apiKeysHelp')}</Typography.Paragraph>
            <LinkButton to="/me/account" small>
              {t('usercentre.goApiKeys')}
            </LinkButton>
          </Card>
        </Col>
        <Col {...cardCol}>
          <ApplyOverviewCard />
        </Col>
      </Row>
    </Space>
  );
}

// --- account and API keys

function Account({ user }: { user: User }) {
  const { refresh } = useAuth();
  // The cached user may be stale (roles or organisations changed since login).
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="uc-account">
      <AccountCard user={user} />
      <ApiKeys />
    </Space>
  );
}

// --- downloads

function Downloads() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const load = useCallback(() => usercentreApi.downloads(page, PAGE_SIZE), [page]);
  const loaded: Loaded<DownloadPage> = useLoad(load, String(page));

  const columns: ColumnsType<DownloadRecord> = [
    {
      title: t('usercentre.downloads.dataset'),
      key: 'entry',
      render: (_, d) => (
        <Space direction="vertical" size={0}>
          <Link to={datasetPath(d.entry_code)}>{d.entry_name || d.entry_code}</Link>
          <Typography.Text type="secondary" className="narrow-only">
            {d.format.toUpperCase()} · {formatCount(d.rows)} · {formatTime(d.at)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('usercentre.downloads.version'),
      key: 'version',
      responsive: ['md'],
      render: (_, d) => (d.version_number ? t('usercentre.downloads.versionN', { n: d.version_number }) : '—'),
    },
    {
      title: t('usercentre.downloads.format'),
      key: 'format',
      responsive: ['md'],
      render: (_, d) => <Tag>{d.format.toUpperCase()}</Tag>,
    },
    {
      title: t('usercentre.downloads.rows'),
      key: 'rows',
      align: 'right',
      responsive: ['md'],
      render: (_, d) => formatCount(d.rows),
    },
    {
      title: t('usercentre.downloads.at'),
      key: 'at',
      responsive: ['md'],
      render: (_, d) => formatTime(d.at),
    },
    {
      title: '',
      key: 'again',
      render: (_, d) => (
        <a
          href={dataApi.downloadUrl(d.entry_code, d.format as DownloadFormat)}
          aria-label={t('usercentre.downloads.againLabel', { name: d.entry_name, format: d.format.toUpperCase() })}
          title={t('usercentre.downloads.againLabel', { name: d.entry_name, format: d.format.toUpperCase() })}
        >
          <DownloadOutlined /> <span className="wide-only">{t('usercentre.downloads.again')}</span>
        </a>
      ),
    },
  ];

  if (loaded.error) return <ErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  return (
    <div data-testid="uc-downloads">
      <Table<DownloadRecord>
        rowKey="id"
        size="middle"
        loading={loaded.loading}
        columns={columns}
        dataSource={loaded.data?.items ?? []}
        locale={{
          emptyText: (
            <Empty description={t('usercentre.downloads.empty')}>
              <LinkButton to="/catalog" small>
                {t('usercentre.findData')}
              </LinkButton>
            </Empty>
          ),
        }}
        pagination={
          (loaded.data?.total ?? 0) > PAGE_SIZE
            ? {
                current: page,
                pageSize: PAGE_SIZE,
                total: loaded.data?.total ?? 0,
                showSizeChanger: false,
                onChange: setPage,
              }
            : false
        }
        footer={
          loaded.data && loaded.data.total > 0
            ? () => (
                <Typography.Text type="secondary">
                  {t('usercentre.downloads.total', { n: loaded.data?.total ?? 0 })}
                </Typography.Text>
              )
            : undefined
        }
      />
    </div>
  );
}

// --- favourites and subscriptions

function Followed({ kind }: { kind: FollowKind }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const load = useCallback(() => usercentreApi.followed(kind), [kind]);
  const loaded = useLoad(load, kind);
  const [removed, setRemoved] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const fav = kind === 'favourites';
  const items = (loaded.data?.items ?? []).filter((f) => !removed.has(f.code));

  const remove = async (f: FollowedEntry) => {
    setBusy(f.code);
    try {
      await usercentreApi.unfollow(kind, f.code);
      setRemoved((s) => new Set(s).add(f.code));
      void message.success(t(fav ? 'follow.unfavouriteDone' : 'follow.unsubscribeDone'));
    } catch (err) {
      void message.error(errorMessage(err, t));
    } finally {
      setBusy(null);
    }
  };

  if (loaded.error) return <ErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  return (
    <div data-testid={`uc-${kind}`}>
      {!fav && (
        <Typography.Paragraph type="secondary">
          <BellOutlined /> {t('usercentre.subscriptions.lead')}
        </Typography.Paragraph>
      )}
      <List<FollowedEntry>
        loading={loaded.loading}
        dataSource={items}
        locale={{
          emptyText: (
            <Empty description={t(fav ? 'usercentre.favourites.empty' : 'usercentre.subscriptions.empty')}>
              <LinkButton to="/catalog" small>
                {t('usercentre.findData')}
              </LinkButton>
            </Empty>
          ),
        }}
        footer={
          items.length > 0 ? (
            <Typography.Text type="secondary">{t('usercentre.count', { n: items.length })}</Typography.Text>
          ) : undefined
        }
        renderItem={(f) => (
          <List.Item
            data-testid="uc-followed-row"
            data-code={f.code}
            actions={[
              <Button
                key="remove"
                size="small"
                loading={busy === f.code}
                onClick={() => void remove(f)}
                aria-label={t(fav ? 'usercentre.removeFavouriteLabel' : 'usercentre.unsubscribeLabel', {
                  name: f.name || f.code,
                })}
              >
                {t(fav ? 'usercentre.removeFavourite' : 'usercentre.unsubscribe')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              avatar={fav ? <StarOutlined aria-hidden /> : <BellOutlined aria-hidden />}
              title={
                <Space size={8} wrap>
                  {f.available ? (
                    <Link to={datasetPath(f.code)}>{f.name || f.code}</Link>
                  ) : (
                    <Typography.Text>{f.name || f.code}</Typography.Text>
                  )}
                  {!f.available && <Tag>{t('usercentre.unavailable')}</Tag>}
                </Space>
              }
              description={
                <Space size={[16, 4]} wrap>
                  <span>{f.provider_name}</span>
                  {f.data_updated_at && <span>{t('usercentre.dataUpdated', { date: formatDate(f.data_updated_at) })}</span>}
                  <span>
                    {t(fav ? 'usercentre.favouritedOn' : 'usercentre.subscribedOn', { date: formatDate(f.since) })}
                  </span>
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </div>
  );
}

// --- inbox

function Inbox({ staff }: { staff: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const load = useCallback(() => reviewApi.inbox(), []);
  const loaded = useLoad(load);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const { all, unread, markRead, markAll } = useInboxReading(loaded.data?.items, () =>
    void message.success(t('usercentre.inbox.allRead')),
  );
  const items = all.filter((m) => !unreadOnly || !m.read);
  // Messages about the user's own applications for conditional data lead to them (web/src/apply/).
  const applications = useApplicationIds(!staff);

  const link = (m: InboxItem): ReactNode => {
    const code = m.kind === 'dataset_updated' && m.subject_code ? m.subject_code : null;
    if (code) {
      return (
        <Link to={datasetPath(code)} onClick={() => void markRead(m)}>
          {t('usercentre.inbox.openDataset')}
        </Link>
      );
    }
    if (m.case_id && !staff && applications.has(m.case_id)) {
      return (
        <Link to={`/applications/${m.case_id}`} onClick={() => void markRead(m)} data-testid="uc-message-application">
          {t('apply.ds.viewApplication')}
        </Link>
      );
    }
    if (m.case_id && staff) {
      return (
        <Link to={`/console/cases/${m.case_id}`} onClick={() => void markRead(m)}>
          {t('usercentre.inbox.openCase')}
        </Link>
      );
    }
    return null;
  };

  if (loaded.error) return <ErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  return (
    <div data-testid="uc-inbox">
      <Space wrap style={{ marginBottom: 8 }}>
        <Space size={6}>
          <Switch checked={unreadOnly} onChange={setUnreadOnly} aria-label={t('usercentre.inbox.unreadOnly')} size="small" />
          <Typography.Text>{t('usercentre.inbox.unreadOnly')}</Typography.Text>
        </Space>
        <Button size="small" disabled={unread.length === 0} onClick={() => void markAll()} data-testid="uc-mark-all">
          {t('usercentre.inbox.markAll')}
        </Button>
      </Space>
      <List<InboxItem>
        loading={loaded.loading}
        dataSource={items}
        locale={{
          emptyText: <Empty description={t(unreadOnly ? 'usercentre.inbox.emptyUnread' : 'usercentre.inbox.empty')} />,
        }}
        renderItem={(m) => (
          <List.Item
            data-testid="uc-message"
            data-kind={m.kind}
            data-read={m.read ? '1' : '0'}
            className={m.read ? 'uc-message' : 'uc-message uc-message-unread'}
            actions={[
              link(m),
              !m.read && (
                <Button key="read" size="small" type="link" onClick={() => void markRead(m)}>
                  {t('usercentre.inbox.markRead')}
                </Button>
              ),
            ].filter(Boolean)}
          >
            <List.Item.Meta
              title={
                <Space size={8} wrap>
                  {!m.read && <Badge status="processing" text={<span className="sr-only">{t('usercentre.inbox.unread')}</span>} />}
                  <InboxKindTag value={m.kind} />
                  <Typography.Text strong={!m.read}>{m.title}</Typography.Text>
                </Space>
              }
              description={
                <Space direction="vertical" size={2}>
                  <Typography.Text>{m.body}</Typography.Text>
                  <Typography.Text type="secondary">{formatTime(m.created_at)}</Typography.Text>
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </div>
  );
}
