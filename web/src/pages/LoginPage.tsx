import { useState } from 'react';
import { Alert, App, Button, Form, Input, Typography } from 'antd';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import AuthCard from '../components/AuthCard';
import ErrorAlert from '../components/ErrorAlert';
import { loginPath, returnTarget } from '../returnTo';
import OidcSignIn from '../oidc/OidcSignIn';

interface LoginState {
  /** An older way of saying where to return (links now use ?next=). */
  from?: string;
  registered?: boolean;
  username?: string;
}

interface Values {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useI18n();
  const { user, login } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginState;
  const [search] = useSearchParams();
  // The page the user came from (?next=, a same-site path), else the user centre.
  const next = returnTarget(search, location.state);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  if (user && !busy) return <Navigate to={next} replace />;

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      const u = await login(v.username.trim(), v.password);
      void message.success(t('login.welcome', { name: u.username }));
      navigate(next, { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('login.title')}>
      {state.registered && !error && (
        <Alert type="success" showIcon message={t('login.registered')} style={{ marginBottom: 16 }} />
      )}
      <ErrorAlert error={error} title={t('login.failed')} />
      <Form<Values>
        name="login"
        layout="vertical"
        requiredMark={false}
        initialValues={{ username: state.username ?? '' }}
        onFinish={(v) => void onFinish(v)}
      >
        <Form.Item
          label={t('login.username')}
          name="username"
          rules={[{ required: true, message: t('common.required', { field: t('login.username') }) }]}
        >
          <Input autoComplete="username" autoFocus={!state.username} />
        </Form.Item>
        <Form.Item
          label={t('login.password')}
          name="password"
          rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}
        >
          <Input.Password autoComplete="current-password" autoFocus={!!state.username} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('login.submit')}
        </Button>
      </Form>
      <OidcSignIn next={next} error={search.get('oidc_error')} />
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
        {t('login.noAccount')} <Link to={loginPath(search.get('next'), '/register')}>{t('login.toRegister')}</Link>
      </Typography.Paragraph>
    </AuthCard>
  );
}
