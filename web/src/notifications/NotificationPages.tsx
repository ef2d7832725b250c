// Notifications in the web app (Simplified Chinese): the bell in the header (unread count), 我的通知
// (/notifications), the item page's 催办/通报/约谈 records, the office's 约谈名单 (/supervision/interviews) with the
// sweep state, and the administrators' Webhook 设置 with the delivery log (/admin/webhooks).
import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../access/auth.tsx';
import { ApiError, api } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorBox, formatDate, formatInstant, Loading, useTitle } from '../app/common.tsx';

interface NotificationView {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

const KIND_LABELS: Record<string, string> = {
  'supervision.urge': '催办',
  'supervision.notice': '通报',
  'supervision.interview': '约谈',
};

const kindLabel = (kind: string) =>
  KIND_LABELS[kind] ?? (kind.startsWith('emergency.') ? '应急' : kind.startsWith('supervision.') ? '督办' : '通知');

const STEP_LABELS: Record<string, string> = { urge: '催办', notice: '通报', interview: '约谈' };

/** The header's bell: unread count, polled every minute and after reading. */
export function NotificationBell() {
  const { user, revision } = useAuth();
  const [unread, setUnread] = useState<number | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` is a deliberate refetch trigger (sign-in/out)
  useEffect(() => {
    if (!user) return;
    let stopped = false;
    const load = () =>
      api<{ unread: number }>('/api/notifications/unread-count').then(
        (r) => !stopped && setUnread(r.unread),
        () => undefined,
      );
    void load();
    const onRead = () => void load();
    window.addEventListener('luoshi:notifications-read', onRead);
    const timer = window.setInterval(load, 60_000);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      window.removeEventListener('luoshi:notifications-read', onRead);
    };
  }, [user, revision]);
  if (!user) return null;
  return (
    <Link
      to="/notifications"
      className="notification-bell"
      data-testid="notification-bell"
      aria-label={unread ? `通知，${unread} 条未读` : '通知'}
    >
      <span aria-hidden="true">🔔</span> 通知
      {unread ? (
        <span className="badge" data-testid="unread-count">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  );
}

export function NotificationsPage() {
  useTitle('我的通知');
  const { revision } = useAuth();
  const [onlyUnread, setOnlyUnread] = useState(false);
  const [reload, setReload] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const state = useApi<{ items: NotificationView[]; unread: number }>(
    `/api/notifications?limit=100${onlyUnread ? '&unread=true' : ''}&r=${reload}`,
    revision,
  );
  const markRead = async (ids?: number[]) => {
    setError(null);
    try {
      await api('/api/notifications/read', { method: 'POST', body: ids ? { ids } : {} });
      window.dispatchEvent(new Event('luoshi:notifications-read'));
      setReload((n) => n + 1);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <div className="page notifications-page">
      <h1 className="page-title">我的通知</h1>
      <div className="filters">
        <label>
          <input type="checkbox" checked={onlyUnread} onChange={(e) => setOnlyUnread(e.target.checked)} /> 只看未读
        </label>
        <button type="button" className="button button-small" onClick={() => markRead()} data-testid="mark-all-read">
          全部标为已读
        </button>
      </div>
      {error && (
        <div className="error-box" role="alert">
          {error}
        </div>
      )}
      {state.status === 'loading' && <Loading what="通知" />}
      {state.status === 'error' && <ErrorBox error={state.error} />}
      {state.status === 'ok' && (
        <>
          <p className="muted" data-testid="unread-summary">
            未读 {state.data.unread} 条
          </p>
          {state.data.items.length === 0 ? (
            <p>暂无通知。</p>
          ) : (
            <ul className="notification-list" data-testid="notification-list">
              {state.data.items.map((n) => (
                <li key={n.id} className={n.readAt ? 'read' : 'unread'} data-kind={n.kind}>
                  <p>
                    <span className="tag">{kindLabel(n.kind)}</span>{' '}
                    <strong>{n.link ? <Link to={n.link}>{n.title}</Link> : n.title}</strong>{' '}
                    <small className="muted">{formatInstant(n.createdAt)}</small>
                    {!n.readAt && (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="button button-small button-quiet"
                          onClick={() => markRead([n.id])}
                        >
                          标为已读
                        </button>
                      </>
                    )}
                  </p>
                  <p style={{ whiteSpace: 'pre-line' }}>{n.body}</p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

interface LadderRecord {
  id: number;
  itemId: number;
  step: string;
  overdueSince: string;
  dueOn: string;
  reason: string;
  unit: string;
  recordedAt: string;
}

/** The item page's 催办/通报/约谈 records (from the sweep). */
export function LadderSection({ itemId }: { itemId: number }) {
  const { revision } = useAuth();
  const state = useApi<{ ladder: LadderRecord[] }>(`/api/supervision/items/${itemId}/ladder`, revision);
  return (
    <section aria-labelledby="ladder-title">
      <h2 id="ladder-title">催办、通报、约谈记录</h2>
      {state.status === 'loading' && <Loading what="催办记录" />}
      {state.status === 'error' && <ErrorBox error={state.error} />}
      {state.status === 'ok' &&
        (state.data.ladder.length === 0 ? (
          <p className="muted" data-testid="ladder-empty">
            督办巡检尚未对本事项记录催办、通报或约谈。
          </p>
        ) : (
          <table className="doc-grid" data-testid="ladder">
            <thead>
              <tr>
                <th scope="col">步骤</th>
                <th scope="col">应办日期</th>
                <th scope="col">逾期起算</th>
                <th scope="col">原因</th>
                <th scope="col">记录时间（北京时间）</th>
              </tr>
            </thead>
            <tbody>
              {state.data.ladder.map((l) => (
                <tr key={l.id} data-step={l.step}>
                  <td>{STEP_LABELS[l.step] ?? l.step}</td>
                  <td>{formatDate(l.dueOn)}</td>
                  <td>{formatDate(l.overdueSince)}</td>
                  <td>{l.reason}</td>
                  <td>{formatInstant(l.recordedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}

interface LadderEntry extends LadderRecord {
  title: string;
  state: string;
  closeBy: string | null;
}

interface SweepState {
  lastSweptAt: string | null;
  sweeps: number;
}

/** 约谈名单 (and 通报 / 催办 lists) for the office, with the sweep state and 立即巡检 for administrators. */
export function InterviewsPage() {
  const { user, revision } = useAuth();
  const [step, setStep] = useState('interview');
  const [all, setAll] = useState(false);
  const [reload, setReload] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useTitle(`${STEP_LABELS[step]}名单`);
  const list = useApi<{ entries: LadderEntry[] }>(
    `/api/supervision/ladder?step=${step}${all ? '&all=true' : ''}&r=${reload}`,
    revision,
  );
  const sweep = useApi<{ state: SweepState }>(`/api/supervision/sweep?r=${reload}`, revision);
  const runNow = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await api<{ report: { items: number; recorded: Record<string, number>; notifications: number } }>(
        '/api/supervision/sweep',
        { method: 'POST' },
      );
      const rec = r.report.recorded;
      setMessage(
        `巡检完成：检查在办事项 ${r.report.items} 件，新记催办 ${rec.urge}、通报 ${rec.notice}、约谈 ${rec.interview}，发出通知 ${r.report.notifications} 条。`,
      );
      setReload((n) => n + 1);
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="page interviews-page">
      <h1 className="page-title">{STEP_LABELS[step]}名单</h1>
      <p className="muted" data-testid="sweep-state">
        {sweep.status === 'ok'
          ? sweep.data.state.lastSweptAt
            ? `上次督办巡检：${formatInstant(sweep.data.state.lastSweptAt)}（共 ${sweep.data.state.sweeps} 次）`
            : '督办巡检尚未运行。'
          : ' '}
        {user?.role === 'admin' && (
          <>
            {' '}
            <button
              type="button"
              className="button button-small"
              onClick={runNow}
              disabled={busy}
              data-testid="sweep-now"
            >
              立即巡检
            </button>
          </>
        )}
      </p>
      {message && (
        <p role="status" className="notice" data-testid="sweep-message">
          {message}
        </p>
      )}
      <div className="filters">
        <label>
          名单{' '}
          <select value={step} onChange={(e) => setStep(e.target.value)} data-testid="step-select">
            <option value="interview">约谈</option>
            <option value="notice">通报</option>
            <option value="urge">催办</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> 含已办结事项
        </label>
      </div>
      {list.status === 'loading' && <Loading what="名单" />}
      {list.status === 'error' && <ErrorBox error={list.error} />}
      {list.status === 'ok' &&
        (list.data.entries.length === 0 ? (
          <p data-testid="ladder-list-empty">名单为空。</p>
        ) : (
          <table className="doc-grid" data-testid="ladder-list">
            <thead>
              <tr>
                <th scope="col">事项</th>
                <th scope="col">责任单位</th>
                <th scope="col">应办日期</th>
                <th scope="col">原因</th>
                <th scope="col">办结时限</th>
              </tr>
            </thead>
            <tbody>
              {list.data.entries.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link to={`/supervision/${e.itemId}`}>{e.title}</Link>
                  </td>
                  <td>{e.unit}</td>
                  <td>{formatDate(e.dueOn)}</td>
                  <td>{e.reason}</td>
                  <td>{formatDate(e.closeBy)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </div>
  );
}

interface Subscription {
  id: number;
  name: string;
  url: string;
  format: 'json' | 'dingtalk' | 'wecom';
  kinds: string[] | null;
  hasSecret: boolean;
  enabled: boolean;
  createdBy: string;
  counts: { pending: number; delivered: number; failed: number };
}

interface Delivery {
  id: number;
  notification: { id: number; kind: string; title: string };
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  log: { at: string; ok: boolean; httpStatus: number | null; error: string | null; durationMs: number }[];
}

const FORMAT_LABELS = { json: '通用 JSON', dingtalk: '钉钉机器人', wecom: '企业微信机器人' };
const STATUS_LABELS = { pending: '待投递', delivered: '已送达', failed: '失败' };

function DeliveryLog({ id, reload }: { id: number; reload: number }) {
  const { revision } = useAuth();
  const [again, setAgain] = useState(0);
  const state = useApi<{ deliveries: Delivery[] }>(`/api/webhooks/${id}/deliveries?r=${reload + again}`, revision);
  const retry = async (deliveryId: number) => {
    await api(`/api/webhooks/deliveries/${deliveryId}/retry`, { method: 'POST' });
    setAgain((n) => n + 1);
  };
  if (state.status === 'loading') return <Loading what="投递记录" />;
  if (state.status === 'error') return <ErrorBox error={state.error} />;
  if (state.data.deliveries.length === 0) return <p className="muted">尚无投递。</p>;
  return (
    <table className="doc-grid" data-testid={`deliveries-${id}`}>
      <thead>
        <tr>
          <th scope="col">通知</th>
          <th scope="col">状态</th>
          <th scope="col">每次尝试（时间 · HTTP 状态 · 耗时 · 错误）</th>
        </tr>
      </thead>
      <tbody>
        {state.data.deliveries.map((d) => (
          <tr key={d.id} data-status={d.status}>
            <td>{d.notification.title}</td>
            <td>
              {STATUS_LABELS[d.status]}（{d.attempts} 次）
              {d.nextAttemptAt && d.status === 'pending' && (
                <small className="muted"> 下次 {formatInstant(d.nextAttemptAt)}</small>
              )}
              {d.status === 'failed' && (
                <>
                  {' '}
                  <button type="button" className="button button-small" onClick={() => retry(d.id)}>
                    重新投递
                  </button>
                </>
              )}
            </td>
            <td>
              <ul>
                {d.log.map((a) => (
                  <li key={a.at}>
                    {formatInstant(a.at)} · {a.httpStatus ?? '无应答'} · {a.durationMs} 毫秒
                    {a.ok ? ' · 成功' : ` · ${a.error ?? '失败'}`}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Webhook 设置 (administrators): subscriptions, a form to add one, enable/disable, the delivery log. */
export function WebhooksPage() {
  useTitle('Webhook 设置');
  const { revision } = useAuth();
  const [reload, setReload] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [form, setForm] = useState({ name: '', url: '', format: 'dingtalk', kinds: 'supervision.*', secret: '' });
  const state = useApi<{ subscriptions: Subscription[] }>(`/api/webhooks?r=${reload}`, revision);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const kinds = form.kinds
        .split(/[,，\s]+/)
        .map((k) => k.trim())
        .filter(Boolean);
      await api('/api/webhooks', {
        method: 'POST',
        body: {
          name: form.name,
          url: form.url,
          format: form.format,
          kinds: kinds.length ? kinds : null,
          secret: form.secret.trim() || null,
        },
      });
      setForm({ ...form, name: '', url: '', secret: '' });
      setReload((n) => n + 1);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  const toggle = async (s: Subscription) => {
    setError(null);
    try {
      await api(`/api/webhooks/${s.id}`, { method: 'PATCH', body: { enabled: !s.enabled } });
      setReload((n) => n + 1);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <div className="page webhooks-page">
      <h1 className="page-title">Webhook 设置</h1>
      <p className="muted">
        督办巡检的催办、通报、约谈和应急提醒等通知，除在系统内显示外，还可推送到钉钉、企业微信群机器人或任意接收 JSON
        的地址。 失败后按 1 分钟、5 分钟、30 分钟、2 小时、6 小时重试，共 6 次；每次尝试都记录在下方。
      </p>
      {error && (
        <div className="error-box" role="alert" data-testid="webhook-error">
          {error}
        </div>
      )}
      {state.status === 'loading' && <Loading what="订阅" />}
      {state.status === 'error' && <ErrorBox error={state.error} />}
      {state.status === 'ok' && (
        <table className="doc-grid" data-testid="subscriptions">
          <thead>
            <tr>
              <th scope="col">名称</th>
              <th scope="col">格式</th>
              <th scope="col">地址</th>
              <th scope="col">类别</th>
              <th scope="col">投递</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {state.data.subscriptions.map((s) => (
              <tr key={s.id} data-testid={`subscription-${s.id}`}>
                <td>
                  {s.name}
                  {!s.enabled && <span className="tag">已停用</span>}
                </td>
                <td>
                  {FORMAT_LABELS[s.format]}
                  {s.hasSecret && <small className="muted">（加签）</small>}
                </td>
                <td style={{ wordBreak: 'break-all' }}>{s.url}</td>
                <td>{s.kinds?.join('、') ?? '全部'}</td>
                <td>
                  已送达 {s.counts.delivered} · 待投递 {s.counts.pending} · 失败 {s.counts.failed}
                </td>
                <td>
                  <button type="button" className="button button-small" onClick={() => toggle(s)}>
                    {s.enabled ? '停用' : '启用'}
                  </button>{' '}
                  <button
                    type="button"
                    className="button button-small button-quiet"
                    onClick={() => setOpen(open === s.id ? null : s.id)}
                    aria-expanded={open === s.id}
                  >
                    投递记录
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open !== null && (
        <section aria-label="投递记录">
          <h2>投递记录</h2>
          <DeliveryLog id={open} reload={reload} />
        </section>
      )}
      <h2>新增订阅</h2>
      <form onSubmit={submit} className="stack-form" data-testid="webhook-form">
        <label>
          名称 <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
        </label>
        <label>
          格式{' '}
          <select value={form.format} onChange={(e) => setForm({ ...form, format: e.target.value })}>
            <option value="dingtalk">钉钉机器人</option>
            <option value="wecom">企业微信机器人</option>
            <option value="json">通用 JSON</option>
          </select>
        </label>
        <label>
          地址 <input value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} required size={60} />
        </label>
        <label>
          类别（逗号分隔，留空为全部）{' '}
          <input value={form.kinds} onChange={(e) => setForm({ ...form, kinds: e.target.value })} />
        </label>
        <label>
          密钥（钉钉加签 SEC…，可留空）{' '}
          <input value={form.secret} onChange={(e) => setForm({ ...form, secret: e.target.value })} />
        </label>
        <button type="submit" className="button">
          保存
        </button>
      </form>
    </div>
  );
}
