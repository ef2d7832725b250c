// Excel for assessments (exceljs): the data-entry template generated from a rubric, reading a filled template
// back with row-level validation (every problem reported by sheet, row and column; nothing accepted unless
// every row is right), and the score sheet (.xlsx). Pure apart from exceljs' (de)serialisation: bytes in,
// bytes or a raw score input out. The raw input then goes through parseScoreInput like JSON does.
//
// Template layout (docs/rubrics.md):
//   评分数据  one row per entity (and per assessor when the rubric blends: 评分主体 = 自查自评 / 部门评价);
//            header cells end with the column key in 〔〕: 单位编号〔id〕, 单位名称〔name〕, 评分主体〔assessor〕,
//            then per item 〔item〕, 〔item.actual〕/〔item.target〕, 〔item.points〕/〔item.justification〕,
//            〔item.kind〕 for each kind of occurrence, 〔item.mod.id〕 for each adjustment (是/否).
//   加减分    单位编号〔id〕 类型〔type〕(加分/扣分/否决) 项目编号〔ref〕 等级〔level〕 次数〔count〕 分值〔points〕 说明〔note〕
//   说明      every item with its rule, maximum and clause (not read back).
import ExcelJS from 'exceljs';
import { AppError } from '../platform/errors.ts';
import { fmt2, type ScoreResult } from './engine.ts';
import { normalizeValue } from './input.ts';
import { type Item, itemsOf, type Rubric } from './rubric.ts';

export const DATA_SHEET = '评分数据';
export const ADJUST_SHEET = '加减分';
export const HELP_SHEET = '说明';

type Cell = ExcelJS.CellValue;

export function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText))
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return cellText((value.result ?? null) as Cell);
  }
  return String(value).trim();
}

export interface Column {
  key: string;
  header: string;
  width: number;
}

const RULE_NAMES: Record<string, string> = {
  rank: '排名',
  completion: '完成即得分',
  proportional: '按完成比例折算',
  tiered: '分段',
  count: '计次',
  manual: '人工评分',
};

/** The data columns of a rubric's template, in order. */
export function templateColumns(rubric: Rubric): Column[] {
  const cols: Column[] = [
    { key: 'id', header: '单位编号〔id〕', width: 14 },
    { key: 'name', header: '单位名称〔name〕', width: 20 },
  ];
  if (rubric.assessors) cols.push({ key: 'assessor', header: '评分主体〔assessor〕', width: 12 });
  for (const { item } of itemsOf(rubric)) {
    const label = item.input?.label ?? item.title;
    const unit = item.input?.unit ? `（${item.input.unit}）` : '';
    const r = item.rule;
    if (r.type === 'manual') {
      cols.push({
        key: `${item.id}.points`,
        header: `${item.title} 分值（0—${item.max}）〔${item.id}.points〕`,
        width: 16,
      });
      cols.push({
        key: `${item.id}.justification`,
        header: `${item.title} 理由〔${item.id}.justification〕`,
        width: 24,
      });
    } else if (r.type === 'count' && r.kinds) {
      for (const k of r.kinds)
        cols.push({ key: `${item.id}.${k.id}`, header: `${label}：${k.title}（次）〔${item.id}.${k.id}〕`, width: 16 });
    } else if (r.type === 'proportional' || (r.type === 'completion' && r.target === undefined && item.input)) {
      cols.push({ key: `${item.id}.actual`, header: `${label} 实际值${unit}〔${item.id}.actual〕`, width: 16 });
      cols.push({ key: `${item.id}.target`, header: `${label} 目标值${unit}〔${item.id}.target〕`, width: 16 });
    } else if (r.type === 'completion' && r.target === undefined) {
      cols.push({ key: item.id, header: `${item.title}（是/否）〔${item.id}〕`, width: 18 });
    } else {
      cols.push({ key: item.id, header: `${label}${unit}〔${item.id}〕`, width: 16 });
    }
    for (const m of item.modifiers ?? [])
      cols.push({
        key: `${item.id}.mod.${m.id}`,
        header: `${item.title}：${m.title}（是/否）〔${item.id}.mod.${m.id}〕`,
        width: 16,
      });
  }
  return cols;
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: 'middle' };
  row.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });
}

