import { useState } from 'react';
import { App, Button, Form, Input, Result, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { ID_NUMBER_RE } from '../validation';
import AuthCard from '../components/AuthCard';
import ErrorAlert from '../components/ErrorAlert';
import { safeNext } from '../returnTo';

interface Values {
  name: string;
  id_number: string;
}

export default function VerifyPage() {
  const { t } = useI18n();
  const { user, setUser } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  // Back to the page that asked for verification (?next=), else the account tab of the user centre.
  const [search] = useSearchParams();
  const back = safeNext(search.get('next')) ?? '/me/account';
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  if (user?.real_name_verified) {
    return (
      <Result
        status="success"
        title={t('verify.done')}
        subTitle={t('verify.doneText', { name: user.real_name_masked ?? '' })}
        extra={
          <Button type="primary" onClick={() => navigate(back)}>
            {t(back === '/me/account' ? 'verify.toProfile' : 'verify.toPrevious')}
          </Button>
        }
      />
    );
  }

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      const u = await api.verify(v.name.trim(), v.id_number.trim().toUpperCase());
      setUser({ ...u, csrf_token: u.csrf_token ?? user?.csrf_token });
      void message.success(t('verify.success'));
      navigate(back);
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && (err.field === 'name' || err.field === 'id_number')) {
        form.setFields([{ name: err.field, errors: [err.message || t('verify.failed')] }]);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('verify.title')}>
      <Typography.Paragraph type="secondary">{t('verify.lead')}</Typography.Paragraph>
      <ErrorAlert error={error} title={t('verify.failed')} />
      <Form<Values> form={form} name="verify" layout="vertical" onFinish={(v) => void onFinish(v)}>
        <Form.Item
          label={t('verify.name')}
          name="name"
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('verify.name') }) },
          ]}
        >
          <Input autoComplete="name" autoFocus />
        </Form.Item>
        <Form.Item
          label={t('verify.idNumber')}
          name="id_number"
          extra={t('verify.idHelp')}
          rules={[
            { required: true, message: t('common.required', { field: t('verify.idNumber') }) },
            {
              validator: (_, value: string | undefined) =>
                !value || ID_NUMBER_RE.test(value.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('verify.idFormat'))),
            },
          ]}
        >
          <Input autoComplete="off" maxLength={18} spellCheck={false} />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('verify.privacy')}
        </Typography.Paragraph>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('verify.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
