// 会签 (襄政发〔2023〕7号 第三十一条) on the /docflow screen: the stored requests with each unit's reply clock
// (7 working days unless the lead department set or agreed another limit; silence past the due day is recorded
// as 视为无异议), a reply form for a liaison's own unit (the office may reply for any unit), and — for the county
// office — a form to send a draft for countersignature. API: /api/docflow/countersigns (docs/api.md).
import { type FormEvent, useState } from 'react';
import { useAuth } from '../access/auth.tsx';
import { ApiError, api } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorBox, Loading } from '../app/common.tsx';

type Answer = 'pending' | 'agree' | 'objection' | 'no-objection';

interface UnitView {
  unit: string;
  answer: Answer;
  answerLabel: string;
  opinion: string | null;
  repliedOn: string | null;
  repliedBy: string | null;
  recordedAt: string | null;
  clock: { status: 'pending' | 'replied' | 'no-objection'; workdaysLeft: number | null; message: string };
}

interface RequestView {
  id: number;
  title: string;
  leadUnit: string;
  sentOn: string;
  workdays: number;
  agreedDueOn: string | null;
  dueOn: string;
  official: boolean;
  version: number;
  units: UnitView[];
  counts: Record<Answer, number>;
  complete: boolean;
}

const toError = (err: unknown) => (err instanceof ApiError ? err : new ApiError(0, 'CLIENT', String(err)));

function ReplyForm({ req, unit, onDone }: { req: RequestView; unit: string; onDone: () => void }) {
  const [answer, setAnswer] = useState<'agree' | 'objection'>('agree');
  const [opinion, setOpinion] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api(`/api/docflow/countersigns/${req.id}/reply`, {
        method: 'POST',
        body: { unit, answer, opinion: answer === 'objection' ? opinion : null, expectedVersion: req.version },
      });
      onDone();
    } catch (err) {
      setError(toError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="filter-bar" data-testid={`cs-reply-${req.id}`}>
      <span>{unit}回复：</span>
      <label>
        <input type="radio" checked={answer === 'agree'} onChange={() => setAnswer('agree')} /> 同意
      </label>
      <label>
        <input type="radio" checked={answer === 'objection'} onChange={() => setAnswer('objection')} /> 有不同意见
      </label>
      {answer === 'objection' && (
        <textarea
          aria-label="具体意见"
          rows={3}
          value={opinion}
          onChange={(e) => setOpinion(e.target.value)}
          placeholder="请写明具体意见"
        />
      )}
      <button className="button" type="submit" disabled={busy || (answer === 'objection' && !opinion.trim())}>
        提交回复
      </button>
      {error && <ErrorBox error={error} />}
    </form>
  );
}

function CreateForm({ onDone }: { onDone: () => void }) {
  const [title, setTitle] = useState('');
  const [leadUnit, setLeadUnit] = useState('');
  const [units, setUnits] = useState('');
  const [sentOn, setSentOn] = useState('');
  const [workdays, setWorkdays] = useState('7');
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('/api/docflow/countersigns', {
        method: 'POST',
        body: {
          title,
          leadUnit,
          units: units
            .split(/[、，,；;\s]+/)
            .map((u) => u.trim())
            .filter(Boolean),
          sentOn,
          workdays: Number(workdays) || 7,
        },
      });
      setTitle('');
      setUnits('');
      onDone();
    } catch (err) {
      setError(toError(err));
    }
  };
  return (
    <form onSubmit={submit} className="filter-bar" data-testid="cs-create">
      <label htmlFor="cs-title">文稿标题</label>
      <input id="cs-title" value={title} onChange={(e) => setTitle(e.target.value)} size={40} />
      <label htmlFor="cs-lead">主办部门</label>
      <input id="cs-lead" value={leadUnit} onChange={(e) => setLeadUnit(e.target.value)} placeholder="县水利局" />
      <label htmlFor="cs-units">会签单位（以顿号分隔）</label>
      <input
        id="cs-units"
        value={units}
        onChange={(e) => setUnits(e.target.value)}
        size={40}
        placeholder="县财政局、县司法局"
      />
      <label htmlFor="cs-sent">发出日期</label>
      <input id="cs-sent" type="date" value={sentOn} onChange={(e) => setSentOn(e.target.value)} />
      <label htmlFor="cs-days">回复时限（工作日）</label>
      <input
        id="cs-days"
        type="number"
        min={1}
        max={60}
        value={workdays}
        onChange={(e) => setWorkdays(e.target.value)}
      />
      <button className="button" type="submit" disabled={!title.trim() || !leadUnit.trim() || !units.trim() || !sentOn}>
        发起会签
      </button>
      {error && <ErrorBox error={error} />}
    </form>
  );
}

export function CountersignSection() {
  const { user, revision } = useAuth();
  const [reload, setReload] = useState(0);
  const list = useApi<{ requests: RequestView[] }>(user ? '/api/docflow/countersigns' : null, revision + reload * 1000);
  if (!user) return null;
  const done = () => setReload((n) => n + 1);
  const mayReply = (u: UnitView) =>
    u.clock.status === 'pending' && (user.role === 'admin' || (user.role === 'liaison' && user.unit === u.unit));
  return (
    <section className="docflow-countersign" data-testid="countersign">
      <h2>会签</h2>
      <p className="lead">
        第三十一条：会签单位一般应在7个工作日内回复（主办部门另有时限或商定时限的从其规定），逾期不回复视为无不同意见。
        截止日按本县工作日历（法定节假日、调休和本县日历调整）计算，发出时确定。
      </p>
      {user.role === 'admin' && <CreateForm onDone={done} />}
      {list.status === 'loading' && <Loading what="会签请求" />}
      {list.status === 'error' && <ErrorBox error={list.error} />}
      {list.status === 'ok' &&
        (list.data.requests.length === 0 ? (
          <p className="empty">暂无会签请求。</p>
        ) : (
          list.data.requests.map((r) => (
            <article key={r.id} id={`countersign-${r.id}`} className="card" data-testid={`cs-request-${r.id}`}>
              <h3>{r.title}</h3>
              <p>
                主办部门 {r.leadUnit}，{r.sentOn} 发出，
                {r.agreedDueOn ? `商定 ${r.dueOn} 前回复` : `${r.workdays} 个工作日内（${r.dueOn} 前）回复`}
                {r.official ? '' : '（所涉年份尚无官方节假日安排，截止日为估算）'}；
                {r.complete ? '已全部回复' : `待回复 ${r.counts.pending} 个单位`}。
              </p>
              <table className="doc-grid">
                <thead>
                  <tr>
                    <th>单位</th>
                    <th>回复</th>
                    <th>时限</th>
                    <th>意见</th>
                  </tr>
                </thead>
                <tbody>
                  {r.units.map((u) => (
                    <tr key={u.unit} data-answer={u.answer}>
                      <td>{u.unit}</td>
                      <td>
                        {u.answerLabel}
                        {u.repliedOn ? `（${u.repliedOn}）` : ''}
                      </td>
                      <td>{u.clock.message}</td>
                      <td>{u.opinion ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {r.units.filter(mayReply).map((u) => (
                <ReplyForm key={u.unit} req={r} unit={u.unit} onDone={done} />
              ))}
            </article>
          ))
        ))}
    </section>
  );
}