function ruleText(item: Item): string {
  const r = item.rule;
  switch (r.type) {
    case 'rank':
      return `第一名${r.first}分，每下降一名减${r.step}分，最低${r.floor}分（${r.better === 'higher' ? '越大越好' : '越小越好'}${r.eligibleAbove !== undefined ? `；须大于${r.eligibleAbove}才参加排名` : ''}）`;
    case 'tiered':
    case 'count':
      if ('bands' in r && r.bands)
        return r.bands
          .map(
            (b) =>
              `${b.min === undefined ? '' : `${b.minInclusive ? '≥' : '>'}${b.min}`}${b.min !== undefined && b.max !== undefined ? ' 且 ' : ''}${b.max === undefined ? '' : `${b.maxInclusive ? '≤' : '<'}${b.max}`}：${b.points}分`,
          )
          .join('；');
      if (r.type === 'count' && r.kinds)
        return `${r.kinds.map((k) => `${k.title}每次${k.per}分`).join('，')}，最高${r.cap ?? item.max}分`;
      if (r.type === 'count') return `每次${r.per}分${r.cap !== undefined ? `，最高${r.cap}分` : ''}`;
      return '';
    case 'completion':
      return r.target !== undefined
        ? `达到${r.target}${item.input?.unit ?? ''}得${item.max}分，否则0分`
        : `完成得${item.max}分，否则0分`;
    case 'proportional':
      return `完成得${item.max}分，未完成按实际/目标折算`;
    case 'manual':
      return `评分人打0—${item.max}分，须写理由`;
  }
}

