import { useEffect } from 'react';
import { Space, Typography } from 'antd';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import AccountCard from '../components/AccountCard';
import ApiKeys from '../components/ApiKeys';

export default function ProfilePage() {
  const { t } = useI18n();
  const { user, refresh } = useAuth();

  // The cached user may be stale (roles or organisations changed since login).
  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (!user) return null; // RequireAuth guarantees a user; this satisfies the types.
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 28, margin: 0 }}>
        {t('profile.title')}
      </Typography.Title>
      <AccountCard user={user} />
      <ApiKeys />
    </Space>
  );
}
