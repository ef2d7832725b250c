// 规划监测 screens: the plans, a plan's traffic-light matrix (indicators × periods) with data entry, single-value
// approval, reopen requests (纠错申请) and the office's decision on them, template, report and DHIS2 downloads, an indicator's trend chart with the target line (ECharts), the warnings, and the
// public progress page of public plans (approved values only).
import type { EChartsCoreOption } from 'echarts/core';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../access/auth.tsx';
import { ApiError, api } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { Chart } from '../app/Chart.tsx';
import { ErrorBox, Loading, useTitle } from '../app/common.tsx';
import './monitoring.css';

type Status = 'achieved' | 'on_track' | 'acceleration_needed' | 'limited_progress' | 'deteriorating';
type Light = 'green' | 'yellow' | 'red' | 'none';

export const STATUS_LABELS: Record<Status, string> = {
  achieved: '已达标',
  on_track: '进展顺利',
  acceleration_needed: '需加快进度',
  limited_progress: '进展有限',
  deteriorating: '趋势恶化',
};

const LIGHT_LABELS: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯', none: '无数据' };
const FREQ: Record<string, string> = { daily: '每日', monthly: '每月', quarterly: '每季度', annual: '每年' };

interface Plan {
  id: number;
  name: string;
  docNumber: string | null;
  isPublic: boolean;
  baseYear: number | null;
  targetYear: number | null;
}

interface Target {
  op: string;
  value: number | null;
  year: number | null;
  scale: string | null;
}

interface Indicator {
  id: number;
  code?: string;
  domain: string;
  name: string;
  measureUnit: string | null;
  baselineYear: number | null;
  baselineValue: number | null;
  target: Target;
  attribute: 'binding' | 'expected' | null;
  responsibleUnit: string;
  reportingUnits?: string[];
  frequency?: string;
}

interface Cell {
  period: string;
  value: number;
  valueText: string;
  approved: boolean;
  status: Status;
  light: Light;
  projected: number | null;
}

interface Matrix {
  plan: Plan;
  periods: { id: string; label: string }[];
  rows: { indicator: Indicator; cells: (Cell | null)[]; latest: Cell | null }[];
}

const OP_SYMBOL: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '', '~': '≈' };

function targetText(t: Target, unit: string | null): string {
  if (t.op === 'increase' || t.op === 'decrease')
    return `${t.op === 'increase' ? '增长' : '下降'}${t.value ?? ''}${t.value !== null ? '%' : ''}${t.year ? `（${t.year}年）` : ''}`;
  return `${OP_SYMBOL[t.op] ?? ''}${t.value ?? ''}${unit ?? ''}${t.year ? `（${t.year}年）` : ''}`;
}

function LightDot({ light, title }: { light: Light; title?: string }) {
  return (
    <span
      className={`mon-light mon-light-${light}`}
      role="img"
      title={title ?? LIGHT_LABELS[light]}
      aria-label={title ?? LIGHT_LABELS[light]}
    />
  );
}

