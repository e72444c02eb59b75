import { useEffect, useState } from 'react';
import { App, Badge, Button, Layout, Menu, Space } from 'antd';
import { BellOutlined, GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { errorMessage } from '../errors';
import { hasRole } from '../catalog';
import { reviewApi } from '../api';
import { isStaff, onInboxChanged } from '../review';
import { loginPath } from '../returnTo';
import { useSite } from '../site/SiteContext';
import { siteName } from '../site/site';
import { applyPolicyOf } from '../apply/policy';

/** How often the unread count is fetched again while the page stays open. */
const INBOX_POLL_MS = 60_000;

/** The number of unread messages of a signed-in user; 0 for others and when it cannot be had. */
function useUnread(enabled: boolean, userKey: string, path: string): number {
  const [n, setN] = useState(0);
  const [tick, setTick] = useState(0);
  useEffect(() => onInboxChanged(() => setTick((x) => x + 1)), []);
  useEffect(() => {
    if (!enabled) return;
    const id = window.setInterval(() => setTick((x) => x + 1), INBOX_POLL_MS);
    return () => window.clearInterval(id);
  }, [enabled]);
  useEffect(() => {
    if (!enabled) {
      setN(0);
      return;
    }
    let live = true;
    reviewApi.inbox(true).then(
      (r) => live && setN(r.unread ?? r.items.length),
      () => undefined, // The badge is a hint: the task page shows errors in words.
    );
    return () => {
      live = false;
    };
  }, [enabled, userKey, path, tick]);
  return n;
}

const linkStyle = { color: 'rgba(255,255,255,0.88)' };

export default function TopBar() {
  const { t, lang, setLang, policy } = useI18n();
  const site = useSite();
  const name = siteName(site, lang);
  const { user, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const staff = isStaff(user);
  const unread = useUnread(!!user, user?.username ?? '', location.pathname);
  // Staff read their messages with their tasks; everyone else in the user centre.
  const inboxPath = staff ? '/console/tasks' : '/me/inbox';
  const inboxLabel = staff
    ? unread
      ? t('nav.tasksUnread', { n: unread })
      : t('nav.tasks')
    : unread
      ? t('nav.inboxUnread', { n: unread })
      : t('nav.inbox');

  const items = [
    { key: '/', label: <Link to="/">{t('nav.home')}</Link> },
    { key: '/catalog', label: <Link to="/catalog">{t('nav.catalog')}</Link> },
    { key: '/open-list', label: <Link to="/open-list">{t('nav.openList')}</Link> },
    { key: '/api-docs', label: <Link to="/api-docs">{t('nav.apiDocs')}</Link> },
    { key: '/providers', label: <Link to="/providers">{t('nav.providers')}</Link> },
    ...(hasRole(user, 'provider', 'admin')
      ? [{ key: '/console', label: <Link to="/console/entries">{t('nav.console')}</Link> }]
      : []),
    ...(staff ? [{ key: '/console/tasks', label: <Link to="/console/tasks">{t('nav.tasks')}</Link> }] : []),
    // Conditional data (web/src/apply/): my applications, or those the staff handle — where this
    // server takes applications.
    ...(user && applyPolicyOf(policy).available
      ? [
          {
            key: staff ? '/console/applications' : '/me/applications',
            label: (
              <Link to={staff ? '/console/applications' : '/me/applications'} data-testid="nav-applications">
                {t(staff ? 'apply.nav.staff' : 'apply.nav.mine')}
              </Link>
            ),
          },
        ]
      : []),
    ...(hasRole(user, 'authority', 'admin')
      ? [{ key: '/console/admin', label: <Link to="/console/admin" data-testid="nav-authority">{t('authority.nav')}</Link> }]
      : []),
  ];
  // A section stays highlighted on its sub-pages: a dataset belongs to the catalog.
  // A review case belongs to the tasks.
  const path = location.pathname.startsWith('/datasets/')
    ? '/catalog'
    : location.pathname.startsWith('/console/cases/')
      ? '/console/tasks'
      : /^\/console\/(orgs|users|catalog|duplicates|calendar|policy|dishonest-lists|user-grades)(\/|$)/.test(location.pathname)
        ? '/console/admin'
        : /^\/(applications|grants|apply)(\/|$)/.test(location.pathname)
          ? staff
            ? '/console/applications'
            : '/me/applications'
          : location.pathname;
  // The longest matching section only: /console/tasks is not 我的目录 (/console).
  const selected = items
    .map((i) => i.key)
    .filter((k) => path === k || (k !== '/' && path.startsWith(`${k}/`)))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);

  const onLogout = async () => {
    try {
      await logout();
      navigate('/login');
    } catch (err) {
      void message.error(errorMessage(err, t));
    }
  };

  return (
    <Layout.Header className="topbar" style={{ background: site.colors.header }}>
      {/* The deployment's logo and name ([brand]); the short name where the full one does not fit. */}
      <Link to="/" className="topbar-brand" data-testid="brand">
        {site.logo_url && <img src={site.logo_url} alt="" width={32} height={32} className="topbar-logo" />}
        <span className="topbar-name">
          <span className="wide-only" data-testid="brand-name">{name}</span>
          <span className="narrow-only">{site.short_name}</span>
        </span>
      </Link>
      <nav aria-label={t('nav.main')} className="topbar-nav">
        <Menu
          theme="dark"
          mode="horizontal"
          // No "…" overflow menu: the items it hides stay focusable under aria-hidden (axe:
          // aria-hidden-focus). On phones the items wrap instead; on a wide screen they scroll.
          disabledOverflow
          selectedKeys={selected}
          items={items}
          style={{ background: 'transparent' }}
        />
      </nav>
      <Space size="middle" wrap={false} className="topbar-tools">
        <Button
          type="text"
          icon={<GlobalOutlined />}
          style={linkStyle}
          title={t('lang.switchLabel')}
          data-testid="lang-switch"
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
        >
          <span lang={lang === 'zh' ? 'en' : 'zh-CN'}>{t('lang.switch')}</span>
        </Button>
        {user ? (
          <>
            <Link
              to={inboxPath}
              style={linkStyle}
              data-testid={staff ? 'tasks-link' : 'inbox-link'}
              aria-label={inboxLabel}
              title={inboxLabel}
            >
              <Badge count={unread} size="small" offset={[4, -2]} data-testid="inbox-badge">
                <BellOutlined style={{ color: 'rgba(255,255,255,0.88)', fontSize: 16 }} />
              </Badge>
            </Link>
            {/* The user name opens the user centre, which links to the profile, the real-name
                verification, the licence and the API keys: the menu needs no items for them. */}
            <Link
              to="/me"
              style={linkStyle}
              title={`${t('nav.signedInAs', { name: user.username })} · ${t('nav.userCentre')}`}
              data-testid="current-user"
            >
              <UserOutlined /> {user.username}
            </Link>
            <Button
              type="text"
              icon={<LogoutOutlined />}
              style={linkStyle}
              onClick={() => void onLogout()}
              aria-label={t('nav.logout')}
            >
              <span className="wide-only">{t('nav.logout')}</span>
            </Button>
          </>
        ) : user === null ? (
          <>
            {/* Back to this page after signing in. */}
            <Link to={loginPath(location.pathname + location.search)} style={linkStyle} data-testid="nav-login">
              {t('nav.login')}
            </Link>
            <Link to={loginPath(location.pathname + location.search, '/register')} style={linkStyle}>
              {t('nav.register')}
            </Link>
          </>
        ) : null}
      </Space>
    </Layout.Header>
  );
}
