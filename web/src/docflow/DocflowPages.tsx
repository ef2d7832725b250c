// 公文处理 (襄政发〔2023〕7号 第六章) in the portal:
//   /docflow           公文预审 — paste or upload a draft (UTF-8 or GB18030), see the findings with the clause they
//                      come from and the sentence that triggered them (staff);
//   /docflow/register  发文字号登记簿 — the numbers of an agency and year (assigned here and printed in imported
//                      gazettes), the next free number, and 分配 for the county office;
//   /docflow/compile   编辑公报 — choose a period and an issue number, preview the table of contents, download the
//                      issue as .txt (re-importable) or .docx (print-ready) — county office only.
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useAuth } from '../access/auth.tsx';
import { ApiError, api, query } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorBox, Loading, useTitle } from '../app/common.tsx';
import { CountersignSection } from './CountersignSection.tsx';

const DOC_TYPES = [
  '请示',
  '报告',
  '通知',
  '意见',
  '函',
  '通报',
  '决定',
  '纪要',
  '批复',
  '议案',
  '公告',
  '通告',
  '决议',
  '命令',
  '公报',
];

interface Finding {
  kind: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  clause: string;
  quote: string | null;
  line: number | null;
}

interface PreflightResult {
  type: string;
  typeFrom: 'declared' | 'title';
  directions: string[];
  title: string | null;
  chars: number;
  limit: number | null;
  findings: Finding[];
}

const SEVERITY: Record<Finding['severity'], string> = { error: '错误', warning: '警告', info: '提示' };

