// 会议 screens (襄政发〔2023〕7号 第十八—二十六条): the list by month with the cadence checks (/meetings), and one
// meeting (/meetings/:id) with its topics (state, 三重一大 flags), attendance and leave, the minutes workflow, the
// decisions that became supervision items, and the 7-working-day issue clocks. Every action posts the meeting's
// version; the server decides who may do what and answers in Chinese (403/400), or 409 when the page is stale.
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useAuth } from '../access/auth.tsx';
import { type ApiError, api, query } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorBox, formatDate, formatInstant, Loading, useTitle } from '../app/common.tsx';
import { parseDecisionLines, parseParticipantLines } from './lines.ts';
import {
  ATTENDANCE_LABELS,
  type Cadence,
  CLOCK_TEXT,
  type IssueClock,
  type MeetingDetail,
  type MeetingSummary,
  OUTCOME_LABELS,
  TOPIC_STATE_LABELS,
  type Topic,
} from './types.ts';

const KINDS: Record<string, string> = {
  plenary: '县政府全体会议',
  executive: '县政府常务会议',
  mayor_office: '县长办公会议',
  topical: '县政府专题会议',
  study: '县政府专题学习',
};

const CLOCK_COLOURS: Record<IssueClock['light'], string> = {
  issued: '#2e7d32',
  issued_late: '#b26a00',
  green: '#2e7d32',
  yellow: '#d4a000',
  red: '#c62828',
  none: '#9e9e9e',
};

function ClockBadge({ clock }: { clock: IssueClock }) {
  return (
    <span className="issue-clock" data-light={clock.light} title={clock.message}>
      <span
        aria-hidden="true"
        style={{
          display: 'inline-block',
          width: '0.7em',
          height: '0.7em',
          borderRadius: '50%',
          background: CLOCK_COLOURS[clock.light],
          marginRight: '0.3em',
        }}
      />
      {CLOCK_TEXT[clock.light]}：{clock.message}
    </span>
  );
}

// ---------------------------------------------------------------------------------------------------------
// 会议列表（按月）

