import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { api, setCsrfToken } from './api';
import type { User } from './api';

interface Auth {
  /** undefined while the first GET /me is in flight; null when logged out. */
  user: User | null | undefined;
  login: (username: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
  /** Replace the cached user, e.g. after real-name verification. */
  setUser: (user: User | null) => void;
  refresh: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUserState] = useState<User | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      setUserState(await api.session());
    } catch (err) {
      // The server is down or answered an error: treat as logged out; the pages that need
      // data show their own errors.
      console.warn('GET /auth/session failed', err);
      setCsrfToken(null);
      setUserState(null);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const login = useCallback(async (username: string, password: string) => {
    const out = await api.login(username, password);
    const u = { ...out.user, csrf_token: out.csrf_token };
    setUserState(u);
    return u;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setUserState(null);
    }
  }, []);

  const setUser = useCallback((u: User | null) => {
    if (u?.csrf_token) setCsrfToken(u.csrf_token);
    setUserState(u);
  }, []);

  const value = useMemo(
    () => ({ user, login, logout, setUser, refresh }),
    [user, login, logout, setUser, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
