// Home: the issues of the gazette, newest first.
import { Link } from 'react-router-dom';
import { useAuth } from '../access/auth.tsx';
import type { IssueSummary } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorBox, formatDate, Loading, useTitle } from '../app/common.tsx';

export function HomePage() {
  useTitle('政府公报');
  const { revision } = useAuth();
  const state = useApi<{ issues: IssueSummary[] }>('/api/issues', revision);
  return (
    <div className="page">
      <h1 className="page-title">政府公报</h1>
      <p className="lead">按期浏览县人民政府公报，每份文件可逐条引用、全文检索。</p>
      {state.status === 'loading' && <Loading what="公报" />}
      {state.status === 'error' && <ErrorBox error={state.error} />}
      {state.status === 'ok' &&
        (state.data.issues.length === 0 ? (
          <p className="empty">
            尚未导入任何公报。管理员可用 <code>luoshi import &lt;文件&gt;</code> 导入。
          </p>
        ) : (
          <ul className="issue-grid">
            {[...state.data.issues]
              .sort((a, b) => b.year - a.year || b.number - a.number)
              .map((i) => (
                <li key={i.id}>
                  <Link className="issue-card" to={`/issues/${encodeURIComponent(i.id)}`}>
                    <span className="issue-card-title">{i.title}</span>
                    <span className="issue-card-number">
                      {i.year}年第{i.number}期
                    </span>
                    <span className="muted">出版日期：{formatDate(i.publishedOn)}</span>
                    {i.documentCount !== undefined && <span className="muted">收录文件 {i.documentCount} 件</span>}
                  </Link>
                </li>
              ))}
          </ul>
        ))}
    </div>
  );
}
