// Extraction over a whole gazette issue: units, tasks, targets, groups, phases, projects and findings.
// Pure: takes the parsed issue (and optionally the source text, to split table cells the parser joined),
// returns records with provenance. Never throws on a well-formed GazetteIssue.
import { flatten } from '../gazette/parse.ts';
import type { Attachment, Clause, Document, GazetteIssue } from '../gazette/types.ts';
import { documentMentions } from '../orgs/mentions.ts';
import { baseOrgsFor, OrgRegistry, XIANGYUAN_REVIEW_HINTS } from '../orgs/registry.ts';
import { type ExtractContext, finding, makeContext, provenance } from './context.ts';
import { checkAgainstTable, finishGroups, foundedGroups, listedGroups, mergeGroups } from './groups.ts';
import { extractPhases } from './phases.ts';
import { extractProjects, isProjectTable } from './projects.ts';
import { inferDirection, isIndicatorTable, proseTargets, type RawTarget, tableTargets } from './targets.ts';
import { assignmentTasks, breakdownTasks, catalogueTasks, tableKind, tableTasks } from './tasks.ts';
import { textUnits } from './text.ts';
import type { CommitmentFinding, Commitments, Group, Phase, Project, Target, Task } from './types.ts';

export interface ExtractOptions {
  /** The source text the issue was parsed from; lets table cells joined by the parser be split again. */
  source?: string;
  /** Override the inferred direction of a target, by target name. */
  directionOverrides?: Record<string, 'higher' | 'lower'>;
  /** Start from this registry (e.g. one loaded with a tenant's units) instead of the built-in base list. */
  registry?: OrgRegistry;
}

/** Rules, evaluation schemes and the like set norms and scores, not targets (scoring/ reads those). */
const NORMATIVE = /规则|办法|细则|条例|规定|评价|考评|考核|评分/;
/** Sections that look back (十三五回顾, 主要成效, 存在问题) or set trigger conditions state facts, not targets. */
const RETROSPECTIVE = /回顾|主要成效|存在问题|发展机遇|发展基础|基本情况|现状|形势|启动条件|响应终止|响应分级|事件分级/;

interface Container {
  att: Attachment | null;
  clauses: Clause[];
}

function containers(doc: Document): Container[] {
  return [{ att: null, clauses: doc.body }, ...doc.attachments.map((att) => ({ att, clauses: att.clauses }))];
}

function toTarget(
  raw: RawTarget,
  ctx: ExtractContext,
  clause: Clause,
  overrides: Record<string, 'higher' | 'lower'>,
): Target {
  const line = raw.line ?? clause.line;
  return {
    ...provenance(ctx, clause, line),
    name: raw.name,
    unit: raw.unit,
    baseline:
      raw.baselineYear !== null || raw.baselineValue !== null
        ? { year: raw.baselineYear, value: raw.baselineValue }
        : null,
    target: { year: raw.year, op: raw.op, value: raw.value },
    attribute: raw.attribute,
    direction: overrides[raw.name] ?? inferDirection(raw.name, raw.op),
    reference: raw.reference,
    scale: raw.scale,
    source: raw.source,
  };
}

