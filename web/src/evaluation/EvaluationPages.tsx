// 评价考核 screens: the assessments (a rubric and a period) with a form to start one; an assessment's page with
// the value entry form (per entity and assessor, the same fields as the Excel template), template download and
// upload, the score sheet (ranking, grades, flags, every item with its one-line explanation), an ECharts chart
// of scores by category, and the .xlsx / .docx exports.
import type { EChartsCoreOption } from 'echarts/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../access/auth.tsx';
import { ApiError, api } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { Chart } from '../app/Chart.tsx';
import { ErrorBox, Loading, useTitle } from '../app/common.tsx';
import './evaluation.css';

interface RubricSummary {
  id: string;
  title: string;
  docNumber: string;
  maxScore: number;
}

interface Band {
  min?: number;
  max?: number;
  points: number;
}

interface Rule {
  type: 'rank' | 'completion' | 'proportional' | 'tiered' | 'count' | 'manual';
  target?: number;
  kinds?: { id: string; title: string; per: number }[];
  bands?: Band[];
}

interface Item {
  id: string;
  title: string;
  max: number;
  clause: string;
  input?: { label: string; unit?: string };
  modifiers?: { id: string; title: string }[];
  rule: Rule;
}

interface Rubric extends RubricSummary {
  assessors?: { id: string; title: string; weight: number }[];
  categories: { id: string; title: string; max: number; weight?: number; items: Item[] }[];
}

interface Assessment {
  id: number;
  rubricId: string;
  rubricTitle: string;
  docNumber: string;
  period: string;
  version: number;
  entityCount: number;
}

interface RawEntity {
  id: string;
  name?: string;
  values?: Record<string, unknown>;
  assessments?: Record<string, Record<string, unknown>>;
}

interface ScoreSheet {
  categories: { id: string; title: string; max: number; weight: number | null }[];
  entities: {
    id: string;
    name: string;
    final: number;
    rank: number;
    grade: string | null;
    flags: string[];
    bonus: number;
    penalty: number;
    categories: { id: string; score: number; contribution: number }[];
    items: { id: string; title: string; points: number; max: number; explain: string; missing: boolean }[];
    adjustments: string[];
  }[];
}

const f2 = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

export function AssessmentsPage() {
  useTitle('评价考核');
  const { user, revision } = useAuth();
  const [refresh, setRefresh] = useState(0);
  const list = useApi<{ assessments: Assessment[] }>('/api/evaluation/assessments', revision + refresh);
  const rubrics = useApi<{ rubrics: RubricSummary[] }>('/api/evaluation/rubrics', revision);
  const [rubricId, setRubricId] = useState('');
  const [period, setPeriod] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api('/api/evaluation/assessments', { method: 'POST', body: { rubricId, period } });
      setPeriod('');
      setRefresh((x) => x + 1);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }

  if (list.status === 'loading') return <Loading what="评价列表" />;
  if (list.status === 'error') return <ErrorBox error={list.error} />;
  return (
    <section className="ev-page">
      <h1>评价考核</h1>
      <p className="ev-note">按评分细则（rubrics/ 下的 YAML 文件）录入各单位数据，计算得分、排名、等次与提示。</p>
      {list.data.assessments.length === 0 ? (
        <p>还没有评价。</p>
      ) : (
        <ul className="ev-list" data-testid="assessments">
          {list.data.assessments.map((a) => (
            <li key={a.id}>
              <Link to={`/evaluation/${a.id}`}>
                {a.rubricTitle}（{a.period}）
              </Link>{' '}
              <span className="ev-muted">
                {a.docNumber} · {a.entityCount} 个单位
              </span>
            </li>
          ))}
        </ul>
      )}
      {user?.role === 'admin' && rubrics.status === 'ok' && (
        <form className="ev-form" onSubmit={create} data-testid="create-form">
          <h2>新建评价</h2>
          <label>
            评分细则
            <select value={rubricId} onChange={(e) => setRubricId(e.target.value)} required name="rubric">
              <option value="">请选择</option>
              {rubrics.data.rubrics.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.title}（{r.docNumber}，满分{r.maxScore}）
                </option>
              ))}
            </select>
          </label>
          <label>
            评价期间
            <input
              value={period}
              onChange={(e) => setPeriod(e.target.value)}
              placeholder="如 2023"
              required
              name="period"
            />
          </label>
          <button type="submit" className="button">
            新建
          </button>
          {error && (
            <p className="ev-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </section>
  );
}