function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function PreflightPage() {
  useTitle('公文预审');
  const { user } = useAuth();
  const [text, setText] = useState('');
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [type, setType] = useState('');
  const [scope, setScope] = useState('');
  const [normative, setNormative] = useState('');
  const [legalReview, setLegalReview] = useState(false);
  const [result, setResult] = useState<PreflightResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  if (!user) return <p className="page">请先登录。</p>;

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    setFile(f ? { name: f.name, base64: toBase64(await f.arrayBuffer()) } : null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = file ? { contentBase64: file.base64, fileName: file.name } : { text };
      if (type) body.type = type;
      if (scope) body.scope = scope;
      if (normative) body.normative = normative === 'yes';
      if (legalReview) body.legalReview = true;
      const r = await api<{ result: PreflightResult }>('/api/docflow/check', { method: 'POST', body });
      setResult(r.result);
    } catch (err) {
      setResult(null);
      setError(err instanceof ApiError ? err : new ApiError(0, 'CLIENT', String(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page docflow-preflight">
      <h1 className="page-title">公文预审</h1>
      <p className="lead">
        按《襄垣县人民政府工作规则》第二十七—三十五条检查报送县人民政府的公文草稿：文种与行文方向、篇幅（第二十九条）、
        请示一文一事、报告不得夹带请示事项、主送机关、行政规范性文件的合法性审核。
      </p>
      <form onSubmit={submit} data-testid="preflight-form">
        <label htmlFor="df-text">粘贴草稿</label>
        <textarea
          id="df-text"
          rows={12}
          value={text}
          onChange={(e) => setText(e.target.value)}
          disabled={file !== null}
          placeholder="标题、主送机关、正文……"
        />
        <div className="filter-bar">
          <label htmlFor="df-file">或上传文本文件（UTF-8 / GB18030）</label>
          <input id="df-file" type="file" accept=".txt,text/plain" onChange={onFile} />
          <label htmlFor="df-type">文种</label>
          <select id="df-type" value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">按标题判断</option>
            {DOC_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
          <label htmlFor="df-scope">篇幅类别</label>
          <select id="df-scope" value={scope} onChange={(e) => setScope(e.target.value)}>
            <option value="">默认（一般公文 5000 字；报告按专项 3000 字）</option>
            <option value="comprehensive">全局性、综合性（综合报告）</option>
            <option value="general">一般</option>
            <option value="special">专项工作或具体任务（专项报告）</option>
          </select>
          <label htmlFor="df-normative">行政规范性文件</label>
          <select id="df-normative" value={normative} onChange={(e) => setNormative(e.target.value)}>
            <option value="">未声明</option>
            <option value="yes">是</option>
            <option value="no">否</option>
          </select>
          <label>
            <input type="checkbox" checked={legalReview} onChange={(e) => setLegalReview(e.target.checked)} />{' '}
            已经县司法局合法性审核
          </label>
        </div>
        <button className="button" type="submit" disabled={busy || (!text.trim() && !file)}>
          {busy ? '检查中…' : '开始预审'}
        </button>
      </form>
      {error && <ErrorBox error={error} />}
      {result && (
        <section data-testid="preflight-result">
          <h2>预审结果</h2>
          <p>
            文种：<strong data-testid="pf-type">{result.type}</strong>（{result.directions.join('、')}文
            {result.typeFrom === 'title' ? '，据标题判断' : ''}）　字数：
            <strong data-testid="pf-chars">{result.chars}</strong>
            {result.limit === null ? '（不设上限）' : ` / 上限 ${result.limit}`}
          </p>
          {result.findings.length === 0 ? (
            <p className="notice" data-testid="pf-clean">
              未发现问题。
            </p>
          ) : (
            <table className="doc-grid" data-testid="pf-findings">
              <thead>
                <tr>
                  <th>级别</th>
                  <th>依据</th>
                  <th>发现</th>
                  <th>原文</th>
                </tr>
              </thead>
              <tbody>
                {result.findings.map((f) => (
                  <tr key={`${f.kind}-${f.line ?? ''}-${f.message}`} data-kind={f.kind}>
                    <td>{SEVERITY[f.severity]}</td>
                    <td>{f.clause}</td>
                    <td>{f.message}</td>
                    <td>{f.quote ? `${f.line ? `第 ${f.line} 行：` : ''}${f.quote}` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      <CountersignSection />
    </div>
  );
}

interface Agency {
  code: string;
  issuer: string;
  source: string;
}

interface Entry {
  docNumber: string;
  serial: number;
  title: string;
  issuer: string;
  signedOn: string | null;
  disclosure: string;
  source: 'register' | 'gazette';
  assignedBy: string | null;
}

const DISCLOSURES: Record<string, string> = {
  public: '此件公开发布',
  'on-request': '依申请公开',
  'not-public': '不予公开',
  partial: '此件部分公开',
  restricted: '未标注（不公开）',
};

export function RegisterPage() {
  useTitle('发文字号登记簿');
  const { user, revision } = useAuth();
  const [agency, setAgency] = useState('襄政办发');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [reload, setReload] = useState(0);
  const [title, setTitle] = useState('');
  const [signedOn, setSignedOn] = useState('');
  const [disclosure, setDisclosure] = useState('public');
  const [assigned, setAssigned] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [formal, setFormal] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const list = useApi<{ entries: Entry[]; agencies: Agency[] }>(
    user ? `/api/docnumbers${query({ agency, year })}` : null,
    revision + reload * 1000,
  );
  const next = useApi<{ next: { docNumber: string } }>(
    user ? `/api/docnumbers/next${query({ agency, year })}` : null,
    revision + reload * 1000,
  );
  if (!user) return <p className="page">请先登录。</p>;

  const assign = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setAssigned(null);
    try {
      const r = await api<{ issued: { docNumber: string }; formalText?: string }>('/api/docnumbers', {
        method: 'POST',
        body: { agency, year: Number(year), title, signedOn, disclosure, ...(draft.trim() ? { draft } : {}) },
      });
      setAssigned(r.issued.docNumber);
      setFormal(
        r.formalText ? URL.createObjectURL(new Blob([r.formalText], { type: 'text/plain;charset=utf-8' })) : null,
      );
      setTitle('');
      setDraft('');
      setReload((n) => n + 1);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'CLIENT', String(err)));
    }
  };

  return (
    <div className="page docflow-register">
      <h1 className="page-title">发文字号登记簿</h1>
      <p className="lead">
        发文字号按发文机关代字和年份连续编号，不重号、不跳号；下一个号接在本系统分配过的和已导入公报中印出的最大序号之后。
      </p>
      <div className="filter-bar">
        <label htmlFor="rg-agency">发文机关代字</label>
        <select id="rg-agency" value={agency} onChange={(e) => setAgency(e.target.value)}>
          {(list.data?.agencies ?? [{ code: agency, issuer: '', source: '' }]).map((a) => (
            <option key={a.code} value={a.code}>
              {a.code}
              {a.issuer ? `（${a.issuer}）` : ''}
            </option>
          ))}
        </select>
        <label htmlFor="rg-year">年份</label>
        <input
          id="rg-year"
          type="number"
          value={year}
          onChange={(e) => setYear(e.target.value)}
          min={1949}
          max={2199}
        />
      </div>
      {next.status === 'ok' && (
        <p>
          下一个发文字号：<strong data-testid="rg-next">{next.data.next.docNumber}</strong>（仅查看，未占用）
        </p>
      )}
      {next.status === 'error' && <ErrorBox error={next.error} />}
      {user.role === 'admin' && (
        <form onSubmit={assign} className="filter-bar" data-testid="assign-form">
          <label htmlFor="rg-title">公文标题</label>
          <input id="rg-title" value={title} onChange={(e) => setTitle(e.target.value)} size={40} />
          <label htmlFor="rg-date">成文日期</label>
          <input id="rg-date" type="date" value={signedOn} onChange={(e) => setSignedOn(e.target.value)} />
          <label htmlFor="rg-disclosure">附注</label>
          <select id="rg-disclosure" value={disclosure} onChange={(e) => setDisclosure(e.target.value)}>
            <option value="public">此件公开发布</option>
            <option value="on-request">依申请公开</option>
            <option value="not-public">不予公开</option>
          </select>
          <label htmlFor="rg-draft">草稿（可选：生成带发文字号的正式文本）</label>
          <textarea id="rg-draft" rows={4} value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button className="button" type="submit" disabled={!title.trim() || !signedOn}>
            分配发文字号
          </button>
        </form>
      )}
      {assigned && (
        <p role="status" className="notice" data-testid="rg-assigned">
          已分配：{assigned}
          {formal && (
            <>
              {' '}
              <a href={formal} download={`${assigned}.txt`} data-testid="rg-formal">
                下载正式文本
              </a>
              （可用 luoshi compile --add 编入下一期公报）
            </>
          )}
        </p>
      )}
      {error && <ErrorBox error={error} />}
      {list.status === 'loading' && <Loading what="登记簿" />}
      {list.status === 'error' && <ErrorBox error={list.error} />}
      {list.status === 'ok' &&
        (list.data.entries.length === 0 ? (
          <p className="empty">该代字、年份尚无发文。</p>
        ) : (
          <table className="doc-grid" data-testid="rg-table">
            <thead>
              <tr>
                <th>发文字号</th>
                <th>标题</th>
                <th>成文日期</th>
                <th>附注</th>
                <th>来源</th>
              </tr>
            </thead>
            <tbody>
              {list.data.entries.map((e) => (
                <tr key={e.docNumber}>
                  <td>{e.docNumber}</td>
                  <td>{e.title}</td>
                  <td>{e.signedOn ?? ''}</td>
                  <td>{DISCLOSURES[e.disclosure] ?? e.disclosure}</td>
                  <td>{e.source === 'register' ? `登记（${e.assignedBy ?? ''}）` : '公报'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </div>
  );
}

interface CompilePreview {
  issue: { year: number; number: number; publishedOn: string; title: string };
  toc: { section: string; issuer: string; title: string; docNumber: string; page: number }[];
  pages: number;
  skipped: { docNumber: string; title: string; reason: string }[];
}

export function CompilePage() {
  useTitle('编辑公报');
  const { user } = useAuth();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [issue, setIssue] = useState('');
  const [preview, setPreview] = useState<CompilePreview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  if (!user) return <p className="page">请先登录。</p>;
  const q = query({ from, to, issue });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      setPreview(await api<CompilePreview>(`/api/gazette/compile${q}`));
    } catch (err) {
      setPreview(null);
      setError(err instanceof ApiError ? err : new ApiError(0, 'CLIENT', String(err)));
    }
  };

  return (
    <div className="page docflow-compile">
      <h1 className="page-title">编辑公报</h1>
      <p className="lead">
        选取一段时间内印发（按成文日期）且公开的公文，编成下一期公报：封面、编辑委员会、带页码的目录、公文及其附件。文本版可直接再导入本系统，Word
        版用于排版印刷。
      </p>
      <form onSubmit={submit} className="filter-bar" data-testid="compile-form">
        <label htmlFor="cp-from">开始日期</label>
        <input id="cp-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <label htmlFor="cp-to">结束日期</label>
        <input id="cp-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        <label htmlFor="cp-issue">期号（年:期）</label>
        <input id="cp-issue" value={issue} onChange={(e) => setIssue(e.target.value)} placeholder="2023:4" size={8} />
        <button className="button" type="submit" disabled={!from || !to || !issue}>
          预览目录
        </button>
      </form>
      {error && <ErrorBox error={error} />}
      {preview && (
        <section data-testid="compile-preview">
          <h2>
            {preview.issue.title} {preview.issue.year}年第{preview.issue.number}期（约 {preview.pages} 页）
          </h2>
          <table className="doc-grid" data-testid="cp-toc">
            <thead>
              <tr>
                <th>栏目</th>
                <th>发文字号</th>
                <th>标题</th>
                <th>页码</th>
              </tr>
            </thead>
            <tbody>
              {preview.toc.map((e) => (
                <tr key={e.docNumber}>
                  <td>{e.section}</td>
                  <td>{e.docNumber}</td>
                  <td>{e.title}</td>
                  <td>{e.page}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.skipped.length > 0 && (
            <ul data-testid="cp-skipped">
              {preview.skipped.map((s) => (
                <li key={s.docNumber}>
                  未编入：{s.docNumber}《{s.title}》——{s.reason}
                </li>
              ))}
            </ul>
          )}
          <p>
            <a className="button" href={`/api/gazette/compile${q}&format=txt`} data-testid="cp-txt" download>
              下载文本（.txt）
            </a>{' '}
            <a className="button" href={`/api/gazette/compile${q}&format=docx`} data-testid="cp-docx" download>
              下载排版稿（.docx）
            </a>
          </p>
        </section>
      )}
    </div>
  );
}
