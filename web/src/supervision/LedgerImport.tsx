// 台账导入 (/supervision/ledger-import): the county office uploads an .xlsx ledger; every row is validated and
// either all rows become items (listed with links) or none does and every problem is listed with its row and column
// (列名). The template and the export of the whole ledger are downloadable here too.
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../access/auth.tsx';
import { ApiError, api } from '../api/client.ts';
import { useTitle } from '../app/common.tsx';

interface Issue {
  row: number;
  column: string | null;
  message: string;
}

interface Created {
  row: number;
  itemId: number;
  title: string;
  lead: string;
  assigned: boolean;
}

const MAX_BYTES = 10 * 1024 * 1024;

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function LedgerImportPage() {
  useTitle('台账导入');
  const { user } = useAuth();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ fileName: string; created: Created[] } | null>(null);
  const [error, setError] = useState<{ message: string; issues: Issue[] } | null>(null);

  if (!user) return <p className="page">请先登录。</p>;
  const admin = user.role === 'admin';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setCreated(null);
    if (!file) {
      setError({ message: '请选择要导入的 .xlsx 文件。', issues: [] });
      return;
    }
    if (!/\.xlsx$/i.test(file.name)) {
      setError({ message: `“${file.name}”不是 .xlsx 文件：请在 Excel 中另存为 .xlsx 后再导入。`, issues: [] });
      return;
    }
    if (file.size > MAX_BYTES) {
      setError({ message: '文件过大（最多 10 MB）。', issues: [] });
      return;
    }
    setBusy(true);
    try {
      const content = toBase64(await file.arrayBuffer());
      const r = await api<{ fileName: string; created: Created[] }>('/api/supervision/ledger/import', {
        method: 'POST',
        body: { fileName: file.name, content },
      });
      setCreated(r);
    } catch (err) {
      if (err instanceof ApiError) {
        const issues = (err.details as { issues?: Issue[] } | undefined)?.issues;
        setError({ message: err.message, issues: Array.isArray(issues) ? issues : [] });
      } else setError({ message: String(err), issues: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page supervision-ledger-import">
      <h1 className="page-title">台账导入与导出</h1>
      <p className="lead">
        按《襄垣县人民政府工作规则》第三十七条“账单式闭环管理”，督办事项可用 Excel
        台账批量立项、交办。全部行校验通过才写入；任何一行有误，整表不导入，并列出每处问题的行号和列名。
      </p>
      <p>
        <a className="button button-small" href="/api/supervision/ledger/template.xlsx" download>
          下载导入模板
        </a>{' '}
        <a className="button button-small" href="/api/supervision/ledger.xlsx" download>
          导出全部台账（Excel）
        </a>{' '}
        <Link to="/supervision">返回督办台账</Link>
      </p>
      {admin ? (
        <form onSubmit={submit} data-testid="ledger-upload" className="filter-bar">
          <label htmlFor="ledger-file">台账文件（.xlsx）</label>{' '}
          <input
            id="ledger-file"
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />{' '}
          <button type="submit" className="button" disabled={busy}>
            {busy ? '正在导入…' : '导入'}
          </button>
        </form>
      ) : (
        <p className="muted">只有县政府办（管理员）可以导入台账。</p>
      )}
      {error && (
        <div className="error-box" role="alert" data-testid="ledger-error">
          <p>
            <strong>未导入：</strong>
            {error.message}
          </p>
          {error.issues.length > 0 && (
            <table className="doc-grid" data-testid="ledger-issues">
              <thead>
                <tr>
                  <th scope="col">行号</th>
                  <th scope="col">列名</th>
                  <th scope="col">问题</th>
                </tr>
              </thead>
              <tbody>
                {error.issues.map((i) => (
                  <tr key={`${i.row}-${i.column}-${i.message}`}>
                    <td>{i.row}</td>
                    <td>{i.column ?? '—'}</td>
                    <td>{i.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      {created && (
        <div role="status" className="notice" data-testid="ledger-created">
          <p>
            已从“{created.fileName}”导入 {created.created.length} 项（立项
            {created.created.filter((c) => c.assigned).length ? '并交办' : ''}）。
          </p>
          <ul>
            {created.created.map((c) => (
              <li key={c.itemId}>
                第 {c.row} 行：<Link to={`/supervision/${c.itemId}`}>{c.title}</Link>（{c.lead}，
                {c.assigned ? '已交办' : '仅立项'}）
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
