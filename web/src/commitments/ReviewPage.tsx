// 审核: records extracted from the gazette (tasks, targets, groups, phases, projects), each beside its source
// clause. Administrators (县政府办) confirm, correct or reject them (POST /api/commitments/:id/review);
// leaders and liaisons read. Filters and the selected record live in the URL (?kind=&status=&id=).
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../access/auth.tsx';
import { ApiError, api, query } from '../api/client.ts';
import type { Clause, Disclosure, Table } from '../api/types.ts';
import { type ApiState, useApi } from '../api/useApi.ts';
import { ErrorBox, Loading, useTitle } from '../app/common.tsx';
import { TableView } from '../documents/TableView.tsx';
import { TaskCategoryPicker } from '../supervision/TaskCategories.tsx';

type Kind = 'task' | 'target' | 'group' | 'phase' | 'project';
type Status = 'pending' | 'confirmed' | 'corrected' | 'rejected';
type Rec = Record<string, unknown>;

interface Commitment {
  id: number;
  kind: Kind;
  documentId: number;
  docNumber: string;
  documentTitle: string;
  disclosure: Disclosure;
  eId: string;
  citation: string;
  line: number;
  data: Rec;
  corrected: Rec | null;
  effective: Rec;
  status: Status;
  note: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  version: number;
  extractedAt: string;
  goneAt: string | null;
}

interface SourceClause {
  eId: string;
  citation: string;
  num: string | null;
  heading: string | null;
  text: string;
  table: Table | null;
  line: number;
  children: Clause[];
}

const KIND_LABELS: Record<Kind, string> = {
  task: '任务',
  target: '指标',
  group: '领导小组',
  phase: '阶段',
  project: '项目',
};
const STATUS_LABELS: Record<Status, string> = {
  pending: '待审核',
  confirmed: '已确认',
  corrected: '已更正',
  rejected: '已驳回',
};
const OP_LABELS: Record<string, string> = {
  '>=': '≥（不低于）',
  '>': '>（高于）',
  '<=': '≤（不高于）',
  '<': '<（低于）',
  '=': '=（达到）',
  '~': '≈（左右）',
  increase: '提高',
  decrease: '降低',
};
const ATTRIBUTE_LABELS: Record<string, string> = { binding: '约束性', expected: '预期性' };
const DIRECTION_LABELS: Record<string, string> = { higher: '越高越好', lower: '越低越好' };

type FieldType = 'text' | 'list' | 'date' | 'number' | 'int' | 'select';

interface FieldSpec {
  /** Path in the contract shape: 'lead' or 'target.op'. */
  path: string;
  label: string;
  type: FieldType;
  options?: Record<string, string>;
  /** The value may be empty (null). */
  nullable?: boolean;
}

/** The reviewed fields of each kind (the server's CORRECTION_SCHEMAS). */
const FIELDS: Record<Kind, FieldSpec[]> = {
  task: [
    { path: 'title', label: '任务名称', type: 'text' },
    { path: 'lead', label: '牵头单位', type: 'list' },
    { path: 'support', label: '配合单位', type: 'list' },
    { path: 'due', label: '完成时限', type: 'date', nullable: true },
  ],
  target: [
    { path: 'name', label: '指标名称', type: 'text' },
    { path: 'unit', label: '计量单位', type: 'text', nullable: true },
    { path: 'target.op', label: '比较方式', type: 'select', options: OP_LABELS },
    { path: 'target.value', label: '目标值', type: 'number', nullable: true },
    { path: 'target.year', label: '目标年份', type: 'int', nullable: true },
    { path: 'attribute', label: '指标属性', type: 'select', options: ATTRIBUTE_LABELS, nullable: true },
    { path: 'direction', label: '方向', type: 'select', options: DIRECTION_LABELS, nullable: true },
  ],
  group: [
    { path: 'name', label: '名称', type: 'text' },
    { path: 'leader', label: '组长', type: 'text', nullable: true },
    { path: 'deputies', label: '副组长', type: 'list' },
    { path: 'members', label: '成员单位', type: 'list' },
  ],
  phase: [
    { path: 'name', label: '阶段名称', type: 'text' },
    { path: 'start', label: '开始日期', type: 'date', nullable: true },
    { path: 'end', label: '结束日期', type: 'date', nullable: true },
  ],
  project: [
    { path: 'name', label: '项目名称', type: 'text' },
    { path: 'owner', label: '责任单位', type: 'text', nullable: true },
    { path: 'fundingWan', label: '投资（万元）', type: 'number', nullable: true },
    { path: 'years', label: '建设年限', type: 'int', nullable: true },
  ],
};

