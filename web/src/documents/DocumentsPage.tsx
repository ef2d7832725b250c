// All documents the caller may see, newest first, with a quick filter on the title or 发文字号.
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../access/auth.tsx';
import type { DocumentSummary } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { DisclosureBadge, ErrorBox, formatDate, Loading, useTitle } from '../app/common.tsx';

export function DocumentsPage() {
  useTitle('文件目录');
  const { revision } = useAuth();
  const state = useApi<{ documents: DocumentSummary[] }>('/api/documents', revision);
  const [filter, setFilter] = useState('');
  const docs = useMemo(() => {
    if (state.status !== 'ok') return [];
    const f = filter.trim();
    const list = f
      ? state.data.documents.filter((d) => d.title.includes(f) || d.docNumber.includes(f) || d.issuer.includes(f))
      : state.data.documents;
    return [...list].sort((a, b) => (b.signedOn ?? '').localeCompare(a.signedOn ?? ''));
  }, [state, filter]);

  return (
    <div className="page">
      <h1 className="page-title">文件目录</h1>
      <div className="filter-bar">
        <label htmlFor="doc-filter">筛选</label>
        <input
          id="doc-filter"
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder="输入标题、发文字号或发文机关"
        />
      </div>
      {state.status === 'loading' && <Loading what="文件目录" />}
      {state.status === 'error' && <ErrorBox error={state.error} />}
      {state.status === 'ok' && (
        <>
          <p className="muted" aria-live="polite">
            共 {docs.length} 件
          </p>
          <div className="table-scroll">
            <table className="data-table doc-table">
              <thead>
                <tr>
                  <th scope="col">发文字号</th>
                  <th scope="col">标题</th>
                  <th scope="col">发文机关</th>
                  <th scope="col">成文日期</th>
                  <th scope="col">公开属性</th>
                </tr>
              </thead>
              <tbody>
                {docs.map((d) => (
                  <tr key={d.id}>
                    <td className="nowrap">{d.docNumber}</td>
                    <td>
                      <Link to={`/documents/${encodeURIComponent(d.id)}`}>{d.title}</Link>
                    </td>
                    <td className="nowrap">{d.issuer}</td>
                    <td className="nowrap">{formatDate(d.signedOn)}</td>
                    <td>
                      <DisclosureBadge value={d.disclosure} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