export function extractCommitments(issue: GazetteIssue, opts: ExtractOptions = {}): Commitments {
  const county = countyOf(issue);
  const registry = opts.registry ?? (({ base, county: c }) => new OrgRegistry(base, c))(baseOrgsFor(county));
  const overrides = opts.directionOverrides ?? {};
  const findings: CommitmentFinding[] = [];
  const sourceLines = opts.source ? opts.source.split(/\r?\n/) : null;
  const tasks: Task[] = [];
  const targets: Target[] = [];
  const groups: Group[] = [];
  const phases: Phase[] = [];
  const projects: Project[] = [];

  for (const doc of issue.documents) {
    const dn = doc.docNumber.text;
    const headCtx = { docNumber: dn, eId: null, line: doc.line, structured: true };
    if (doc.issuer) registry.resolve(doc.issuer, headCtx);
    for (const a of doc.addressees) registry.resolve(a, headCtx);

    // groups first, so that 各成员单位 in this document's assignments can resolve to the group's members
    // member lists first: their leader, deputies and members are more precise than a founding sentence's
    const listed: Group[] = [];
    const founded: Group[] = [];
    for (const c of containers(doc)) {
      const ctx = makeContext(doc, c.att, registry, findings, sourceLines);
      listed.push(...listedGroups(ctx, c.att, c.clauses));
      founded.push(...foundedGroups(ctx, c.clauses));
    }
    const docGroups = [...listed, ...founded];
    const merged = mergeGroups(docGroups);
    const ctx0 = makeContext(doc, null, registry, findings, sourceLines);
    // a command's annex table of member units (15号 附件2)
    for (const g of merged) {
      for (const att of doc.attachments) {
        if (att.role !== 'annex' || !/指挥机构|领导小组.*职责|成员单位.*职责/.test(att.title)) continue;
        for (const cl of flatten(att.clauses)) {
          if (!cl.table) continue;
          const extra = checkAgainstTable(g, cl.table, cl, makeContext(doc, att, registry, findings, sourceLines));
          g.members.push(...extra);
        }
      }
    }
    finishGroups(merged, ctx0);
    groups.push(...merged);
    const groupMembers = merged.length > 0 ? `${(merged[0] as Group).name}成员单位` : null;

    const docText = containers(doc)
      .flatMap((c) => textUnits(c.clauses).map((u) => u.text))
      .join('\n');

    for (const c of containers(doc)) {
      const ctx = makeContext(doc, c.att, registry, findings, sourceLines, groupMembers);
      const units = textUnits(c.clauses);
      tasks.push(...assignmentTasks(units, ctx));
      const normative = NORMATIVE.test(c.att?.planTitle ?? c.att?.title ?? doc.title);
      for (const u of units) {
        if (normative || u.headings.some((h) => RETROSPECTIVE.test(h))) continue;
        for (const raw of proseTargets(u.text, { planYear: ctx.planYear })) {
          if (raw.unitProblem) {
            finding(ctx, {
              kind: 'target-unit',
              severity: 'warning',
              message: `第 ${u.clause.line} 行 ${u.clause.citation}：指标“${raw.name}”的数值后计量单位无法识别（“${raw.unitProblem}”），已记录数值、单位留空，请核对。`,
              eId: u.clause.eId,
              line: u.clause.line,
            });
          }
          targets.push(toTarget(raw, ctx, u.clause, overrides));
        }
      }
      for (const cl of flatten(c.clauses)) {
        const t = cl.table;
        if (!t) continue;
        const kind = tableKind(t);
        if (kind === 'catalogue') tasks.push(...catalogueTasks(cl, t, ctx, docText));
        else if (kind === 'breakdown') tasks.push(...breakdownTasks(cl, t, ctx));
        else if (kind === 'tasks') {
          const rows = tableTasks(cl, t, ctx);
          tasks.push(...rows);
          // quantified requirements in the task's content cell (生活污水治理率达到60%)
          const placeHeader = /村|镇|区域|地区|断面/.test(t.header[1] ?? '');
          for (const task of rows) {
            const year = task.due ? Number(task.due.slice(0, 4)) : ctx.planYear;
            const rowIndex = t.rowLines.indexOf(task.line);
            const titleHeader = rowIndex >= 0 ? headerFor(t.rows, rowIndex, t.header) : t.header;
            const prefix = /村|镇|区域|地区|断面/.test(titleHeader[1] ?? '') || placeHeader ? task.title : undefined;
            for (const raw of proseTargets(task.text, { planYear: year, ...(prefix ? { namePrefix: prefix } : {}) })) {
              raw.line = task.line;
              targets.push(toTarget(raw, ctx, cl, overrides));
            }
          }
        }
        if (isIndicatorTable(t)) {
          const res = tableTargets(t, ctx.planYear);
          for (const raw of res.targets) targets.push(toTarget(raw, ctx, cl, overrides));
          for (const p of res.problems) {
            finding(ctx, {
              kind: 'target-unit',
              severity: 'warning',
              message: `第 ${p.line} 行 ${cl.citation}：${p.message}。`,
              eId: cl.eId,
              line: p.line,
            });
          }
        }
        if (isProjectTable(t)) projects.push(...extractProjects(cl, t, ctx));
      }
      phases.push(...extractPhases(c.clauses, ctx));
    }

    // units named in running text and table cells: known ones are counted, unknown ones go to review
    // spellings that probably mean a registered unit, but not surely enough to alias
    if (registry.county === '襄垣县') {
      for (const h of XIANGYUAN_REVIEW_HINTS) {
        for (const cl of containers(doc).flatMap((c) => flatten(c.clauses))) {
          const inTable = cl.table?.rows.some((r) => r.some((cell) => cell.includes(h.name))) ?? false;
          if (!cl.text.includes(h.name) && !inTable) continue;
          registry.queue({
            name: h.name,
            reason: h.reason,
            suggestion: h.suggestion,
            docNumber: dn,
            eId: cl.eId,
            line: cl.line,
          });
          break;
        }
      }
    }
    // (names of leading groups, command posts and their offices are not units: they are in `groups`)
    for (const m of documentMentions(doc)) {
      if (/指挥部|领导小组|领导组|专班|工作组/.test(m.name) && !/成员单位$/.test(m.name)) continue;
      registry.resolve(m.name, {
        docNumber: dn,
        eId: m.eId,
        line: null,
        structured: m.source !== 'text',
        groupMembers,
      });
    }
  }

  checkTargets(targets, findings);
  return { orgs: registry.usedRecords(), review: registry.review, tasks, targets, groups, phases, projects, findings };
}

