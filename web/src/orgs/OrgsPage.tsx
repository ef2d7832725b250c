// 单位名录: the units named by the documents, each with the clauses that name it (GET /api/orgs).
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../access/auth.tsx';
import type { OrgDto } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorBox, Loading, useTitle } from '../app/common.tsx';

/** Unit kinds (src/orgs) in display order, with their Chinese names. */
const KIND_LABELS: Record<string, string> = {
  government: '县人民政府',
  office: '县政府办',
  department: '政府工作部门',
  party: '党委部门',
  mass: '人民团体',
  institution: '事业单位',
  town: '乡镇',
  zone: '开发区',
  upper: '上级部门与驻县机构',
  bank: '金融机构',
  enterprise: '企业',
  group: '成员单位',
  collective: '泛指单位',
  role: '领导职务',
  other: '其他单位',
};
const KIND_ORDER = Object.keys(KIND_LABELS);

function kindLabel(kind: string | null): string {
  if (!kind) return '其他单位';
  return KIND_LABELS[kind] ?? kind;
}

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
      if (f && !o.name.includes(f) && !(o.aliases ?? []).some((a) => a.includes(f))) continue;
      const k = o.kind || 'other';
      const list = byKind.get(k) ?? [];
      list.push(o);
      byKind.set(k, list);
    }
    const rank = (k: string) => (KIND_ORDER.indexOf(k) < 0 ? KIND_ORDER.length : KIND_ORDER.indexOf(k));
    return [...byKind.entries()]
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([kind, orgs]) => ({
        kind,
        orgs: orgs.sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name, 'zh-CN')),
      }));
  }, [state, filter]);

  return (
    <div className="page orgs-page">
      <h1 className="page-title">单位名录</h1>
      <p className="lead">公报文件中点名的单位，以及点名它们的文件与条款（牵头、配合、成员单位等）。</p>
      {state.status === 'loading' && <Loading what="单位名录" />}
      {state.status === 'error' && <ErrorBox error={state.error} />}
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
                {kindLabel(g.kind)} <span className="muted">（{g.orgs.length}）</span>
              </h2>
              <ul className="org-list">
                {g.orgs.map((o) => (
                  <li key={o.name}>
                    <details>
                      <summary>
                        <span className="org-name">
                          {o.name}
                          {o.aliases && o.aliases.length > 0 && (
                            <small className="muted">（又称 {o.aliases.join('、')}）</small>
                          )}
                        </span>
                        <span className="muted">{o.mentions.length} 处提及</span>
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
