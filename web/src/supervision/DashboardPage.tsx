// 领导看板 (/supervision/dashboard): for a leader, the open items led by the units they are in charge of (分管),
// by light; the overdue ones; the 延期申请 waiting for a leader's decision; the closures of the last 30 days. The
// office (admin) picks a leader (or the whole county) and sets each leader's units here.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../access/auth.tsx';
import { ApiError, api } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorBox, Loading, useTitle } from '../app/common.tsx';
import { LIGHT_TEXT, type Light } from './labels.ts';
import { LightDot } from './SupervisionPages.tsx';

interface DashboardItem {
  id: number;
  title: string;
  lead: string;
  supports: string[];
  stateLabel: string;
  closeBy: string | null;
  light: Light;
  reasons: string[];
  overdueDays: number;
}

interface Dashboard {
  leader: { userId: number | null; name: string };
  units: string[];
  wholeCounty: boolean;
  counts: Record<Light, number>;
  items: DashboardItem[];
  overdue: DashboardItem[];
  awaitingDecision: (DashboardItem & { requestedOn: string; reason: string; newCloseBy: string })[];
  recentClosures: (DashboardItem & { closedOn: string; rating: string | null })[];
}

interface LeaderPortfolio {
  userId: number;
  leader: string;
  units: string[];
}

function Items({
  items,
  testId,
  extra,
}: {
  items: DashboardItem[];
  testId: string;
  extra?: (i: DashboardItem) => string;
}) {
  if (items.length === 0) return <p className="empty">无。</p>;
  return (
    <table className="doc-grid" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">灯色</th>
          <th scope="col">事项</th>
          <th scope="col">牵头单位</th>
          <th scope="col">状态</th>
          <th scope="col">办结时限</th>
          {extra && <th scope="col">说明</th>}
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.id}>
            <td>
              <LightDot light={i.light} title={i.reasons.join('；')} />
            </td>
            <td>
              <Link to={`/supervision/${i.id}`}>{i.title}</Link>
            </td>
            <td>{i.lead}</td>
            <td>{i.stateLabel}</td>
            <td>{i.closeBy ?? '—'}</td>
            {extra && <td>{extra(i)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function UnitsEditor({ leader, onSaved }: { leader: LeaderPortfolio; onSaved: () => void }) {
  const [text, setText] = useState(leader.units.join('、'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="filter-bar"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          const units = text
            .split(/[、,，\n]/)
            .map((u) => u.trim())
            .filter(Boolean);
          await api(`/api/supervision/leaders/${leader.userId}/units`, { method: 'PUT', body: { units } });
          onSaved();
        } catch (err) {
          setError(err instanceof ApiError ? err.message : String(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <label htmlFor="db-units">{leader.leader}的分管单位（用“、”分隔）</label>
      <input id="db-units" value={text} onChange={(e) => setText(e.target.value)} size={60} />
      <button type="submit" className="button button-small" disabled={busy}>
        保存
      </button>
      {error && (
        <span role="alert" className="error-text">
          {error}
        </span>
      )}
    </form>
  );
}

export function DashboardPage() {
  useTitle('领导看板');
  const { user, revision } = useAuth();
  const [params, setParams] = useSearchParams();
  const [saved, setSaved] = useState(0);
  const leaderId = params.get('leader') ?? '';
  const isAdmin = user?.role === 'admin';
  const leaders = useApi<{ leaders: LeaderPortfolio[] }>(isAdmin ? '/api/supervision/leaders' : null, revision + saved);
  const data = useApi<{ dashboard: Dashboard }>(
    `/api/supervision/dashboard${leaderId ? `?leader=${encodeURIComponent(leaderId)}` : ''}`,
    revision + saved,
  );
  const d = data.data?.dashboard;
  const selected = leaders.data?.leaders.find((l) => String(l.userId) === leaderId) ?? null;
  return (
    <div className="page supervision-dashboard">
      <h1 className="page-title">领导看板</h1>
      {isAdmin && leaders.data && (
        <div className="filter-bar">
          <label htmlFor="db-leader">县领导</label>
          <select
            id="db-leader"
            value={leaderId}
            onChange={(e) => setParams(e.target.value ? { leader: e.target.value } : {}, { replace: true })}
          >
            <option value="">全县</option>
            {leaders.data.leaders.map((l) => (
              <option key={l.userId} value={l.userId}>
                {l.leader}
              </option>
            ))}
          </select>
        </div>
      )}
      {isAdmin && selected && (
        <UnitsEditor key={selected.userId} leader={selected} onSaved={() => setSaved((n) => n + 1)} />
      )}
      {data.status === 'loading' && <Loading what="看板" />}
      {data.status === 'error' && <ErrorBox error={data.error} />}
      {d && (
        <>
          <p className="lead" data-testid="dashboard-scope">
            {d.wholeCounty
              ? `${d.leader.name === '全县' ? '全县' : `${d.leader.name}：尚未设置分管单位，显示全县`}督办事项。`
              : `${d.leader.name}分管单位：${d.units.join('、')}。`}
          </p>
          <ul className="light-counts" data-testid="dashboard-counts">
            {(['red', 'yellow', 'green'] as const).map((l) => (
              <li key={l}>
                <LightDot light={l} /> {d.counts[l]} 件<span className="visually-hidden">{LIGHT_TEXT[l]}</span>
              </li>
            ))}
          </ul>
          <section aria-labelledby="db-decide">
            <h2 id="db-decide">待决定的延期申请（{d.awaitingDecision.length}）</h2>
            <Items
              items={d.awaitingDecision}
              testId="dashboard-decide"
              extra={(i) => {
                const x = d.awaitingDecision.find((a) => a.id === i.id);
                return x ? `${x.requestedOn} 申请延期至 ${x.newCloseBy}：${x.reason}` : '';
              }}
            />
          </section>
          <section aria-labelledby="db-overdue">
            <h2 id="db-overdue">逾期事项（{d.overdue.length}）</h2>
            <Items
              items={d.overdue}
              testId="dashboard-overdue"
              extra={(i) => `逾期 ${i.overdueDays} 日（按本县计日方式）`}
            />
          </section>
          <section aria-labelledby="db-items">
            <h2 id="db-items">在办事项（{d.items.length}）</h2>
            <Items items={d.items} testId="dashboard-items" />
          </section>
          <section aria-labelledby="db-closed">
            <h2 id="db-closed">近30天办结（{d.recentClosures.length}）</h2>
            <Items
              items={d.recentClosures}
              testId="dashboard-closed"
              extra={(i) => {
                const x = d.recentClosures.find((a) => a.id === i.id);
                return x ? `${x.closedOn} 办结，评定“${x.rating ?? '—'}”` : '';
              }}
            />
          </section>
          <p>
            <Link to="/supervision/rankings">查看督办排名与月度通报 →</Link>
          </p>
        </>
      )}
    </div>
  );
}
