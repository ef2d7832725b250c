// 审计日志 (administrators and leaders): who did what, when, from where, with what outcome.
// GET /api/audit with filters and paging; export links to /api/audit/export?format=xlsx|csv.
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { query } from '../api/client.ts';
import type { AuditEntry } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorBox, formatInstant, Loading, useTitle } from '../app/common.tsx';
import { canReadAudit, ROLE_LABELS, useAuth } from './auth.tsx';

const PAGE_SIZE = 50;

const OUTCOME_LABELS: Record<string, string> = { ok: '成功', denied: '拒绝', failed: '失败' };

/** Action codes of the audit trail (src/access/audit.ts ACTION_LABELS). */
const ACTION_LABELS: Record<string, string> = {
  'auth:login': '登录',
  'auth:logout': '退出登录',
  'auth:lockout': '账户锁定',
  'user:create': '新建用户',
  'user:disable': '停用用户',
  'user:enable': '启用用户',
  'restriction:add': '设置不公开条款',
  'restriction:remove': '取消不公开条款',
  'audit:export': '导出审计日志',
  import: '导入公报',
  'document:read': '查阅文件',
  'clause:read': '查阅条款',
  'unit:act': '代表单位办理',
  'unit:read': '查看单位信息',
};

const ENTITY_LABELS: Record<string, string> = {
  session: '会话',
  user: '用户',
  document: '文件',
  clause: '条款',
  audit_log: '审计日志',
  unit: '单位',
  issue: '公报',
  system: '系统',
};

/** The reason recorded with a denial or failure, if any. */
function reasonOf(e: AuditEntry): string {
  const after = e.after as { reason?: unknown } | null | undefined;
  return after && typeof after.reason === 'string' ? after.reason : '';
}

interface AuditResponse {
  total: number;
  page: number;
  pageSize: number;
  entries: AuditEntry[];
}

function roleLabel(role: string): string {
  return (ROLE_LABELS as Record<string, string>)[role] ?? (role === 'public' ? '公众' : role);
}

export function AuditPage() {
  useTitle('审计日志');
  const { user, ready, revision } = useAuth();
  const [filters, setFilters] = useState({ actor: '', action: '', outcome: '', from: '', to: '' });
  const [applied, setApplied] = useState(filters);
  const [page, setPage] = useState(1);
  const allowed = canReadAudit(user);
  const params = { ...applied, page, pageSize: PAGE_SIZE };
  const state = useApi<AuditResponse>(ready && allowed ? `/api/audit${query(params)}` : null, revision);

  if (!ready) return <Loading what="账户信息" />;
  if (!user) {
    return (
      <div className="page narrow">
        <h1 className="page-title">审计日志</h1>
        <p className="error-box" role="alert">
          请先登录：审计日志需要管理员或领导账户。{' '}
          <Link to="/login" state={{ from: '/audit' }}>
            去登录
          </Link>
        </p>
      </div>
    );
  }
  if (!allowed) {
    return (
      <div className="page narrow">
        <h1 className="page-title">审计日志</h1>
        <p className="error-box" role="alert">
          当前角色（{ROLE_LABELS[user.role]}）无权查看审计日志。
        </p>
      </div>
    );
  }

  const entries = state.status === 'ok' ? state.data.entries : [];
  const total = state.status === 'ok' ? state.data.total : 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const exportQuery = (format: string) => `/api/audit/export${query({ ...applied, format })}`;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setApplied(filters);
    setPage(1);
  };

  return (
    <div className="page audit-page">
      <h1 className="page-title">审计日志</h1>
      <p className="lead">记录登录、查阅不公开内容、被拒绝的访问和管理操作。时间按北京时间显示。</p>
      <form className="filters audit-filters" onSubmit={onSubmit} aria-label="筛选审计日志">
        <label>
          操作人
          <input value={filters.actor} onChange={(e) => setFilters({ ...filters, actor: e.target.value })} />
        </label>
        <label>
          操作
          <select value={filters.action} onChange={(e) => setFilters({ ...filters, action: e.target.value })}>
            <option value="">全部</option>
            {Object.entries(ACTION_LABELS).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          结果
          <select value={filters.outcome} onChange={(e) => setFilters({ ...filters, outcome: e.target.value })}>
            <option value="">全部</option>
            <option value="ok">成功</option>
            <option value="denied">拒绝</option>
            <option value="failed">失败</option>
          </select>
        </label>
        <label>
          起始日期
          <input type="date" value={filters.from} onChange={(e) => setFilters({ ...filters, from: e.target.value })} />
        </label>
        <label>
          截止日期
          <input type="date" value={filters.to} onChange={(e) => setFilters({ ...filters, to: e.target.value })} />
        </label>
        <button type="submit" className="button">
          筛选
        </button>
        <span className="export-links">
          导出：
          <a href={exportQuery('xlsx')} download>
            Excel（xlsx）
          </a>
          <a href={exportQuery('csv')} download>
            CSV
          </a>
        </span>
      </form>
      {state.status === 'loading' && <Loading what="审计日志" />}
      {state.status === 'error' && <ErrorBox error={state.error} />}
      {state.status === 'ok' && (
        <>
          <p className="muted" aria-live="polite">
            共 {total} 条记录
          </p>
          <div className="table-scroll">
            <table className="data-table audit-table">
              <thead>
                <tr>
                  <th scope="col">时间</th>
                  <th scope="col">操作人</th>
                  <th scope="col">角色</th>
                  <th scope="col">操作</th>
                  <th scope="col">对象</th>
                  <th scope="col">结果</th>
                  <th scope="col">说明</th>
                  <th scope="col">IP</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id} className={`outcome-${e.outcome}`}>
                    <td className="nowrap">{formatInstant(e.at)}</td>
                    <td>{e.actorName}</td>
                    <td>{roleLabel(e.role)}</td>
                    <td title={e.action}>{ACTION_LABELS[e.action] ?? e.action}</td>
                    <td>
                      {ENTITY_LABELS[e.entity] ?? e.entity}
                      {e.entityId ? ` ${e.entityId}` : ''}
                    </td>
                    <td>
                      <span
                        className={`sev sev-${e.outcome === 'ok' ? 'info' : e.outcome === 'denied' ? 'warning' : 'error'}`}
                      >
                        {OUTCOME_LABELS[e.outcome] ?? e.outcome}
                      </span>
                    </td>
                    <td>{reasonOf(e)}</td>
                    <td className="nowrap">{e.ip ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 && (
            <nav className="pager" aria-label="分页">
              <button
                type="button"
                className="button button-quiet"
                disabled={page <= 1}
                onClick={() => setPage(page - 1)}
              >
                上一页
              </button>
              <span>
                第 {page} / {pages} 页
              </span>
              <button
                type="button"
                className="button button-quiet"
                disabled={page >= pages}
                onClick={() => setPage(page + 1)}
              >
                下一页
              </button>
            </nav>
          )}
        </>
      )}
    </div>
  );
}
