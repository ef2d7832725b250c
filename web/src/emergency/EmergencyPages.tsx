// The duty officer's screens of the outage plan (issue #7, 襄政办发〔2023〕15号): the incident list with the
// 初判 form (/emergency), one incident (/emergency/:id: clock board counting down in 北京时间, the two readings of
// the response level with the 指挥部's decision, 附件6 即时报告单, 附件7 信息发布审批表, §5.4.2 termination
// checklist, §7 后期处置, who must act now, the timeline), the command structure (/emergency/command) and drills
// (/emergency/drills). Every action posts the version the page saw; the server's Chinese message is shown as is.
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useAuth } from '../access/auth.tsx';
import { ApiError, api } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorBox, Loading, useTitle } from '../app/common.tsx';
import {
  AFTERMATH,
  beijing,
  beijingInput,
  beijingNow,
  CHANNELS,
  type Clock,
  COLOR_NAMES,
  duration,
  EVENT_LABELS,
  GRIDS,
  type IncidentDetail,
  type IncidentSummary,
  LEVEL_COLORS,
  PARTIES,
  PUBLICATION_ACTIONS,
  PUBLICATION_CONTENT,
  PUBLICATION_STATES,
  type Publication,
  REPORT_FIELDS,
  REPORT_KINDS,
  REQUIRED_REPORT_FIELDS,
  STATE_LABELS,
} from './labels.ts';

const box = { border: '1px solid #ddd', borderRadius: 6, padding: '0.8rem 1rem', margin: '0.8rem 0' } as const;
const row = { display: 'flex', gap: '0.6rem', flexWrap: 'wrap', alignItems: 'baseline' } as const;

function message(e: unknown): string {
  return e instanceof ApiError ? e.message : `页面出错：${String(e)}`;
}

function LevelBadge({ level, color }: { level: string | null; color: string | null }) {
  if (!level || !color) return <span className="tag">未达一般标准</span>;
  return (
    <span
      className="badge"
      data-testid="level-badge"
      style={{ background: LEVEL_COLORS[color], color: '#fff', borderColor: LEVEL_COLORS[color] }}
    >
      {level}（{COLOR_NAMES[color]}）
    </span>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section style={box} data-testid={testId} aria-label={title}>
      <h2 style={{ marginTop: 0, fontSize: '1.1rem' }}>{title}</h2>
      {children}
    </section>
  );
}

