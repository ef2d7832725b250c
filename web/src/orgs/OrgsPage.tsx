// 单位名录: the units named by the documents, each with the clauses that name it (GET /api/orgs).
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../access/auth.tsx';
import type { OrgDto } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorBox, Loading, useTitle } from '../app/common.tsx';

export function OrgsPage() {
  useTitle('单位名录');
  const { revision } = useAuth();
  const state = useApi<{ orgs: OrgDto[] }>('/api/orgs', revision);
  const [filter, setFilter] = useState('');
  const groups = useMemo(() => {
    if (state.status !== 'ok') return [];
    const f = filter.trim();
    const byKind = new Map<string, OrgDto[]>();
    for (const o of state.data.orgs) {
      if (f && !o.name.includes(f)) continue;
      const k = o.kind || '其他单位';
      const list = byKind.get(k) ?? [];
      list.push(o);
      byKind.set(k, list);
    }
    return [...byKind.entries()].map(([kind, orgs]) => ({
      kind,
      orgs: orgs.sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name, 'zh-CN')),
    }));
  }, [state, filter]);

  return (
    <div className="page orgs-page">
      <h1 className="page-title">单位名录</h1>
      <p className="lead">公报文件中点名的单位，以及点名它们的文件与条款（牵头、配合、成员单位等）。</p>
      {state.status === 'loading' && <Loading what="单位名录" />}
      {state.status === 'error' &&
        (state.error.status === 404 ? (
          <div className="empty" data-testid="orgs-empty">
            <p>
              <strong>单位名录暂未开放。</strong>服务器尚未提供单位数据（接口 <code>/api/orgs</code> 不存在）。
            </p>
            <p className="muted">单位识别功能上线后，这里会列出各文件点名的单位及其出处。</p>
          </div>
        ) : (
          <ErrorBox error={state.error} />
        ))}
      {state.status === 'ok' && state.data.orgs.length === 0 && (
        <p className="empty" data-testid="orgs-empty">
          尚未从已导入的公报中识别出单位。
        </p>
      )}
      {state.status === 'ok' && state.data.orgs.length > 0 && (
        <>
          <div className="filter-bar">
            <label htmlFor="org-filter">查找单位</label>
            <input
              id="org-filter"
              type="search"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              placeholder="如：县能源局"
            />
          </div>
          {groups.length === 0 && <p className="empty">没有名称包含“{filter}”的单位。</p>}
          {groups.map((g) => (
            <section key={g.kind} className="org-group" aria-labelledby={`kind-${g.kind}`}>
              <h2 id={`kind-${g.kind}`}>
                {g.kind} <span className="muted">（{g.orgs.length}）</span>
              </h2>
              <ul className="org-list">
                {g.orgs.map((o) => (
                  <li key={o.name}>
                    <details>
                      <summary>
                        <span className="org-name">{o.name}</span>
                        <span className="muted">被 {o.mentions.length} 处条款点名</span>
                      </summary>
                      <ul className="mentions">
                        {o.mentions.map((m, i) => (
                          <li key={`${m.documentId}-${m.eId ?? i}`}>
                            <Link
                              to={`/documents/${encodeURIComponent(m.documentId)}${m.eId ? `#${encodeURIComponent(m.eId)}` : ''}`}
                            >
                              {m.citation ?? m.title}
                            </Link>
                            <span className="muted">　{m.docNumber}</span>
                          </li>
                        ))}
                      </ul>
                    </details>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </div>
  );
}
