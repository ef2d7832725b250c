// Sign-in form (POST /api/auth/login). Shows the server's Chinese message on failure (wrong password,
// locked account, too many attempts).
import { type FormEvent, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import { useTitle } from '../app/common.tsx';
import { ROLE_LABELS, useAuth } from './auth.tsx';

export function LoginPage() {
  useTitle('登录');
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError('请填写用户名和密码。');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
      navigate(from, { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : `登录失败：${String(err)}`);
    } finally {
      setBusy(false);
    }
  };

  if (user) {
    return (
      <div className="page narrow">
        <h1 className="page-title">已登录</h1>
        <p>
          您已作为 <strong>{user.displayName}</strong>（{ROLE_LABELS[user.role]}
          {user.unit ? ` · ${user.unit}` : ''}）登录。
        </p>
        <p>
          <Link to="/">返回首页</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="page narrow">
      <h1 className="page-title">登录</h1>
      <p className="lead">
        工作人员（管理员、领导、单位联络员）登录后可查阅不公开的文件与条款；单位联络员只能办理本单位事项。公众无需登录即可浏览公开内容。
      </p>
      <form className="login-form" onSubmit={onSubmit} noValidate aria-describedby={error ? 'login-error' : undefined}>
        <label htmlFor="username">用户名</label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
        />
        <label htmlFor="password">密码</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        {error && (
          <p id="login-error" className="error-box" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button" disabled={busy}>
          {busy ? '正在登录…' : '登录'}
        </button>
      </form>
    </div>
  );
}
