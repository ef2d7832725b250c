// One official document (公文): metadata card, the notice in 公文 layout (版头, 标题, 主送机关, 正文,
// 附件说明, 落款, 附注), its attachments with their clause trees, and the editorial findings (审校发现).
// URL #eId scrolls to the clause and highlights it.
import { type CSSProperties, useEffect, useMemo } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useAuth } from '../access/auth.tsx';
import type { AttachmentDto, Clause, DocumentDetail, FindingDto } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { useCopy } from '../app/clipboard.tsx';
import {
  DISCLOSURE_LABELS,
  DisclosureBadge,
  ErrorBox,
  formatDate,
  formatInstant,
  Loading,
  useTitle,
} from '../app/common.tsx';
import { ClauseList, TreeContext, type TreeContextValue } from './ClauseTree.tsx';
import { attachmentCitation, withDocNumber } from './citation.ts';

const SEVERITY_LABELS: Record<FindingDto['severity'], string> = { error: '错误', warning: '提示', info: '说明' };

/** The attachment that an item of the notice's 附件 list refers to (by title), if any. */
function attachmentFor(item: string, attachments: AttachmentDto[]): AttachmentDto | undefined {
  const norm = (s: string) => s.replace(/[\s《》“”"]/g, '');
  const n = norm(item);
  return (
    attachments.find((a) => norm(a.title) === n) ??
    attachments.find((a) => n.includes(norm(a.title)) || norm(a.title).includes(n))
  );
}

/** Headings of the first level, for the outline beside the document. */
function outlineOf(clauses: Clause[]): Clause[] {
  return clauses.filter(
    (c) => c.heading !== null && c.kind !== 'paragraph' && c.kind !== 'table' && c.text.trim() === c.heading.trim(),
  );
}

function useHashTarget(ready: boolean): void {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready) return;
    const id = decodeURIComponent(hash.replace(/^#/, ''));
    for (const el of document.querySelectorAll('.is-target')) el.classList.remove('is-target');
    if (!id) return;
    const el = document.getElementById(id);
    if (!el) return;
    el.classList.add('is-target');
    el.setAttribute('tabindex', '-1');
    el.scrollIntoView({ block: 'start' });
    el.focus({ preventScroll: true });
    // Attachments far from the viewport are laid out lazily (content-visibility): once the ones near the
    // target have their real height, align the target again, unless the reader has scrolled meanwhile.
    const y = window.scrollY;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        if (Math.abs(window.scrollY - y) < 2) el.scrollIntoView({ block: 'start' });
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [hash, ready]);
}

/** What the caller receives of a 部分公开 or 不公开 document, in words. */
function DisclosureNote({ doc }: { doc: DocumentDetail }) {
  const marks = doc.restrictedEIds?.length ?? 0;
  if (doc.publicPart) {
    return (
      <p className="partial-note" data-testid="partial-note">
        {doc.publicNote ?? '此件部分公开：这里只呈现公开发布的部分，不公开的内容不予提供。'}
      </p>
    );
  }
  if (doc.disclosure === 'partial') {
    return (
      <p className="partial-note" data-testid="partial-note">
        此件部分公开。您的账户可查阅全文{marks > 0 ? `，其中 ${marks} 处标为“不公开”的内容公众看不到` : ''}。
      </p>
    );
  }
  if (doc.disclosure === 'restricted') {
    return (
      <p className="partial-note restricted-note" data-testid="restricted-note">
        此件不公开发布，仅登录的工作人员可以查阅（管理员、领导、单位联络员）；公众看不到此件。
      </p>
    );
  }
  if (marks > 0) {
    return <p className="partial-note">其中 {marks} 处内容标为“不公开”，公众看不到。</p>;
  }
  return null;
}

function MetaCard({ doc, issueLabel }: { doc: DocumentDetail; issueLabel: string | null }) {
  const copy = useCopy();
  return (
    <aside className="meta-card" aria-label="文件信息">
      <dl>
        <div>
          <dt>发文字号</dt>
          <dd data-testid="doc-number">{doc.docNumber}</dd>
        </div>
        <div>
          <dt>发文机关</dt>
          <dd>{doc.issuer}</dd>
        </div>
        <div>
          <dt>成文日期</dt>
          <dd>{formatDate(doc.signedOn)}</dd>
        </div>
        <div>
          <dt>主送机关</dt>
          <dd>{doc.addressees.length ? doc.addressees.join('、') : '—'}</dd>
        </div>
        <div>
          <dt>公开属性</dt>
          <dd>
            <DisclosureBadge value={doc.disclosure} />
            <DisclosureNote doc={doc} />
          </dd>
        </div>
        {doc.version !== undefined && doc.version > 1 && (
          <div>
            <dt>版本</dt>
            <dd>
              第 {doc.version} 版{doc.updatedAt ? `（${formatInstant(doc.updatedAt)} 更新）` : ''}
            </dd>
          </div>
        )}
        {doc.type && (
          <div>
            <dt>文种</dt>
            <dd>{doc.type}</dd>
          </div>
        )}
        {issueLabel && doc.issueId && (
          <div>
            <dt>刊载</dt>
            <dd>
              <Link to={`/issues/${encodeURIComponent(doc.issueId)}`}>{issueLabel}</Link>
              {doc.tocPage ? `，第 ${doc.tocPage} 页` : ''}
            </dd>
          </div>
        )}
        <div>
          <dt>附件</dt>
          <dd>
            {doc.attachments.length === 0 ? (
              '无'
            ) : (
              <ul className="att-list">
                {doc.attachments.map((a) => {
                  const cite = withDocNumber(attachmentCitation(a, doc), doc.docNumber);
                  return (
                    <li key={a.eId}>
                      <a href={`#${a.eId}`}>
                        {a.label && <span className="att-label">{a.label}</span>}
                        {a.title}
                      </a>
                      <button
                        type="button"
                        className="copy-btn copy-btn-visible"
                        onClick={() => copy(cite)}
                        aria-label={`复制引用：${cite}`}
                        title={cite}
                      >
                        复制引用
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </dd>
        </div>
      </dl>
    </aside>
  );
}

function Findings({ findings }: { findings: FindingDto[] }) {
  return (
    <section className="findings" aria-labelledby="findings-title">
      <h2 id="findings-title">审校发现</h2>
      {findings.length === 0 ? (
        <p className="muted">未发现本文件的编校问题。</p>
      ) : (
        <ul>
          {findings.map((f, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: findings are listed in source order and never reordered
            <li key={i} className={`finding finding-${f.severity}`}>
              <span className={`sev sev-${f.severity}`}>{SEVERITY_LABELS[f.severity] ?? f.severity}</span>
              <span>{f.message}</span>
              {f.eId ? (
                <a href={`#${f.eId}`} className="muted">
                  定位
                </a>
              ) : f.line ? (
                <span className="muted">（原文第 {f.line} 行）</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AttachmentSection({ att, doc }: { att: AttachmentDto; doc: DocumentDetail }) {
  const copy = useCopy();
  const cite = withDocNumber(attachmentCitation(att, doc), doc.docNumber);
  return (
    <section id={att.eId} className={`attachment attachment-${att.role}`} aria-labelledby={`${att.eId}-title`}>
      {att.label && <p className="att-label-print">{att.label}</p>}
      <div className="att-head">
        <h2 id={`${att.eId}-title`} className="att-title">
          {att.title}
        </h2>
        {att.restricted && <span className="badge badge-restricted">不公开</span>}
        <button
          type="button"
          className="copy-btn"
          onClick={() => copy(cite)}
          aria-label={`复制引用：${cite}`}
          title={cite}
        >
          复制引用
        </button>
      </div>
      {att.clauses.length === 0 ? (
        <p className="muted no-print">（此附件在公报中为图表，未能转为文字。）</p>
      ) : (
        <ClauseList clauses={att.clauses} depth={0} />
      )}
    </section>
  );
}

export function DocumentPage() {
  const { id = '' } = useParams();
  const { revision } = useAuth();
  const copy = useCopy();
  const state = useApi<{ document: DocumentDetail }>(`/api/documents/${encodeURIComponent(id)}`, revision);
  const doc = state.status === 'ok' ? state.data.document : null;
  const issueState = useApi<{ issue: { title: string; year: number; number: number } }>(
    doc?.issueId ? `/api/issues/${encodeURIComponent(doc.issueId)}` : null,
    revision,
  );
  const issue = issueState.status === 'ok' ? issueState.data.issue : null;
  const issueLabel = issue ? `${issue.year}年第${issue.number}期` : null;
  useTitle(doc ? doc.title : state.status === 'error' ? '未找到' : null);
  useHashTarget(doc !== null);
  useEffect(() => {
    // A performance mark once the document is in the DOM (measured by the browser tests).
    if (doc) performance.mark('luoshi:document-rendered', { detail: doc.id });
  }, [doc]);

  const tree = useMemo<TreeContextValue>(
    () => ({
      docNumber: doc?.docNumber ?? '',
      copy: (t) => void copy(t),
      restricted: new Set(doc?.restrictedEIds ?? []),
    }),
    [doc, copy],
  );

  if (state.status === 'loading') return <Loading what="文件" />;
  if (state.status === 'error') return <ErrorBox error={state.error} />;
  if (!doc) return null;

  // The 附注 as printed; a restricted document prints none (that is what makes it restricted).
  const note =
    doc.disclosureNote ?? (doc.disclosure === 'restricted' ? null : `（此件${DISCLOSURE_LABELS[doc.disclosure]}）`);

  return (
    <div className="page document-page">
      <nav aria-label="位置" className="breadcrumb">
        <Link to="/">公报</Link>
        {doc.issueId && (
          <>
            {' › '}
            <Link to={`/issues/${encodeURIComponent(doc.issueId)}`}>{issueLabel ?? '本期'}</Link>
          </>
        )}
        {' › '}
        {doc.docNumber}
      </nav>
      <div className="doc-layout">
        <nav className="doc-outline" aria-label="文件目录">
          <h2>本文目录</h2>
          <ol>
            <li>
              <a href="#doc-body">通知正文</a>
            </li>
            {doc.attachments.map((a) => (
              <li key={a.eId}>
                <a href={`#${a.eId}`}>
                  {a.label ? `${a.label}　` : ''}
                  {a.title}
                </a>
                {a.role === 'plan' && outlineOf(a.clauses).length > 0 && (
                  <ol>
                    {outlineOf(a.clauses).map((c) => (
                      <li key={c.eId}>
                        <a href={`#${c.eId}`}>
                          {c.num ? `${c.num}${/[0-9]$/.test(c.num) ? ' ' : ''}` : ''}
                          {c.heading}
                        </a>
                      </li>
                    ))}
                  </ol>
                )}
              </li>
            ))}
            <li>
              <a href="#findings-title">审校发现（{doc.findings.length}）</a>
            </li>
          </ol>
        </nav>
        <div className="doc-main">
          <MetaCard doc={doc} issueLabel={issueLabel} />
          {doc.disclosure !== 'public' && (
            <p className={`disclosure-banner banner-${doc.disclosure}`} role="note">
              <DisclosureBadge value={doc.disclosure} />
              {doc.disclosure === 'partial'
                ? doc.publicPart
                  ? '此件部分公开：以下只呈现公开发布的部分。'
                  : '此件部分公开：以下为全文，含不对公众公开的内容。'
                : '此件不公开发布：以下内容仅限管理员和领导查阅，请勿外传。'}
            </p>
          )}
          <TreeContext.Provider value={tree}>
            <article className="gongwen" aria-labelledby="doc-title" data-testid="document">
              <header className="redhead">
                <p className="redhead-issuer" style={{ '--chars': doc.issuer.length + 2 } as CSSProperties}>
                  {doc.issuer}文件
                </p>
                <p className="redhead-number">{doc.docNumber}</p>
                <hr className="redhead-line" />
              </header>
              <h1 id="doc-title" className="doc-title">
                {doc.title}
              </h1>
              <div id="doc-body" className="notice-body">
                {doc.addressees.length > 0 && <p className="addressees">{doc.addressees.join('，')}：</p>}
                <ClauseList clauses={doc.body} depth={0} />
                {doc.attachmentList.length > 0 && (
                  <div className="att-note">
                    <span className="att-note-label">附件：</span>
                    <ol>
                      {doc.attachmentList.map((item, i) => {
                        const att = attachmentFor(item, doc.attachments);
                        return (
                          // biome-ignore lint/suspicious/noArrayIndexKey: the list is printed in this order
                          <li key={i}>
                            {doc.attachmentList.length > 1 && `${i + 1}. `}
                            {att ? <a href={`#${att.eId}`}>{item}</a> : item}
                          </li>
                        );
                      })}
                    </ol>
                  </div>
                )}
                <div className="signature">
                  <p>{doc.issuer}</p>
                  <p>{formatDate(doc.signedOn)}</p>
                </div>
                {note && <p className="disclosure-note">{note}</p>}
              </div>
              {doc.attachments.map((a) => (
                <AttachmentSection key={a.eId} att={a} doc={doc} />
              ))}
            </article>
          </TreeContext.Provider>
          <Findings findings={doc.findings} />
        </div>
      </div>
    </div>
  );
}
