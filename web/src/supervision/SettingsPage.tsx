// 督办设置 (/supervision/settings): the county's day counting, yellow window, escalation thresholds and calendar
// overrides (本县日历调整). Staff read it; the county office (admin) edits and saves (PUT with the version it saw,
// a 409 offers a reload). A date checker answers with the county's table and says when an answer is an estimate
// (a year without the State Council's holiday schedule).
import { type FormEvent, useEffect, useState } from 'react';
import { useAuth } from '../access/auth.tsx';
import { ApiError, api, query } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorBox, formatInstant, Loading, useTitle } from '../app/common.tsx';

type DayCounting = 'working' | 'calendar';

interface Override {
  date: string;
  workday: boolean;
  note: string;
}

interface Settings {
  dayCounting: DayCounting;
  yellowWithinDays: number;
  escalation: { urge: number; notice: number; interview: number };
  calendar: Override[];
}

interface SettingsAnswer {
  settings: Settings;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
  officialYears: { first: number | null; last: number | null };
  overrides: (Override & { weekday: string; yearOfficial: boolean })[];
}

interface DayInfo {
  date: string;
  workday: boolean;
  official: boolean;
  source: 'override' | 'holiday' | 'makeup' | 'regular' | 'estimate';
  label: string;
  weekdayName?: string;
}

interface DayAnswer {
  day: DayInfo;
  add: { n: number; date: string; official: boolean; info: DayInfo } | null;
}

const SOURCE_LABELS: Record<DayInfo['source'], string> = {
  override: '本县调整',
  holiday: '法定节假日',
  makeup: '调休上班',
  regular: '国家安排',
  estimate: '估算',
};

const ESTIMATE = '估算：该年度国务院尚未公布节假日安排（本县也未调整该日），按周一至周五推算，可能有误。';

export function SettingsPage() {
  useTitle('督办设置');
  const { user, revision } = useAuth();
  const [reload, setReload] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);
  const state = useApi<SettingsAnswer>(user ? '/api/supervision/settings' : null, revision + reload * 1000);
  if (!user) return <p className="page">请先登录。</p>;
  return (
    <div className="page supervision-settings">
      <h1 className="page-title">督办设置</h1>
      <p className="lead">
        本县督办计日方式、黄灯提前天数、逾期升级阈值（催办 → 通报 →
        约谈）与本县工作日历调整。修改只影响此后交办的事项和此后的灯色；已交办事项的时限在交办时确定，不随设置改变。
      </p>
      {state.status === 'loading' && <Loading what="督办设置" />}
      {state.status === 'error' && <ErrorBox error={state.error} />}
      {saved && (
        <p role="status" className="notice" data-testid="settings-saved">
          {saved}
        </p>
      )}
      {state.status === 'ok' && (
        <SettingsForm
          key={`${state.data.version}-${reload}`}
          answer={state.data}
          editable={user.role === 'admin'}
          onSaved={(message) => {
            setSaved(message ?? null);
            setReload((n) => n + 1);
          }}
        />
      )}
      {user.role === 'admin' && <SettingsHistory revision={reload} />}
      <DayChecker />
    </div>
  );
}

interface SettingsVersion {
  version: number;
  settings: Settings;
  savedAt: string;
  savedBy: string;
}

