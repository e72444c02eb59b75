import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { hasRole } from '../catalog';
import RequireAuth from './RequireAuth';

/** Like RequireAuth, and the user must also hold one of the roles; others are told so. */
export default function RequireRole({ roles, children }: { roles: string[]; children: ReactNode }) {
  return (
    <RequireAuth>
      <RoleGate roles={roles}>{children}</RoleGate>
    </RequireAuth>
  );
}

function RoleGate({ roles, children }: { roles: string[]; children: ReactNode }) {
  const { user } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  if (hasRole(user, ...roles)) return <>{children}</>;
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('console.forbidden')}
      extra={
        <Button type="primary" onClick={() => navigate('/catalog')}>
          {t('catalog.backToCatalog')}
        </Button>
      }
    />
  );
}
