// Page frame: skip link, header with navigation and the session, main region, footer.
// Hidden when printing (see styles.css @media print).
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router-dom';
import { canReadAudit, ROLE_LABELS, useAuth } from '../access/auth.tsx';
import { NotificationBell } from '../notifications/NotificationPages.tsx';

function UserBox() {
  const { user, ready, logout } = useAuth();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  if (!ready) return <div className="userbox" aria-hidden="true" />;
  if (!user) {
    return (
      <div className="userbox">
        <span className="muted">公众访问</span>
        <Link className="button button-small" to="/login">
          登录
        </Link>
      </div>
    );
  }
  return (
    <div className="userbox" data-testid="userbox">
      <span className="user-name" title={user.username}>
        {user.displayName}
      </span>
      <span className={`role role-${user.role}`}>{ROLE_LABELS[user.role]}</span>
      {user.unit && <span className="user-unit">{user.unit}</span>}
      <button
        type="button"
        className="button button-small button-quiet"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await logout();
            navigate('/');
          } finally {
            setBusy(false);
          }
        }}
      >
        退出
      </button>
    </div>
  );
}

function QuickSearch() {
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const term = q.trim();
    if (term) navigate(`/search?q=${encodeURIComponent(term)}`);
  };
  return (
    <search className="quick-search">
      <form onSubmit={onSubmit}>
        <label className="visually-hidden" htmlFor="quick-q">
          检索公报全文
        </label>
        <input
          id="quick-q"
          type="search"
          placeholder="检索全文，如：停电"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <button type="submit" className="button button-small">
          检索
        </button>
      </form>
    </search>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  // Move focus to the main region after client-side navigation (not on hash links inside a page).
  const previousPath = useRef(location.pathname);
  useEffect(() => {
    if (previousPath.current !== location.pathname) {
      previousPath.current = location.pathname;
      if (!location.hash) {
        window.scrollTo(0, 0);
        mainRef.current?.focus({ preventScroll: true });
      }
    }
  }, [location.pathname, location.hash]);

  return (
    <>
      <a className="skip-link" href="#main">
        跳到正文
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand" aria-label="落实 首页">
            <span className="brand-mark" aria-hidden="true">
              实
            </span>
            <span className="brand-text">
              落实<small>政府公报</small>
            </span>
          </Link>
          <nav aria-label="主导航" className="main-nav">
            <NavLink to="/" end>
              公报
            </NavLink>
            <NavLink to="/documents">文件</NavLink>
            <NavLink to="/search">检索</NavLink>
            <NavLink to="/orgs">单位名录</NavLink>
            {user && <NavLink to="/review">{user.role === 'admin' ? '审核' : '提取记录'}</NavLink>}
            {user && <NavLink to="/supervision">督办台账</NavLink>}
            {user && <NavLink to="/monitoring">规划监测</NavLink>}
            <NavLink to="/progress">规划进展</NavLink>
            {user && <NavLink to="/meetings">县政府会议</NavLink>}
            {user && <NavLink to="/evaluation">评价考核</NavLink>}
            {user && <NavLink to="/emergency">停电应急</NavLink>}
            {user && (
              <NavLink to="/docflow" end>
                公文预审
              </NavLink>
            )}
            {(user?.role === 'leader' || user?.role === 'admin') && <NavLink to="/docflow/register">发文登记</NavLink>}
            {user?.role === 'admin' && <NavLink to="/docflow/compile">编辑公报</NavLink>}
            {user?.role === 'admin' && <NavLink to="/supervision/settings">督办设置</NavLink>}
            {(user?.role === 'leader' || user?.role === 'admin') && (
              <NavLink to="/supervision/interviews">约谈名单</NavLink>
            )}
            {user?.role === 'admin' && <NavLink to="/admin/webhooks">Webhook</NavLink>}
            {user && <NavLink to="/supervision/rankings">督办排名</NavLink>}
            {(user?.role === 'leader' || user?.role === 'admin') && (
              <NavLink to="/supervision/dashboard">领导看板</NavLink>
            )}
            {user?.role === 'liaison' && <NavLink to="/inbox">我的督办</NavLink>}
            {canReadAudit(user) && <NavLink to="/audit">审计日志</NavLink>}
          </nav>
          <QuickSearch />
          <NotificationBell />
          <UserBox />
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>内容依据县人民政府公报整理，引用以纸质公报为准。落实 · 开源政府公报平台。</p>
      </footer>
    </>
  );
}
