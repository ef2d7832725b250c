// Small shared pieces: loading and error states, the disclosure badge, the page title hook.
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import type { ApiError } from '../api/client.ts';
import type { Disclosure } from '../api/types.ts';

export function useTitle(title: string | null): void {
  useEffect(() => {
    if (title) document.title = `${title} · 落实`;
  }, [title]);
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      正在加载{what}…
    </p>
  );
}

export function ErrorBox({ error }: { error: ApiError }) {
  if (error.status === 404) return <NotFound message={error.message} />;
  return (
    <div className="error-box" role="alert">
      <strong>出错了：</strong>
      {error.message}
      {error.status === 401 && (
        <>
          {' '}
          <Link to="/login">去登录</Link>
        </>
      )}
    </div>
  );
}

export function NotFound({ message }: { message?: string }) {
  useTitle('未找到');
  return (
    <section className="not-found" aria-labelledby="nf-title">
      <h1 id="nf-title">404 · 未找到</h1>
      <p>{message ?? '您要找的页面不存在。'}</p>
      <p className="muted">如果这是一份不公开的文件，请登录有权限的账户后再查看。</p>
      <p>
        <Link to="/">返回首页</Link> · <Link to="/search">全文检索</Link>
      </p>
    </section>
  );
}

export const DISCLOSURE_LABELS: Record<Disclosure, string> = {
  public: '公开发布',
  partial: '部分公开',
  restricted: '不公开',
};

export function DisclosureBadge({ value }: { value: Disclosure }) {
  return (
    <span className={`badge badge-${value}`} title={`公开属性：${DISCLOSURE_LABELS[value]}`}>
      {DISCLOSURE_LABELS[value]}
    </span>
  );
}

/** 2023-10-07 → 2023年10月7日 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** A UTC instant shown in Asia/Shanghai. */
export function formatInstant(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}