function getPath(r: Rec, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Rec)[k] : undefined), r);
}

function show(spec: FieldSpec, v: unknown): string {
  if (v === null || v === undefined || v === '') return '（无）';
  if (Array.isArray(v)) return v.length ? v.join('、') : '（无）';
  if (spec.options) return spec.options[String(v)] ?? String(v);
  return String(v);
}

/** The record's name as listed. */
function titleOf(c: Commitment): string {
  const e = c.effective;
  return String(e.title ?? e.name ?? '（未命名）');
}

/** Form text of a field. */
function toInput(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join('、');
  return String(v);
}

/** Form text back to the contract value; throws a Chinese message naming the field. */
function fromInput(spec: FieldSpec, s: string): unknown {
  const t = s.trim();
  if (spec.type === 'list') {
    return t
      .split(/[、，,；;\n]+/)
      .map((x) => x.trim())
      .filter(Boolean);
  }
  if (t === '') {
    if (spec.nullable) return null;
    if (spec.type === 'text') return '';
  }
  if (spec.type === 'number' || spec.type === 'int') {
    const n = Number(t);
    if (!Number.isFinite(n) || (spec.type === 'int' && !Number.isInteger(n))) {
      throw new Error(`“${spec.label}”应为${spec.type === 'int' ? '整数' : '数值'}`);
    }
    return n;
  }
  return t;
}

/** Build the `corrected` object (contract shape, nested for target.*) from the form. */
function buildCorrection(kind: Kind, base: Rec, values: Record<string, string>): Rec {
  const out: Rec = {};
  for (const spec of FIELDS[kind]) {
    const v = fromInput(spec, values[spec.path] ?? '');
    const [head, sub] = spec.path.split('.') as [string, string | undefined];
    if (sub) {
      const nested = (out[head] as Rec | undefined) ?? { ...((base[head] as Rec | undefined) ?? {}) };
      nested[sub] = v;
      out[head] = nested;
    } else {
      out[head] = v;
    }
  }
  return out;
}

function clauseText(c: Clause | SourceClause, depth = 0): string[] {
  // the text usually starts with the heading (主要目标。…): print the number, and the heading only when missing
  const heading = c.heading && !c.text.startsWith(c.heading) ? c.heading : '';
  const lines = [[c.num, heading, c.text].filter(Boolean).join(' ')];
  if (depth < 3) for (const ch of c.children) lines.push(...clauseText(ch, depth + 1));
  return lines.filter(Boolean);
}

/** The last successful answer of a path, kept while it is fetched again (a review refreshes list and record). */
function useSticky<T>(state: ApiState<T>): T | null {
  const [last, setLast] = useState<T | null>(null);
  useEffect(() => {
    if (state.status === 'ok') setLast(state.data);
  }, [state]);
  return state.status === 'ok' ? state.data : last;
}

function StatusBadge({ status }: { status: Status }) {
  return (
    <span className={`badge review-status review-${status}`} data-status={status}>
      {STATUS_LABELS[status]}
    </span>
  );
}