export function MeetingsPage() {
  useTitle('县政府会议');
  const { user, revision } = useAuth();
  const [kind, setKind] = useState('');
  const year = new Date().getFullYear();
  const list = useApi<{ meetings: MeetingSummary[] }>(`/api/meetings${query({ kind })}`, revision);
  const cadence = useApi<{ cadence: Cadence }>(`/api/meetings/cadence?year=${year}`, revision);
  const byMonth = new Map<string, MeetingSummary[]>();
  for (const m of list.data?.meetings ?? []) {
    const k = m.date.slice(0, 7);
    byMonth.set(k, [...(byMonth.get(k) ?? []), m]);
  }
  return (
    <div className="page meetings">
      <h1 className="page-title">县政府会议</h1>
      <p className="lead">
        县政府全体会议、常务会议、县长办公会议、专题会议和专题学习（《襄垣县人民政府工作规则》第十八—二十六条）。
      </p>
      <div className="filter-bar">
        <label htmlFor="mt-kind">会议类型</label>
        <select id="mt-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="">全部</option>
          {Object.entries(KINDS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </div>
      {user?.role === 'admin' && <PlanForm />}
      {list.status === 'loading' && <Loading what="会议" />}
      {list.status === 'error' && <ErrorBox error={list.error} />}
      {list.status === 'ok' && list.data.meetings.length === 0 && <p className="empty">还没有会议。</p>}
      {[...byMonth.entries()].map(([month, ms]) => (
        <section key={month} className="meeting-month">
          <h2>{`${month.slice(0, 4)}年${Number(month.slice(5))}月`}</h2>
          <table className="doc-grid" data-testid={`meetings-${month}`}>
            <thead>
              <tr>
                <th scope="col">日期</th>
                <th scope="col">会议</th>
                <th scope="col">类型</th>
                <th scope="col">召集人</th>
                <th scope="col">议题</th>
                <th scope="col">状态</th>
                <th scope="col">纪要</th>
              </tr>
            </thead>
            <tbody>
              {ms.map((m) => (
                <tr key={m.id} data-testid={`meeting-row-${m.id}`}>
                  <td>{formatDate(m.date)}</td>
                  <td>
                    <Link to={`/meetings/${m.id}`}>{m.title}</Link>
                  </td>
                  <td>{m.kindLabel}</td>
                  <td>{m.convener}</td>
                  <td>
                    {m.topics}
                    {m.majorTopics > 0 && <span className="tag"> 三重一大 {m.majorTopics}</span>}
                  </td>
                  <td>{m.stateLabel}</td>
                  <td>{m.minutesStateLabel ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {cadence.status === 'ok' && (
        <section className="meeting-cadence" data-testid="cadence">
          <h2>{year}年会议制度执行情况</h2>
          <h3>常务会议频次（第二十条：一般每月召开2—3次）</h3>
          <ul>
            {cadence.data.cadence.executive.map((c) => (
              <li key={c.month} data-status={c.status}>
                {c.message}
              </li>
            ))}
          </ul>
          <h3>专题学习（第二十六条：一般两个月安排一次）</h3>
          <ul>
            {cadence.data.cadence.study.map((s) => (
              <li key={s.from} data-status={s.status}>
                {s.message}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function PlanForm() {
  const navigate = useNavigate();
  const officials = useApi<{ officials: { id: string; name: string; postLabel: string }[] }>('/api/meetings/officials');
  const [f, setF] = useState({ kind: 'executive', title: '', date: '', convenerId: '', theme: '', people: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api<{ meeting: { id: number } }>('/api/meetings', {
        method: 'POST',
        body: {
          kind: f.kind,
          title: f.title,
          date: f.date,
          convenerId: f.convenerId,
          ...(f.theme ? { theme: f.theme } : {}),
          participants: parseParticipantLines(f.people),
        },
      });
      navigate(`/meetings/${r.meeting.id}`);
    } catch (x) {
      setError(x as ApiError);
    }
  };
  return (
    <details className="plan-meeting">
      <summary>安排会议</summary>
      <form onSubmit={submit} className="stack-form" data-testid="plan-form">
        <label>
          类型
          <select value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value })}>
            {Object.entries(KINDS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          名称 <input value={f.title} onChange={(e) => setF({ ...f, title: e.target.value })} />
        </label>
        <label>
          日期 <input type="date" value={f.date} onChange={(e) => setF({ ...f, date: e.target.value })} />
        </label>
        <label>
          召集人
          <select value={f.convenerId} onChange={(e) => setF({ ...f, convenerId: e.target.value })}>
            <option value="">请选择</option>
            {(officials.data?.officials ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}（{o.postLabel}）
              </option>
            ))}
          </select>
        </label>
        <label>
          其他与会人员（每行：姓名｜职务｜单位｜列席 或 组成人员；县政府领导按会议类型自动列入）
          <textarea value={f.people} onChange={(e) => setF({ ...f, people: e.target.value })} />
        </label>
        {f.kind === 'study' && (
          <label>
            学习主题 <input value={f.theme} onChange={(e) => setF({ ...f, theme: e.target.value })} />
          </label>
        )}
        <button type="submit" className="button">
          安排
        </button>
        {error && <ErrorBox error={error} />}
      </form>
    </details>
  );
}

// ---------------------------------------------------------------------------------------------------------
// 一次会议

export function MeetingPage() {
  const { id } = useParams();
  const { revision } = useAuth();
  const [reload, setReload] = useState(0);
  const loaded = useApi<{ meeting: MeetingDetail }>(`/api/meetings/${id}`, revision + reload);
  const [detail, setDetail] = useState<MeetingDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (loaded.status === 'ok') setDetail(loaded.data.meeting);
  }, [loaded]);
  useTitle(detail?.title ?? '会议');
  if (loaded.status === 'error') return <ErrorBox error={loaded.error} />;
  if (!detail) return <Loading what="会议" />;
  const d = detail;
  const m = d.meeting;
  const can = (a: string) => d.actions.some((x) => x.action === a);
  const run = async (action: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ meeting: MeetingDetail }>(`/api/meetings/${id}/actions`, {
        method: 'POST',
        body: { action, version: d.version },
      });
      setDetail(r.meeting);
    } catch (x) {
      setError(x as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const isOffice = d.viewer.kind === 'office';
  const isOfficial = d.viewer.kind === 'official';
  const planned = m.state === 'planned';
  const held = m.state === 'held';

  return (
    <div className="page meeting" data-testid="meeting-page">
      <p className="muted">
        <Link to="/meetings">县政府会议</Link> › {d.kindLabel}
      </p>
      <h1 className="page-title">{d.title}</h1>
      <p>
        {formatDate(m.date)} · {d.kindLabel}（{d.rule.clause}）· 召集人 {m.convener.name}
        {m.entrustedBy && `（受${m.entrustedBy.name}委托）`} · <span data-testid="meeting-state">{d.stateLabel}</span>
        {m.theme && ` · 学习主题：${m.theme}`}
      </p>
      <p className="muted">
        您的身份：{d.viewer.label}（第 {d.version} 版）
      </p>
      {error && (
        <div className="error-box" role="alert" data-testid="action-error">
          <strong>操作未完成：</strong>
          {error.message}{' '}
          {error.status === 409 && (
            <button type="button" className="button button-small" onClick={() => setReload((x) => x + 1)}>
              刷新
            </button>
          )}
        </div>
      )}

      {d.findings.length > 0 && (
        <section className="meeting-findings" data-testid="findings">
          <h2>提示</h2>
          <ul>
            {d.findings.map((f) => (
              <li key={`${f.kind}-${f.message}`} data-severity={f.severity} data-kind={f.kind}>
                {f.severity === 'error' ? '⚠ ' : ''}
                {f.message}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section data-testid="topics">
        <h2>议题</h2>
        <p className="muted">{d.rule.topicClause}</p>
        {m.topics.length === 0 && <p className="empty">尚无议题。</p>}
        {m.topics.map((t) => (
          <TopicCard
            key={t.id}
            topic={t}
            detail={d}
            busy={busy}
            run={run}
            isOffice={isOffice}
            isOfficial={isOfficial}
            planned={planned}
            held={held}
          />
        ))}
        {planned && (isOffice || d.viewer.kind === 'unit') && <ProposeForm run={run} busy={busy} />}
      </section>

      <section data-testid="attendance">
        <h2>与会人员</h2>
        <p className="muted">
          组成人员：{d.rule.members}。列席：{d.rule.attendees}
        </p>
        <table className="doc-grid">
          <thead>
            <tr>
              <th scope="col">姓名</th>
              <th scope="col">职务</th>
              <th scope="col">身份</th>
              <th scope="col">出席</th>
              <th scope="col">请假</th>
            </tr>
          </thead>
          <tbody>
            {m.participants.map((p) => (
              <tr key={p.id} data-testid={`participant-${p.id}`}>
                <td>{p.name}</td>
                <td>{p.title}</td>
                <td>{p.role === 'member' ? '组成人员' : '列席'}</td>
                <td>{ATTENDANCE_LABELS[p.attendance]}</td>
                <td>
                  {p.leave
                    ? `${p.leave.reason}（${p.leave.approvedBy}批准；${p.leave.filedAt ? '已报备' : '未报备'}）`
                    : '—'}
                  {p.leave && !p.leave.filedAt && isOffice && (
                    <button
                      type="button"
                      className="button button-small"
                      disabled={busy}
                      onClick={() => run({ type: 'file_leave', participantId: p.id })}
                    >
                      登记报备
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {planned && <LeaveForm detail={d} run={run} busy={busy} />}
        {can('hold') && (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() =>
              run({ type: 'hold', present: m.participants.filter((p) => p.attendance !== 'leave').map((p) => p.id) })
            }
          >
            登记会议召开（未请假者均出席）
          </button>
        )}
      </section>

      <section data-testid="minutes">
        <h2>会议纪要</h2>
        <p className="muted">{d.rule.minutesClause}</p>
        {m.minutes ? (
          <div>
            <p>
              状态：<strong data-testid="minutes-state">{d.minutesStateLabel}</strong>
              {m.minutes.major && <span className="tag"> 涉及重大事项</span>}
            </p>
            <ul className="muted">
              {m.minutes.agreedBy && <li>分管领导同意：{m.minutes.agreedBy.name}</li>}
              {m.minutes.review && (
                <li>
                  合法性审核：{m.minutes.review.reviewer}，{m.minutes.review.opinion}
                </li>
              )}
              {m.minutes.revisions.map((r) => (
                <li key={`${r.by}-${r.reason}`}>
                  退回修改（{r.by}）：{r.reason}
                </li>
              ))}
              {m.minutes.signedBy && <li>签发：{m.minutes.signedBy.name}</li>}
              {m.minutes.headReview && <li>县长审定：{m.minutes.headReview.name}</li>}
            </ul>
            <blockquote className="minutes-text">{m.minutes.text}</blockquote>
            <h3>决定事项（签发后生成督办事项）</h3>
            <table className="doc-grid" data-testid="decisions">
              <thead>
                <tr>
                  <th scope="col">序号</th>
                  <th scope="col">事项</th>
                  <th scope="col">牵头单位</th>
                  <th scope="col">配合单位</th>
                  <th scope="col">时限</th>
                  <th scope="col">督办</th>
                </tr>
              </thead>
              <tbody>
                {m.minutes.decisions.map((x) => (
                  <tr key={x.id} data-testid={`decision-${x.id}`}>
                    <td>{x.id.slice(1)}</td>
                    <td>{x.text}</td>
                    <td>{x.lead}</td>
                    <td>{x.supports.join('、') || '—'}</td>
                    <td>{formatDate(x.dueOn)}</td>
                    <td>
                      {x.itemId ? <Link to={`/supervision/${x.itemId}`}>督办事项 #{x.itemId}</Link> : '签发后生成'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">纪要尚未起草。</p>
        )}
        <div className="actions">
          {can('agree_minutes') && (
            <button type="button" className="button" disabled={busy} onClick={() => run({ type: 'agree_minutes' })}>
              同意纪要
            </button>
          )}
          {can('sign_minutes') && (
            <button type="button" className="button" disabled={busy} onClick={() => run({ type: 'sign_minutes' })}>
              签发纪要
            </button>
          )}
          {can('confirm_minutes') && (
            <button type="button" className="button" disabled={busy} onClick={() => run({ type: 'confirm_minutes' })}>
              县长审定
            </button>
          )}
        </div>
        {can('review_minutes') && <ReviewForm run={run} busy={busy} />}
        {held && isOffice && (!m.minutes || m.minutes.state === 'drafted') && <DraftForm run={run} busy={busy} />}
      </section>

      <section data-testid="timeline">
        <h2>办理过程</h2>
        <ol className="timeline">
          {d.events.map((e) => (
            <li key={e.seq}>
              <span className="muted">{formatInstant(e.at)}</span> {e.actor}：<strong>{e.actionLabel}</strong> —{' '}
              {e.summary}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

type Run = (action: Record<string, unknown>) => Promise<void>;

function TopicCard(props: {
  topic: Topic;
  detail: MeetingDetail;
  busy: boolean;
  run: Run;
  isOffice: boolean;
  isOfficial: boolean;
  planned: boolean;
  held: boolean;
}) {
  const { topic: t, detail: d, busy, run, isOffice, isOfficial, planned, held } = props;
  const [reason, setReason] = useState('');
  const [result, setResult] = useState('approved');
  const [docs, setDocs] = useState('');
  const materials = d.materials[t.id];
  const clocks = d.issueClocks[t.id] ?? [];
  return (
    <article className="topic-card" data-testid={`topic-${t.id}`}>
      <h3>
        {t.id} {t.title}{' '}
        {t.classification.major && (
          <span className="tag tag-major" data-testid={`szyd-${t.id}`}>
            三重一大
          </span>
        )}
      </h3>
      <p>
        提出单位：{t.unit} · 状态：<strong data-testid={`topic-state-${t.id}`}>{TOPIC_STATE_LABELS[t.state]}</strong>
        {t.agreedBy && ` · 分管领导：${t.agreedBy.name}`}
        {t.setBy && ` · 确定：${t.setBy.name}`}
        {t.declineReason && ` · 理由：${t.declineReason}`}
      </p>
      {t.summary && <p className="muted">{t.summary}</p>}
      {t.classification.matches.length > 0 && (
        <ul className="szyd-matches">
          {t.classification.matches.map((x) => (
            <li key={x.citation}>
              {x.strength === 'match' ? '属于' : '可能属于'}“{x.categoryLabel}”
              {x.citation.replace('襄政发〔2023〕7号', '')}
              {x.itemText}——{x.because}
            </li>
          ))}
        </ul>
      )}
      {t.classification.notes.map((n) => (
        <p key={n} className="muted">
          {n}
        </p>
      ))}
      {materials && <p data-materials={materials.status}>会议材料：{materials.message}</p>}
      {t.outcome && (
        <p>
          审议结果：<strong>{OUTCOME_LABELS[t.outcome.result] ?? t.outcome.result}</strong>
          {t.outcome.note && `（${t.outcome.note}）`}
        </p>
      )}
      {t.outcome?.documents.map((doc, k) => (
        <IssueRow key={doc.title} index={k} topicId={t.id} doc={doc} clock={clocks[k]} {...{ busy, run, isOffice }} />
      ))}
      <div className="actions">
        {isOfficial && planned && t.state === 'proposed' && (
          <>
            <button
              type="button"
              className="button button-small"
              disabled={busy}
              onClick={() => run({ type: 'agree_topic', topicId: t.id })}
            >
              分管领导同意
            </button>
            <input placeholder="不同意的理由" value={reason} onChange={(e) => setReason(e.target.value)} />
            <button
              type="button"
              className="button button-small"
              disabled={busy}
              onClick={() => run({ type: 'decline_topic', topicId: t.id, reason })}
            >
              不同意
            </button>
          </>
        )}
        {isOfficial && planned && t.state === 'agreed' && (
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() => run({ type: 'set_topic', topicId: t.id })}
          >
            确定议题
          </button>
        )}
        {isOffice && planned && t.state === 'set' && !t.materialsSentAt && (
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() => run({ type: 'send_materials', topicId: t.id })}
          >
            送达会议材料
          </button>
        )}
        {isOffice && held && t.state === 'set' && !t.outcome && (
          <>
            <select value={result} onChange={(e) => setResult(e.target.value)} aria-label="审议结果">
              {Object.entries(OUTCOME_LABELS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
            <input
              placeholder="决定印发的文件（多个用；分隔）"
              value={docs}
              onChange={(e) => setDocs(e.target.value)}
            />
            <button
              type="button"
              className="button button-small"
              disabled={busy}
              onClick={() =>
                run({
                  type: 'record_outcome',
                  topicId: t.id,
                  result,
                  documents: docs
                    .split(/[；;]/)
                    .map((x) => x.trim())
                    .filter(Boolean),
                })
              }
            >
              登记审议结果
            </button>
          </>
        )}
      </div>
    </article>
  );
}

function IssueRow(props: {
  index: number;
  topicId: string;
  doc: { title: string; dueBy: string | null; issuedOn: string | null; docNumber: string | null };
  clock: IssueClock | undefined;
  busy: boolean;
  run: Run;
  isOffice: boolean;
}) {
  const { index, topicId, doc, clock, busy, run, isOffice } = props;
  const [num, setNum] = useState('');
  const [on, setOn] = useState('');
  return (
    <div className="issue-row" data-testid={`issue-${topicId}-${index}`}>
      决定印发《{doc.title}》{doc.docNumber && `（${doc.docNumber}）`}：{clock && <ClockBadge clock={clock} />}
      {isOffice && !doc.issuedOn && (
        <>
          {' '}
          <input placeholder="发文字号" value={num} onChange={(e) => setNum(e.target.value)} />
          <input type="date" value={on} onChange={(e) => setOn(e.target.value)} aria-label="印发日期" />
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() => run({ type: 'record_issued', topicId, index, docNumber: num, issuedOn: on })}
          >
            登记印发
          </button>
        </>
      )}
    </div>
  );
}

function ProposeForm({ run, busy }: { run: Run; busy: boolean }) {
  const { user } = useAuth();
  const [f, setF] = useState({ title: '', summary: '', unit: user?.unit ?? '', declaredMajor: false });
  return (
    <form
      className="stack-form"
      data-testid="propose-form"
      onSubmit={(e) => {
        e.preventDefault();
        void run({ type: 'propose_topic', ...f });
      }}
    >
      <h3>提出议题</h3>
      <label>
        议题 <input value={f.title} onChange={(e) => setF({ ...f, title: e.target.value })} />
      </label>
      <label>
        说明 <textarea value={f.summary} onChange={(e) => setF({ ...f, summary: e.target.value })} />
      </label>
      <label>
        提出部门 <input value={f.unit} onChange={(e) => setF({ ...f, unit: e.target.value })} />
      </label>
      <label>
        <input
          type="checkbox"
          checked={f.declaredMajor}
          onChange={(e) => setF({ ...f, declaredMajor: e.target.checked })}
        />{' '}
        认定为“三重一大”事项
      </label>
      <button type="submit" className="button" disabled={busy}>
        提出
      </button>
    </form>
  );
}

function LeaveForm({ detail, run, busy }: { detail: MeetingDetail; run: Run; busy: boolean }) {
  const [f, setF] = useState({ participantId: '', reason: '', approvedBy: '' });
  return (
    <form
      className="stack-form"
      onSubmit={(e) => {
        e.preventDefault();
        void run({ type: 'request_leave', ...f });
      }}
    >
      <h3>请假（第二十四条：原则上不应请假，须履行请假手续并向县政府办报备）</h3>
      <select
        value={f.participantId}
        onChange={(e) => setF({ ...f, participantId: e.target.value })}
        aria-label="请假人"
      >
        <option value="">请假人</option>
        {detail.meeting.participants
          .filter((p) => p.attendance === 'expected')
          .map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}（{p.title}）
            </option>
          ))}
      </select>
      <input placeholder="特殊情况" value={f.reason} onChange={(e) => setF({ ...f, reason: e.target.value })} />
      <input
        placeholder="批准人（县长或分管副县长）"
        value={f.approvedBy}
        onChange={(e) => setF({ ...f, approvedBy: e.target.value })}
      />
      <button type="submit" className="button button-small" disabled={busy}>
        请假
      </button>
    </form>
  );
}

function ReviewForm({ run, busy }: { run: Run; busy: boolean }) {
  const [f, setF] = useState({ reviewer: '县司法局', opinion: '' });
  return (
    <div className="stack-form" data-testid="review-form">
      <h3>合法性审核</h3>
      <input value={f.reviewer} onChange={(e) => setF({ ...f, reviewer: e.target.value })} aria-label="审核人" />
      <input placeholder="审核意见" value={f.opinion} onChange={(e) => setF({ ...f, opinion: e.target.value })} />
      <button
        type="button"
        className="button button-small"
        disabled={busy}
        onClick={() => run({ type: 'review_minutes', passed: true, ...f })}
      >
        审核通过
      </button>
      <button
        type="button"
        className="button button-small"
        disabled={busy}
        onClick={() => run({ type: 'review_minutes', passed: false, ...f })}
      >
        退回修改
      </button>
    </div>
  );
}

function DraftForm({ run, busy }: { run: Run; busy: boolean }) {
  const [text, setText] = useState('');
  const [lines, setLines] = useState('');
  return (
    <form
      className="stack-form"
      data-testid="draft-form"
      onSubmit={(e) => {
        e.preventDefault();
        void run({ type: 'draft_minutes', text, decisions: parseDecisionLines(lines) });
      }}
    >
      <h3>起草纪要（县政府办）</h3>
      <label>
        纪要正文 <textarea value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <label>
        决定事项（每行一项：事项｜牵头单位｜配合单位｜时限）
        <textarea value={lines} onChange={(e) => setLines(e.target.value)} />
      </label>
      <button type="submit" className="button" disabled={busy}>
        保存纪要
      </button>
    </form>
  );
}
