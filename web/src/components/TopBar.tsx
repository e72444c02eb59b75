import { App, Button, Layout, Menu, Space, Typography } from 'antd';
import { GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { errorMessage } from '../errors';

const linkStyle = { color: 'rgba(255,255,255,0.88)' };

export default function TopBar() {
  const { t, lang, setLang } = useI18n();
  const { user, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const items = [
    { key: '/', label: <Link to="/">{t('nav.home')}</Link> },
    { key: '/orgs', label: <Link to="/orgs">{t('nav.orgs')}</Link> },
    ...(user
      ? [
          { key: '/profile', label: <Link to="/profile">{t('nav.profile')}</Link> },
          { key: '/verify', label: <Link to="/verify">{t('nav.verify')}</Link> },
        ]
      : []),
  ];
  const selected = items.map((i) => i.key).filter((k) => k === location.pathname);

  const onLogout = async () => {
    try {
      await logout();
      navigate('/login');
    } catch (err) {
      void message.error(errorMessage(err, t));
    }
  };

  return (
    <Layout.Header
      style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 24 }}
    >
      <Link to="/" style={{ color: '#fff', whiteSpace: 'nowrap' }} data-testid="brand">
        <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
          {t('app.name')}
        </Typography.Text>
      </Link>
      <nav aria-label={t('nav.main')} style={{ flex: 1, minWidth: 0 }}>
        <Menu theme="dark" mode="horizontal" selectedKeys={selected} items={items} />
      </nav>
      <Space size="middle" wrap={false}>
        <Button
          type="text"
          icon={<GlobalOutlined />}
          style={linkStyle}
          aria-label={t('lang.switchLabel')}
          data-testid="lang-switch"
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
        >
          {t('lang.switch')}
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
            >
              {t('nav.logout')}
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
