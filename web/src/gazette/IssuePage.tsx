// One issue of the gazette: its cover data (期号, 出版日期, 主办, 编辑出版, 编辑委员会) and its table of
// contents with page numbers, each entry linking to its document.
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../access/auth.tsx';
import type { EditorialRoleDto, IssueDetail, IssueTocEntry } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorBox, formatDate, Loading, useTitle } from '../app/common.tsx';

/** Lines of the masthead that are contact or printing data rather than members of the board. */
const CONTACT_ROLES = new Set(['邮编', '电话', '网址', '印刷', '地址', '传真', '邮箱', '电子邮箱']);

function groupBySection(toc: IssueTocEntry[]): { section: string | null; entries: IssueTocEntry[] }[] {
  const groups: { section: string | null; entries: IssueTocEntry[] }[] = [];
  for (const e of toc) {
    const last = groups[groups.length - 1];
    if (last && last.section === e.section) last.entries.push(e);
    else groups.push({ section: e.section, entries: [e] });
  }
  return groups;
}

function Board({ roles }: { roles: EditorialRoleDto[] }) {
  const board = roles.filter((r) => !CONTACT_ROLES.has(r.role));
  const contact = roles.filter((r) => CONTACT_ROLES.has(r.role));
  return (
    <>
      {board.length > 0 && (
        <div className="cover-block">
          <h3>编辑委员会</h3>
          <dl className="board">
            {board.map((r) => (
              <div key={r.role}>
                <dt>{r.role}</dt>
                <dd>{r.names.join('　')}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
      {contact.length > 0 && (
        <div className="cover-block">
          <h3>联系与印刷</h3>
          <dl className="board">
            {contact.map((r) => (
              <div key={r.role}>
                <dt>{r.role}</dt>
                <dd>{r.names.join('　')}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </>
  );
}

export function IssuePage() {
  const { id = '' } = useParams();
  const { revision } = useAuth();
  const state = useApi<{ issue: IssueDetail }>(`/api/issues/${encodeURIComponent(id)}`, revision);
  const issue = state.status === 'ok' ? state.data.issue : null;
  useTitle(issue ? `${issue.title} ${issue.year}年第${issue.number}期` : null);

  if (state.status === 'loading') return <Loading what="公报" />;
  if (state.status === 'error') return <ErrorBox error={state.error} />;
  if (!issue) return null;

  return (
    <div className="page issue-page">
      <nav aria-label="位置" className="breadcrumb">
        <Link to="/">公报</Link> › {issue.year}年第{issue.number}期
      </nav>
      <section className="cover" aria-labelledby="cover-title">
        <h1 id="cover-title" className="cover-title">
          {issue.title}
        </h1>
        <p className="cover-number">
          <span>{issue.year}年</span>
          <span>第{issue.number}期</span>
        </p>
        <dl className="cover-facts">
          <div>
            <dt>期号</dt>
            <dd>
              {issue.year}年第{issue.number}期
            </dd>
          </div>
          <div>
            <dt>出版日期</dt>
            <dd>{formatDate(issue.publishedOn)}</dd>
          </div>
          <div>
            <dt>主办</dt>
            <dd>{issue.publisher ?? '—'}</dd>
          </div>
          <div>
            <dt>编辑出版</dt>
            <dd>{issue.editor ?? '—'}</dd>
          </div>
        </dl>
        <Board roles={issue.editorialBoard ?? []} />
        {issue.notes && issue.notes.length > 0 && (
          <div className="cover-block">
            <h3>说明</h3>
            {issue.notes.map((n) => (
              <p key={n} className="cover-note">
                {n}
              </p>
            ))}
          </div>
        )}
        {issue.findingCount !== undefined && issue.findingCount > 0 && (
          <p className="cover-findings muted">本期审校发现 {issue.findingCount} 处，见各文件页末。</p>
        )}
      </section>

      <section className="toc" aria-labelledby="toc-title">
        <h2 id="toc-title">目　录</h2>
        {issue.toc.length === 0 && <p className="empty">本期目录为空。</p>}
        {groupBySection(issue.toc).map((g, gi) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: sections are positional (a section name may repeat)
          <div className="toc-section" key={`${g.section ?? ''}-${gi}`}>
            {g.section && <h3>{g.section}</h3>}
            <ol className="toc-list">
              {g.entries.map((e) => (
                <li key={`${e.page}-${e.title}`} className="toc-entry">
                  <span className="toc-text">
                    {e.documentId ? (
                      <Link to={`/documents/${encodeURIComponent(e.documentId)}`} className="toc-link">
                        {e.title}
                      </Link>
                    ) : (
                      <span className="toc-link toc-unlinked" title="该文件未收录或您无权查看">
                        {e.title}
                      </span>
                    )}
                    <span className="toc-issuer">{e.issuer}</span>
                  </span>
                  <span className="toc-leader" aria-hidden="true" />
                  <span className="toc-page">
                    <span className="visually-hidden">第</span>
                    {e.page}
                    <span className="visually-hidden">页</span>
                  </span>
                </li>
              ))}
            </ol>
          </div>
        ))}
      </section>
    </div>
  );
}
