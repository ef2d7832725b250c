// 督办 screens: the office's ledger (/supervision, 台账), one item with its timeline and the actions the
// signed-in user may take (/supervision/:id), and a liaison's inbox (/inbox, 我的督办). Plain tables, no
// client state beyond the URL's filters; every action posts the item's version, so a stale page gets the
// server's 409 message (in Chinese) and a 刷新 button.
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useAuth } from '../access/auth.tsx';
import { ApiError, api, query } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorBox, formatDate, formatInstant, Loading, useTitle } from '../app/common.tsx';
import { LadderSection } from '../notifications/NotificationPages.tsx';
import { EvidenceList, EvidencePicker } from './EvidencePanel.tsx';
import { ItemExtraActions } from './ItemForms.tsx';
import {
  type Inbox,
  type InboxEntry,
  type ItemDetail,
  type ItemListPage,
  type ItemState,
  type ItemSummary,
  LIGHT_COLOURS,
  LIGHT_TEXT,
  type Light,
  payloadSummary,
  STATE_LABELS,
} from './labels.ts';
import { DEFAULT_PAGE_SIZE, PAGE_SIZES, pagerView, pagingOf } from './paging.ts';

export function LightDot({ light, title }: { light: Light; title?: string }) {
  return (
    <span className="light" data-light={light} title={title} style={{ whiteSpace: 'nowrap' }}>
      <span
        aria-hidden="true"
        style={{
          display: 'inline-block',
          width: '0.7em',
          height: '0.7em',
          borderRadius: '50%',
          background: LIGHT_COLOURS[light],
          marginRight: '0.3em',
        }}
      />
      {LIGHT_TEXT[light]}
    </span>
  );
}

// ---------------------------------------------------------------------------------------------------------
// 督办台账

export function LedgerPage() {
  useTitle('督办台账');
  const { revision } = useAuth();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? '';
  const unit = params.get('unit') ?? '';
  const light = params.get('light') ?? '';
  const { page, pageSize } = pagingOf(params.get('page'), params.get('pageSize'));
  const [unitInput, setUnitInput] = useState(unit);
  const list = useApi<ItemListPage>(
    `/api/supervision/items${query({ state, unit, light, page: page > 1 ? page : '', pageSize: pageSize === DEFAULT_PAGE_SIZE ? '' : pageSize })}`,
    revision,
  );
  /** Change URL values; a filter or page size change goes back to page 1. */
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: !('page' in patch) });
  };
  const goTo = (p: number) => set({ page: p > 1 ? String(p) : '' });
  const pager = list.status === 'ok' ? pagerView(list.data.total, page, pageSize, list.data.items.length) : null;
  return (
    <div className="page supervision-ledger">
      <h1 className="page-title">督办台账</h1>
      <p className="lead">
        全部督办事项及其红黄绿灯：绿灯正常，黄灯临期，红灯逾期（按“13710”时限与工作日计算，北京时间）。
      </p>
      <p data-testid="ledger-excel">
        <a href={`/api/supervision/ledger.xlsx${query({ state, unit, light })}`} download>
          导出当前筛选（Excel）
        </a>{' '}
        · <Link to="/supervision/ledger-import">台账导入（Excel）</Link> · <Link to="/supervision/new">手工立项</Link>
      </p>
      <div className="filter-bar">
        <label htmlFor="sv-state">状态</label>
        <select id="sv-state" value={state} onChange={(e) => set({ state: e.target.value })}>
          <option value="">全部</option>
          {(Object.keys(STATE_LABELS) as ItemState[]).map((s) => (
            <option key={s} value={s}>
              {STATE_LABELS[s]}
            </option>
          ))}
        </select>
        <label htmlFor="sv-light">灯色</label>
        <select id="sv-light" value={light} onChange={(e) => set({ light: e.target.value })}>
          <option value="">全部</option>
          <option value="green">绿灯（正常）</option>
          <option value="yellow">黄灯（临期）</option>
          <option value="red">红灯（逾期）</option>
          <option value="none">无（立项、已办结）</option>
        </select>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            set({ unit: unitInput.trim() });
          }}
          style={{ display: 'inline' }}
        >
          <label htmlFor="sv-unit">单位</label>{' '}
          <input
            id="sv-unit"
            placeholder="如：县发改局"
            value={unitInput}
            onChange={(e) => setUnitInput(e.target.value)}
          />{' '}
          <button type="submit" className="button button-small">
            筛选
          </button>
        </form>
        {list.status === 'ok' && (
          <span className="muted" data-testid="ledger-count">
            共 {list.data.total} 项
          </span>
        )}
      </div>
      {list.status === 'loading' && <Loading what="督办事项" />}
      {list.status === 'error' && <ErrorBox error={list.error} />}
      {list.status === 'ok' &&
        (list.data.items.length === 0 && list.data.total > 0 ? (
          <p className="empty">
            第 {page} 页没有事项（共 {list.data.total} 项）。{' '}
            <button type="button" className="button button-small" onClick={() => goTo(1)}>
              回到第 1 页
            </button>
          </p>
        ) : (
          <ItemTable items={list.data.items} />
        ))}
      {pager && list.status === 'ok' && list.data.items.length > 0 && (
        <nav className="pager" aria-label="分页" data-testid="ledger-pager">
          <button type="button" className="button button-quiet" disabled={page <= 1} onClick={() => goTo(1)}>
            首页
          </button>
          <button type="button" className="button button-quiet" disabled={page <= 1} onClick={() => goTo(page - 1)}>
            上一页
          </button>
          <span data-testid="ledger-pager-text">{pager.text}</span>
          <button
            type="button"
            className="button button-quiet"
            disabled={page >= pager.pages}
            onClick={() => goTo(page + 1)}
          >
            下一页
          </button>
          <button
            type="button"
            className="button button-quiet"
            disabled={page >= pager.pages}
            onClick={() => goTo(pager.pages)}
          >
            末页
          </button>
          <label htmlFor="sv-page-size">每页</label>
          <select
            id="sv-page-size"
            value={pageSize}
            onChange={(e) => set({ pageSize: Number(e.target.value) === DEFAULT_PAGE_SIZE ? '' : e.target.value })}
          >
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n} 条
              </option>
            ))}
          </select>
        </nav>
      )}
    </div>
  );
}