/** The template workbook for entering values (and bonuses, penalties, vetoes) of a rubric. */
export async function buildTemplate(rubric: Rubric, entities: { id: string; name: string }[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'luoshi';
  const ws = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  const cols = templateColumns(rubric);
  ws.columns = cols.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  styleHeader(ws.getRow(1));
  ws.getRow(1).height = 60;
  const assessors = rubric.assessors ?? [null];
  for (const e of entities)
    for (const a of assessors) ws.addRow({ id: e.id, name: e.name, ...(a ? { assessor: a.title } : {}) });
  const adj = wb.addWorksheet(ADJUST_SHEET);
  adj.columns = [
    { header: '单位编号〔id〕', key: 'id', width: 14 },
    { header: '类型（加分/扣分/否决）〔type〕', key: 'type', width: 14 },
    { header: '项目编号〔ref〕', key: 'ref', width: 22 },
    { header: '等级〔level〕', key: 'level', width: 12 },
    { header: '次数〔count〕', key: 'count', width: 10 },
    { header: '分值〔points〕', key: 'points', width: 10 },
    { header: '说明〔note〕', key: 'note', width: 30 },
  ];
  styleHeader(adj.getRow(1));
  const help = wb.addWorksheet(HELP_SHEET);
  help.columns = [
    { header: '编号', key: 'id', width: 28 },
    { header: '类别', key: 'category', width: 16 },
    { header: '指标', key: 'title', width: 50 },
    { header: '满分', key: 'max', width: 8 },
    { header: '计分规则', key: 'rule', width: 50 },
    { header: '依据', key: 'clause', width: 40 },
  ];
  styleHeader(help.getRow(1));
  help.addRow({
    id: rubric.id,
    category: '',
    title: `${rubric.title}（${rubric.docNumber}）`,
    max: rubric.maxScore,
    rule: '',
    clause: rubric.source,
  });
  for (const { category, item } of itemsOf(rubric))
    help.addRow({
      id: item.id,
      category: category.title,
      title: item.title,
      max: item.max,
      rule: `${RULE_NAMES[item.rule.type]}：${ruleText(item)}`,
      clause: item.clause,
    });
  for (const b of rubric.bonuses?.items ?? [])
    help.addRow({
      id: b.id,
      category: '加分',
      title: b.title,
      max: '',
      rule: b.levels
        .map((l) => `${l.id}=${l.title} ${l.minPoints !== undefined ? `${l.minPoints}—` : ''}${l.points}分`)
        .join('；'),
      clause: b.clause,
    });
  for (const p of rubric.penalties ?? [])
    help.addRow({
      id: p.id,
      category: '扣分',
      title: p.title,
      max: '',
      rule: `每次${p.minPer !== undefined ? `${p.minPer}—` : ''}${p.per}分`,
      clause: p.clause,
    });
  for (const v of rubric.vetoes ?? [])
    help.addRow({ id: v.id, category: '否决', title: v.title, max: '', rule: '不能评为最高等次', clause: v.clause });
  help.addRow({});
  help.addRow({
    id: '填写说明',
    title: '空白单元格视为“缺少数据”（该项记0分并列为缺失）；是/否列填“是”或“否”；数值可带单位，如 45%。',
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface RowIssue {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

function headerKeys(row: Cell[]): (string | null)[] {
  return row.map((v) => {
    const m = /〔([^〕]+)〕\s*$/.exec(cellText(v));
    return m ? (m[1] as string) : null;
  });
}

function sheetRows(ws: ExcelJS.Worksheet): Map<number, Cell[]> {
  const rows = new Map<number, Cell[]>();
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const values: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      values[col - 1] = cell.value;
    });
    rows.set(n, values);
  });
  return rows;
}

const YES = ['是', '完成', '达到', '有', 'true', '√', 'yes'];
const NO = ['否', '未完成', '未达到', '无', 'false', '×', 'no'];

/** A filled template → the raw score input (as JSON would give it). Throws listing every bad row. */
export async function inputFromWorkbook(
  rubric: Rubric,
  data: Uint8Array,
  file = '工作簿',
): Promise<Record<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    throw new AppError('BAD_INPUT', `${file} 不是有效的 .xlsx 工作簿（${(e as Error).message.slice(0, 80)}）`, {
      file,
    });
  }
  const ws = wb.getWorksheet(DATA_SHEET);
  if (!ws) throw new AppError('BAD_INPUT', `${file} 中没有工作表“${DATA_SHEET}”，请使用由评分细则生成的模板`, { file });
  const issues: RowIssue[] = [];
  const rows = sheetRows(ws);
  const keys = headerKeys(rows.get(1) ?? []);
  const expected = templateColumns(rubric);
  for (const c of expected)
    if (!keys.includes(c.key))
      issues.push({
        sheet: DATA_SHEET,
        row: 1,
        column: c.header,
        message: `缺少列“${c.header}”（模板与细则 ${rubric.id} 不符）`,
      });
  for (const [i, k] of keys.entries())
    if (k && !expected.some((c) => c.key === k))
      issues.push({ sheet: DATA_SHEET, row: 1, column: k, message: `第 ${i + 1} 列“${k}”不是细则 ${rubric.id} 的列` });
  if (issues.length) throw workbookError(file, issues);
  const items = new Map(itemsOf(rubric).map(({ item }) => [item.id, item]));
  const entities = new Map<string, Record<string, unknown>>();
  const firstRow = new Map<string, number>();
  for (const [n, cells] of rows) {
    if (n === 1) continue;
    const get = (key: string) => {
      const idx = keys.indexOf(key);
      return idx < 0 ? '' : cellText(cells[idx] ?? null);
    };
    const raw = (key: string): Cell => {
      const idx = keys.indexOf(key);
      return idx < 0 ? null : (cells[idx] ?? null);
    };
    if (keys.every((k, idx) => !k || cellText(cells[idx] ?? null) === '')) continue;
    const id = get('id');
    const issue = (column: string, message: string) => issues.push({ sheet: DATA_SHEET, row: n, column, message });
    if (!id) {
      issue('单位编号', '缺少单位编号');
      continue;
    }
    const name = get('name') || id;
    let assessorId = '';
    if (rubric.assessors) {
      const a = get('assessor');
      const found = rubric.assessors.find((x) => x.title === a || x.id === a);
      if (!found) {
        issue(
          '评分主体',
          `单位“${name}”：评分主体应为 ${rubric.assessors.map((x) => x.title).join(' 或 ')}，收到“${a}”`,
        );
        continue;
      }
      assessorId = found.id;
    }
    const dupKey = `${id}\u0000${assessorId}`;
    const before = firstRow.get(dupKey);
    if (before !== undefined) {
      issue(
        '单位编号',
        `单位“${name}”${assessorId ? `的${get('assessor')}` : ''}在第 ${before} 行已经出现，同一单位不能列两次`,
      );
      continue;
    }
    firstRow.set(dupKey, n);
    const entity = entities.get(id) ?? { id, name, ...(rubric.assessors ? { assessments: {} } : { values: {} }) };
    entities.set(id, entity);
    const values: Record<string, unknown> = {};
    for (const [itemId, item] of items) {
      const cols = expected.filter((c) => c.key === itemId || c.key.startsWith(`${itemId}.`));
      const where = `单位“${name}”${assessorId ? `（${get('assessor')}）` : ''}指标“${item.title}”（${itemId}）`;
      const r = item.rule;
      let v: unknown;
      if (r.type === 'manual') {
        const p = raw(`${itemId}.points`);
        const j = get(`${itemId}.justification`);
        if (cellText(p) !== '' || j) v = { points: typeof p === 'number' ? p : cellText(p), justification: j };
      } else if (r.type === 'count' && r.kinds) {
        const counts: Record<string, unknown> = {};
        for (const k of r.kinds) {
          const c = raw(`${itemId}.${k.id}`);
          if (cellText(c) !== '') counts[k.id] = typeof c === 'number' ? c : cellText(c);
        }
        if (Object.keys(counts).length) v = counts;
      } else if (cols.some((c) => c.key === `${itemId}.actual`)) {
        const a = raw(`${itemId}.actual`);
        const t = raw(`${itemId}.target`);
        if (cellText(a) !== '' || cellText(t) !== '') {
          const aText = cellText(a);
          if (r.type === 'completion' && (YES.includes(aText) || NO.includes(aText)) && cellText(t) === '') v = aText;
          else
            v = {
              actual: typeof a === 'number' ? a : aText === '' ? undefined : aText,
              ...(cellText(t) !== '' ? { target: typeof t === 'number' ? t : cellText(t) } : {}),
            };
        }
      } else {
        const c = raw(itemId);
        if (cellText(c) !== '') v = typeof c === 'number' ? c : cellText(c);
      }
      const mods = (item.modifiers ?? []).filter((m) => {
        const t = get(`${itemId}.mod.${m.id}`);
        if (t && !YES.includes(t) && !NO.includes(t))
          issue(`${item.title}：${m.title}`, `${where}：应填“是”或“否”，收到“${t}”`);
        return YES.includes(t);
      });
      if (v === undefined) {
        if (mods.length) issue(item.title, `${where}：勾选了调整条件但没有填写数值`);
        continue;
      }
      const value = mods.length ? { value: v, modifiers: mods.map((m) => m.id) } : v;
      try {
        normalizeValue(value, item, where, itemId);
        values[itemId] = value;
      } catch (e) {
        const col =
          cols.find((c) => c.key === itemId || (e as AppError).location?.field?.startsWith(c.key))?.header ??
          item.title;
        issue(col, (e as Error).message);
      }
    }
    if (rubric.assessors) (entity.assessments as Record<string, unknown>)[assessorId] = values;
    else entity.values = values;
  }
  // 加减分
  const adj = wb.getWorksheet(ADJUST_SHEET);
  if (adj) {
    const arows = sheetRows(adj);
    const akeys = headerKeys(arows.get(1) ?? []);
    for (const [n, cells] of arows) {
      if (n === 1) continue;
      const get = (key: string) => {
        const idx = akeys.indexOf(key);
        return idx < 0 ? '' : cellText(cells[idx] ?? null);
      };
      if (['id', 'type', 'ref'].every((k) => get(k) === '')) continue;
      const issue = (column: string, message: string) => issues.push({ sheet: ADJUST_SHEET, row: n, column, message });
      const id = get('id');
      const entity = entities.get(id);
      if (!entity) {
        issue('单位编号', `单位编号“${id}”不在“${DATA_SHEET}”中`);
        continue;
      }
      const type = get('type');
      const ref = get('ref');
      const num = (k: string) => (get(k) === '' ? undefined : Number(get(k)));
      if (type === '加分') {
        const list = (entity.bonuses as unknown[] | undefined) ?? [];
        list.push({
          id: ref,
          level: get('level') || undefined,
          ...(num('points') !== undefined ? { points: num('points') } : {}),
        });
        entity.bonuses = list;
      } else if (type === '扣分') {
        const list = (entity.penalties as unknown[] | undefined) ?? [];
        list.push({
          id: ref,
          ...(num('count') !== undefined ? { count: num('count') } : {}),
          ...(num('points') !== undefined ? { points: num('points') } : {}),
        });
        entity.penalties = list;
      } else if (type === '否决') {
        const list = (entity.vetoes as unknown[] | undefined) ?? [];
        list.push(ref);
        entity.vetoes = list;
      } else issue('类型', `类型应为“加分”“扣分”或“否决”，收到“${type}”`);
    }
  }
  if (issues.length) throw workbookError(file, issues);
  return { rubric: rubric.id, entities: [...entities.values()] };
}

