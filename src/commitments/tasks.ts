// Tasks (任务): commitments to act, with lead and supporting units and a due date. Pure.
//
// Sources:
// 1. a parenthesised assignment closing a clause: （责任单位：A、B，C）, （A牵头，B、C按职责分工配合）,
//    （A、B按职责分工牵头）, （A牵头，B配合）— also when a page break split it from its clause;
// 2. tables with a 责任单位 column (17号 附件2 重点项目清单), with 责任人 and 完成时间 columns;
// 3. catalogues with a 牵头单位 column and progress columns (24号 专项规划目录清单);
// 4. 指标分解表 rows with 责任单位 (21号 附件3), whose merged cells the parser leaves empty.
//
// Rules (docs/commitments.md, “任务”): in （责任单位：…） every listed unit is a lead (the documents do not
// say that the first listed leads, and 16号 lists units in the county's fixed order, see 第2020/2044行);
// a unit named both as lead and as support stays a lead (finding); collectives resolve through the registry.
import type { Clause, Table } from '../gazette/types.ts';
import { splitUnitList } from '../orgs/registry.ts';
import { type ExtractContext, finding, provenance, rawCells } from './context.ts';
import { cellDate, dueDate } from './dates.ts';
import { foldPunct, type TextUnit } from './text.ts';
import type { Task } from './types.ts';

export interface Assignment {
  /** The parenthesised assignment as printed, brackets included. */
  raw: string;
  /** Offset of the opening bracket in the text. */
  start: number;
  lead: string[];
  support: string[];
}

const ROLE_PART = /^(.*?)(?:按照?职责分工|按职责|分工|分别|共同)?(牵头负责|牵头|负责|配合|参与|协助|落实)$/;

/**
 * The assignment closing a text, if any: the last parenthesised group that names 责任单位 or a role
 * (牵头/配合). Units are returned as printed; resolution is the registry's job.
 */
export function parseAssignment(text: string): Assignment | null {
  const t = foldPunct(text);
  const groups = [...t.matchAll(/（([^（）]*)(?:）|$)/g)];
  let best: RegExpMatchArray | null = null;
  for (let i = groups.length - 1; i >= 0 && !best; i--) {
    const g = groups[i] as RegExpMatchArray;
    const body = g[1] ?? '';
    if (!/责任单位|责任部门|牵头单位|牵头|配合/.test(body) && !/^[^，,]{3,40}负责$/.test(body.trim())) continue;
    const tail = t.slice((g.index ?? 0) + g[0].length);
    const trailing = /^[\s。.；;]*$/.test(tail);
    if (trailing || /^(?:责任单位|责任部门|牵头单位)\s*[：:]/.test(body)) best = g;
  }
  if (!best) return null;
  const body = (best[1] ?? '').trim();
  const lead: string[] = [];
  const support: string[] = [];
  const unitsColon = /^(?:责任单位|责任部门|牵头单位)\s*[：:]\s*(.*)$/.exec(body);
  if (unitsColon) {
    // （责任单位：A、B）or（责任单位：A牵头，B配合）
    const rest = unitsColon[1] ?? '';
    if (/牵头|配合/.test(rest)) assignRoles(rest, lead, support);
    else lead.push(...splitUnitList(rest));
  } else {
    assignRoles(body, lead, support);
  }
  return { raw: best[0], start: best.index ?? 0, lead, support };
}

function assignRoles(body: string, lead: string[], support: string[]): void {
  let pending: string[] = [];
  for (const part of body.split(/[，；,;]/)) {
    const p = part.trim();
    if (!p) continue;
    const m = ROLE_PART.exec(p);
    if (!m) {
      pending.push(...splitUnitList(p));
      continue;
    }
    const names = [...pending, ...splitUnitList(m[1] ?? '')];
    pending = [];
    const role = m[2] ?? '';
    if (role === '配合' || role === '参与' || role === '协助') support.push(...names);
    else lead.push(...names);
  }
  // units after the last role word belong to the first role printed (rare: a trailing list after a comma)
  if (pending.length > 0) (lead.length > 0 ? support : lead).push(...pending);
}