/** A form that posts, shows the server's Chinese refusal, and calls onDone with the answer. */
function useSubmit<T>(onDone: (r: T) => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (path: string, body: unknown, method: 'POST' | 'PUT' = 'POST') => {
    setBusy(true);
    setError(null);
    try {
      onDone(await api<T>(path, { method, body }));
      return true;
    } catch (e) {
      setError(message(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const errorBox = error ? (
    <div className="error-box" role="alert">
      {error}
    </div>
  ) : null;
  return { submit, busy, errorBox };
}

// ---------------------------------------------------------------------------------------------------------
// /emergency: the list and the 初判 form

export function IncidentsPage() {
  useTitle('大面积停电应急');
  const { user, revision } = useAuth();
  const list = useApi<{ incidents: IncidentSummary[] }>('/api/incidents', revision);
  return (
    <div className="page emergency-list">
      <h1 className="page-title">大面积停电事件应急</h1>
      <p className="lead">
        依据《襄垣县大面积停电事件应急预案》（襄政办发〔2023〕15号）：附件1 定级，§5.2 与附件4 两种响应解读，§4.3、§4.5
        报告时限（北京时间），附件7 信息发布审批，§5.4.2 响应终止，§7 后期处置。
      </p>
      <p style={row}>
        <Link to="/emergency/command">指挥机构与联系电话</Link>
        <Link to="/emergency/drills">演练（§8.1）</Link>
      </p>
      {list.status === 'loading' && <Loading what="停电事件" />}
      {list.status === 'error' && <ErrorBox error={list.error} />}
      {list.status === 'ok' && <IncidentTable incidents={list.data.incidents} />}
      {user?.role === 'admin' && <NewIncidentForm />}
    </div>
  );
}

function IncidentTable({ incidents }: { incidents: IncidentSummary[] }) {
  if (incidents.length === 0) return <p className="empty">尚无登记的停电事件。</p>;
  return (
    <table className="data-table" data-testid="incident-table">
      <thead>
        <tr>
          <th>编号</th>
          <th>事件</th>
          <th>级别（附件1）</th>
          <th>初判发生（北京时间）</th>
          <th>响应</th>
          <th>阶段</th>
        </tr>
      </thead>
      <tbody>
        {incidents.map((i) => (
          <tr key={i.id}>
            <td>{i.id}</td>
            <td>
              <Link to={`/emergency/${i.id}`}>{i.title}</Link>
              {i.status === 'Exercise' && <span className="tag">演练</span>}
            </td>
            <td>
              <LevelBadge level={i.level} color={i.color} />
            </td>
            <td className="nowrap">{beijing(i.firstJudgedAt)}</td>
            <td>{i.decision ? i.decision.level : '待决定'}</td>
            <td>{STATE_LABELS[i.state]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function NewIncidentForm({ exercise = false }: { exercise?: boolean }) {
  const navigate = useNavigate();
  const [f, setF] = useState({
    title: '',
    grid: 'county-city',
    loadMw: '300',
    lostLoadPct: '',
    usersOutPct: '',
    judgedAt: beijingNow(),
    stage: 'active',
    socialImpact: 'none',
    drillForm: '桌面推演',
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const { submit, busy, errorBox } = useSubmit<IncidentDetail>((d) => navigate(`/emergency/${d.incident.id}`));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const num = (v: string) => (v.trim() === '' ? undefined : Number(v));
    void submit('/api/incidents', {
      status: exercise ? 'Exercise' : 'Actual',
      ...(exercise ? { drillForm: f.drillForm } : {}),
      title: f.title,
      grid: f.grid,
      loadMw: num(f.loadMw),
      lostLoadPct: num(f.lostLoadPct),
      usersOutPct: num(f.usersOutPct),
      judgedAt: beijingInput(f.judgedAt),
      stage: f.stage,
      response: { socialImpact: f.socialImpact },
    });
  };
  return (
    <form onSubmit={onSubmit} style={box} data-testid={exercise ? 'drill-form' : 'new-incident'}>
      <h2 style={{ marginTop: 0, fontSize: '1.1rem' }}>
        {exercise ? '登记演练（按同一流程，状态 Exercise）' : '登记初判（发生或初判发生）'}
      </h2>
      <div style={row}>
        <label>
          事件名称 <input id="inc-title" value={f.title} onChange={set('title')} required />
        </label>
        <label>
          电网类型{' '}
          <select id="inc-grid" value={f.grid} onChange={set('grid')}>
            {Object.entries(GRIDS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          负荷（兆瓦） <input id="inc-load" value={f.loadMw} onChange={set('loadMw')} inputMode="decimal" size={6} />
        </label>
        <label>
          减供负荷（%） <input id="inc-lost" value={f.lostLoadPct} onChange={set('lostLoadPct')} size={5} />
        </label>
        <label>
          停电用户（%） <input id="inc-users" value={f.usersOutPct} onChange={set('usersOutPct')} size={5} />
        </label>
      </div>
      <div style={row}>
        <label>
          初判发生时间（北京时间）{' '}
          <input id="inc-judged" type="datetime-local" value={f.judgedAt} onChange={set('judgedAt')} required />
        </label>
        <label>
          阶段{' '}
          <select id="inc-stage" value={f.stage} onChange={set('stage')}>
            <option value="active">已发生</option>
            <option value="warning">研判可能发生（预警）</option>
          </select>
        </label>
        <label>
          社会影响{' '}
          <select id="inc-impact" value={f.socialImpact} onChange={set('socialImpact')}>
            <option value="none">一般</option>
            <option value="larger">较大影响（§5.2.1）</option>
            <option value="severe">严重影响（附件4）</option>
          </select>
        </label>
        {exercise && (
          <label>
            演练形式{' '}
            <select id="inc-drill" value={f.drillForm} onChange={set('drillForm')}>
              {['电力迎峰度夏（冬）反事故演习', '桌面推演', '实战演练', '其他'].map((x) => (
                <option key={x}>{x}</option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className="button" disabled={busy}>
          {exercise ? '登记演练' : '登记并定级'}
        </button>
      </div>
      {errorBox}
    </form>
  );
}

// ---------------------------------------------------------------------------------------------------------
// /emergency/:id

export function IncidentPage() {
  const { id } = useParams();
  const { user, revision } = useAuth();
  const [detail, setDetail] = useState<IncidentDetail | null>(null);
  const [bump, setBump] = useState(0);
  const loaded = useApi<IncidentDetail>(`/api/incidents/${id}`, revision + bump);
  useEffect(() => {
    if (loaded.status === 'ok') setDetail(loaded.data);
  }, [loaded]);
  useTitle(detail ? detail.incident.title : '停电事件');
  if (loaded.status === 'error') return <ErrorBox error={loaded.error} />;
  if (!detail) return <Loading what="停电事件" />;
  const inc = detail.incident;
  const refresh = () => setBump((b) => b + 1);
  // Some answers carry the workflow (publications, 后期处置, who must act), others only the incident: refetch.
  const onDone = (d: IncidentDetail) => {
    if (d.workflow) setDetail(d);
    else refresh();
  };
  const role = user?.role;
  return (
    <div className="page emergency-incident" data-testid="incident-page">
      <p className="breadcrumb">
        <Link to="/emergency">大面积停电应急</Link> › 事件 {inc.id}
      </p>
      <h1 className="page-title">
        {inc.status === 'Exercise' && '【演练】'}
        {inc.title}
      </h1>
      <p style={row}>
        <LevelBadge level={inc.level} color={inc.color} />
        <span data-testid="incident-state">阶段：{STATE_LABELS[inc.state]}</span>
        <span>初判发生：北京时间 {beijing(inc.firstJudgedAt)}</span>
        <span className="muted">第 {inc.version} 版</span>
        {inc.grading.matched[0] && <span className="muted">{inc.grading.matched[0].clause}</span>}
      </p>
      <ClockBoard clocks={detail.clocks} alarms={detail.workflow.alarms} />
      <WhoMustAct detail={detail} />
      <Readings detail={detail} canDecide={role === 'leader'} onDone={onDone} />
      {role === 'admin' && inc.state !== 'closed' && <ReportForm detail={detail} onDone={onDone} />}
      <Publications detail={detail} role={role} onDone={refresh} />
      {inc.state === 'active' && role === 'leader' && <Termination detail={detail} onDone={onDone} />}
      {(inc.state === 'terminated' || inc.state === 'closed') && (
        <Aftermath detail={detail} role={role} onDone={onDone} />
      )}
      <Timeline detail={detail} />
    </div>
  );
}

function ClockBoard({ clocks, alarms }: { clocks: Clock[]; alarms: IncidentDetail['workflow']['alarms'] }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return (
    <Section title="报告时限（北京时间，§4.3、§4.5）" testId="clock-board">
      <p className="muted">
        北京时间现在 <strong data-testid="beijing-now">{beijing(new Date(now).toISOString())}</strong>
        （Asia/Shanghai，UTC+8）
      </p>
      {clocks.length === 0 ? (
        <p className="empty">当前没有报告时限。</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th>时限</th>
              <th>截止（北京时间）</th>
              <th>倒计时 / 状态</th>
              <th>依据</th>
            </tr>
          </thead>
          <tbody>
            {clocks.map((c) => {
              const left = Date.parse(c.dueAt) - now;
              const text =
                c.doneAt !== null
                  ? `${c.state === 'met' ? '已按时完成' : '逾期完成'}（${beijing(c.doneAt)}）`
                  : left >= 0
                    ? `剩余 ${duration(left)}`
                    : `已超时 ${duration(left)}`;
              const colour =
                c.doneAt !== null
                  ? c.state === 'met'
                    ? '#1e8449'
                    : '#b9770e'
                  : left < 0
                    ? '#c0392b'
                    : left <= 600_000
                      ? '#b9770e'
                      : undefined;
              return (
                <tr key={c.id} data-clock={c.id}>
                  <td>{c.label}</td>
                  <td className="nowrap">{beijing(c.dueAt)}</td>
                  <td style={{ color: colour, fontWeight: 600 }} data-testid={`clock-${c.id}`}>
                    {text}
                  </td>
                  <td className="muted" style={{ fontSize: '0.85em' }}>
                    {c.clause.slice(0, 40)}…
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {alarms.length > 0 && (
        <p data-testid="alarms">
          已发出告警：
          {alarms.map((a) => `${a.label}（${a.clockId}，${beijing(a.raisedAt)}）`).join('；')}
        </p>
      )}
    </Section>
  );
}

function WhoMustAct({ detail }: { detail: IncidentDetail }) {
  const duties = detail.workflow.whoMustAct;
  return (
    <Section title={`现在谁须行动（${detail.incident.decision?.level ?? '响应级别未定'}）`} testId="who-must-act">
      {duties.length === 0 ? (
        <p className="empty">事件已关闭，无待办职责。</p>
      ) : (
        <ul>
          {duties.map((d) => (
            <li key={`${d.who}-${d.what}`}>
              <strong>{d.who}</strong>：{d.what} <span className="muted">（{d.clause}）</span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Readings({
  detail,
  canDecide,
  onDone,
}: {
  detail: IncidentDetail;
  canDecide: boolean;
  onDone: (d: IncidentDetail) => void;
}) {
  const inc = detail.incident;
  const [level, setLevel] = useState('二级');
  const [note, setNote] = useState('');
  const { submit, busy, errorBox } = useSubmit<IncidentDetail>(onDone);
  const r = inc.response;
  return (
    <Section title="应急响应级别：两种解读与县指挥部决定" testId="readings">
      {!r ? (
        <p className="muted">未评估县级响应（缺少襄垣电网数据）。</p>
      ) : (
        <>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '1rem' }}>
            {r.readings.map((x) => (
              <div key={x.basis} style={box} data-testid={`reading-${x.basis}`}>
                <h3 style={{ marginTop: 0 }}>
                  按 {x.basis}：{x.level ?? '不启动'}
                </h3>
                <p>{x.reason}</p>
                {x.decidedBy && <p className="muted">{x.decidedBy}</p>}
              </div>
            ))}
          </div>
          {!r.consistent && (
            <div
              className="finding"
              data-testid="inconsistency"
              style={{ borderLeft: '4px solid #c0392b', paddingLeft: '0.6rem' }}
            >
              <strong>文件问题：</strong>§5.2.1 把三级响应留给“尚未达到一般大面积停电事件标准”的事件，而附件4 三级 1.
              把附件1 定为“一般”的事件（150 兆瓦及以上减供负荷 40%—50%）列为三级。两种解读不一致，预案未规定取舍，
              由县指挥部决定并记录理由。
            </div>
          )}
        </>
      )}
      <p data-testid="decision">
        县指挥部决定：
        {inc.decision ? (
          <strong>
            {inc.decision.level}（{inc.decision.by}，北京时间 {beijing(inc.decision.at)}；理由：{inc.decision.note}）
          </strong>
        ) : (
          '尚未决定'
        )}
      </p>
      {canDecide && (inc.state === 'active' || inc.state === 'warning') && (
        <form
          style={row}
          onSubmit={(e) => {
            e.preventDefault();
            void submit(`/api/incidents/${inc.id}/decision`, { level, note, version: inc.version });
          }}
        >
          <label>
            响应级别{' '}
            <select id="decide-level" value={level} onChange={(e) => setLevel(e.target.value)}>
              {['一级', '二级', '三级'].map((x) => (
                <option key={x}>{x}</option>
              ))}
            </select>
          </label>
          <label>
            理由 <input id="decide-note" value={note} onChange={(e) => setNote(e.target.value)} size={40} />
          </label>
          <button type="submit" className="button" disabled={busy}>
            {inc.decision ? '调整响应' : '启动响应'}
          </button>
          {errorBox}
        </form>
      )}
    </Section>
  );
}

function ReportForm({ detail, onDone }: { detail: IncidentDetail; onDone: (d: IncidentDetail) => void }) {
  const inc = detail.incident;
  const [kind, setKind] = useState('first');
  const [channel, setChannel] = useState('written');
  const [from, setFrom] = useState('county-energy-bureau');
  const [to, setTo] = useState<string[]>(['city-energy-bureau', 'county-government']);
  const [at, setAt] = useState(beijingNow());
  const [content, setContent] = useState<Record<string, string>>({});
  const [trackAt, setTrackAt] = useState(beijingNow());
  const { submit, busy, errorBox } = useSubmit<IncidentDetail>((d) => {
    setContent({});
    onDone(d);
  });
  const fields = REPORT_FIELDS[kind] ?? {};
  return (
    <Section title="即时报告单（附件6；首报、续报、终报的内容见 §4.2）" testId="report-form">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit(`/api/incidents/${inc.id}/reports`, {
            kind,
            channel,
            from,
            to,
            at: beijingInput(at),
            content,
            version: inc.version,
          });
        }}
      >
        <div style={row}>
          <label>
            报告类型{' '}
            <select id="rep-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              {Object.entries(REPORT_KINDS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          <label>
            方式{' '}
            <select id="rep-channel" value={channel} onChange={(e) => setChannel(e.target.value)}>
              {Object.entries(CHANNELS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          <label>
            报告单位{' '}
            <select id="rep-from" value={from} onChange={(e) => setFrom(e.target.value)}>
              {Object.entries(PARTIES).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          <label>
            报告时间（北京时间）{' '}
            <input id="rep-at" type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
          </label>
        </div>
        <fieldset style={{ border: 0, padding: 0 }}>
          <legend>接收单位</legend>
          {Object.entries(PARTIES).map(([k, v]) => (
            <label key={k} style={{ marginRight: '0.8rem' }}>
              <input
                type="checkbox"
                checked={to.includes(k)}
                onChange={(e) => setTo(e.target.checked ? [...to, k] : to.filter((x) => x !== k))}
              />{' '}
              {v}
            </label>
          ))}
        </fieldset>
        <div
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(18rem, 1fr))', gap: '0.4rem 1rem' }}
        >
          {Object.entries(fields).map(([k, label]) => (
            <label key={`${kind}-${k}`}>
              {label}
              {REQUIRED_REPORT_FIELDS[kind]?.includes(k) && <span title="必填"> *</span>}
              <br />
              <input
                id={`rep-${k}`}
                style={{ width: '100%' }}
                value={content[k] ?? ''}
                onChange={(e) => setContent({ ...content, [k]: e.target.value })}
              />
            </label>
          ))}
        </div>
        <button type="submit" className="button" disabled={busy}>
          提交{REPORT_KINDS[kind]}
        </button>
      </form>
      <form
        style={{ ...row, marginTop: '0.6rem' }}
        onSubmit={(e) => {
          e.preventDefault();
          void submit(`/api/incidents/${inc.id}/tracking`, { at: beijingInput(trackAt), version: inc.version });
        }}
      >
        <label>
          跟踪处置进展（§4.5）时间{' '}
          <input id="track-at" type="datetime-local" value={trackAt} onChange={(e) => setTrackAt(e.target.value)} />
        </label>
        <button type="submit" className="button button-small" disabled={busy}>
          记录跟踪
        </button>
      </form>
      {errorBox}
    </Section>
  );
}

function Publications({
  detail,
  role,
  onDone,
}: {
  detail: IncidentDetail;
  role: string | undefined;
  onDone: () => void;
}) {
  const inc = detail.incident;
  const [f, setF] = useState({
    category: 'warning',
    title: '',
    submittingUnit: '县能源局',
    submitter: '',
    action: 'issue',
    level: inc.level ?? '一般',
    areaDesc: '襄垣县',
  });
  const [content, setContent] = useState<Record<string, string>>({});
  const { submit, busy, errorBox } = useSubmit<unknown>(() => {
    setContent({});
    onDone();
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const pubs = detail.workflow.publications;
  const live = [...detail.events].reverse().find((e) => e.hasCap);
  const liveWarning = live && live.kind !== 'warning-lifted';
  return (
    <Section title="信息发布审批表（附件7）：填报 → 县指挥部办公室主任审核 → 县指挥部审批 → 发布" testId="publications">
      {pubs.length === 0 && <p className="empty">尚无审批表。</p>}
      {pubs.map((p) => (
        <PublicationCard key={p.id} incidentId={inc.id} p={p} role={role} onDone={onDone} />
      ))}
      {role === 'admin' && liveWarning && (
        <p>
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() => void submit(`/api/incidents/${inc.id}/warnings`, { action: 'cancel', version: inc.version })}
          >
            解除预警（§3.3.4 县指挥部办公室宣布）
          </button>
        </p>
      )}
      {role === 'admin' && inc.state !== 'closed' && (
        <form
          data-testid="publication-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit(`/api/incidents/${inc.id}/publications`, {
              category: f.category,
              title: f.title,
              submittingUnit: f.submittingUnit,
              submitter: f.submitter,
              attachments: ['electronic'],
              content,
              ...(f.category === 'warning'
                ? { warning: { action: f.action, level: f.level, areaDesc: f.areaDesc } }
                : {}),
            });
          }}
        >
          <h3>填报审批表</h3>
          <div style={row}>
            <label>
              信息类别{' '}
              <select id="pub-category" value={f.category} onChange={set('category')}>
                <option value="warning">预警</option>
                <option value="event">大面积停电事件</option>
              </select>
            </label>
            <label>
              信息标题 <input id="pub-title" value={f.title} onChange={set('title')} size={30} />
            </label>
            <label>
              信息报送部门 <input id="pub-unit" value={f.submittingUnit} onChange={set('submittingUnit')} />
            </label>
            <label>
              信息报送人 <input id="pub-submitter" value={f.submitter} onChange={set('submitter')} />
            </label>
          </div>
          {f.category === 'warning' && (
            <div style={row}>
              <label>
                预警操作{' '}
                <select id="pub-action" value={f.action} onChange={set('action')}>
                  <option value="issue">发布</option>
                  <option value="update">调整</option>
                </select>
              </label>
              <label>
                预警级别{' '}
                <select id="pub-level" value={f.level} onChange={set('level')}>
                  {['特别重大', '重大', '较大', '一般'].map((x) => (
                    <option key={x}>{x}</option>
                  ))}
                </select>
              </label>
              <label>
                区域 <input id="pub-area" value={f.areaDesc} onChange={set('areaDesc')} />
              </label>
            </div>
          )}
          <div
            style={{
              display: 'grid',
              gridTemplateColumns: 'repeat(auto-fill, minmax(16rem, 1fr))',
              gap: '0.4rem 1rem',
            }}
          >
            {Object.entries(PUBLICATION_CONTENT).map(([k, label]) => (
              <label key={k}>
                {label}
                <br />
                <input
                  id={`pub-${k}`}
                  style={{ width: '100%' }}
                  value={content[k] ?? ''}
                  onChange={(e) => setContent({ ...content, [k]: e.target.value })}
                />
              </label>
            ))}
          </div>
          <button type="submit" className="button" disabled={busy}>
            提交审核
          </button>
        </form>
      )}
      {errorBox}
    </Section>
  );
}

function PublicationCard({
  incidentId,
  p,
  role,
  onDone,
}: {
  incidentId: number;
  p: Publication;
  role: string | undefined;
  onDone: () => void;
}) {
  const [opinion, setOpinion] = useState('');
  const [proofreader, setProofreader] = useState('');
  const [publisher, setPublisher] = useState('');
  const { submit, busy, errorBox } = useSubmit<unknown>(onDone);
  const act = (body: Record<string, unknown>) =>
    void submit(`/api/incidents/${incidentId}/publications/${p.id}/actions`, { ...body, version: p.version });
  const can = (a: string) => p.openActions.includes(a);
  const decide = (action: 'review' | 'approve') => (
    <span style={row}>
      <input
        id={`op-${p.id}`}
        placeholder={action === 'review' ? '审核意见（不同意须写明理由）' : '审批意见（不同意须写明理由）'}
        value={opinion}
        onChange={(e) => setOpinion(e.target.value)}
        size={30}
      />
      <button
        type="button"
        className="button button-small"
        disabled={busy}
        onClick={() => act({ action, agree: true, opinion })}
      >
        {action === 'review' ? '审核同意' : '审批同意'}
      </button>
      <button
        type="button"
        className="button button-small button-quiet"
        disabled={busy}
        onClick={() => act({ action, agree: false, opinion })}
      >
        不同意
      </button>
    </span>
  );
  return (
    <div style={box} data-testid={`publication-${p.number}`}>
      <p style={row}>
        <strong>{p.number}</strong>
        <span>{p.form.category === 'warning' ? '预警' : '大面积停电事件'}</span>
        <span>{p.form.title}</span>
        {p.form.warning && (
          <span>
            （{p.form.warning.action === 'issue' ? '发布' : '调整'} {p.form.warning.level}预警，
            {p.form.warning.areaDesc}）
          </span>
        )}
        <span className="tag" data-testid="publication-state">
          {PUBLICATION_STATES[p.state] ?? p.state}
        </span>
      </p>
      <p className="muted">
        {p.form.steps
          .map(
            (s) =>
              `${PUBLICATION_ACTIONS[s.action] ?? s.action}：${s.by}，${beijing(s.at)}${s.opinion ? `（${s.opinion}）` : ''}`,
          )
          .join(' → ')}
      </p>
      {p.publishedEventId !== null && (
        <p>
          <a href={`/api/incidents/${incidentId}/cap/${p.publishedEventId}`} data-testid="cap-link">
            CAP 1.2 预警消息（XML）
          </a>
        </p>
      )}
      {can('review') && role === 'leader' && decide('review')}
      {can('approve') && role === 'leader' && decide('approve')}
      {can('publish') && role === 'admin' && (
        <span style={row}>
          <input
            id={`proof-${p.id}`}
            placeholder="信息校对人员"
            value={proofreader}
            onChange={(e) => setProofreader(e.target.value)}
          />
          <input
            id={`publisher-${p.id}`}
            placeholder="发布人员"
            value={publisher}
            onChange={(e) => setPublisher(e.target.value)}
          />
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() => act({ action: 'publish', proofreader, publisher })}
          >
            发布
          </button>
        </span>
      )}
      {can('withdraw') && role === 'admin' && (
        <button
          type="button"
          className="button button-small button-quiet"
          disabled={busy}
          onClick={() => act({ action: 'withdraw' })}
        >
          撤回
        </button>
      )}
      {errorBox}
    </div>
  );
}

function Termination({ detail, onDone }: { detail: IncidentDetail; onDone: (d: IncidentDetail) => void }) {
  const inc = detail.incident;
  const [c, setC] = useState({
    gridRestored: false,
    lostLoadRestoredPct: '',
    keyAreasRestoredPct: '',
    hazardsEliminated: false,
    secondaryIncidentsHandled: false,
  });
  const { submit, busy, errorBox } = useSubmit<IncidentDetail>(onDone);
  const check = (k: 'gridRestored' | 'hazardsEliminated' | 'secondaryIncidentsHandled', text: string) => (
    <li>
      <label>
        <input
          id={`term-${k}`}
          type="checkbox"
          checked={c[k]}
          onChange={(e) => setC({ ...c, [k]: e.target.checked })}
        />{' '}
        {text}
      </label>
    </li>
  );
  return (
    <Section title="响应终止核对（§5.4.2 四项条件须同时满足）" testId="termination">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit(`/api/incidents/${inc.id}/terminate`, {
            conditions: {
              gridRestored: c.gridRestored,
              lostLoadRestoredPct: Number(c.lostLoadRestoredPct || Number.NaN),
              keyAreasRestoredPct: Number(c.keyAreasRestoredPct || Number.NaN),
              hazardsEliminated: c.hazardsEliminated,
              secondaryIncidentsHandled: c.secondaryIncidentsHandled,
            },
            version: inc.version,
          });
        }}
      >
        <ol>
          {check(
            'gridRestored',
            '(1) 电网主干网架基本恢复正常，电网运行参数保持在稳定限值之内，本区域内主要发电机组运行稳定',
          )}
          <li>
            (2) 减供负荷恢复{' '}
            <input
              id="term-lost"
              size={4}
              value={c.lostLoadRestoredPct}
              onChange={(e) => setC({ ...c, lostLoadRestoredPct: e.target.value })}
            />
            %（须 80% 以上），重点区域、重要负荷恢复{' '}
            <input
              id="term-key"
              size={4}
              value={c.keyAreasRestoredPct}
              onChange={(e) => setC({ ...c, keyAreasRestoredPct: e.target.value })}
            />
            %（须 90% 以上）
          </li>
          {check('hazardsEliminated', '(3) 造成大面积停电事件的隐患基本消除')}
          {check('secondaryIncidentsHandled', '(4) 大面积停电事件造成的重、特大次生衍生事故基本处置完成')}
        </ol>
        <button type="submit" className="button" disabled={busy}>
          发布终止响应
        </button>
      </form>
      {errorBox}
    </Section>
  );
}

function Aftermath({
  detail,
  role,
  onDone,
}: {
  detail: IncidentDetail;
  role: string | undefined;
  onDone: (d: IncidentDetail) => void;
}) {
  const inc = detail.incident;
  const [text, setText] = useState<Record<string, string>>({});
  const [notNeeded, setNotNeeded] = useState(false);
  const { submit, busy, errorBox } = useSubmit<IncidentDetail>(onDone);
  const done = detail.workflow.aftermath.done;
  return (
    <Section title="后期处置（§7）" testId="aftermath">
      <ol>
        {Object.entries(AFTERMATH).map(([step, s]) => {
          const d = done.find((x) => x.step === step);
          return (
            <li key={step} data-step={step}>
              <strong>
                {s.label}（{s.clause}）
              </strong>
              ：
              {d ? (
                <span>
                  {d.notNeeded ? '不需要：' : ''}
                  {d.summary}（{d.by}，北京时间 {beijing(d.at)}）
                </span>
              ) : role === 'admin' && inc.state === 'terminated' ? (
                <span style={row}>
                  <input
                    id={`after-${step}`}
                    placeholder={s.needs}
                    size={40}
                    value={text[step] ?? ''}
                    onChange={(e) => setText({ ...text, [step]: e.target.value })}
                  />
                  {step === 'reconstruction' && (
                    <label>
                      <input type="checkbox" checked={notNeeded} onChange={(e) => setNotNeeded(e.target.checked)} />{' '}
                      不需修复或重建
                    </label>
                  )}
                  <button
                    type="button"
                    className="button button-small"
                    disabled={busy}
                    onClick={() =>
                      void submit(`/api/incidents/${inc.id}/aftermath`, {
                        step,
                        summary: text[step] ?? '',
                        ...(step === 'reconstruction' && notNeeded ? { notNeeded: true } : {}),
                        version: inc.version,
                      })
                    }
                  >
                    记录{s.label}
                  </button>
                </span>
              ) : (
                <span className="muted">未记录</span>
              )}
            </li>
          );
        })}
      </ol>
      {role === 'leader' && inc.state === 'terminated' && (
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void submit(`/api/incidents/${inc.id}/close`, { version: inc.version })}
        >
          关闭事件
        </button>
      )}
      {errorBox}
    </Section>
  );
}

function eventText(e: IncidentDetail['events'][number]): string {
  const p = e.payload as Record<string, unknown>;
  if (e.kind.startsWith('report-')) {
    const r = p.report as { channel: string; from: string; to: string[] };
    return `${CHANNELS[r.channel] ?? r.channel}，${PARTIES[r.from] ?? r.from} → ${r.to.map((x) => PARTIES[x] ?? x).join('、')}`;
  }
  if (e.kind.startsWith('warning-')) return `${String(p.level)}预警，CAP ${String(p.msgType)} ${String(p.identifier)}`;
  if (e.kind.startsWith('response-')) return `${String(p.level)}：${String(p.note)}`;
  if (e.kind === 'terminated') return '§5.4.2 四项条件均已满足';
  if (e.kind === 'aftermath') {
    if (p.closed) return '后期处置完成，事件关闭';
    const r = p.record as { step: string; summary: string };
    return `${AFTERMATH[r.step]?.label ?? r.step}：${r.summary}`;
  }
  if (e.kind === 'tracking') return p.note ? String(p.note) : '';
  return '';
}

function Timeline({ detail }: { detail: IncidentDetail }) {
  const items = [
    ...detail.events.map((e) => ({
      at: e.at,
      what: EVENT_LABELS[e.kind] ?? e.kind,
      who: e.actor,
      text: eventText(e),
    })),
    ...detail.workflow.publications.flatMap((p) =>
      p.form.steps.map((s) => ({
        at: s.at,
        what: `审批表${PUBLICATION_ACTIONS[s.action] ?? s.action}`,
        who: s.by,
        text: `${p.number} ${p.form.title}${s.opinion ? `（${s.opinion}）` : ''}`,
      })),
    ),
    ...detail.workflow.alarms.map((a) => ({ at: a.raisedAt, what: `告警：${a.label}`, who: '系统', text: a.clockId })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <Section title="时间线（北京时间）" testId="timeline">
      <ol>
        {items.map((i, n) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the merged list has no id of its own
          <li key={n}>
            <span className="nowrap">{beijing(i.at)}</span> <strong>{i.what}</strong>（{i.who}）
            {i.text && `：${i.text}`}
          </li>
        ))}
      </ol>
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------------------
// /emergency/command

interface CommandView {
  leadership: { post: string; holders: string[]; clause: string }[];
  posts: Record<string, string>;
  memberUnits: { unit: string; duty: string; listedIn211: boolean; clause: string }[];
  workingGroups: { names: string[]; clause: string };
  contacts: { unit: string; dutyPhone: string }[];
  holders: { username: string; displayName: string; post: string; postLabel: string }[];
  duties: Record<string, { clause: string; source: string }>;
}

export function CommandPage() {
  useTitle('县大面积停电事件应急指挥部');
  const { user, revision } = useAuth();
  const [bump, setBump] = useState(0);
  const c = useApi<CommandView>('/api/command', revision + bump);
  const [username, setUsername] = useState('');
  const [post, setPost] = useState('office-director');
  const { submit, busy, errorBox } = useSubmit<unknown>(() => setBump((b) => b + 1));
  if (c.status === 'loading') return <Loading what="指挥机构" />;
  if (c.status === 'error') return <ErrorBox error={c.error} />;
  const d = c.data;
  return (
    <div className="page emergency-command" data-testid="command-page">
      <p className="breadcrumb">
        <Link to="/emergency">大面积停电应急</Link> › 指挥机构
      </p>
      <h1 className="page-title">县大面积停电事件应急指挥部</h1>
      <Section title="组成（§2.1.1）与账号" testId="leadership">
        <ul>
          {d.leadership.map((l) => (
            <li key={l.post}>
              <strong>{d.posts[l.post]}</strong>：{l.holders.join('、')} <span className="muted">（{l.clause}）</span>
              ；账号：
              {d.holders
                .filter((h) => h.post === l.post)
                .map((h) => `${h.displayName}（${h.username}）`)
                .join('、') || '未指定'}
            </li>
          ))}
        </ul>
        {user?.role === 'admin' && (
          <form
            style={row}
            onSubmit={(e) => {
              e.preventDefault();
              const current = d.holders.filter((h) => h.username === username).map((h) => h.post);
              void submit('/api/command/posts', { username, posts: [...new Set([...current, post])] }, 'PUT');
            }}
          >
            <label>
              账号 <input id="post-user" value={username} onChange={(e) => setUsername(e.target.value)} />
            </label>
            <label>
              职务{' '}
              <select id="post-post" value={post} onChange={(e) => setPost(e.target.value)}>
                {['commander', 'deputy-commander', 'office-director'].map((p) => (
                  <option key={p} value={p}>
                    {d.posts[p]}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="button button-small" disabled={busy}>
              指定
            </button>
            {errorBox}
          </form>
        )}
      </Section>
      <Section title="7 个工作组（§2.1.1；职责见附件3，公报未刊载）" testId="groups">
        <p>{d.workingGroups.names.join('、')}</p>
      </Section>
      <Section title="成员单位及职责（附件2）" testId="member-units">
        <table className="data-table">
          <tbody>
            {d.memberUnits.map((u) => (
              <tr key={u.unit}>
                <th scope="row" className="nowrap">
                  {u.unit}
                  {!u.listedIn211 && (
                    <span className="tag" title="§2.1.1 成员单位名单未列">
                      仅附件2
                    </span>
                  )}
                </th>
                <td>{u.duty}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title="相关单位联系电话（附件8）" testId="contacts">
        <table className="data-table">
          <thead>
            <tr>
              <th>单位名称</th>
              <th>值班电话</th>
            </tr>
          </thead>
          <tbody>
            {d.contacts.map((x) => (
              <tr key={x.unit}>
                <td>{x.unit}</td>
                <td className="nowrap">{x.dutyPhone}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------
// /emergency/drills

interface Coverage {
  today: string;
  years: {
    year: number;
    state: 'covered' | 'missing' | 'open';
    drills: { id: string; heldOn: string; form: string; title?: string }[];
  }[];
}

const COVERAGE_LABELS = { covered: '已开展', missing: '未开展（缺）', open: '本年尚未开展' } as const;

export function DrillsPage() {
  useTitle('大面积停电应急演练');
  const { user, revision } = useAuth();
  const c = useApi<Coverage>('/api/drills/coverage', revision);
  return (
    <div className="page emergency-drills" data-testid="drills-page">
      <p className="breadcrumb">
        <Link to="/emergency">大面积停电应急</Link> › 演练
      </p>
      <h1 className="page-title">演练（§8.1 每年应当至少开展1次）</h1>
      {c.status === 'loading' && <Loading what="演练" />}
      {c.status === 'error' && <ErrorBox error={c.error} />}
      {c.status === 'ok' && (
        <table className="data-table" data-testid="drill-years">
          <thead>
            <tr>
              <th>年度</th>
              <th>情况</th>
              <th>演练</th>
            </tr>
          </thead>
          <tbody>
            {c.data.years.map((y) => (
              <tr key={y.year} data-state={y.state}>
                <td>{y.year}</td>
                <td>{COVERAGE_LABELS[y.state]}</td>
                <td>
                  {y.drills.map((d) => (
                    <span key={d.id} style={{ marginRight: '0.8rem' }}>
                      <Link to={`/emergency/${d.id}`}>{d.title ?? d.id}</Link>（{d.heldOn}，{d.form}）
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">演练按同一流程进行（预警审批、报告、响应、终止、后期处置），CAP 消息状态为 Exercise。</p>
      {user?.role === 'admin' && <NewIncidentForm exercise />}
    </div>
  );
}