export function workbookError(file: string, issues: RowIssue[], shown = 8): AppError {
  const first = issues[0] as RowIssue;
  const lines = issues.slice(0, shown).map((i) => `工作表“${i.sheet}”第 ${i.row} 行“${i.column}”：${i.message}`);
  const more = issues.length > shown ? `；另有 ${issues.length - shown} 处问题` : '';
  return new AppError(
    'BAD_INPUT',
    `${file} 有 ${issues.length} 处问题，未导入任何数据：${lines.join('；')}${more}`,
    { file, row: first.row, field: first.column },
    { issues },
  );
}

/** The score sheet: ranking, categories, item points with explanations, adjustments. */
export async function buildScoreWorkbook(rubric: Rubric, res: ScoreResult): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'luoshi';
  const rank = wb.addWorksheet('排名');
  rank.columns = [
    { header: '名次', key: 'rank', width: 6 },
    { header: '单位编号', key: 'id', width: 14 },
    { header: '单位名称', key: 'name', width: 22 },
    ...rubric.categories.map((c) => ({
      header: `${c.title}${c.weight !== undefined ? `（${c.weight}%）` : `（${c.max}分）`}`,
      key: `c_${c.id}`,
      width: 14,
    })),
    { header: '加分', key: 'bonus', width: 8 },
    { header: '扣分', key: 'penalty', width: 8 },
    { header: '总分', key: 'final', width: 10 },
    { header: '等次', key: 'grade', width: 8 },
    { header: '提示', key: 'flags', width: 30 },
  ];
  styleHeader(rank.getRow(1));
  for (const e of res.entities) {
    const row: Record<string, unknown> = {
      rank: e.rank,
      id: e.id,
      name: e.name,
      bonus: Number(fmt2(e.bonus)),
      penalty: Number(fmt2(e.penalty)),
      final: Number(fmt2(e.final)),
      grade: e.grade ?? '',
      flags: e.flags.join('；'),
    };
    for (const c of e.categories) row[`c_${c.id}`] = Number(fmt2(c.score));
    rank.addRow(row);
  }
  const detail = wb.addWorksheet('评分明细');
  detail.columns = [
    { header: '单位', key: 'name', width: 18 },
    { header: '类别', key: 'category', width: 16 },
    { header: '指标', key: 'title', width: 40 },
    { header: '满分', key: 'max', width: 8 },
    { header: '得分', key: 'points', width: 8 },
    { header: '说明', key: 'explain', width: 90 },
  ];
  styleHeader(detail.getRow(1));
  for (const e of res.entities) {
    for (const i of e.items) {
      const cat = rubric.categories.find((c) => c.id === i.category);
      detail.addRow({
        name: e.name,
        category: cat?.title ?? '',
        title: i.title,
        max: i.max,
        points: Number(fmt2(i.points)),
        explain: i.explain,
      });
    }
    for (const a of e.adjustments) detail.addRow({ name: e.name, category: '加减分与否决', title: a });
  }
  const meta = wb.addWorksheet('依据');
  meta.addRow(['评分细则', `${rubric.title}（${rubric.id}）`]);
  meta.addRow(['文件', rubric.docNumber]);
  meta.addRow(['来源', rubric.source]);
  meta.addRow(['期间', res.period ?? '']);
  meta.addRow(['说明', '分值按全精度计算，表中保留两位小数。']);
  meta.getColumn(1).width = 12;
  meta.getColumn(2).width = 80;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