/** Resolve printed unit names to canonical ones; unresolved names are reported and left out. */
export function resolveUnits(
  names: string[],
  ctx: ExtractContext,
  clause: Clause,
  line: number,
  rowCompanies: string[] = [],
): string[] {
  const out: string[] = [];
  for (const n of names) {
    if (/^涉及企业$|^相关企业$|^有关企业$/.test(n) && rowCompanies.length > 0) {
      for (const c of rowCompanies) {
        const r = ctx.registry.resolve(c, {
          docNumber: ctx.doc.docNumber.text,
          eId: clause.eId,
          line,
          structured: true,
        });
        if (r.name && !out.includes(r.name)) out.push(r.name);
      }
      continue;
    }
    const r = ctx.registry.resolve(n, {
      docNumber: ctx.doc.docNumber.text,
      eId: clause.eId,
      line,
      structured: true,
      groupMembers: ctx.groupMembers,
    });
    if (r.name) {
      if (!out.includes(r.name)) out.push(r.name);
    } else {
      finding(ctx, {
        kind: 'unit-unresolved',
        severity: 'warning',
        message: `第 ${line} 行 ${clause.citation}：责任单位“${n}”无法对应到名录中的单位，已列入人工审核队列。`,
        eId: clause.eId,
        line,
      });
    }
  }
  return out;
}

/** Split lead/support, drop from support what is already lead (with a finding). */
function settle(ctx: ExtractContext, clause: Clause, line: number, lead: string[], support: string[]): string[] {
  const both = support.filter((s) => lead.includes(s));
  if (both.length > 0) {
    finding(ctx, {
      kind: 'assignment-overlap',
      severity: 'info',
      message: `第 ${line} 行 ${clause.citation}：${both.join('、')}既列为牵头单位又列为配合单位，按牵头单位处理。`,
      eId: clause.eId,
      line,
    });
  }
  return support.filter((s) => !lead.includes(s));
}

/** Tasks from clauses that close with a parenthesised assignment. */
export function assignmentTasks(units: TextUnit[], ctx: ExtractContext): Task[] {
  const out: Task[] = [];
  for (const u of units) {
    const a = parseAssignment(u.text);
    if (!a) continue;
    const c = u.clause;
    const lead = resolveUnits(a.lead, ctx, c, c.line);
    const support = settle(ctx, c, c.line, lead, resolveUnits(a.support, ctx, c, c.line));
    if (lead.length === 0 && support.length === 0) {
      finding(ctx, {
        kind: 'assignment-no-unit',
        severity: 'warning',
        message: `第 ${c.line} 行 ${c.citation}：形似责任分工“${a.raw}”，但没有识别出任何单位；任务已保留，责任单位待人工补录。`,
        eId: c.eId,
        line: c.line,
      });
    }
    const body = (u.text.slice(0, a.start) + u.text.slice(a.start + a.raw.length)).trim();
    const due = dueDate(body, { year: ctx.year });
    out.push({
      ...provenance(ctx, c),
      title: u.title ?? firstSentence(body),
      text: body,
      lead,
      support,
      due: due?.date ?? null,
      dueText: due?.text ?? null,
      source: 'assignment',
      persons: [],
      status: null,
      assignment: a.raw,
    });
  }
  return out;
}

function firstSentence(s: string): string {
  const m = /^(.{2,40}?)[。；;]/.exec(s);
  return (m ? (m[1] as string) : s.slice(0, 40)).trim();
}

interface Columns {
  title: number;
  text: number;
  units: number;
  persons: number;
  due: number;
}

function columnsOf(header: string[]): Columns {
  const find = (re: RegExp, not?: RegExp) => header.findIndex((h) => re.test(h.replace(/\s/g, '')) && !not?.test(h));
  return {
    title: find(/名称|项目|任务$|村名称/, /序号/),
    text: find(/内容|措施|要求/),
    units: find(/责任单位|牵头单位|责任部门|承办单位/),
    persons: find(/责任人/),
    due: find(/完成时间|完工时间|完成时限|时间节点|完成期限/),
  };
}

/** Split an enterprise list cell: by the source's spaces when available, else after 公司 / 厂. */
function companiesOf(cell: string, raw: string | null): string[] {
  const parts = raw ? raw.split(/\s+/) : cell.split(/(?<=公司|厂)(?=山西|襄垣|长治|王桥|潞安|襄矿)|(?<=公司）|公司\))/);
  return parts.map((p) => p.replace(/[（(](?:LNG)[)）]$/i, '').trim()).filter((p) => /公司|厂|煤矿|集团/.test(p));
}

