import { App, Button, Layout, Menu, Space, Typography } from 'antd';
import { GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { errorMessage } from '../errors';
import { hasRole } from '../catalog';

const linkStyle = { color: 'rgba(255,255,255,0.88)' };

export default function TopBar() {
  const { t, lang, setLang } = useI18n();
  const { user, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const items = [
    { key: '/', label: <Link to="/">{t('nav.home')}</Link> },
    { key: '/catalog', label: <Link to="/catalog">{t('nav.catalog')}</Link> },
    ...(hasRole(user, 'provider', 'admin')
      ? [{ key: '/console', label: <Link to="/console/entries">{t('nav.console')}</Link> }]
      : []),
    { key: '/orgs', label: <Link to="/orgs">{t('nav.orgs')}</Link> },
    ...(user
      ? [
          { key: '/profile', label: <Link to="/profile">{t('nav.profile')}</Link> },
          { key: '/verify', label: <Link to="/verify">{t('nav.verify')}</Link> },
        ]
      : []),
  ];
  // A section stays highlighted on its sub-pages: a dataset belongs to the catalog.
  const path = location.pathname.startsWith('/datasets/') ? '/catalog' : location.pathname;
  const selected = items
    .map((i) => i.key)
    .filter((k) => path === k || (k !== '/' && path.startsWith(`${k}/`)));

  const onLogout = async () => {
    try {
      await logout();
      navigate('/login');
    } catch (err) {
      void message.error(errorMessage(err, t));
    }
  };

  return (
    <Layout.Header className="topbar">
      <Link to="/" className="topbar-brand" data-testid="brand">
        <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
          <span className="wide-only">{t('app.name')}</span>
          <span className="narrow-only">{t('app.short')}</span>
        </Typography.Text>
      </Link>
      <nav aria-label={t('nav.main')} className="topbar-nav">
        <Menu theme="dark" mode="horizontal" selectedKeys={selected} items={items} />
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
              to="/profile"
              style={linkStyle}
              title={t('nav.signedInAs', { name: user.username })}
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
            <Link to="/login" style={linkStyle}>
              {t('nav.login')}
            </Link>
            <Link to="/register" style={linkStyle}>
              {t('nav.register')}
            </Link>
          </>
        ) : null}
      </Space>
    </Layout.Header>
  );
}
