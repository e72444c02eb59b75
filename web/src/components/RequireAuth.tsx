import { Navigate, useLocation } from 'react-router-dom';
import type { ReactNode } from 'react';
import { useAuth } from '../auth';
import PageLoading from './PageLoading';
import { loginPath } from '../returnTo';

/** Shows children to a logged-in user; sends others to /login?next=… and back afterwards. */
export default function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (user === undefined) return <PageLoading />;
  if (user === null) {
    return <Navigate to={loginPath(location.pathname + location.search + location.hash)} replace />;
  }
  return <>{children}</>;
}