/** Tasks from a table with a 责任单位 column (重点项目清单). */
export function tableTasks(clause: Clause, table: Table, ctx: ExtractContext): Task[] {
  let cols = columnsOf(table.header);
  if (cols.units < 0) return [];
  const out: Task[] = [];
  let category: string | null = null;
  table.rows.forEach((row, i) => {
    const line = table.rowLines[i] ?? clause.line;
    const first = (row[0] ?? '').replace(/\s/g, '');
    if (first === '序号' || first === (table.header[0] ?? '').replace(/\s/g, '')) {
      cols = columnsOf(row);
      return;
    }
    if (row.filter((c) => c.trim()).length <= 1) {
      if (!/^注/.test(first)) category = first || category;
      return;
    }
    if (/^合计|^总计/.test(first)) return;
    const cell = (k: number) => (k >= 0 ? (row[k] ?? '').trim() : '');
    const title = cell(cols.title) || cell(1);
    const text = cell(cols.text);
    const unitCell = cell(cols.units);
    const raw = rawCells(ctx, line);
    if (!text && cols.text >= 0) {
      finding(ctx, {
        kind: 'table-missing-cell',
        severity: 'warning',
        message: `第 ${line} 行 ${clause.citation}：“${title}”一行的“${table.header[cols.text] ?? '内容'}”为空（原表可能是合并单元格），任务内容未补写，请核对原件。`,
        eId: clause.eId,
        line,
      });
    }
    if (!unitCell) {
      finding(ctx, {
        kind: 'table-missing-cell',
        severity: 'warning',
        message: `第 ${line} 行 ${clause.citation}：“${title}”一行没有责任单位。`,
        eId: clause.eId,
        line,
      });
    }
    const companies = companiesOf(cell(cols.title), raw?.[cols.title] ?? null);
    const lead = resolveUnits(splitUnitList(unitCell), ctx, clause, line, companies);
    const dueCell = cell(cols.due);
    const due = dueCell ? cellDate(dueCell, { year: ctx.year }) : (dueDate(text, { year: ctx.year })?.date ?? null);
    if (dueCell && !due) {
      finding(ctx, {
        kind: 'date-unparsed',
        severity: 'warning',
        message: `第 ${line} 行 ${clause.citation}：完成时间“${dueCell}”无法识别为日期。`,
        eId: clause.eId,
        line,
      });
    }
    const personsRaw = cols.persons >= 0 ? (raw?.[cols.persons] ?? cell(cols.persons)) : '';
    out.push({
      ...provenance(ctx, clause, line),
      title: title.replace(/\s+/g, ''),
      text: category ? `${text}` : text,
      lead,
      support: [],
      due,
      dueText: dueCell || null,
      source: 'table',
      persons: personsRaw ? personsRaw.split(/[\s、，,]+/).filter(Boolean) : [],
      status: null,
      assignment: unitCell || null,
    });
  });
  return out;
}

const TICK = /[√✓✔☑]/;