interface Field {
  key: string;
  label: string;
}

/** The entry fields of an item: the same columns as the Excel template. */
function fieldsOf(item: Item): Field[] {
  const unit = item.input?.unit ? `（${item.input.unit}）` : '';
  const r = item.rule;
  const out: Field[] = [];
  if (r.type === 'manual') {
    out.push(
      { key: `${item.id}.points`, label: `分值（0—${item.max}）` },
      { key: `${item.id}.justification`, label: '理由' },
    );
  } else if (r.type === 'count' && r.kinds) {
    for (const k of r.kinds) out.push({ key: `${item.id}.${k.id}`, label: `${k.title}（次）` });
  } else if (r.type === 'proportional' || (r.type === 'completion' && r.target === undefined && item.input)) {
    out.push(
      { key: `${item.id}.actual`, label: `实际值${unit}` },
      { key: `${item.id}.target`, label: `目标值${unit}` },
    );
  } else if (r.type === 'completion' && r.target === undefined) {
    out.push({ key: item.id, label: '是/否' });
  } else out.push({ key: item.id, label: `${item.input?.label ?? '数值'}${unit}` });
  for (const m of item.modifiers ?? []) out.push({ key: `${item.id}.mod.${m.id}`, label: `${m.title}（是/否）` });
  return out;
}

const num = (s: string): number | string => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : s.trim());

/** Form fields → the item's value in the JSON input format (undefined when left empty). */
function itemValue(item: Item, form: Record<string, string>): unknown {
  const get = (k: string) => (form[k] ?? '').trim();
  const r = item.rule;
  let v: unknown;
  if (r.type === 'manual') {
    if (get(`${item.id}.points`) || get(`${item.id}.justification`))
      v = { points: num(get(`${item.id}.points`)), justification: get(`${item.id}.justification`) };
  } else if (r.type === 'count' && r.kinds) {
    const counts: Record<string, unknown> = {};
    for (const k of r.kinds) if (get(`${item.id}.${k.id}`)) counts[k.id] = num(get(`${item.id}.${k.id}`));
    if (Object.keys(counts).length) v = counts;
  } else if (form[`${item.id}.actual`] !== undefined || form[`${item.id}.target`] !== undefined) {
    if (get(`${item.id}.actual`) || get(`${item.id}.target`))
      v = {
        actual: num(get(`${item.id}.actual`)),
        ...(get(`${item.id}.target`) ? { target: num(get(`${item.id}.target`)) } : {}),
      };
  } else if (get(item.id)) v = num(get(item.id));
  if (v === undefined) return undefined;
  const mods = (item.modifiers ?? []).filter((m) => get(`${item.id}.mod.${m.id}`) === '是').map((m) => m.id);
  return mods.length ? { value: v, modifiers: mods } : v;
}

/** The item's stored value → form fields. */
function formOf(item: Item, value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value === undefined || value === null) return out;
  let v = value as Record<string, unknown> | unknown;
  if (typeof v === 'object' && v !== null && 'value' in (v as object)) {
    for (const m of ((v as { modifiers?: string[] }).modifiers ?? []) as string[]) out[`${item.id}.mod.${m}`] = '是';
    v = (v as { value: unknown }).value;
  }
  if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v as object)) out[`${item.id}.${k}`] = String(x);
  } else out[item.id] = typeof v === 'boolean' ? (v ? '是' : '否') : String(v);
  return out;
}

