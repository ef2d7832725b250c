// Forms of the 13710 lifecycle that need more than a text box: 立项 (manual entry, /supervision/new), 修改立项 and
// 交办 of a draft, and the 报送时间表 of a 重大复杂事项 (checkpoints and a finish date, then the office's 审定 on the
// item page). Every action posts the item's version; refusals and 409 conflicts show the server's Chinese message.
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../access/auth.tsx';
import { ApiError, api } from '../api/client.ts';
import { formatDate, useTitle } from '../app/common.tsx';
import type { ItemDetail } from './labels.ts';

type Category = 'ordinary' | 'major';

interface ItemFields {
  title: string;
  text: string;
  category: Category;
  lead: string;
  supports: string;
  dueOn: string;
}

interface PlanView {
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  checkpoints: { date: string; milestone: string }[];
  finishOn: string;
  summary: string;
}

const PLAN_STATUS: Record<PlanView['status'], string> = {
  pending: '待审定',
  approved: '已审定',
  rejected: '已退回',
  withdrawn: '已撤回',
};

const splitUnits = (s: string) =>
  s
    .split(/[、，,;；\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

function errorText(err: unknown): { message: string; conflict: boolean } {
  const e = err instanceof ApiError ? err : new ApiError(0, 'CLIENT', String(err));
  return { message: e.message, conflict: e.status === 409 };
}

function ItemFieldsEditor({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string;
  value: ItemFields;
  onChange: (v: ItemFields) => void;
}) {
  const set = (k: keyof ItemFields, v: string) => onChange({ ...value, [k]: v });
  return (
    <>
      <p>
        <label htmlFor={`${idPrefix}-title`}>事项名称（必填）</label>
        <br />
        <input
          id={`${idPrefix}-title`}
          style={{ width: '100%' }}
          value={value.title}
          onChange={(e) => set('title', e.target.value)}
        />
      </p>
      <p>
        <label htmlFor={`${idPrefix}-text`}>任务内容</label>
        <br />
        <textarea
          id={`${idPrefix}-text`}
          rows={3}
          style={{ width: '100%' }}
          value={value.text}
          onChange={(e) => set('text', e.target.value)}
        />
      </p>
      <p>
        <label htmlFor={`${idPrefix}-category`}>事项类别</label>{' '}
        <select
          id={`${idPrefix}-category`}
          value={value.category}
          onChange={(e) => set('category', e.target.value as Category)}
        >
          <option value="ordinary">一般事项（7 日内办结）</option>
          <option value="major">重大复杂事项（1 个月内办结，或报送时间表按节点报告）</option>
        </select>
      </p>
      <p>
        <label htmlFor={`${idPrefix}-lead`}>牵头单位（必填）</label>{' '}
        <input
          id={`${idPrefix}-lead`}
          placeholder="如：县水利局"
          value={value.lead}
          onChange={(e) => set('lead', e.target.value)}
        />{' '}
        <label htmlFor={`${idPrefix}-supports`}>配合单位</label>{' '}
        <input
          id={`${idPrefix}-supports`}
          placeholder="多个单位用“、”分隔"
          value={value.supports}
          onChange={(e) => set('supports', e.target.value)}
        />
      </p>
      <p>
        <label htmlFor={`${idPrefix}-due`}>要求办结时限（可空，按 13710 时限）</label>{' '}
        <input id={`${idPrefix}-due`} type="date" value={value.dueOn} onChange={(e) => set('dueOn', e.target.value)} />
      </p>
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------
// 立项 (manual entry)

export function NewItemPage() {
  useTitle('督办立项');
  const { user } = useAuth();
  const navigate = useNavigate();
  const [v, setV] = useState<ItemFields>({
    title: '',
    text: '',
    category: 'ordinary',
    lead: '',
    supports: '',
    dueOn: '',
  });
  const [assign, setAssign] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (user?.role !== 'admin') return <p className="page">只有县政府办（管理员）可以立项。</p>;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!v.title.trim()) return setError('请填写“事项名称”。');
    if (!v.lead.trim()) return setError('请填写“牵头单位”。');
    setBusy(true);
    try {
      const r = await api<{ item: ItemDetail }>('/api/supervision/items', {
        method: 'POST',
        body: {
          title: v.title.trim(),
          text: v.text.trim() || null,
          category: v.category,
          lead: v.lead.trim(),
          supports: splitUnits(v.supports),
          dueOn: v.dueOn || null,
          assign,
        },
      });
      navigate(`/supervision/${r.item.id}`);
    } catch (err) {
      setError(errorText(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page supervision-new">
      <p>
        <Link to="/supervision">← 督办台账</Link>
      </p>
      <h1 className="page-title">督办立项</h1>
      {error && (
        <div className="error-box" role="alert" data-testid="new-item-error">
          <strong>未能立项：</strong>
          {error}
        </div>
      )}
      <form onSubmit={submit} data-testid="new-item-form">
        <ItemFieldsEditor idPrefix="ni" value={v} onChange={setV} />
        <p>
          <label>
            <input type="checkbox" checked={assign} onChange={(e) => setAssign(e.target.checked)} />{' '}
            立项后立即交办（13710 时限从交办当日的次日起算）
          </label>
        </p>
        <p>
          <button type="submit" className="button" disabled={busy}>
            {assign ? '立项并交办' : '立项'}
          </button>
        </p>
      </form>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------
// On the item page: 修改立项 / 交办 (drafts) and 报送时间表 (major items)

async function postAction(item: ItemDetail, action: string, payload: Record<string, unknown> = {}) {
  await api(`/api/supervision/items/${item.id}/actions`, {
    method: 'POST',
    body: { action, payload, version: item.version },
  });
}

export function ItemExtraActions({ item, onDone }: { item: ItemDetail; onDone: () => void }) {
  const can = (a: string) => item.actions.some((x) => x.action === a);
  const plan = (item as ItemDetail & { plan?: PlanView | null }).plan ?? null;
  const [error, setError] = useState<{ message: string; conflict: boolean } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const [planning, setPlanning] = useState(false);
  const run = async (label: string, fn: () => Promise<void>) => {
    setError(null);
    setDone(null);
    setBusy(true);
    try {
      await fn();
      setDone(`已${label}。`);
      setEditing(false);
      setPlanning(false);
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const showPlan = item.category === 'major' && item.state !== 'draft';
  const deadlines = (item as ItemDetail & { deadlines?: { official?: boolean } | null }).deadlines;
  const estimate =
    deadlines?.official === false ? (
      <p className="warning" role="note" data-testid="deadline-estimate">
        时限含估算：计算所跨年度的国务院节假日安排尚未公布（本县也未在督办设置中调整），按周一至周五推算，公布后可能变化。
      </p>
    ) : null;
  if (!can('edit') && !can('assign') && !showPlan) return estimate;

  return (
    <section aria-labelledby="sv-extra" data-testid="extra-actions">
      {estimate}
      <h2 id="sv-extra">{item.state === 'draft' ? '立项与交办' : '时间表（重大复杂事项）'}</h2>
      {done && (
        <p role="status" className="notice" data-testid="extra-done">
          {done}
        </p>
      )}
      {error && (
        <div className="error-box" role="alert" data-testid="extra-error">
          <strong>{error.conflict ? '事项已被他人更新：' : '未能办理：'}</strong>
          {error.message}{' '}
          {error.conflict && (
            <button type="button" className="button button-small" onClick={onDone}>
              刷新
            </button>
          )}
        </div>
      )}
      {(can('edit') || can('assign')) && (
        <p>
          {can('edit') && (
            <button type="button" className="button" disabled={busy} onClick={() => setEditing(!editing)}>
              修改立项
            </button>
          )}{' '}
          {can('assign') && (
            <button
              type="button"
              className="button"
              disabled={busy}
              data-action="assign"
              onClick={() => run('交办', () => postAction(item, 'assign'))}
            >
              交办
            </button>
          )}
        </p>
      )}
      {editing && (
        <EditForm item={item} busy={busy} onSubmit={(p) => run('修改立项', () => postAction(item, 'edit', p))} />
      )}
      {showPlan && (
        <>
          {plan ? (
            <div data-testid="plan">
              <p>
                时间表（{PLAN_STATUS[plan.status]}）：完成日期 {formatDate(plan.finishOn)}
                {plan.summary ? `；${plan.summary}` : ''}
              </p>
              <ol>
                {plan.checkpoints.map((c) => (
                  <li key={c.date}>
                    {formatDate(c.date)}：{c.milestone}
                  </li>
                ))}
              </ol>
            </div>
          ) : (
            <p className="muted">尚未报送时间表：重大复杂事项须 1 个月内办结，或在期限内报送时间表、按节点报告进展。</p>
          )}
          {can('file_plan') && (
            <p>
              <button type="button" className="button" disabled={busy} onClick={() => setPlanning(!planning)}>
                报送时间表
              </button>
            </p>
          )}
          {planning && (
            <PlanForm busy={busy} onSubmit={(p) => run('报送时间表', () => postAction(item, 'file_plan', p))} />
          )}
        </>
      )}
    </section>
  );
}

function EditForm({
  item,
  busy,
  onSubmit,
}: {
  item: ItemDetail;
  busy: boolean;
  onSubmit: (payload: Record<string, unknown>) => void;
}) {
  const [v, setV] = useState<ItemFields>({
    title: item.title,
    text: item.text ?? '',
    category: item.category,
    lead: item.lead,
    supports: item.supports.join('、'),
    dueOn: item.dueOn ?? '',
  });
  return (
    <form
      data-testid="edit-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({
          title: v.title.trim(),
          category: v.category,
          lead: v.lead.trim(),
          supports: splitUnits(v.supports),
          dueOn: v.dueOn || null,
        });
      }}
    >
      <ItemFieldsEditor idPrefix="ed" value={v} onChange={setV} />
      <p>
        <button type="submit" className="button" disabled={busy}>
          保存修改
        </button>
      </p>
    </form>
  );
}

function PlanForm({ busy, onSubmit }: { busy: boolean; onSubmit: (payload: Record<string, unknown>) => void }) {
  const [rows, setRows] = useState<{ date: string; milestone: string }[]>([{ date: '', milestone: '' }]);
  const [finishOn, setFinishOn] = useState('');
  const [summary, setSummary] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const setRow = (i: number, k: 'date' | 'milestone', v: string) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, [k]: v } : r)));
  return (
    <form
      data-testid="plan-form"
      onSubmit={(e) => {
        e.preventDefault();
        const filled = rows.filter((r) => r.date || r.milestone.trim());
        const bad = filled.findIndex((r) => !r.date || !r.milestone.trim());
        if (bad >= 0) return setLocal(`第 ${bad + 1} 个节点须同时填写日期和内容。`);
        if (!finishOn) return setLocal('请填写“完成日期”。');
        setLocal(null);
        onSubmit({
          checkpoints: filled.map((r) => ({ date: r.date, milestone: r.milestone.trim() })),
          finishOn,
          ...(summary.trim() ? { summary: summary.trim() } : {}),
        });
      }}
    >
      <p className="muted">
        每个节点的日期须晚于今天和上一个节点；完成日期不早于最后一个节点。县政府办审定后，每个节点须按时反馈进展。
      </p>
      {rows.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity besides their position while edited
        <p key={i}>
          <label htmlFor={`pl-date-${i}`}>节点 {i + 1} 日期</label>{' '}
          <input id={`pl-date-${i}`} type="date" value={r.date} onChange={(e) => setRow(i, 'date', e.target.value)} />{' '}
          <label htmlFor={`pl-ms-${i}`}>节点内容</label>{' '}
          <input
            id={`pl-ms-${i}`}
            style={{ width: '24em' }}
            value={r.milestone}
            onChange={(e) => setRow(i, 'milestone', e.target.value)}
          />{' '}
          {rows.length > 1 && (
            <button
              type="button"
              className="button button-small"
              onClick={() => setRows(rows.filter((_, j) => j !== i))}
            >
              删除
            </button>
          )}
        </p>
      ))}
      <p>
        <button
          type="button"
          className="button button-small"
          onClick={() => setRows([...rows, { date: '', milestone: '' }])}
        >
          增加节点
        </button>
      </p>
      <p>
        <label htmlFor="pl-finish">完成日期（必填）</label>{' '}
        <input id="pl-finish" type="date" value={finishOn} onChange={(e) => setFinishOn(e.target.value)} />{' '}
        <label htmlFor="pl-summary">说明</label>{' '}
        <input id="pl-summary" style={{ width: '24em' }} value={summary} onChange={(e) => setSummary(e.target.value)} />
      </p>
      {local && (
        <p className="error-box" role="alert">
          {local}
        </p>
      )}
      <p>
        <button type="submit" className="button" disabled={busy}>
          提交时间表
        </button>
      </p>
    </form>
  );
}