/** The county whose gazette this is: 长治市襄垣县人民政府公报 → 襄垣县 (or from the first issuer). */
export function countyOf(issue: GazetteIssue): string | null {
  const fromTitle = /([\u4e00-\u9fa5]{1,5}县)人民政府公报/.exec(issue.title.replace(/^.*?市/, ''));
  if (fromTitle) return fromTitle[1] as string;
  for (const d of issue.documents) {
    const m = /^([\u4e00-\u9fa5]{1,5}县)人民政府/.exec(d.issuer);
    if (m) return m[1] as string;
  }
  return null;
}

/** The header in force for a row: a repeated 序号 row above it switches the column names. */
function headerFor(rows: string[][], index: number, header: string[]): string[] {
  for (let i = index; i >= 0; i--) if ((rows[i]?.[0] ?? '').replace(/\s/g, '') === '序号') return rows[i] as string[];
  return header;
}

function normName(s: string): string {
  return s.replace(/[\s（）()“”《》]/g, '').replace(/^全县|^我县/, '');
}

/** Targets below their baseline against their direction, and the same metric with different values. */
function checkTargets(targets: Target[], findings: CommitmentFinding[]): void {
  for (const t of targets) {
    const b = t.baseline?.value;
    const v = t.target.value;
    if (b === null || b === undefined || v === null || t.direction === null) continue;
    if (
      (t.direction === 'higher' && v < b) ||
      (t.direction === 'lower' && v > b && t.target.op !== '<=' && t.target.op !== '<')
    ) {
      findings.push({
        kind: 'target-below-baseline',
        severity: 'info',
        message: `第 ${t.line} 行 ${t.citation}：指标“${t.name}”${t.target.year ?? ''}年目标值 ${v}${t.unit ?? ''}${
          t.direction === 'higher' ? '低于' : '高于'
        }${t.baseline?.year ?? ''}年基期值 ${b}${t.unit ?? ''}，而该指标${t.direction === 'higher' ? '越高越好' : '越低越好'}，请核对原件或调整方向。`,
        docNumber: t.docNumber,
        eId: t.eId,
        line: t.line,
      });
    }
  }
  const byKey = new Map<string, Target[]>();
  for (const t of targets) {
    if (t.target.value === null || t.scale || normName(t.name).length < 6) continue;
    const k = `${normName(t.name)}|${t.unit ?? ''}|${t.target.year ?? ''}`;
    byKey.set(k, [...(byKey.get(k) ?? []), t]);
  }
  for (const list of byKey.values()) {
    const values = [...new Set(list.map((t) => t.target.value))];
    if (values.length < 2) continue;
    const first = list[0] as Target;
    findings.push({
      kind: 'target-inconsistent',
      severity: 'warning',
      message: `指标“${first.name}”${first.target.year ?? ''}年目标值前后不一致：${list
        .map((t) => `${t.docNumber} 第 ${t.line} 行 ${t.target.op} ${t.target.value}${t.unit ?? ''}`)
        .join('；')}。`,
      docNumber: first.docNumber,
      eId: first.eId,
      line: first.line,
    });
  }
}
