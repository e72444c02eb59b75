import { useState } from 'react';
import { Button, Form, Input, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';
import { PHONE_RE, USERNAME_RE, passwordStrongEnough } from '../validation';
import AuthCard from '../components/AuthCard';
import ErrorAlert from '../components/ErrorAlert';
import { loginPath } from '../returnTo';

interface Values {
  username: string;
  password: string;
  confirm: string;
  phone?: string;
  email?: string;
}

const FIELDS = ['username', 'password', 'phone', 'email'];

export default function RegisterPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  // Registering is a detour of signing in: the page to return to goes along.
  const [search] = useSearchParams();
  const next = search.get('next');
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    const username = v.username.trim();
    try {
      await api.register({
        username,
        password: v.password,
        phone: v.phone?.trim() || undefined,
        email: v.email?.trim() || undefined,
      });
      navigate(loginPath(next), { state: { registered: true, username } });
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.field && FIELDS.includes(err.field) && err.message) {
        form.setFields([{ name: err.field as keyof Values, errors: [err.message] }]);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('register.title')}>
      <ErrorAlert error={error} title={t('register.failed')} />
      <Form<Values>
        form={form}
        name="register"
        layout="vertical"
        onFinish={(v) => void onFinish(v)}
      >
        <Form.Item
          label={t('register.username')}
          name="username"
          extra={t('register.usernameHelp')}
          rules={[
            { required: true, message: t('common.required', { field: t('register.username') }) },
            { pattern: USERNAME_RE, message: t('register.usernameInvalid') },
          ]}
        >
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item
          label={t('register.password')}
          name="password"
          extra={t('register.passwordHelp')}
          rules={[
            { required: true, message: t('common.required', { field: t('register.password') }) },
            {
              validator: (_, value: string | undefined) =>
                !value || passwordStrongEnough(value)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('register.passwordInvalid'))),
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('register.confirm')}
          name="confirm"
          dependencies={['password']}
          rules={[
            { required: true, message: t('common.required', { field: t('register.confirm') }) },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || getFieldValue('password') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('register.confirmMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('register.phone')}
          name="phone"
          rules={[{ pattern: PHONE_RE, message: t('register.phoneInvalid') }]}
        >
          <Input autoComplete="tel" inputMode="tel" />
        </Form.Item>
        <Form.Item
          label={t('register.email')}
          name="email"
          rules={[{ type: 'email', message: t('register.emailInvalid') }]}
        >
          <Input autoComplete="email" inputMode="email" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('register.submit')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
        {t('register.haveAccount')} <Link to={loginPath(next)}>{t('register.toLogin')}</Link>
      </Typography.Paragraph>
    </AuthCard>
  );
}
