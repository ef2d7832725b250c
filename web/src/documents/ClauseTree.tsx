// The clause tree of a notice body or an attachment. Every clause carries id=eId (anchor target,
// highlighted when the URL's #eId points at it), a heading by level, and a “复制引用” button.
// Nodes are memoised and do no per-render work beyond JSX, so the 300-point table renders fast.
import { createContext, type JSX, memo, useContext } from 'react';
import type { Clause } from '../api/types.ts';
import { withDocNumber } from './citation.ts';
import { TableView } from './TableView.tsx';

export interface TreeContextValue {
  docNumber: string;
  copy(text: string): void;
  restricted: ReadonlySet<string>;
}

export const TreeContext = createContext<TreeContextValue>({ docNumber: '', copy: () => {}, restricted: new Set() });

const SENTENCE_END = /[。；;，,：:！!？?]$/;

const HEADING_KINDS = new Set([
  'chapter',
  'section',
  'article',
  'level1',
  'level2',
  'level3',
  'level4',
  'dotted',
  'heading',
]);

function CopyButton({ citation }: { citation: string }) {
  const { docNumber, copy } = useContext(TreeContext);
  const text = withDocNumber(citation, docNumber);
  return (
    <button type="button" className="copy-btn" onClick={() => copy(text)} aria-label={`复制引用：${text}`} title={text}>
      复制引用
    </button>
  );
}

function RestrictedMark({ eId }: { eId: string }) {
  const { restricted } = useContext(TreeContext);
  return restricted.has(eId) ? <span className="badge badge-restricted">不公开</span> : null;
}

/** Text of a run-in heading clause (“（1）组织会商研判。县指挥部…”): heading in bold, then the rest. */
function RunIn({ clause }: { clause: Clause }) {
  const h = clause.heading ?? '';
  const rest = clause.text.slice(h.length);
  return (
    <>
      {clause.num && <span className="clause-num">{clause.num}</span>}
      <strong className="runin">{h}</strong>
      {rest}
    </>
  );
}

export const ClauseNode = memo(function ClauseNode({ clause, depth }: { clause: Clause; depth: number }) {
  const kind = clause.kind;
  if (kind === 'table' && clause.table) {
    const t = clause.table;
    return (
      <figure id={clause.eId} className="clause clause-table" data-kind="table">
        <figcaption>
          <span className="table-title">{t.title ?? clause.heading ?? '表'}</span>
          {t.fragments > 1 && (
            <span className="fragments" title={`原公报中此表跨 ${t.fragments} 页印刷，已合并`}>
              跨{t.fragments}页合并
            </span>
          )}
          <RestrictedMark eId={clause.eId} />
          <CopyButton citation={clause.citation} />
        </figcaption>
        <TableView table={t} />
        {clause.children.length > 0 && <ClauseList clauses={clause.children} depth={depth + 1} />}
      </figure>
    );
  }

  const heading = clause.heading;
  // A heading line (“（一）指导思想”), not a short numbered sentence (“（3）造成…的隐患基本消除；”).
  const titleOnly =
    heading !== null &&
    HEADING_KINDS.has(kind) &&
    clause.text.trim() === heading.trim() &&
    !SENTENCE_END.test(heading.trim());
  if (titleOnly) {
    const Tag = `h${Math.min(3 + depth, 6)}` as keyof JSX.IntrinsicElements;
    return (
      <section id={clause.eId} className={`clause clause-${kind} depth-${Math.min(depth, 4)}`} data-kind={kind}>
        <div className="clause-head">
          <Tag className={`ch ch-${kind}`}>
            {clause.num && <span className="clause-num">{clause.num}</span>}
            {heading}
          </Tag>
          <RestrictedMark eId={clause.eId} />
          <CopyButton citation={clause.citation} />
        </div>
        {clause.children.length > 0 && <ClauseList clauses={clause.children} depth={depth + 1} />}
      </section>
    );
  }

  const runIn = heading !== null && clause.text.startsWith(heading);
  return (
    <div id={clause.eId} className={`clause clause-${kind}`} data-kind={kind}>
      <p className={kind === 'paragraph' ? 'para' : `para para-${kind}`}>
        {runIn ? (
          <RunIn clause={clause} />
        ) : (
          <>
            {clause.num && <span className="clause-num">{clause.num}</span>}
            {clause.text}
          </>
        )}
        <RestrictedMark eId={clause.eId} />
        <CopyButton citation={clause.citation} />
      </p>
      {clause.children.length > 0 && <ClauseList clauses={clause.children} depth={depth + 1} />}
    </div>
  );
});

export const ClauseList = memo(function ClauseList({ clauses, depth }: { clauses: Clause[]; depth: number }) {
  return (
    <>
      {clauses.map((c) => (
        <ClauseNode key={c.eId} clause={c} depth={depth} />
      ))}
    </>
  );
});
