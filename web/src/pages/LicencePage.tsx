// The open-data licence (ACC-1): public, linked from the DCAT metadata as dct:license. A
// signed-in user accepts the version in force here; downloads may require it.
import { useCallback, useState } from 'react';
import { Alert, App, Button, Card, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import type { Licence } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { formatTime } from '../format';
import { useLoad } from '../useLoad';
import ErrorAlert from '../components/ErrorAlert';
import PageLoading from '../components/PageLoading';
import AccessNotice from '../components/AccessNotice';
import { loginPath, safeNext } from '../returnTo';
import LinkButton from '../components/LinkButton';

/** The text in paragraphs (blank lines), each keeping its own line breaks. */
function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');
}

export default function LicencePage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const load = useCallback(() => api.licence(), []);
  // Where the caller stands depends on who is signed in.
  const licence = useLoad(load, `${user?.id ?? ''}:${user?.licence_version ?? ''}:${user?.real_name_verified ?? ''}`);

  if (licence.error && !licence.data) {
    return <ErrorAlert error={licence.error} title={t('licence.loadFailed')} onRetry={licence.reload} />;
  }
  if (!licence.data || user === undefined) return <PageLoading />;
  return <LicenceView licence={licence.data} reload={licence.reload} />;
}

function LicenceView({ licence: l, reload }: { licence: Licence; reload: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user, setUser } = useAuth();
  const location = useLocation();
  // The page that sent the user here to accept the licence (?next=), to go back to afterwards.
  const [search] = useSearchParams();
  const back = safeNext(search.get('next'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const acceptedThis = !!user && (user.licence_version === l.version || (l.accepted && l.accepted_version === l.version));
  const acceptedOld = !!user && !acceptedThis && !!(user.licence_version || l.accepted_version);

  const accept = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const u = await api.acceptLicence(l.version);
      setUser({ ...u, csrf_token: u.csrf_token ?? user?.csrf_token });
      void message.success(t('licence.acceptedOk'));
      reload();
    } catch (err) {
      setError(err);
      // 409: a newer version is in force; show it.
      reload();
    } finally {
      setBusy(false);
    }
  };

  const rule = (['anonymous', 'registered', 'verified'] as const).includes(l.download_rule as 'anonymous')
    ? t(`licence.rule.${l.download_rule}` as MessageKey)
    : '';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 920 }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28, margin: 0 }} data-testid="licence-title">
          {l.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }} data-testid="licence-meta">
          {t('licence.meta', { version: l.version, date: l.effective })}
        </Typography.Paragraph>
      </div>

      <Card title={<h2 className="card-heading">{t('licence.rulesTitle')}</h2>} size="small">
        <Space direction="vertical" size={4}>
          {rule && <Typography.Text>{rule}</Typography.Text>}
          {l.require_licence && l.download_rule !== 'anonymous' && (
            <Typography.Text>{t('licence.ruleRequire')}</Typography.Text>
          )}
          {l.download_rule !== 'anonymous' && (
            <Typography.Text type="secondary">{t('licence.rulePreview', { n: l.preview_rows })}</Typography.Text>
          )}
        </Space>
        {!l.may_download && l.missing && l.missing !== 'licence_required' && (
          <div style={{ marginTop: 12 }}>
            <AccessNotice code={l.missing} previewRows={l.preview_rows} />
          </div>
        )}
      </Card>

      <Card>
        <article className="licence-text" data-testid="licence-text" lang="zh-CN">
          {paragraphs(l.text).map((p, i) => (
            <p key={i} style={{ whiteSpace: 'pre-line', lineHeight: 1.8, margin: '0 0 1em' }}>
              {p}
            </p>
          ))}
        </article>
      </Card>

      <Card data-testid="licence-accept">
        <ErrorAlert error={error} title={t('licence.acceptFailed')} />
        {!user ? (
          <Space wrap>
            <Typography.Text>{t('licence.loginToAccept')}</Typography.Text>
            <Link to={loginPath(location.pathname + location.search)} className="link-button small primary">
              {t('nav.login')}
            </Link>
          </Space>
        ) : acceptedThis ? (
          <Space wrap>
            <Button disabled icon={<CheckCircleFilled />} data-testid="licence-accepted">
              {t('licence.accepted', {
                version: l.version,
                time: user.licence_accepted_at ? formatTime(user.licence_accepted_at) : '—',
              })}
            </Button>
            {l.may_download && <Tag color="success">{t('licence.youMay')}</Tag>}
            {back && (
              <LinkButton to={back} small primary>
                {t('verify.toPrevious')}
              </LinkButton>
            )}
          </Space>
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            {acceptedOld && (
              <Alert
                type="warning"
                showIcon
                message={t('licence.outdated', { version: user.licence_version || l.accepted_version || '' })}
              />
            )}
            <Button type="primary" loading={busy} onClick={() => void accept()} data-testid="licence-accept-button">
              {t('licence.accept')}
            </Button>
          </Space>
        )}
      </Card>
    </Space>
  );
}