export function ReviewPage() {
  useTitle('审核');
  const { user, revision } = useAuth();
  const [params, setParams] = useSearchParams();
  const kind = (params.get('kind') ?? '') as Kind | '';
  const status = (params.get('status') ?? '') as Status | '';
  const selected = Number(params.get('id') ?? '') || null;
  const [listRevision, setListRevision] = useState(0);
  const list = useApi<{ commitments: Commitment[] }>(
    `/api/commitments${query({ kind, status })}`,
    revision * 1000 + listRevision,
  );
  const canReview = user?.role === 'admin';
  const shown = useSticky(list);

  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: k !== 'id' });
  };

  const counts = useMemo(() => {
    const m = new Map<Status, number>();
    if (shown) for (const c of shown.commitments) m.set(c.status, (m.get(c.status) ?? 0) + 1);
    return m;
  }, [shown]);

  return (
    <div className="page review-page">
      <h1 className="page-title">审核</h1>
      <p className="lead">
        从公报中提取的任务、指标、领导小组、阶段和项目，每条都附出处条款原文。
        {canReview
          ? '管理员（县政府办）可以确认、更正或驳回；更正与审核结论在重新导入公报后保留。'
          : '您可以查阅；审核由管理员（县政府办）进行。'}
      </p>
      <div className="filter-bar">
        <label htmlFor="review-kind">类别</label>
        <select id="review-kind" value={kind} onChange={(e) => set('kind', e.target.value)}>
          <option value="">全部</option>
          {(Object.keys(KIND_LABELS) as Kind[]).map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <label htmlFor="review-status">状态</label>
        <select id="review-status" value={status} onChange={(e) => set('status', e.target.value)}>
          <option value="">全部</option>
          {(Object.keys(STATUS_LABELS) as Status[]).map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        {shown && (
          <span className="muted" data-testid="review-count">
            共 {shown.commitments.length} 条
            {[...counts.entries()].map(([s, n]) => `　${STATUS_LABELS[s]} ${n}`).join('')}
          </span>
        )}
      </div>
      {list.status === 'loading' && !shown && <Loading what="提取记录" />}
      {list.status === 'error' && <ErrorBox error={list.error} />}
      {list.status !== 'error' && shown && (
        <div
          style={{ display: 'grid', gridTemplateColumns: 'minmax(16rem, 1fr) 2fr', gap: '1rem', alignItems: 'start' }}
        >
          <ul
            className="review-list"
            data-testid="review-list"
            style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: '75vh', overflowY: 'auto' }}
          >
            {shown.commitments.length === 0 && <li className="empty">没有符合条件的记录。</li>}
            {shown.commitments.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className={`button-quiet review-item${c.id === selected ? ' selected' : ''}`}
                  aria-current={c.id === selected ? 'true' : undefined}
                  data-testid={`review-item-${c.id}`}
                  onClick={() => set('id', String(c.id))}
                  style={{
                    display: 'block',
                    width: '100%',
                    textAlign: 'left',
                    padding: '0.4rem 0.5rem',
                    border: 'none',
                    borderBottom: '1px solid #ddd',
                    background: c.id === selected ? '#fdf3e7' : 'transparent',
                    cursor: 'pointer',
                  }}
                >
                  <span className="muted">{KIND_LABELS[c.kind]}</span> <StatusBadge status={c.status} />
                  {c.goneAt && <span className="badge"> 已不再提取</span>}
                  <br />
                  <span className="review-item-title">{titleOf(c)}</span>
                  <br />
                  <small className="muted">{c.citation}</small>
                </button>
              </li>
            ))}
          </ul>
          <div>
            {selected === null ? (
              <p className="empty">从左侧选择一条记录，查看其字段与出处条款。</p>
            ) : (
              <ReviewDetail
                key={selected}
                id={selected}
                canReview={canReview}
                revision={revision}
                onReviewed={() => setListRevision((n) => n + 1)}
              />
            )}
          </div>
        </div>
      )}
    </div>
  );
}

type Mode = 'view' | 'correct' | 'reject';