function ItemTable({ items, notes }: { items: (ItemSummary | InboxEntry)[]; notes?: boolean }) {
  if (items.length === 0) return <p className="empty">没有符合条件的事项。</p>;
  return (
    <table className="doc-grid" data-testid="item-table">
      <thead>
        <tr>
          <th scope="col">灯色</th>
          <th scope="col">事项</th>
          <th scope="col">牵头单位</th>
          <th scope="col">配合单位</th>
          <th scope="col">状态</th>
          <th scope="col">办结时限</th>
          {notes ? <th scope="col">提示</th> : <th scope="col">出处</th>}
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.id} data-testid={`item-row-${i.id}`}>
            <td>
              <LightDot light={i.light.light} title={i.light.reasons.join('；')} />
            </td>
            <td>
              <Link to={`/supervision/${i.id}`}>{i.title}</Link>
            </td>
            <td>{i.lead}</td>
            <td>{i.supports.join('、') || '—'}</td>
            <td>{STATE_LABELS[i.state] ?? i.stateLabel}</td>
            <td>{formatDate(i.closeBy ?? i.dueOn)}</td>
            {notes ? (
              <td>{'notes' in i ? i.notes.join('；') || '—' : '—'}</td>
            ) : (
              <td>
                {i.documentId ? (
                  <Link to={`/documents/${i.documentId}${i.eId ? `#${encodeURIComponent(i.eId)}` : ''}`}>
                    {i.citation ?? '文件'}
                  </Link>
                ) : (
                  '手工录入'
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// ---------------------------------------------------------------------------------------------------------
// 事项详情：时间线与办理

type FieldKind = 'text' | 'textarea' | 'date' | 'rating' | 'evidence' | 'units' | 'checkbox';
interface ActionField {
  key: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
}

/** The fields each action asks for on this page; file_plan, edit and assign are not offered here yet. */
const ACTION_FIELDS: Record<string, ActionField[] | undefined> = {
  acknowledge: [],
  deploy: [
    { key: 'summary', label: '部署情况', kind: 'textarea', required: true },
    { key: 'evidence', label: '佐证材料（PDF、JPG、PNG、DOCX、XLSX，每个不超过 10 MB）', kind: 'evidence' },
  ],
  feedback: [
    { key: 'summary', label: '进展情况', kind: 'textarea', required: true },
    { key: 'evidence', label: '佐证材料（PDF、JPG、PNG、DOCX、XLSX，每个不超过 10 MB）', kind: 'evidence' },
  ],
  support_report: [
    { key: 'summary', label: '报送内容', kind: 'textarea', required: true },
    { key: 'evidence', label: '佐证材料（PDF、JPG、PNG、DOCX、XLSX，每个不超过 10 MB）', kind: 'evidence' },
  ],
  request_closure: [
    { key: 'summary', label: '办结情况', kind: 'textarea', required: true },
    { key: 'evidence', label: '佐证材料（至少一个文件，每个不超过 10 MB）', kind: 'evidence', required: true },
  ],
  close: [
    { key: 'rating', label: '评价', kind: 'rating', required: true },
    { key: 'comment', label: '意见（不合格时必填）', kind: 'text' },
  ],
  return: [{ key: 'reasons', label: '退回理由', kind: 'textarea', required: true }],
  request_extension: [
    { key: 'newCloseBy', label: '申请延至', kind: 'date', required: true },
    { key: 'reason', label: '理由', kind: 'textarea', required: true },
  ],
  approve_extension: [
    { key: 'newCloseBy', label: '批准延至（留空为申请日期）', kind: 'date' },
    { key: 'comment', label: '意见', kind: 'text' },
  ],
  refuse_extension: [{ key: 'reason', label: '理由', kind: 'textarea', required: true }],
  approve_plan: [{ key: 'comment', label: '意见', kind: 'text' }],
  reject_plan: [{ key: 'reason', label: '理由', kind: 'textarea', required: true }],
  urge: [{ key: 'note', label: '催办说明', kind: 'text' }],
  archive: [],
  withdraw: [
    {
      key: 'reason',
      label: '撤销理由（撤销后事项终止，各项时限停止计算，不能恢复）',
      kind: 'textarea',
      required: true,
    },
  ],
  reassign: [
    { key: 'lead', label: '新牵头单位（须重新签收、研究部署）', kind: 'text', required: true },
    { key: 'supports', label: '配合单位（以“、”分隔；留空为无配合单位）', kind: 'units' },
    { key: 'restartClock', label: '时限自改派日重新起算（不勾选则原时限不变）', kind: 'checkbox' },
    { key: 'reason', label: '改派理由', kind: 'textarea', required: true },
  ],
  change_supports: [
    { key: 'supports', label: '调整后的配合单位（以“、”分隔；留空为无配合单位）', kind: 'units' },
    { key: 'reason', label: '调整理由', kind: 'textarea', required: true },
  ],
};

/** Units typed as 县财政局、县教育局 (also commas, semicolons or spaces). */
function unitList(text: string): string[] {
  return text
    .split(/[、，,；;\s]+/)
    .map((u) => u.trim())
    .filter(Boolean);
}

/** The form's starting values: the current supporting units for 改派 and 调整配合单位. */
function initialValues(action: string, item: ItemDetail): Record<string, string> {
  return action === 'reassign' || action === 'change_supports' ? { supports: item.supports.join('、') } : {};
}

const RATINGS = ['优秀', '良好', '合格', '不合格'];

function payloadOf(action: string, values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of ACTION_FIELDS[action] ?? []) {
    const v = (values[f.key] ?? '').trim();
    // the whole list is sent, also when empty (调整配合单位 may remove every supporting unit)
    if (f.kind === 'units') {
      out[f.key] = unitList(v);
      continue;
    }
    if (f.kind === 'checkbox') {
      if (v === 'true') out[f.key] = true;
      continue;
    }
    if (!v) continue;
    if (f.kind === 'evidence') out.evidence = JSON.parse(v);
    else if (f.key === 'evidence') out.evidence = [{ name: v, ref: v }];
    else out[f.key] = v;
  }
  return out;
}

export function ItemPage() {
  const { id } = useParams();
  const { revision } = useAuth();
  const [reload, setReload] = useState(0);
  const state = useApi<{ item: ItemDetail }>(
    `/api/supervision/items/${encodeURIComponent(id ?? '')}`,
    revision * 1000 + reload,
  );
  // keep showing the item while it is fetched again after an action, so the action's notice stays on screen
  const [last, setLast] = useState<ItemDetail | null>(null);
  useEffect(() => {
    if (state.status === 'ok') setLast(state.data.item);
  }, [state]);
  const item = state.status === 'ok' ? state.data.item : last?.id === Number(id) ? last : null;
  useTitle(item ? item.title : '督办事项');
  if (state.status === 'error') return <ErrorBox error={state.error} />;
  if (!item) return <Loading what="督办事项" />;
  return (
    <div className="page supervision-item">
      <p>
        <Link to="/supervision">← 督办台账</Link>
      </p>
      <h1 className="page-title" data-testid="item-title">
        {item.title}
      </h1>
      <p data-testid="item-state">
        <LightDot light={item.light.light} /> · {STATE_LABELS[item.state] ?? item.stateLabel} · 第 {item.version} 版
        {item.light.reasons.length > 0 && <span className="muted">（{item.light.reasons.join('；')}）</span>}
      </p>
      <table className="doc-grid">
        <tbody>
          <tr>
            <th scope="row">牵头单位</th>
            <td>{item.lead}</td>
          </tr>
          <tr>
            <th scope="row">配合单位</th>
            <td>{item.supports.join('、') || '—'}</td>
          </tr>
          <tr>
            <th scope="row">签收</th>
            <td>
              {item.units
                .map(
                  (u) => `${u.unit}：${u.acknowledgedAt ? `已签收（${formatInstant(u.acknowledgedAt)}）` : '未签收'}`,
                )
                .join('；')}
            </td>
          </tr>
          {item.withdrawal && (
            <tr data-testid="item-withdrawal">
              <th scope="row">撤销</th>
              <td>
                {formatInstant(item.withdrawal.at)} 由{item.withdrawal.by}撤销（原状态：
                {STATE_LABELS[item.withdrawal.from] ?? item.withdrawal.from}）：{item.withdrawal.reason}
              </td>
            </tr>
          )}
          {(item.reassignments ?? []).length > 0 && (
            <tr data-testid="item-reassignments">
              <th scope="row">改派记录</th>
              <td>
                {(item.reassignments ?? []).map((r) => (
                  <div key={r.at}>
                    {formatInstant(r.at)} {r.kind === 'reassign' ? '改派' : '调整配合单位'}：
                    {r.fromLead !== r.toLead && `牵头单位 ${r.fromLead} → ${r.toLead}；`}
                    配合单位 {r.fromSupports.join('、') || '无'} → {r.toSupports.join('、') || '无'}
                    {r.restartClock && '；时限重新起算'}（{r.by}：{r.reason}）
                  </div>
                ))}
              </td>
            </tr>
          )}
          <tr>
            <th scope="row">交办日期</th>
            <td>{formatDate(item.assignedOn)}</td>
          </tr>
          <tr>
            <th scope="row">办结时限</th>
            <td>
              {formatDate(item.closeBy ?? item.dueOn)}
              {item.light.next && (
                <span className="muted">
                  {' '}
                  （下一时限：{item.light.next.label} {formatDate(item.light.next.due)}，{item.light.next.unit}）
                </span>
              )}
            </td>
          </tr>
          <tr>
            <th scope="row">出处</th>
            <td>
              {item.documentId ? (
                <Link to={`/documents/${item.documentId}${item.eId ? `#${encodeURIComponent(item.eId)}` : ''}`}>
                  {item.citation ?? '文件'}
                </Link>
              ) : (
                '手工录入'
              )}
            </td>
          </tr>
          {item.text && (
            <tr>
              <th scope="row">任务内容</th>
              <td>{item.text}</td>
            </tr>
          )}
        </tbody>
      </table>
      <ActionPanel item={item} onDone={() => setReload((n) => n + 1)} />
      <ItemExtraActions item={item} onDone={() => setReload((n) => n + 1)} />
      <EvidenceList itemId={item.id} revision={item.version} />
      <LadderSection itemId={item.id} />
      <h2>办理过程</h2>
      <table className="doc-grid" data-testid="timeline">
        <thead>
          <tr>
            <th scope="col">时间（北京时间）</th>
            <th scope="col">操作人</th>
            <th scope="col">单位</th>
            <th scope="col">操作</th>
            <th scope="col">说明</th>
          </tr>
        </thead>
        <tbody>
          {item.events.map((e) => (
            <tr key={e.seq} data-testid={`event-${e.seq}`} data-action={e.action}>
              <td style={{ whiteSpace: 'nowrap' }}>{formatInstant(e.at)}</td>
              <td>
                {e.actor}
                <small className="muted">（{e.roleLabel}）</small>
              </td>
              <td>{e.unit ?? '—'}</td>
              <td>{e.actionLabel}</td>
              <td>{[e.summary, payloadSummary(e.payload)].filter(Boolean).join('；')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ActionPanel({ item, onDone }: { item: ItemDetail; onDone: () => void }) {
  const offered = item.actions.filter((a) => ACTION_FIELDS[a.action] !== undefined);
  const [open, setOpen] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; conflict: boolean } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (offered.length === 0) return <p className="muted">您对本事项当前没有可执行的操作。</p>;

  const submit = async (action: string, label: string, e?: FormEvent) => {
    e?.preventDefault();
    setError(null);
    setDone(null);
    const missing = (ACTION_FIELDS[action] ?? []).find((f) => f.required && !(values[f.key] ?? '').trim());
    if (missing) {
      setError({ message: `请填写“${missing.label}”。`, conflict: false });
      return;
    }
    if (action === 'withdraw' && !window.confirm('撤销后事项终止，各承办单位不再办理，且不能恢复。确定撤销？')) return;
    setBusy(true);
    try {
      await api(`/api/supervision/items/${item.id}/actions`, {
        method: 'POST',
        body: { action, payload: payloadOf(action, values), version: item.version },
      });
      setDone(`已${label}。`);
      setOpen(null);
      setValues({});
      onDone();
    } catch (err) {
      const apiError = err instanceof ApiError ? err : new ApiError(0, 'CLIENT', String(err));
      setError({ message: apiError.message, conflict: apiError.status === 409 });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="sv-actions" data-testid="actions">
      <h2 id="sv-actions">办理</h2>
      {done && (
        <p role="status" className="notice" data-testid="action-done">
          {done}
        </p>
      )}
      {error && (
        <div className="error-box" role="alert" data-testid="action-error">
          <strong>{error.conflict ? '事项已被他人更新：' : '未能办理：'}</strong>
          {error.message}
          {error.conflict && (
            <>
              {' '}
              <button
                type="button"
                className="button button-small"
                onClick={() => {
                  setError(null);
                  onDone();
                }}
              >
                刷新
              </button>
            </>
          )}
        </div>
      )}
      <p>
        {offered.map((a) => (
          <span key={a.action}>
            <button
              type="button"
              className="button"
              disabled={busy}
              data-action={a.action}
              onClick={() => {
                if ((ACTION_FIELDS[a.action] ?? []).length === 0) void submit(a.action, a.label);
                else {
                  setOpen(open === a.action ? null : a.action);
                  setValues(initialValues(a.action, item));
                }
              }}
            >
              {a.label}
            </button>{' '}
          </span>
        ))}
      </p>
      {open && (
        <form onSubmit={(e) => submit(open, offered.find((a) => a.action === open)?.label ?? open, e)}>
          {(ACTION_FIELDS[open] ?? []).map((f) => (
            <p key={f.key}>
              <label htmlFor={`sv-f-${f.key}`}>
                {f.label}
                {f.required && '（必填）'}
              </label>
              <br />
              {f.kind === 'evidence' ? (
                <EvidencePicker
                  id={`sv-f-${f.key}`}
                  itemId={item.id}
                  value={values[f.key] ?? ''}
                  onChange={(v) => setValues((old) => ({ ...old, [f.key]: v }))}
                />
              ) : f.kind === 'checkbox' ? (
                <input
                  id={`sv-f-${f.key}`}
                  type="checkbox"
                  checked={values[f.key] === 'true'}
                  onChange={(e) => setValues({ ...values, [f.key]: e.target.checked ? 'true' : '' })}
                />
              ) : f.kind === 'textarea' ? (
                <textarea
                  id={`sv-f-${f.key}`}
                  rows={3}
                  style={{ width: '100%' }}
                  value={values[f.key] ?? ''}
                  onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
                />
              ) : f.kind === 'rating' ? (
                <select
                  id={`sv-f-${f.key}`}
                  value={values[f.key] ?? ''}
                  onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
                >
                  <option value="">请选择</option>
                  {RATINGS.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={`sv-f-${f.key}`}
                  type={f.kind === 'date' ? 'date' : 'text'}
                  style={{ width: '100%' }}
                  value={values[f.key] ?? ''}
                  onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
                />
              )}
            </p>
          ))}
          <button type="submit" className="button" disabled={busy}>
            提交
          </button>{' '}
          <button type="button" className="button button-quiet" onClick={() => setOpen(null)}>
            取消
          </button>
        </form>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------------------
// 我的督办

export function InboxPage() {
  useTitle('我的督办');
  const { user, revision } = useAuth();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit') ?? '';
  const [unitInput, setUnitInput] = useState(unit);
  const needsUnit = user !== null && user.role !== 'liaison';
  const path = needsUnit && !unit ? null : `/api/supervision/inbox${query({ unit })}`;
  const state = useApi<{ inbox: Inbox }>(path, revision);
  return (
    <div className="page supervision-inbox">
      <h1 className="page-title">我的督办</h1>
      {needsUnit && (
        <form
          className="filter-bar"
          onSubmit={(e) => {
            e.preventDefault();
            setParams(unitInput.trim() ? { unit: unitInput.trim() } : {});
          }}
        >
          <label htmlFor="inbox-unit">查看单位</label>{' '}
          <input id="inbox-unit" value={unitInput} onChange={(e) => setUnitInput(e.target.value)} />{' '}
          <button type="submit" className="button button-small">
            查看
          </button>
        </form>
      )}
      {path === null && <p className="muted">请输入要查看的单位名称。</p>}
      {path !== null && state.status === 'loading' && <Loading what="待办事项" />}
      {path !== null && state.status === 'error' && <ErrorBox error={state.error} />}
      {path !== null && state.status === 'ok' && (
        <>
          <p className="lead">{state.data.inbox.unit}的督办事项。</p>
          <InboxSection title="待签收" testId="inbox-to-sign" box={state.data.inbox} list="toSign" />
          <InboxSection title="已逾期" testId="inbox-overdue" box={state.data.inbox} list="overdue" />
          <InboxSection title="即将到期" testId="inbox-due-soon" box={state.data.inbox} list="dueSoon" />
          <InboxSection title="被退回" testId="inbox-returned" box={state.data.inbox} list="returned" />
        </>
      )}
    </div>
  );
}

function InboxSection({
  title,
  box,
  list,
  testId,
}: {
  title: string;
  box: Inbox;
  list: 'toSign' | 'overdue' | 'dueSoon' | 'returned';
  testId: string;
}) {
  const items = box[list];
  const total = box.totals[list];
  return (
    <section data-testid={testId}>
      <h2>
        {title}（{total}）
      </h2>
      {total > items.length && (
        <p className="muted" data-testid={`${testId}-cut`}>
          共 {total} 项，按办结时限先后显示前 {items.length} 项；全部事项见
          <Link to={`/supervision${query({ unit: box.unit })}`}>督办台账（本单位）</Link>。
        </p>
      )}
      {items.length === 0 ? <p className="empty">无。</p> : <ItemTable items={items} notes />}
    </section>
  );
}
