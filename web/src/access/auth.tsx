// Session state of the portal: who is signed in (GET /api/auth/me), sign-in and sign-out.
// `revision` increases at every change so that pages refetch what the new role may see.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, setCsrfToken } from '../api/client.ts';
import type { MeResponse, Role, SessionUser } from '../api/types.ts';

export const ROLE_LABELS: Record<Role, string> = { admin: '管理员', leader: '领导', liaison: '单位联络员' };

export function canReadAudit(user: SessionUser | null): boolean {
  return user !== null && (user.role === 'admin' || user.role === 'leader');
}

interface AuthState {
  user: SessionUser | null;
  /** False until the first GET /api/auth/me answered (or failed). */
  ready: boolean;
  revision: number;
  login(username: string, password: string): Promise<SessionUser>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [ready, setReady] = useState(false);
  const [revision, setRevision] = useState(0);

  const refresh = useCallback(async () => {
    try {
      const me = await api<MeResponse>('/api/auth/me');
      setCsrfToken(me.csrfToken ?? null);
      setUser(me.user ?? null);
    } catch {
      // No session API (or offline): browse as the public.
      setCsrfToken(null);
      setUser(null);
    } finally {
      setReady(true);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const login = useCallback(
    async (username: string, password: string) => {
      const res = await api<{ user?: SessionUser; csrfToken?: string }>('/api/auth/login', {
        method: 'POST',
        body: { username, password },
      });
      if (res.csrfToken) setCsrfToken(res.csrfToken);
      await refresh();
      if (res.user) setUser(res.user);
      setRevision((r) => r + 1);
      return res.user as SessionUser;
    },
    [refresh],
  );

  const logout = useCallback(async () => {
    try {
      await api<unknown>('/api/auth/logout', { method: 'POST', body: {} });
    } finally {
      setUser(null);
      await refresh();
      setRevision((r) => r + 1);
    }
  }, [refresh]);

  const value = useMemo<AuthState>(
    () => ({ user, ready, revision, login, logout, refresh }),
    [user, ready, revision, login, logout, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth 必须在 AuthProvider 内使用');
  return ctx;
}