export function MatrixTable({ m, publicView = false }: { m: Matrix; publicView?: boolean }) {
  if (m.rows.length === 0) return <p>该规划尚无监测指标。</p>;
  return (
    <div className="mon-scroll">
      <table className="mon-matrix" data-testid="matrix">
        <thead>
          <tr>
            <th>领域</th>
            <th>指标</th>
            <th>属性</th>
            <th>基期</th>
            <th>目标</th>
            {m.periods.map((p) => (
              <th key={p.id}>{p.label}</th>
            ))}
            <th>判定</th>
          </tr>
        </thead>
        <tbody>
          {m.rows.map((r) => (
            <tr key={r.indicator.id} data-testid={`row-${r.indicator.name}`}>
              <td>{r.indicator.domain}</td>
              <td>
                {publicView ? (
                  r.indicator.name
                ) : (
                  <Link to={`/monitoring/indicators/${r.indicator.id}`}>{r.indicator.name}</Link>
                )}
                {r.indicator.measureUnit ? `（${r.indicator.measureUnit}）` : ''}
              </td>
              <td>
                {r.indicator.attribute === 'binding' ? '约束性' : r.indicator.attribute === 'expected' ? '预期性' : '—'}
              </td>
              <td>
                {r.indicator.baselineValue ?? '—'}
                {r.indicator.baselineYear ? `（${r.indicator.baselineYear}）` : ''}
              </td>
              <td>{targetText(r.indicator.target, r.indicator.measureUnit)}</td>
              {r.cells.map((c, i) =>
                c ? (
                  <td key={m.periods[i]?.id} className={`mon-cell mon-cell-${c.light}`} data-light={c.light}>
                    <LightDot light={c.light} title={`${STATUS_LABELS[c.status]}（${LIGHT_LABELS[c.light]}）`} />{' '}
                    {c.valueText}
                    {!c.approved && !publicView ? <span title="尚未审核">＊</span> : null}
                  </td>
                ) : (
                  <td key={m.periods[i]?.id} className="mon-cell mon-cell-none">
                    —
                  </td>
                ),
              )}
              <td data-testid="status">{r.latest ? STATUS_LABELS[r.latest.status] : '暂无数据'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mon-legend">
        <LightDot light="green" /> 已达标或进展顺利 <LightDot light="yellow" /> 需加快进度或进展有限（预期性）{' '}
        <LightDot light="red" /> 约束性指标未达进度或趋势恶化{publicView ? '' : '　＊ 尚未审核'}
      </p>
    </div>
  );
}

export function PlansPage() {
  useTitle('规划监测');
  const { user, ready } = useAuth();
  const plans = useApi<{ plans: Plan[] }>(user ? '/api/monitoring/plans' : null);
  if (!ready) return <Loading what="登录状态" />;
  if (!user) return <p>请先登录后查看规划监测。</p>;
  if (plans.status === 'loading') return <Loading what="规划" />;
  if (plans.status === 'error') return <ErrorBox error={plans.error} />;
  return (
    <section>
      <h1>规划监测</h1>
      <p>常态化监测、动态化预警：按规划查看指标红绿灯、填报数据、下载模板和监测评估报告。</p>
      <ul className="mon-plans">
        {plans.data.plans.map((p) => (
          <li key={p.id}>
            <Link to={`/monitoring/plans/${p.id}`}>{p.name}</Link> {p.docNumber ? `（${p.docNumber}）` : ''}
            {p.isPublic ? '　公开' : ''}
          </li>
        ))}
      </ul>
      <p>
        <Link to="/monitoring/warnings">预警</Link>　<Link to="/progress">公开进展</Link>
      </p>
    </section>
  );
}

/** The office approves every value of the plan still 已报送 (locks them). */
function ApproveAll({ planId, onDone }: { planId: number; onDone: () => void }) {
  const [msg, setMsg] = useState<string | null>(null);
  const run = async () => {
    setMsg(null);
    try {
      const v = await api<{ values: { id: number; status: string }[] }>(`/api/monitoring/values?plan=${planId}`);
      const ids = v.values.filter((x) => x.status === 'submitted').map((x) => x.id);
      if (ids.length === 0) {
        setMsg('没有待审核的数据。');
        return;
      }
      await api('/api/monitoring/values/approve', { method: 'POST', body: { ids } });
      setMsg(`已审核并锁定 ${ids.length} 条数据。`);
      onDone();
    } catch (e) {
      setMsg(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <p>
      <button type="button" className="button" onClick={run} data-testid="approve-all">
        审核全部待审核数据
      </button>{' '}
      {msg && <span role="status">{msg}</span>}
    </p>
  );
}

function EntryForm({ indicators, onSaved }: { indicators: Indicator[]; onSaved: () => void }) {
  const { user } = useAuth();
  const mine = indicators.filter(
    (i) => user?.role !== 'liaison' || (i.reportingUnits ?? [i.responsibleUnit]).includes(user.unit ?? ''),
  );
  const [indicatorId, setIndicatorId] = useState<number | null>(null);
  const ind = mine.find((i) => i.id === indicatorId) ?? mine[0] ?? null;
  const units = ind ? (ind.reportingUnits ?? [ind.responsibleUnit]) : [];
  const [unit, setUnit] = useState('');
  const [period, setPeriod] = useState(String(new Date().getFullYear() - 1));
  const [value, setValue] = useState('');
  const [explanation, setExplanation] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const chosenUnit = user?.role === 'liaison' ? (user.unit ?? '') : unit || units[0] || '';
  if (!ind) return <p>没有需要本单位填报的指标。</p>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      const r = await api<{ written: unknown[]; warnings: { message: string }[] }>('/api/monitoring/values', {
        method: 'POST',
        body: { values: [{ indicator: ind.id, unit: chosenUnit, period, value, explanation: explanation || null }] },
      });
      setMessage({
        ok: true,
        text: `已报送 ${r.written.length} 条。${r.warnings.length ? `预警：${r.warnings.map((w) => w.message).join('；')}` : ''}`,
      });
      setValue('');
      setExplanation('');
      onSaved();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    }
  };
  return (
    <form className="mon-entry" onSubmit={submit} data-testid="entry-form">
      <h2>数据填报</h2>
      <label>
        指标
        <select value={ind.id} onChange={(e) => setIndicatorId(Number(e.target.value))} name="indicator">
          {mine.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
      </label>
      {user?.role === 'liaison' ? (
        <label>
          单位
          <input value={chosenUnit} readOnly name="unit" />
        </label>
      ) : (
        <label>
          单位
          <select value={chosenUnit} onChange={(e) => setUnit(e.target.value)} name="unit">
            {units.map((u) => (
              <option key={u}>{u}</option>
            ))}
          </select>
        </label>
      )}
      <label>
        期间（{FREQ[ind.frequency ?? 'annual'] ?? ''}：2023、2023Q1、202301、20230115）
        <input value={period} onChange={(e) => setPeriod(e.target.value)} name="period" required />
      </label>
      <label>
        数值{ind.measureUnit ? `（${ind.measureUnit}）` : ''}
        <input value={value} onChange={(e) => setValue(e.target.value)} name="value" />
      </label>
      <label>
        说明（未通过校验时填写后强制上报）
        <textarea value={explanation} onChange={(e) => setExplanation(e.target.value)} name="explanation" rows={2} />
      </label>
      <button type="submit" className="button">
        报送
      </button>
      {message && (
        <p
          className={message.ok ? 'mon-ok' : 'mon-error'}
          role={message.ok ? 'status' : 'alert'}
          data-testid="entry-message"
        >
          {message.text}
        </p>
      )}
    </form>
  );
}

interface ValueRow {
  id: number;
  indicatorId: number;
  unit: string;
  period: string;
  periodLabel: string;
  valueText: string;
  status: 'submitted' | 'approved' | 'reopen_requested';
  approvedBy: string | null;
  reopenReason: string | null;
}

const VALUE_STATUS: Record<ValueRow['status'], string> = {
  submitted: '已报送（待审核）',
  approved: '已审核（锁定）',
  reopen_requested: '更正申请中',
};

/**
 * 数据审核与更正: every value of the plan (a liaison's own unit's) with its state. The office approves a single
 * value (审核) and decides a reopen request (同意更正 / 不同意, with an optional opinion); the unit's liaison asks to
 * correct an approved value (申请更正, with a reason). Refusals are shown as the server sent them.
 */
function ValueReview({
  planId,
  indicators,
  tick,
  onChanged,
}: {
  planId: number;
  indicators: Indicator[];
  tick: number;
  onChanged: () => void;
}) {
  const { user, revision } = useAuth();
  const values = useApi<{ values: ValueRow[] }>(`/api/monitoring/values?plan=${planId}`, revision + tick);
  const [shown, setShown] = useState<ValueRow[] | null>(null);
  const [open, setOpen] = useState<{ id: number; mode: 'reopen' | 'decide' } | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (values.status === 'ok') setShown(values.data.values);
  }, [values]);
  if (!user) return null;
  const rows = values.status === 'ok' ? values.data.values : shown;
  if (values.status === 'error') return <ErrorBox error={values.error} />;
  if (!rows) return <Loading what="填报数据" />;
  const isOffice = user.role === 'admin';
  const mine = rows.filter((v) => user.role !== 'liaison' || v.unit === user.unit);
  const names = new Map(indicators.map((i) => [i.id, i.name]));
  const call = async (path: string, body: unknown, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await api(path, { method: 'POST', body });
      setMessage({ ok: true, text: done });
      setOpen(null);
      setText('');
      onChanged();
    } catch (e) {
      setMessage({ ok: false, text: e instanceof ApiError ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  const toggle = (id: number, mode: 'reopen' | 'decide') => {
    setMessage(null);
    setText('');
    setOpen(open?.id === id && open.mode === mode ? null : { id, mode });
  };
  return (
    <section className="mon-review" data-testid="value-review">
      <h2>数据审核与更正</h2>
      <p className="mon-legend">
        {isOffice
          ? '办公室逐条审核（审核后锁定），并审批联络员的更正申请（纠错申请）。'
          : '已审核的数据已锁定；如需更正，请提交更正申请（纠错申请），经县政府办公室同意后可重新填报。'}
      </p>
      {message && (
        <p
          className={message.ok ? 'mon-ok' : 'mon-error'}
          role={message.ok ? 'status' : 'alert'}
          data-testid="review-message"
        >
          {message.text}
        </p>
      )}
      {mine.length === 0 ? (
        <p>暂无填报数据。</p>
      ) : (
        <div className="mon-scroll">
          <table className="mon-matrix">
            <thead>
              <tr>
                <th>指标</th>
                <th>单位</th>
                <th>期间</th>
                <th>数值</th>
                <th>状态</th>
                <th>操作</th>
              </tr>
            </thead>
            <tbody>
              {mine.map((v) => {
                const name = names.get(v.indicatorId) ?? `指标 ${v.indicatorId}`;
                const canAsk = v.status === 'approved' && (isOffice || v.unit === user.unit);
                return (
                  <tr key={v.id} data-testid={`value-${name}-${v.period}`} data-status={v.status}>
                    <td>{name}</td>
                    <td>{v.unit}</td>
                    <td>{v.periodLabel}</td>
                    <td>{v.valueText}</td>
                    <td data-testid="value-status">
                      {VALUE_STATUS[v.status]}
                      {v.status === 'reopen_requested' && v.reopenReason ? `：${v.reopenReason}` : ''}
                    </td>
                    <td>
                      {isOffice && v.status === 'submitted' && (
                        <button
                          type="button"
                          className="button"
                          disabled={busy}
                          onClick={() =>
                            call(
                              '/api/monitoring/values/approve',
                              { ids: [v.id] },
                              `已审核并锁定：${name}（${v.periodLabel}）。`,
                            )
                          }
                        >
                          审核
                        </button>
                      )}
                      {canAsk && (
                        <button type="button" className="button" disabled={busy} onClick={() => toggle(v.id, 'reopen')}>
                          申请更正
                        </button>
                      )}
                      {isOffice && v.status === 'reopen_requested' && (
                        <button type="button" className="button" disabled={busy} onClick={() => toggle(v.id, 'decide')}>
                          审批更正申请
                        </button>
                      )}
                      {open?.id === v.id && open.mode === 'reopen' && (
                        <form
                          className="mon-inline"
                          data-testid="reopen-form"
                          onSubmit={(e) => {
                            e.preventDefault();
                            call(
                              `/api/monitoring/values/${v.id}/reopen`,
                              { reason: text },
                              `已提交更正申请：${name}（${v.periodLabel}），待县政府办公室审批。`,
                            );
                          }}
                        >
                          <label>
                            更正理由
                            <textarea name="reason" rows={2} value={text} onChange={(e) => setText(e.target.value)} />
                          </label>
                          <button type="submit" className="button" disabled={busy}>
                            提交申请
                          </button>
                        </form>
                      )}
                      {open?.id === v.id && open.mode === 'decide' && (
                        <div className="mon-inline" data-testid="decision-form">
                          <p>申请理由：{v.reopenReason ?? '—'}</p>
                          <label>
                            审批意见（可选）
                            <textarea name="note" rows={2} value={text} onChange={(e) => setText(e.target.value)} />
                          </label>
                          <button
                            type="button"
                            className="button"
                            disabled={busy}
                            onClick={() =>
                              call(
                                `/api/monitoring/values/${v.id}/reopen-decision`,
                                { grant: true, note: text || null },
                                `已同意更正：${name}（${v.periodLabel}）可重新填报。`,
                              )
                            }
                          >
                            同意更正
                          </button>{' '}
                          <button
                            type="button"
                            className="button"
                            disabled={busy}
                            onClick={() =>
                              call(
                                `/api/monitoring/values/${v.id}/reopen-decision`,
                                { grant: false, note: text || null },
                                `已不同意更正：${name}（${v.periodLabel}）仍为已审核。`,
                              )
                            }
                          >
                            不同意
                          </button>
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function PlanPage() {
  const { id } = useParams();
  const { user, ready, revision } = useAuth();
  const [tick, setTick] = useState(0);
  const matrix = useApi<Matrix>(user ? `/api/monitoring/plans/${id}/matrix` : null, revision + tick);
  const inds = useApi<{ indicators: Indicator[] }>(user ? `/api/monitoring/plans/${id}/indicators` : null, revision);
  const [shown, setShown] = useState<Matrix | null>(null);
  useEffect(() => {
    if (matrix.status === 'ok') setShown(matrix.data);
  }, [matrix]);
  useTitle(matrix.status === 'ok' ? matrix.data.plan.name : '规划监测');
  if (!ready) return <Loading what="登录状态" />;
  if (!user) return <p>请先登录。</p>;
  // after a report the matrix reloads: keep showing the last one (and the entry form with its message)
  const m = matrix.status === 'ok' ? matrix.data : shown;
  if (matrix.status === 'error') return <ErrorBox error={matrix.error} />;
  if (!m) return <Loading what="红绿灯矩阵" />;
  const year = new Date().getFullYear() - 1;
  const unit = user.role === 'liaison' ? (user.unit ?? '') : (inds.data?.indicators[0]?.responsibleUnit ?? '');
  return (
    <section>
      <h1>{m.plan.name}</h1>
      <p>
        基期 {m.plan.baseYear ?? '—'} 年，目标年 {m.plan.targetYear ?? '—'} 年。
        {m.plan.docNumber ? `来源：${m.plan.docNumber}。` : ''}
      </p>
      <h2>红绿灯矩阵（指标 × 期间）</h2>
      <MatrixTable m={m} />
      <p className="mon-downloads">
        {unit && (
          <a href={`/api/monitoring/plans/${m.plan.id}/template.xlsx?unit=${encodeURIComponent(unit)}&year=${year}`}>
            下载{unit}
            {year}年填报模板（Excel）
          </a>
        )}
        　<a href={`/api/monitoring/plans/${m.plan.id}/report.docx?kind=annual&year=${year}`}>{year}年度监测报告</a>　
        <a href={`/api/monitoring/plans/${m.plan.id}/report.docx?kind=midterm&year=${year}`}>中期评估报告</a>　
        <a href={`/api/monitoring/plans/${m.plan.id}/report.docx?kind=final&year=${year}`}>终期评估报告</a>　
        <a href={`/api/monitoring/dhis2.csv?plan=${m.plan.id}`}>DHIS2 CSV</a>
      </p>
      {user.role === 'admin' && <ApproveAll planId={m.plan.id} onDone={() => setTick((t) => t + 1)} />}
      {inds.status === 'ok' && <EntryForm indicators={inds.data.indicators} onSaved={() => setTick((t) => t + 1)} />}
      {inds.status === 'ok' && (
        <ValueReview
          planId={m.plan.id}
          indicators={inds.data.indicators}
          tick={tick}
          onChanged={() => setTick((t) => t + 1)}
        />
      )}
    </section>
  );
}

/** One ECharts line chart (values, target line) in a div, disposed on unmount. */
function TrendChart({ option, label }: { option: EChartsCoreOption; label: string }) {
  return <Chart option={option} label={label} testId="trend-chart" className="mon-chart" />;
}

interface Series {
  indicator: Indicator;
  unit: string;
  values: { period: string; periodLabel: string; value: number; valueText: string; status: string }[];
  attainment: {
    status: Status;
    label: string;
    light: Light;
    projected: number | null;
    targetLevel: number | null;
  } | null;
}

export function IndicatorPage() {
  const { id } = useParams();
  const { user, ready } = useAuth();
  const s = useApi<Series>(user ? `/api/monitoring/indicators/${id}/series` : null);
  useTitle(s.status === 'ok' ? s.data.indicator.name : '指标趋势');
  if (!ready) return <Loading what="登录状态" />;
  if (!user) return <p>请先登录。</p>;
  if (s.status === 'loading') return <Loading what="指标趋势" />;
  if (s.status === 'error') return <ErrorBox error={s.error} />;
  const { indicator: ind, values, attainment } = s.data;
  const x = [...(ind.baselineYear ? [`${ind.baselineYear}年（基期）`] : []), ...values.map((v) => v.periodLabel)];
  if (ind.target.year) x.push(`${ind.target.year}年（目标）`);
  const observed = [
    ...(ind.baselineYear ? [ind.baselineValue] : []),
    ...values.map((v) => v.value),
    ...(ind.target.year ? [null] : []),
  ];
  const level = attainment?.targetLevel ?? ind.target.value;
  const projected = attainment?.projected ?? null;
  const option: EChartsCoreOption = {
    tooltip: { trigger: 'axis' },
    legend: { data: ['监测值', '目标', '按当前速度推算'] },
    grid: { left: 50, right: 30, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: x },
    yAxis: { type: 'value', name: ind.measureUnit ?? '' },
    series: [
      { name: '监测值', type: 'line', data: observed, connectNulls: false },
      ...(level !== null
        ? [
            {
              name: '目标',
              type: 'line',
              data: x.map(() => level),
              lineStyle: { type: 'dashed', color: '#c00000' },
              symbol: 'none',
            },
          ]
        : []),
      ...(projected !== null && ind.target.year
        ? [
            {
              name: '按当前速度推算',
              type: 'line',
              data: x.map((_, i) =>
                i === x.length - 1 ? projected : i === x.length - 2 ? (observed[i] ?? null) : null,
              ),
              lineStyle: { type: 'dotted' },
            },
          ]
        : []),
    ],
  };
  return (
    <section>
      <h1>{ind.name}</h1>
      <p>
        责任单位：{ind.responsibleUnit}　目标：{targetText(ind.target, ind.measureUnit)}　
        {attainment ? (
          <>
            判定：
            <LightDot light={attainment.light} /> <strong data-testid="attainment">{attainment.label}</strong>
            {attainment.projected !== null
              ? `，按当前速度推算目标年约为 ${Math.round(attainment.projected * 100) / 100}`
              : ''}
          </>
        ) : (
          '暂无数据'
        )}
      </p>
      <TrendChart option={option} label={`${ind.name}趋势图（含目标线）`} />
      <table className="mon-matrix">
        <thead>
          <tr>
            <th>期间</th>
            <th>数值</th>
            <th>状态</th>
          </tr>
        </thead>
        <tbody>
          {values.map((v) => (
            <tr key={v.period}>
              <td>{v.periodLabel}</td>
              <td>{v.valueText}</td>
              <td>{v.status === 'approved' ? '已审核' : v.status === 'reopen_requested' ? '更正申请中' : '已报送'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function WarningsPage() {
  useTitle('监测预警');
  const { user, ready } = useAuth();
  const w = useApi<{
    warnings: { id: number; level: 'red' | 'yellow'; message: string; recipients: string[]; createdAt: string }[];
  }>(user ? '/api/monitoring/warnings' : null);
  if (!ready) return <Loading what="登录状态" />;
  if (!user) return <p>请先登录。</p>;
  if (w.status === 'loading') return <Loading what="预警" />;
  if (w.status === 'error') return <ErrorBox error={w.error} />;
  return (
    <section>
      <h1>监测预警{user.role === 'liaison' ? `（${user.unit}）` : ''}</h1>
      {w.data.warnings.length === 0 ? (
        <p>暂无预警。</p>
      ) : (
        <ul className="mon-warnings">
          {w.data.warnings.map((x) => (
            <li key={x.id}>
              <LightDot light={x.level} /> {x.message}（发送：{x.recipients.join('、')}）
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function PublicProgressListPage() {
  useTitle('规划实施进展');
  const plans = useApi<{ plans: Plan[] }>('/api/public/monitoring/plans');
  if (plans.status === 'loading') return <Loading what="规划" />;
  if (plans.status === 'error') return <ErrorBox error={plans.error} />;
  return (
    <section>
      <h1>规划实施进展</h1>
      <ul className="mon-plans">
        {plans.data.plans.map((p) => (
          <li key={p.id}>
            <Link to={`/progress/${p.id}`}>{p.name}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PublicProgressPage() {
  const { id } = useParams();
  const m = useApi<Matrix>(`/api/public/monitoring/plans/${id}`);
  useTitle(m.status === 'ok' ? `${m.data.plan.name}实施进展` : '规划实施进展');
  if (m.status === 'loading') return <Loading what="规划进展" />;
  if (m.status === 'error') return <ErrorBox error={m.error} />;
  return (
    <section>
      <h1>{m.data.plan.name}实施进展</h1>
      <p>仅显示经办公室审核的监测数据。</p>
      <MatrixTable m={m.data} publicView />
    </section>
  );
}
