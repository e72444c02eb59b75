import { useEffect, useState } from 'react';
import { Alert, Button, Divider, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { request } from '../api';
import { useI18n } from '../i18n';

interface OidcInfo {
  enabled: boolean;
  label: string;
}

/**
 * The external sign-in button (shown only when the server has an identity provider configured)
 * and the reason a previous attempt failed (?oidc_error= from the server's callback).
 */
export default function OidcSignIn({ next, error }: { next: string; error: string | null }) {
  const { t } = useI18n();
  const [info, setInfo] = useState<OidcInfo | null>(null);
  useEffect(() => {
    request<OidcInfo>('GET', '/api/v1/auth/oidc')
      .then(setInfo)
      .catch(() => setInfo(null));
  }, []);
  return (
    <>
      {error && <Alert type="error" showIcon message={t('oidc.failed')} description={error} style={{ marginBottom: 16 }} />}
      {info?.enabled && (
        <>
          <Divider plain>{t('oidc.or')}</Divider>
          <Button
            block
            icon={<SafetyCertificateOutlined />}
            href={`/api/v1/auth/oidc/login?return_to=${encodeURIComponent(next)}`}
            data-testid="oidc-login"
          >
            {t('oidc.button', { label: info.label })}
          </Button>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('oidc.hint', { label: info.label })}
          </Typography.Paragraph>
        </>
      )}
    </>
  );
}