function ReviewDetail(props: { id: number; canReview: boolean; revision: number; onReviewed: () => void }) {
  const [reload, setReload] = useState(0);
  const state = useApi<{ commitment: Commitment; clause: SourceClause | null }>(
    `/api/commitments/${props.id}`,
    props.revision * 1000 + reload,
  );
  const [mode, setMode] = useState<Mode>('view');
  const [values, setValues] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; conflict: boolean } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const sticky = useSticky(state);
  const c = sticky?.commitment ?? null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form when another version is loaded
  useEffect(() => {
    if (!c) return;
    setValues(Object.fromEntries(FIELDS[c.kind].map((f) => [f.path, toInput(getPath(c.effective, f.path))])));
    setNote(c.note ?? '');
  }, [c?.id, c?.version]);

  if (state.status === 'error') return <ErrorBox error={state.error} />;
  if (!sticky) return <Loading what="记录" />;
  const { commitment, clause } = sticky;
  const fields = FIELDS[commitment.kind];

  const submit = async (action: 'confirm' | 'correct' | 'reject', e?: FormEvent) => {
    e?.preventDefault();
    setError(null);
    setDone(null);
    let corrected: Rec | undefined;
    if (action === 'correct') {
      try {
        corrected = buildCorrection(commitment.kind, commitment.effective, values);
      } catch (err) {
        setError({ message: (err as Error).message, conflict: false });
        return;
      }
    }
    if (action === 'reject' && !note.trim()) {
      setError({ message: '驳回时必须填写理由。', conflict: false });
      return;
    }
    setBusy(true);
    try {
      await api(`/api/commitments/${commitment.id}/review`, {
        method: 'POST',
        body: { action, version: commitment.version, note: note.trim() || null, ...(corrected ? { corrected } : {}) },
      });
      setMode('view');
      setDone(action === 'confirm' ? '已确认。' : action === 'correct' ? '更正已保存。' : '已驳回。');
      setReload((n) => n + 1);
      props.onReviewed();
    } catch (err) {
      const apiError = err instanceof ApiError ? err : new ApiError(0, 'CLIENT', String(err));
      setError({ message: apiError.message, conflict: apiError.status === 409 });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="review-detail-title" data-testid="review-detail">
      <h2 id="review-detail-title">
        {KIND_LABELS[commitment.kind]}：{titleOf(commitment)} <StatusBadge status={commitment.status} />
      </h2>
      <p className="muted">
        {commitment.docNumber}《{commitment.documentTitle}》 · 第 {commitment.line} 行 · 第 {commitment.version} 版
        {commitment.reviewedAt && (
          <>
            {' '}
            · {commitment.reviewedBy} 于{' '}
            {new Date(commitment.reviewedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })} 审核
          </>
        )}
        {commitment.goneAt && <> · 重新导入后已不再从文件中提取（保留备查）</>}
      </p>
      {commitment.note && <p data-testid="review-note">审核说明：{commitment.note}</p>}
      {done && (
        <p role="status" className="notice" data-testid="review-done">
          {done}
        </p>
      )}
      {error && (
        <div className="error-box" role="alert" data-testid="review-error">
          <strong>{error.conflict ? '记录已被修改：' : '未能保存：'}</strong>
          {error.message}
          {error.conflict && (
            <>
              {' '}
              <button type="button" className="button button-small" onClick={() => setReload((n) => n + 1)}>
                刷新
              </button>
            </>
          )}
        </div>
      )}
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '1rem', alignItems: 'start' }}>
        <div>
          <h3>记录字段</h3>
          {mode === 'correct' ? (
            <form onSubmit={(e) => submit('correct', e)} data-testid="correct-form">
              {fields.map((f) => (
                <p key={f.path}>
                  <label htmlFor={`fld-${f.path}`}>
                    {f.label}
                    {f.type === 'list' && <small className="muted">（多个用“、”分隔）</small>}
                    {f.type === 'date' && <small className="muted">（YYYY-MM-DD，可留空）</small>}
                  </label>
                  <br />
                  {f.type === 'select' ? (
                    <select
                      id={`fld-${f.path}`}
                      value={values[f.path] ?? ''}
                      onChange={(e) => setValues({ ...values, [f.path]: e.target.value })}
                    >
                      {f.nullable && <option value="">（无）</option>}
                      {Object.entries(f.options ?? {}).map(([v, l]) => (
                        <option key={v} value={v}>
                          {l}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      id={`fld-${f.path}`}
                      name={f.path}
                      style={{ width: '100%' }}
                      value={values[f.path] ?? ''}
                      onChange={(e) => setValues({ ...values, [f.path]: e.target.value })}
                    />
                  )}
                </p>
              ))}
              <p>
                <label htmlFor="review-note-input">说明（可选）</label>
                <br />
                <input
                  id="review-note-input"
                  style={{ width: '100%' }}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                />
              </p>
              <button type="submit" className="button" disabled={busy}>
                保存更正
              </button>{' '}
              <button type="button" className="button button-quiet" onClick={() => setMode('view')}>
                取消
              </button>
            </form>
          ) : (
            <table className="doc-grid" data-testid="record-fields">
              <tbody>
                {fields.map((f) => {
                  const now = getPath(commitment.effective, f.path);
                  const extracted = getPath(commitment.data, f.path);
                  const changed = JSON.stringify(now) !== JSON.stringify(extracted);
                  return (
                    <tr key={f.path} data-field={f.path}>
                      <th scope="row" style={{ whiteSpace: 'nowrap' }}>
                        {f.label}
                      </th>
                      <td>
                        <span data-testid={`field-${f.path}`}>{show(f, now)}</span>
                        {changed && <small className="muted">（提取为：{show(f, extracted)}）</small>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {mode === 'reject' && (
            <form onSubmit={(e) => submit('reject', e)} data-testid="reject-form">
              <p>
                <label htmlFor="reject-reason">驳回理由（必填）</label>
                <br />
                <textarea
                  id="reject-reason"
                  required
                  rows={3}
                  style={{ width: '100%' }}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                />
              </p>
              <button type="submit" className="button" disabled={busy}>
                确定驳回
              </button>{' '}
              <button type="button" className="button button-quiet" onClick={() => setMode('view')}>
                取消
              </button>
            </form>
          )}
          {props.canReview && mode === 'view' && (
            <p>
              <button type="button" className="button" disabled={busy} onClick={() => submit('confirm')}>
                确认
              </button>{' '}
              <button type="button" className="button" disabled={busy} onClick={() => setMode('correct')}>
                更正
              </button>{' '}
              <button type="button" className="button" disabled={busy} onClick={() => setMode('reject')}>
                驳回
              </button>
            </p>
          )}
        </div>
        <div>
          <h3>出处条款</h3>
          <p>
            <Link to={`/documents/${commitment.documentId}#${encodeURIComponent(commitment.eId)}`}>
              {commitment.citation}
            </Link>
          </p>
          {clause ? (
            <div className="source-clause" data-testid="source-clause">
              {clauseText(clause).map((l, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: lines of one clause, in order
                <p key={i}>{l}</p>
              ))}
              {clause.table && <TableView table={clause.table} />}
            </div>
          ) : (
            <p className="muted">该条款已不在文件的当前版本中。</p>
          )}
          {props.canReview && commitment.kind === 'task' && (
            <GenerateItems documentId={commitment.documentId} docNumber={commitment.docNumber} />
          )}
          {typeof commitment.data.source === 'string' && commitment.kind === 'target' && (
            <p className="muted">提取自：“{commitment.data.source}”</p>
          )}
        </div>
      </div>
    </section>
  );
}

interface FromDocumentResult {
  created: { itemId: number; title: string }[];
  skipped: { itemId: number; title: string }[];
  withoutLead: { commitmentId: number; title: string }[];
  pastDue: { commitmentId: number; title: string; due: string }[];
}

/** 生成督办事项: the document's confirmed and corrected tasks become assigned items (admin; idempotent). */
function GenerateItems({ documentId, docNumber }: { documentId: number; docNumber: string }) {
  const [categories, setCategories] = useState<Record<number, 'ordinary' | 'major'>>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<FromDocumentResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(
        await api<FromDocumentResult>(`/api/supervision/from-document/${documentId}`, {
          method: 'POST',
          body: { categories },
        }),
      );
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="generate-items" style={{ marginTop: '1rem', borderTop: '1px solid #ddd', paddingTop: '0.5rem' }}>
      <h3>督办</h3>
      <p className="muted">将 {docNumber} 中已确认、已更正的任务生成督办事项（立项并交办）；已生成的不会重复生成。</p>
      <TaskCategoryPicker documentId={documentId} value={categories} onChange={setCategories} />
      <button type="button" className="button" disabled={busy} onClick={run}>
        生成督办事项
      </button>
      {error && (
        <div className="error-box" role="alert">
          <strong>未能生成：</strong>
          {error}
        </div>
      )}
      {result && (
        <div role="status" className="notice" data-testid="generate-result">
          <p>
            新生成 {result.created.length} 项，已存在 {result.skipped.length} 项。
            {result.created.length > 0 && <Link to="/supervision">查看督办台账</Link>}
          </p>
          {result.created.length > 0 && (
            <ul>
              {result.created.map((c) => (
                <li key={c.itemId}>
                  <Link to={`/supervision/${c.itemId}`}>{c.title}</Link>
                </li>
              ))}
            </ul>
          )}
          {result.withoutLead.length > 0 && (
            <p>未生成（没有牵头单位，请先更正）：{result.withoutLead.map((t) => t.title).join('、')}</p>
          )}
          {result.pastDue.length > 0 && (
            <p>
              未生成（完成时限已过，请先更正时限）：
              {result.pastDue.map((t) => `${t.title}（${t.due}）`).join('、')}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
