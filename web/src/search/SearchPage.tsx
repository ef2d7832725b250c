// Full-text search (/search?q=…&issuer=&year=&type=&disclosure=&page=). The URL holds the state, so a
// search can be bookmarked and shared; results link to the clause (/documents/:id#eId).
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../access/auth.tsx';
import { query } from '../api/client.ts';
import type { DocumentSummary, SearchResponse } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { DISCLOSURE_LABELS, DisclosureBadge, ErrorBox, Loading, useTitle } from '../app/common.tsx';
import { Snippet } from './Snippet.tsx';

const PAGE_SIZE = 20;

const KIND_LABELS: Record<string, string> = {
  chapter: '章',
  section: '节',
  article: '条',
  level1: '一级标题',
  level2: '二级标题',
  level3: '三级标题',
  level4: '四级标题',
  dotted: '条目',
  heading: '标题',
  paragraph: '段落',
  table: '表格',
  title: '标题',
  document: '文件',
};

function distinct(values: (string | number | null | undefined)[]): string[] {
  return [
    ...new Set(values.filter((v): v is string | number => v !== null && v !== undefined && v !== '').map(String)),
  ].sort();
}

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const { revision } = useAuth();
  const q = params.get('q') ?? '';
  const issuer = params.get('issuer') ?? '';
  const year = params.get('year') ?? '';
  const type = params.get('type') ?? '';
  const disclosure = params.get('disclosure') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  useTitle(q ? `检索：${q}` : '全文检索');

  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!q) inputRef.current?.focus();
  }, [q]);

  const docs = useApi<{ documents: DocumentSummary[] }>('/api/documents', revision);
  const options = useMemo(() => {
    const list = docs.status === 'ok' ? docs.data.documents : [];
    return {
      issuers: distinct(list.map((d) => d.issuer)),
      years: distinct(list.map((d) => d.signedOn?.slice(0, 4))).reverse(),
      types: distinct(list.map((d) => d.type)),
    };
  }, [docs]);

  const path = q.trim()
    ? `/api/search${query({ q: q.trim(), issuer, year, type, disclosure, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })}`
    : null;
  const results = useApi<SearchResponse>(path, revision);

  const update = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    update({ q: draft.trim() });
  };

  const total = results.status === 'ok' ? results.data.total : 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <div className="page search-page">
      <h1 className="page-title">全文检索</h1>
      <search className="search-form" aria-label="检索公报全文">
        <form onSubmit={onSubmit}>
          <div className="search-row">
            <label htmlFor="q" className="visually-hidden">
              关键词
            </label>
            <input
              id="q"
              ref={inputRef}
              type="search"
              name="q"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              placeholder="输入关键词，如：停电、领导小组、襄政办发〔2023〕15号"
              autoComplete="off"
            />
            <button type="submit" className="button">
              检索
            </button>
          </div>
          <fieldset className="filters">
            <legend className="visually-hidden">筛选条件</legend>
            <label>
              发文机关
              <select value={issuer} onChange={(e) => update({ issuer: e.target.value })}>
                <option value="">全部</option>
                {options.issuers.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
            <label>
              年份
              <select value={year} onChange={(e) => update({ year: e.target.value })}>
                <option value="">全部</option>
                {options.years.map((v) => (
                  <option key={v} value={v}>
                    {v}年
                  </option>
                ))}
              </select>
            </label>
            <label>
              类型
              <select value={type} onChange={(e) => update({ type: e.target.value })}>
                <option value="">全部</option>
                {options.types.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
            <label>
              公开属性
              <select value={disclosure} onChange={(e) => update({ disclosure: e.target.value })}>
                <option value="">全部</option>
                {(['public', 'partial', 'restricted'] as const).map((v) => (
                  <option key={v} value={v}>
                    {DISCLOSURE_LABELS[v]}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
        </form>
      </search>

      {!path && <p className="empty">输入关键词检索全部公报的条款、表格与标题。两个字的词（如“停电”）也可以检索。</p>}
      {path && results.status === 'loading' && <Loading what="检索结果" />}
      {path && results.status === 'error' && <ErrorBox error={results.error} />}
      {path && results.status === 'ok' && (
        <section aria-labelledby="result-count">
          <p id="result-count" className="result-count" aria-live="polite">
            {total === 0
              ? `没有找到与“${q}”相关的内容。`
              : `共找到${results.data.totalExact === false ? '至少' : ''} ${total} 条与“${q}”相关的结果`}
            {total > PAGE_SIZE && `，第 ${page}/${pages} 页`}
          </p>
          <ol className="hits" start={(page - 1) * PAGE_SIZE + 1}>
            {results.data.hits.map((h, i) => {
              const href = `/documents/${encodeURIComponent(h.documentId)}${h.eId ? `#${encodeURIComponent(h.eId)}` : ''}`;
              return (
                <li key={`${h.documentId}-${h.eId ?? i}`} className="hit">
                  <Link to={href} className="hit-link">
                    <span className="hit-title">{h.citation ?? h.title}</span>
                  </Link>
                  <p className="hit-snippet">
                    <Snippet html={h.snippet} />
                  </p>
                  <p className="hit-meta">
                    <span>{h.docNumber}</span>
                    <span className="hit-doc">{h.title}</span>
                    {h.kind && <span className="tag">{KIND_LABELS[h.kind] ?? h.kind}</span>}
                    {h.disclosure !== 'public' && <DisclosureBadge value={h.disclosure} />}
                  </p>
                </li>
              );
            })}
          </ol>
          {pages > 1 && (
            <nav className="pager" aria-label="分页">
              <button
                type="button"
                className="button button-quiet"
                disabled={page <= 1}
                onClick={() => update({ page: String(page - 1) })}
              >
                上一页
              </button>
              <span>
                第 {page} / {pages} 页
              </span>
              <button
                type="button"
                className="button button-quiet"
                disabled={page >= pages}
                onClick={() => update({ page: String(page + 1) })}
              >
                下一页
              </button>
            </nav>
          )}
        </section>
      )}
    </div>
  );
}
