// 督办排名 (/supervision/rankings): the month's rankings of lead units, supporting units and 分管 leaders, with
// ECharts charts (on-time rate by unit, the monthly overdue trend) and the 通报 downloads (.xlsx / .docx).
// The month is in the URL (?month=YYYY-MM); the figures come from GET /api/supervision/rankings.
import type { EChartsCoreOption } from 'echarts/core';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../access/auth.tsx';
import { useApi } from '../api/useApi.ts';
import { Chart } from '../app/Chart.tsx';
import { ErrorBox, Loading, useTitle } from '../app/common.tsx';

export interface Stats {
  due: number;
  onTime: number;
  late: number;
  overdue: number;
  pending: number;
  onTimeRate: number | null;
  overdueOpen: number;
  closed: number;
  avgDaysToClose: number | null;
  ratings: Record<'优秀' | '良好' | '合格' | '不合格', number>;
  returned: number;
  extended: number;
}

interface UnitRanking extends Stats {
  unit: string;
  role: 'lead' | 'support';
  rank: number | null;
}

interface LeaderRanking extends Stats {
  leader: string;
  units: string[];
  rank: number | null;
}

interface Outcome {
  id: string;
  title: string;
  lead: string;
  supports: string[];
  closeBy: string;
  overdueDays: number;
}

interface Rankings {
  period: { from: string; to: string };
  asOf: string;
  counting: 'working' | 'calendar';
  totals: Stats;
  lead: UnitRanking[];
  support: UnitRanking[];
  leaders: LeaderRanking[];
  overdueItems: Outcome[];
  lateItems: Outcome[];
}

interface TrendPoint extends Stats {
  month: string;
}

export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

function thisMonth(): string {
  const d = new Date(Date.now() + 8 * 3600_000); // Asia/Shanghai
  return d.toISOString().slice(0, 7);
}

function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const k = y * 12 + (m - 1) - n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