/** 历次版本 (admin): every saved version, fetched when opened. */
function SettingsHistory({ revision }: { revision: number }) {
  const [opened, setOpened] = useState(0);
  const list = useApi<{ versions: SettingsVersion[] }>(
    opened ? '/api/supervision/settings/history' : null,
    opened * 1000 + revision,
  );
  return (
    <details
      data-testid="settings-history"
      onToggle={(e) => {
        if ((e.target as HTMLDetailsElement).open) setOpened((n) => n + 1);
      }}
    >
      <summary>历次版本</summary>
      {list.status === 'error' && <ErrorBox error={list.error} />}
      {list.status === 'ok' &&
        (list.data.versions.length === 0 ? (
          <p className="empty">尚未保存过设置。</p>
        ) : (
          <table className="doc-grid">
            <thead>
              <tr>
                <th scope="col">版本</th>
                <th scope="col">保存时间（北京时间）</th>
                <th scope="col">保存人</th>
                <th scope="col">内容</th>
              </tr>
            </thead>
            <tbody>
              {list.data.versions.map((v) => (
                <tr key={v.version}>
                  <td>第 {v.version} 版</td>
                  <td>{formatInstant(v.savedAt)}</td>
                  <td>{v.savedBy}</td>
                  <td>
                    {v.settings.dayCounting === 'working' ? '工作日' : '自然日'}；黄灯提前 {v.settings.yellowWithinDays}{' '}
                    天；催办/通报/约谈 {v.settings.escalation.urge}/{v.settings.escalation.notice}/
                    {v.settings.escalation.interview} 天；日历调整 {v.settings.calendar.length} 条
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </details>
  );
}

function yearOfficial(answer: SettingsAnswer, date: string): boolean {
  const y = Number(date.slice(0, 4));
  const { first, last } = answer.officialYears;
  return first !== null && last !== null && y >= first && y <= last;
}

function SettingsForm({
  answer,
  editable,
  onSaved,
}: {
  answer: SettingsAnswer;
  editable: boolean;
  onSaved: (message?: string) => void;
}) {
  const [s, setS] = useState<Settings>(answer.settings);
  const [draft, setDraft] = useState<Override>({ date: '', workday: false, note: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; conflict: boolean } | null>(null);
  const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));

  const addOverride = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date)) {
      setError({ message: '请填写调整日期（YYYY-MM-DD）。', conflict: false });
      return;
    }
    if (!draft.note.trim()) {
      setError({ message: '请填写调整说明（如：县内防汛补休）。', conflict: false });
      return;
    }
    if (s.calendar.some((o) => o.date === draft.date)) {
      setError({ message: `${draft.date} 已在调整表中，请先删除原条目。`, conflict: false });
      return;
    }
    const calendar = [...s.calendar, { ...draft, note: draft.note.trim() }].sort((a, b) =>
      a.date.localeCompare(b.date),
    );
    setS({ ...s, calendar });
    setDraft({ date: '', workday: false, note: '' });
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const r = await api<SettingsAnswer>('/api/supervision/settings', {
        method: 'PUT',
        body: { settings: s, version: answer.version },
      });
      onSaved(`已保存（第 ${r.version} 版）。`);
    } catch (err) {
      const apiError = err instanceof ApiError ? err : new ApiError(0, 'CLIENT', String(err));
      setError({ message: apiError.message, conflict: apiError.status === 409 });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p className="muted" data-testid="settings-version">
        {answer.version === 0
          ? '当前使用默认设置（尚未保存过）。'
          : `第 ${answer.version} 版，${answer.updatedBy ?? ''} 于 ${answer.updatedAt ? formatInstant(answer.updatedAt) : ''} 保存。`}
        {answer.officialYears.first !== null &&
          ` 国家节假日安排已收录 ${answer.officialYears.first}—${answer.officialYears.last} 年；其他年份的日期为估算，除非本县在下表中调整。`}
      </p>
      {error && (
        <div className="error-box" role="alert" data-testid="settings-error">
          <strong>{error.conflict ? '设置已被他人修改：' : '未能保存：'}</strong>
          {error.message}
          {error.conflict && (
            <>
              {' '}
              <button type="button" className="button button-small" onClick={() => onSaved()}>
                刷新
              </button>
            </>
          )}
        </div>
      )}
      <form onSubmit={save} data-testid="settings-form">
        <fieldset disabled={!editable || busy}>
          <legend>计时规则</legend>
          <p>
            <label htmlFor="st-counting">计日方式</label>{' '}
            <select
              id="st-counting"
              value={s.dayCounting}
              onChange={(e) => setS({ ...s, dayCounting: e.target.value as DayCounting })}
            >
              <option value="working">工作日（默认，与县政府工作规则第二十二、二十五、三十一条一致）</option>
              <option value="calendar">自然日（按日历天数）</option>
            </select>
          </p>
          <p>
            <label htmlFor="st-yellow">黄灯提前天数</label>{' '}
            <input
              id="st-yellow"
              type="number"
              min={0}
              max={60}
              value={Number.isNaN(s.yellowWithinDays) ? '' : s.yellowWithinDays}
              onChange={(e) => setS({ ...s, yellowWithinDays: num(e.target.value) })}
            />{' '}
            <small className="muted">时限前几天（按计日方式）未完成即亮黄灯；不早于该时限期间的一半。</small>
          </p>
          <p>
            逾期升级（逾期天数达到即升级）：
            {(
              [
                ['urge', '催办'],
                ['notice', '通报'],
                ['interview', '约谈'],
              ] as const
            ).map(([k, label]) => (
              <span key={k}>
                {' '}
                <label htmlFor={`st-${k}`}>{label}</label>{' '}
                <input
                  id={`st-${k}`}
                  type="number"
                  min={0}
                  max={365}
                  style={{ width: '5em' }}
                  value={Number.isNaN(s.escalation[k]) ? '' : s.escalation[k]}
                  onChange={(e) => setS({ ...s, escalation: { ...s.escalation, [k]: num(e.target.value) } })}
                />{' '}
                天
              </span>
            ))}
          </p>
        </fieldset>
        <h2>本县日历调整</h2>
        <p className="muted">
          本县放假或补班、对国家安排的更正、国务院公布前预录的下一年安排。调整的日期按下表计算并视为正式安排。
        </p>
        {s.calendar.length === 0 ? (
          <p className="empty">没有调整，完全按国家节假日安排。</p>
        ) : (
          <table className="doc-grid" data-testid="overrides">
            <thead>
              <tr>
                <th scope="col">日期</th>
                <th scope="col">调整为</th>
                <th scope="col">说明</th>
                <th scope="col">该年度国家安排</th>
                {editable && <th scope="col">操作</th>}
              </tr>
            </thead>
            <tbody>
              {s.calendar.map((o) => (
                <tr key={o.date} data-testid={`override-${o.date}`}>
                  <td>{o.date}</td>
                  <td>{o.workday ? '上班' : '放假'}</td>
                  <td>{o.note}</td>
                  <td>
                    {yearOfficial(answer, o.date) ? (
                      '已公布'
                    ) : (
                      <span className="warning" data-testid="override-estimate">
                        未公布：该年其他日期为估算
                      </span>
                    )}
                  </td>
                  {editable && (
                    <td>
                      <button
                        type="button"
                        className="button button-small"
                        disabled={busy}
                        onClick={() => setS({ ...s, calendar: s.calendar.filter((x) => x.date !== o.date) })}
                      >
                        删除
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {editable && (
          <p>
            <button type="submit" className="button" disabled={busy} data-testid="settings-save">
              保存设置
            </button>
          </p>
        )}
      </form>
      {editable && (
        <form onSubmit={addOverride} data-testid="override-add" className="filter-bar">
          <label htmlFor="ov-date">新增调整：日期</label>{' '}
          <input
            id="ov-date"
            type="date"
            value={draft.date}
            onChange={(e) => setDraft({ ...draft, date: e.target.value })}
          />{' '}
          <label htmlFor="ov-kind">调整为</label>{' '}
          <select
            id="ov-kind"
            value={draft.workday ? 'work' : 'off'}
            onChange={(e) => setDraft({ ...draft, workday: e.target.value === 'work' })}
          >
            <option value="off">放假</option>
            <option value="work">上班</option>
          </select>{' '}
          <label htmlFor="ov-note">说明</label>{' '}
          <input
            id="ov-note"
            placeholder="如：县内防汛补休"
            value={draft.note}
            onChange={(e) => setDraft({ ...draft, note: e.target.value })}
          />{' '}
          <button type="submit" className="button button-small">
            加入调整表
          </button>{' '}
          <small className="muted">加入后请点“保存设置”。</small>
        </form>
      )}
      {!editable && <p className="muted">只有县政府办（管理员）可以修改设置。</p>}
    </>
  );
}

function DayChecker() {
  const [date, setDate] = useState('');
  const [n, setN] = useState('');
  const [path, setPath] = useState<string | null>(null);
  const [answer, setAnswer] = useState<DayAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!path) return;
    let live = true;
    api<DayAnswer>(path).then(
      (a) => {
        if (!live) return;
        setAnswer(a);
        setError(null);
      },
      (e: unknown) => {
        if (!live) return;
        setAnswer(null);
        setError(e instanceof ApiError ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, [path]);
  const describe = (d: DayInfo) =>
    `${d.date}（${d.weekdayName ?? ''}${d.weekdayName ? '，' : ''}${d.label}）：${d.workday ? '工作日' : '休息日'}，依据：${SOURCE_LABELS[d.source]}`;
  return (
    <section aria-labelledby="st-check">
      <h2 id="st-check">按本县日历查询</h2>
      <form
        className="filter-bar"
        onSubmit={(e) => {
          e.preventDefault();
          setPath(`/api/supervision/calendar/day${query({ date, add: n.trim() || undefined })}`);
        }}
      >
        <label htmlFor="dc-date">日期</label>{' '}
        <input id="dc-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />{' '}
        <label htmlFor="dc-n">之后第几个工作日（可不填）</label>{' '}
        <input id="dc-n" type="number" style={{ width: '5em' }} value={n} onChange={(e) => setN(e.target.value)} />{' '}
        <button type="submit" className="button button-small">
          查询
        </button>
      </form>
      {error && (
        <p className="error-box" role="alert">
          {error}
        </p>
      )}
      {answer && (
        <div data-testid="day-answer">
          <p>{describe(answer.day)}</p>
          {!answer.day.official && (
            <p className="warning" data-testid="day-estimate">
              {ESTIMATE}
            </p>
          )}
          {answer.add && (
            <>
              <p>
                {answer.day.date} 之后第 {answer.add.n} 个工作日：{describe(answer.add.info)}（当日不计，从次日起算）
              </p>
              {!answer.add.official && (
                <p className="warning" data-testid="add-estimate">
                  {ESTIMATE.replace('该年度', '所跨年度')}
                </p>
              )}
            </>
          )}
        </div>
      )}
    </section>
  );
}