/** Tasks from a catalogue with 牵头单位 and 已编/在编/未编 columns (24号 附件). */
export function catalogueTasks(clause: Clause, table: Table, ctx: ExtractContext, planText: string): Task[] {
  const h = table.header.map((x) => x.replace(/\s/g, ''));
  const unitCol = h.findIndex((x) => /牵头单位|责任单位/.test(x));
  const nameCol = h.findIndex((x) => /名称/.test(x));
  const doneCol = h.findIndex((x) => /已编|已完成/.test(x));
  const progCol = h.findIndex((x) => /在编|正在/.test(x));
  const todoCol = h.findIndex((x) => /未编|未开展/.test(x));
  const planCol = h.findIndex((x) => /\d{4}年.*计划/.test(x));
  if (unitCol < 0 || nameCol < 0 || (doneCol < 0 && progCol < 0 && todoCol < 0)) return [];
  const planYear = planCol >= 0 ? Number((/(\d{4})/.exec(h[planCol] as string) as RegExpExecArray)[1]) : null;
  // the overall deadline (到2024年底前 … 基本完成) from the plan's text
  const overall = /到\s*(\d{4})\s*年底前/.exec(planText);
  const out: Task[] = [];
  const counts = { done: 0, 'in-progress': 0, 'not-started': 0, planned: 0 };
  table.rows.forEach((row, i) => {
    const line = table.rowLines[i] ?? clause.line;
    const name = (row[nameCol] ?? '').trim();
    if (!name || /^序号$|^合计/.test((row[0] ?? '').trim())) return;
    const tick = (k: number) => k >= 0 && TICK.test(row[k] ?? '');
    const status = tick(doneCol) ? 'done' : tick(progCol) ? 'in-progress' : tick(todoCol) ? 'not-started' : null;
    const planned = tick(planCol);
    if (status) counts[status]++;
    if (planned) counts.planned++;
    if (!status) {
      finding(ctx, {
        kind: 'table-missing-cell',
        severity: 'warning',
        message: `第 ${line} 行 ${clause.citation}：“${name}”未标注编制进度（已编/在编/未编）。`,
        eId: clause.eId,
        line,
      });
    }
    let due: string | null = null;
    let dueText: string | null = null;
    if (status !== 'done') {
      if ((planned || status === 'in-progress') && planYear) {
        due = `${planYear}-12-31`;
        dueText = planned ? `列入${planYear}年计划编制` : `在编，${planYear}年底前完成`;
      } else if (overall) {
        due = `${overall[1]}-12-31`;
        dueText = `到${overall[1]}年底前`;
      }
    }
    const lead = resolveUnits(splitUnitList(row[unitCol] ?? ''), ctx, clause, line);
    out.push({
      ...provenance(ctx, clause, line),
      title: name,
      text: `编制《${name}》（${status === 'done' ? '已编' : status === 'in-progress' ? '在编' : status === 'not-started' ? '未编' : '进度未标注'}${planned ? `，列入${planYear ?? ''}年计划编制` : ''}）`,
      lead,
      support: [],
      due,
      dueText,
      source: 'catalogue',
      persons: [],
      status,
      assignment: row[unitCol] ?? null,
    });
  });
  checkCatalogueCounts(ctx, clause, planText, counts, out.length);
  return out;
}

function checkCatalogueCounts(
  ctx: ExtractContext,
  clause: Clause,
  planText: string,
  counts: { done: number; 'in-progress': number; 'not-started': number; planned: number },
  rows: number,
): void {
  const t = planText.replace(/\s/g, '');
  const said: [string, RegExp, number][] = [
    ['已完成编制', /已经?完成编制的有(\d+)项/, counts.done],
    ['正在编制', /正在编制的有(\d+)项/, counts['in-progress']],
    ['尚未编制', /尚未编制的有(\d+)项/, counts['not-started']],
    ['列入计划', /列入\d{4}年计划的(\d+)项/, counts.planned],
  ];
  const diffs: string[] = [];
  for (const [label, re, n] of said) {
    const m = re.exec(t);
    if (m && Number(m[1]) !== n) diffs.push(`${label}：正文 ${m[1]} 项，清单 ${n} 项`);
  }
  if (diffs.length > 0) {
    finding(ctx, {
      kind: 'catalogue-count',
      severity: 'warning',
      message: `${clause.citation}（第 ${clause.line} 行起，共 ${rows} 行）各类数目与正文不符：${diffs.join('；')}。任务按清单逐行生成，缺少的项目需人工补录。`,
      eId: clause.eId,
      line: clause.line,
    });
  }
}