function EntryForm({
  rubric,
  assessment,
  input,
  onSaved,
}: {
  rubric: Rubric;
  assessment: Assessment;
  input: RawEntity[];
  onSaved: () => void;
}) {
  const [entityId, setEntityId] = useState('');
  const [entityName, setEntityName] = useState('');
  const [assessor, setAssessor] = useState(rubric.assessors?.[0]?.id ?? '');
  const [form, setForm] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    const e = input.find((x) => x.id === entityId);
    if (!e) return;
    setEntityName(e.name ?? e.id);
    const vals = (rubric.assessors ? e.assessments?.[assessor] : e.values) ?? {};
    const next: Record<string, string> = {};
    for (const c of rubric.categories) for (const item of c.items) Object.assign(next, formOf(item, vals[item.id]));
    setForm(next);
  }, [entityId, assessor, input, rubric]);

  async function save(ev: FormEvent) {
    ev.preventDefault();
    setMessage(null);
    const values: Record<string, unknown> = {};
    for (const c of rubric.categories)
      for (const item of c.items) {
        const v = itemValue(item, form);
        if (v !== undefined) values[item.id] = v;
      }
    const entity = {
      id: entityId.trim(),
      name: entityName.trim() || entityId.trim(),
      ...(rubric.assessors ? { assessments: { [assessor]: values } } : { values }),
    };
    try {
      await api(`/api/evaluation/assessments/${assessment.id}/entities`, {
        method: 'PUT',
        body: { entities: [entity] },
      });
      setMessage({ ok: true, text: `已保存“${entity.name}”的数据` });
      onSaved();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    }
  }

  return (
    <form className="ev-entry" onSubmit={save} data-testid="entry-form">
      <h2>录入数据</h2>
      <div className="ev-entry-head">
        <label>
          单位编号
          <input
            value={entityId}
            onChange={(e) => setEntityId(e.target.value)}
            list="ev-entities"
            required
            name="entityId"
          />
          <datalist id="ev-entities">
            {input.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </datalist>
        </label>
        <label>
          单位名称
          <input value={entityName} onChange={(e) => setEntityName(e.target.value)} name="entityName" />
        </label>
        {rubric.assessors && (
          <label>
            评分主体
            <select value={assessor} onChange={(e) => setAssessor(e.target.value)} name="assessor">
              {rubric.assessors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.title}（{a.weight}%）
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {rubric.categories.map((c) => (
        <fieldset key={c.id}>
          <legend>
            {c.title}
            {c.weight !== undefined ? `（权重${c.weight}%）` : `（${c.max}分）`}
          </legend>
          {c.items.map((item) => (
            <div className="ev-item" key={item.id}>
              <span className="ev-item-title" title={item.clause}>
                {item.title}（{item.max}分）
              </span>
              {fieldsOf(item).map((fl) => (
                <label key={fl.key} className="ev-field">
                  {fl.label}
                  <input
                    name={fl.key}
                    data-key={fl.key}
                    value={form[fl.key] ?? ''}
                    onChange={(e) => setForm({ ...form, [fl.key]: e.target.value })}
                  />
                </label>
              ))}
            </div>
          ))}
        </fieldset>
      ))}
      <button type="submit" className="button">
        保存
      </button>
      {message && (
        <p className={message.ok ? 'ev-ok' : 'ev-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </form>
  );
}

function CategoryChart({ sheet }: { sheet: ScoreSheet }) {
  const option: EChartsCoreOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: sheet.entities.map((e) => e.name) },
    yAxis: { type: 'value', name: '得分' },
    series: sheet.categories.map((c, i) => ({
      name: c.title,
      type: 'bar',
      stack: 'total',
      data: sheet.entities.map((e) => Math.round((e.categories[i]?.contribution ?? 0) * 100) / 100),
    })),
  };
  return <Chart option={option} label="各单位分类别得分" testId="category-chart" className="ev-chart" height={340} />;
}

function Sheet({ sheet, maxScore }: { sheet: ScoreSheet; maxScore: number }) {
  const [open, setOpen] = useState<string | null>(null);
  if (sheet.entities.length === 0) return <p>还没有录入任何单位的数据。</p>;
  return (
    <>
      <div className="ev-scroll">
        <table className="ev-table" data-testid="ranking">
          <thead>
            <tr>
              <th>名次</th>
              <th>单位</th>
              {sheet.categories.map((c) => (
                <th key={c.id}>
                  {c.title}
                  {c.weight !== null ? `（${c.weight}%）` : `（${c.max}）`}
                </th>
              ))}
              <th>加分</th>
              <th>扣分</th>
              <th>总分（满分{maxScore}）</th>
              <th>等次</th>
              <th>提示</th>
            </tr>
          </thead>
          <tbody>
            {sheet.entities.map((e) => (
              <tr key={e.id} data-entity={e.id}>
                <td>{e.rank}</td>
                <td>
                  <button type="button" className="link-button" onClick={() => setOpen(open === e.id ? null : e.id)}>
                    {e.name}
                  </button>
                </td>
                {e.categories.map((c) => (
                  <td key={c.id}>{f2(c.score)}</td>
                ))}
                <td>{f2(e.bonus)}</td>
                <td>{f2(e.penalty)}</td>
                <td className="ev-final">{f2(e.final)}</td>
                <td data-testid="grade">{e.grade ?? '—'}</td>
                <td className="ev-flags">{e.flags.join('；') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sheet.entities
        .filter((e) => open === e.id)
        .map((e) => (
          <section key={e.id} className="ev-detail" data-testid="detail">
            <h3>
              {e.name}：{f2(e.final)}分
            </h3>
            <ol>
              {e.items.map((i) => (
                <li key={i.id} className={i.missing ? 'ev-missing' : undefined}>
                  <strong>
                    {i.title}（{f2(i.points)}/{f2(i.max)}）
                  </strong>
                  ：{i.explain}
                </li>
              ))}
            </ol>
            {e.adjustments.length > 0 && (
              <ul>
                {e.adjustments.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ul>
            )}
          </section>
        ))}
    </>
  );
}

export function AssessmentPage() {
  const { id } = useParams();
  const { user, revision } = useAuth();
  const [refresh, setRefresh] = useState(0);
  const data = useApi<{ assessment: Assessment; input: { entities: RawEntity[] } }>(
    `/api/evaluation/assessments/${id}`,
    revision + refresh,
  );
  const sheet = useApi<ScoreSheet>(`/api/evaluation/assessments/${id}/score`, revision + refresh);
  const lastData = useRef<{ assessment: Assessment; input: { entities: RawEntity[] } } | null>(null);
  const lastSheet = useRef<ScoreSheet | null>(null);
  // keep showing the last answers while a refetch (after saving) is on its way: the form keeps its message
  if (data.status === 'ok') lastData.current = data.data;
  if (sheet.status === 'ok') lastSheet.current = sheet.data;
  const rubricId = lastData.current?.assessment.rubricId ?? null;
  const rubric = useApi<Rubric>(rubricId ? `/api/evaluation/rubrics/${rubricId}` : null, revision);
  const [upload, setUpload] = useState<{ ok: boolean; text: string } | null>(null);
  useTitle(data.status === 'ok' ? `${data.data.assessment.rubricTitle}（${data.data.assessment.period}）` : '评价');

  async function importFile(file: File) {
    setUpload(null);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let bin = '';
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      await api(`/api/evaluation/assessments/${id}/template.xlsx`, {
        method: 'POST',
        body: { contentBase64: btoa(bin) },
      });
      setUpload({ ok: true, text: `已导入“${file.name}”` });
      setRefresh((x) => x + 1);
    } catch (e) {
      setUpload({ ok: false, text: e instanceof ApiError ? e.message : String(e) });
    }
  }

  const current = data.status === 'ok' ? data.data : lastData.current;
  const shownSheet = sheet.status === 'ok' ? sheet.data : lastSheet.current;
  if (!current) return data.status === 'error' ? <ErrorBox error={data.error} /> : <Loading what="评价" />;
  const a = current.assessment;
  return (
    <section className="ev-page">
      <p>
        <Link to="/evaluation">← 评价考核</Link>
      </p>
      <h1>
        {a.rubricTitle}（{a.period}）
      </h1>
      <p className="ev-muted">依据 {a.docNumber}</p>
      <p className="ev-downloads">
        <a href={`/api/evaluation/assessments/${a.id}/template.xlsx`}>下载录入模板（Excel）</a>
        <a href={`/api/evaluation/assessments/${a.id}/sheet.xlsx`}>导出评分表（Excel）</a>
        <a href={`/api/evaluation/assessments/${a.id}/sheet.docx`}>导出评分表（Word）</a>
        {user?.role === 'admin' && (
          <label className="ev-upload">
            导入填好的模板
            <input type="file" accept=".xlsx" onChange={(e) => e.target.files?.[0] && importFile(e.target.files[0])} />
          </label>
        )}
      </p>
      {upload && <p className={upload.ok ? 'ev-ok' : 'ev-error'}>{upload.text}</p>}
      <h2>评分结果</h2>
      {!shownSheet && sheet.status === 'loading' && <Loading what="评分结果" />}
      {sheet.status === 'error' && <ErrorBox error={sheet.error} />}
      {shownSheet && rubric.status === 'ok' && (
        <>
          <Sheet sheet={shownSheet} maxScore={rubric.data.maxScore} />
          {shownSheet.entities.length > 0 && <CategoryChart sheet={shownSheet} />}
        </>
      )}
      {user?.role === 'admin' && rubric.status === 'ok' && (
        <EntryForm
          rubric={rubric.data}
          assessment={a}
          input={current.input.entities}
          onSaved={() => setRefresh((x) => x + 1)}
        />
      )}
    </section>
  );
}