function RateChart({ rows }: { rows: UnitRanking[] }) {
  const ranked = rows.filter((r) => r.onTimeRate !== null);
  if (ranked.length === 0) return <p className="empty">本期没有已到期的事项，暂无按期办结率。</p>;
  const option: EChartsCoreOption = {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${v}%` },
    grid: { left: 140, right: 30, top: 20, bottom: 30 },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: ranked.map((r) => r.unit) },
    series: [
      {
        type: 'bar',
        name: '按期办结率',
        data: ranked.map((r) => Math.round((r.onTimeRate as number) * 1000) / 10),
        itemStyle: { color: '#1a7f37' },
        label: { show: true, position: 'right', formatter: '{c}%' },
      },
    ],
  };
  return (
    <Chart
      option={option}
      label={`按期办结率：${ranked.map((r) => `${r.unit} ${formatRate(r.onTimeRate)}`).join('，')}`}
      testId="chart-rate"
    />
  );
}

function TrendChart({ points }: { points: TrendPoint[] }) {
  const option: EChartsCoreOption = {
    tooltip: { trigger: 'axis' },
    legend: { data: ['到期事项', '按期办结', '逾期（逾期办结 + 到期未办结）'] },
    grid: { left: 50, right: 30, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: points.map((p) => p.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: '到期事项', data: points.map((p) => p.due), itemStyle: { color: '#8c959f' } },
      { type: 'bar', name: '按期办结', data: points.map((p) => p.onTime), itemStyle: { color: '#1a7f37' } },
      {
        type: 'line',
        name: '逾期（逾期办结 + 到期未办结）',
        data: points.map((p) => p.late + p.overdue),
        itemStyle: { color: '#cf222e' },
      },
    ],
  };
  return (
    <Chart
      option={option}
      label={`逐月逾期：${points.map((p) => `${p.month} ${p.late + p.overdue} 件`).join('，')}`}
      testId="chart-trend"
    />
  );
}

function StatCells({ s }: { s: Stats }) {
  return (
    <>
      <td>{s.due}</td>
      <td>{s.onTime}</td>
      <td>{s.late}</td>
      <td>{s.overdue}</td>
      <td>{formatRate(s.onTimeRate)}</td>
      <td>{s.overdueOpen}</td>
      <td>{s.avgDaysToClose ?? '—'}</td>
      <td>
        {(['优秀', '良好', '合格', '不合格'] as const)
          .filter((r) => s.ratings[r] > 0)
          .map((r) => `${r}${s.ratings[r]}`)
          .join(' ') || '—'}
      </td>
    </>
  );
}

function StatHeaders({ days }: { days: string }) {
  return (
    <>
      <th scope="col">到期</th>
      <th scope="col">按期办结</th>
      <th scope="col">逾期办结</th>
      <th scope="col">到期未办结</th>
      <th scope="col">按期办结率</th>
      <th scope="col">逾期未办结（含结转）</th>
      <th scope="col">平均用时（{days}）</th>
      <th scope="col">评定等次</th>
    </>
  );
}

function UnitTable({ rows, days, testId }: { rows: UnitRanking[]; days: string; testId: string }) {
  if (rows.length === 0) return <p className="empty">本期没有相关事项。</p>;
  return (
    <table className="doc-grid" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">名次</th>
          <th scope="col">单位</th>
          <StatHeaders days={days} />
        </tr>
      </thead>
      <tbody>
        {rows.map((u) => (
          <tr key={u.unit}>
            <td>{u.rank ?? '—'}</td>
            <td>
              <Link to={`/supervision?unit=${encodeURIComponent(u.unit)}`}>{u.unit}</Link>
            </td>
            <StatCells s={u} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RankingsPage() {
  useTitle('督办排名');
  const { revision } = useAuth();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? thisMonth();
  const data = useApi<{ rankings: Rankings }>(`/api/supervision/rankings?month=${encodeURIComponent(month)}`, revision);
  const trend = useApi<{ trend: TrendPoint[] }>(
    `/api/supervision/rankings/trend?from=${monthsBefore(month, 5)}&to=${encodeURIComponent(month)}`,
    revision,
  );
  const r = data.data?.rankings;
  const days = r?.counting === 'calendar' ? '自然日' : '工作日';
  return (
    <div className="page supervision-rankings">
      <h1 className="page-title">督办排名与通报</h1>
      <p className="lead">
        按期办结率 = 本期到期事项中按期办结的件数 ÷（按期办结 + 逾期办结 +
        到期未办结）；办结日期以县政府办审核通过的那次“申请办结”为准，批准延期后按新时限计算。
      </p>
      <div className="filter-bar">
        <label htmlFor="rk-month">月份</label>
        <input
          id="rk-month"
          type="month"
          value={month}
          onChange={(e) => e.target.value && setParams({ month: e.target.value }, { replace: true })}
        />
        <a
          className="button button-small"
          href={`/api/supervision/report.xlsx?month=${month}`}
          data-testid="export-xlsx"
        >
          导出通报（Excel）
        </a>
        <a
          className="button button-small"
          href={`/api/supervision/report.docx?month=${month}`}
          data-testid="export-docx"
        >
          导出通报（Word）
        </a>
      </div>
      {data.status === 'loading' && <Loading what="排名" />}
      {data.status === 'error' && <ErrorBox error={data.error} />}
      {r && (
        <>
          <section aria-labelledby="rk-total">
            <h2 id="rk-total">总体情况</h2>
            <p data-testid="rankings-summary">
              {r.period.from} 至 {r.period.to}（截至 {r.asOf}）：到期 {r.totals.due} 件，按期办结 {r.totals.onTime}{' '}
              件，逾期办结 {r.totals.late} 件，到期未办结 {r.totals.overdue} 件，按期办结率{' '}
              <strong>{formatRate(r.totals.onTimeRate)}</strong>；逾期未办结（含以前月份结转）{r.totals.overdueOpen}{' '}
              件。
            </p>
          </section>
          <section aria-labelledby="rk-chart">
            <h2 id="rk-chart">牵头单位按期办结率</h2>
            <RateChart rows={r.lead} />
          </section>
          <section aria-labelledby="rk-trend">
            <h2 id="rk-trend">近六个月逾期趋势</h2>
            {trend.status === 'error' && <ErrorBox error={trend.error} />}
            {trend.data && <TrendChart points={trend.data.trend} />}
          </section>
          <section aria-labelledby="rk-lead">
            <h2 id="rk-lead">牵头单位排名</h2>
            <UnitTable rows={r.lead} days={days} testId="rank-lead" />
          </section>
          <section aria-labelledby="rk-support">
            <h2 id="rk-support">配合单位</h2>
            <UnitTable rows={r.support} days={days} testId="rank-support" />
          </section>
          <section aria-labelledby="rk-leaders">
            <h2 id="rk-leaders">分管领导</h2>
            {r.leaders.length === 0 ? (
              <p className="empty">尚未设置县领导账户或分管单位。</p>
            ) : (
              <table className="doc-grid" data-testid="rank-leaders">
                <thead>
                  <tr>
                    <th scope="col">名次</th>
                    <th scope="col">分管领导</th>
                    <th scope="col">分管单位</th>
                    <StatHeaders days={days} />
                  </tr>
                </thead>
                <tbody>
                  {r.leaders.map((l) => (
                    <tr key={l.leader}>
                      <td>{l.rank ?? '—'}</td>
                      <td>{l.leader}</td>
                      <td>{l.units.join('、') || '未设置'}</td>
                      <StatCells s={l} />
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="rk-overdue">
            <h2 id="rk-overdue">逾期未办结事项</h2>
            {r.overdueItems.length === 0 ? (
              <p className="empty">没有逾期未办结事项。</p>
            ) : (
              <table className="doc-grid" data-testid="rank-overdue">
                <thead>
                  <tr>
                    <th scope="col">事项</th>
                    <th scope="col">牵头单位</th>
                    <th scope="col">配合单位</th>
                    <th scope="col">办结时限</th>
                    <th scope="col">逾期（{days}）</th>
                  </tr>
                </thead>
                <tbody>
                  {r.overdueItems.map((o) => (
                    <tr key={o.id}>
                      <td>
                        <Link to={`/supervision/${o.id}`}>{o.title}</Link>
                      </td>
                      <td>{o.lead}</td>
                      <td>{o.supports.join('、') || '—'}</td>
                      <td>{o.closeBy}</td>
                      <td>{o.overdueDays}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </div>
  );
}