/** Tasks from a 指标分解表: 指标分类 | 指标内容 | 指标要求 | 赋分标准 | 责任单位 (21号 附件3). */
export function breakdownTasks(clause: Clause, table: Table, ctx: ExtractContext): Task[] {
  const h = table.header.map((x) => x.replace(/\s/g, ''));
  const unitCol = h.findIndex((x) => /责任单位/.test(x));
  const contentCol = h.findIndex((x) => /指标内容/.test(x));
  // the requirement column names the task; tables without one (指标内容 | 评分标准 | 分值) use 指标内容
  const reqCol =
    h.findIndex((x) => /指标要求|工作要求|任务/.test(x)) >= 0
      ? h.findIndex((x) => /指标要求|工作要求|任务/.test(x))
      : contentCol;
  const scoreCol = h.findIndex((x) => /赋分|评分|标准/.test(x));
  if (unitCol < 0 || reqCol < 0) return [];
  const out: Task[] = [];
  let lastUnits: string | null = null;
  table.rows.forEach((row, i) => {
    const line = table.rowLines[i] ?? clause.line;
    const first = (row[0] ?? '').trim();
    if (/^合计|^总计/.test(first) || row.every((c) => !c.trim())) return;
    if (
      row.length < unitCol + 1 &&
      row.length > reqCol + 1 &&
      row.slice(reqCol).some((c) => /责任单位|县.{1,8}局/.test(c)) === false
    ) {
      // shorter row: the 责任单位 cell is missing (merged cell)
    }
    const req = (row[reqCol] ?? '').trim();
    let units = (row[unitCol] ?? '').trim();
    const extra = row.slice(unitCol + 1).filter((c) => c.trim());
    if (
      units &&
      !looksLikeUnits(units, ctx) &&
      extra.length > 0 &&
      looksLikeUnits(extra[extra.length - 1] as string, ctx)
    ) {
      finding(ctx, {
        kind: 'table-misaligned',
        severity: 'warning',
        message: `第 ${line} 行 ${clause.citation}：本行单元格错位，“${table.header[unitCol]}”列内容不是单位，责任单位取自其后一列“${(extra[extra.length - 1] as string).replace(/\s+/g, ' ')}”，请核对原件。`,
        eId: clause.eId,
        line,
      });
      units = (extra[extra.length - 1] as string).trim();
    }
    if (!req) {
      finding(ctx, {
        kind: 'table-misaligned',
        severity: 'warning',
        message: `第 ${line} 行 ${clause.citation}：本行“${table.header[reqCol]}”为空${extra.length || row.length > h.length ? '且单元格错位' : ''}，无法生成任务，请核对原件。`,
        eId: clause.eId,
        line,
      });
      return;
    }
    if (!units) {
      const sameGroup = contentCol >= 0 && contentCol !== reqCol && !(row[contentCol] ?? '').trim();
      if (lastUnits && sameGroup) {
        units = lastUnits;
        finding(ctx, {
          kind: 'table-fill-down',
          severity: 'info',
          message: `第 ${line} 行 ${clause.citation}：责任单位为空（原表为合并单元格），沿用上一行的“${lastUnits.replace(/\s+/g, ' ')}”。`,
          eId: clause.eId,
          line,
        });
      } else {
        finding(ctx, {
          kind: 'table-missing-cell',
          severity: 'warning',
          message: `第 ${line} 行 ${clause.citation}：“${req.slice(0, 30)}”没有责任单位，任务已保留，责任单位待人工补录。`,
          eId: clause.eId,
          line,
        });
      }
    } else {
      lastUnits = units;
    }
    const lead = resolveUnits(splitUnitList(units), ctx, clause, line);
    out.push({
      ...provenance(ctx, clause, line),
      title: req
        .replace(/[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]\s*[。.]?$/, '')
        .replace(/^\d+[.．、]\s*/, '')
        .trim(),
      text: scoreCol >= 0 ? (row[scoreCol] ?? '').trim() : '',
      lead,
      support: [],
      due: null,
      dueText: null,
      source: 'breakdown',
      persons: [],
      status: null,
      assignment: units || null,
    });
  });
  return out;
}

/** Every item of the cell is a registered unit or at least unit-shaped (ends like a unit, no digits). */
function looksLikeUnits(cell: string, ctx: ExtractContext): boolean {
  const items = splitUnitList(cell);
  return (
    items.length > 0 &&
    items.every(
      (n) =>
        ctx.registry.get(n) !== undefined ||
        (/(?:局|委|办|中心|政府|公司|大队|集团|联|会|院)$/.test(n) && !/\d/.test(n)),
    )
  );
}

/** Which task extractor a table calls for, if any. */
export function tableKind(table: Table): 'catalogue' | 'breakdown' | 'tasks' | null {
  const h = table.header.map((x) => x.replace(/\s/g, '')).join('|');
  if (/牵头单位/.test(h) && /已编|在编|未编|编制进度/.test(h)) return 'catalogue';
  if (/指标要求|指标内容/.test(h) && /责任单位/.test(h)) return 'breakdown';
  if (/责任单位|牵头单位|责任部门/.test(h)) return 'tasks';
  return null;
}
