// Leading groups and command structures (领导小组、工作专班、指挥部). Pure.
//
// Read from member lists (组长：… 副组长：… 成员：… / 指挥长：… 副指挥长：… 成员单位：…), from the sentence
// that sets up the office (办公室设在X，主任由Y兼任) and working groups (下设A、B…等7个专项组; 内设综合协调和
// 专业技术2个工作组; 专家技术指导考核组设在X，组长由Y兼任), and from prose that founds a group
// (成立以X任组长、Y任副组长、Z为成员的…领导小组).
import type { Attachment, Clause, Document, Table } from '../gazette/types.ts';
import { canonicalRole, splitUnitList } from '../orgs/registry.ts';
import { type ExtractContext, finding, provenance } from './context.ts';
import { foldPunct, type TextUnit, textUnits } from './text.ts';
import type { Group } from './types.ts';

const LABEL =
  /^(组\s*长|常务副组长|副\s*组\s*长|成\s*员(?:单位)?|指\s*挥\s*长|副指挥长|常务副指挥长|总指挥|副总指挥)\s*[：:]\s*(.+)$/;
const ROLE_SUFFIX = /(主要负责人|分管负责人|负责同志|负责人|副主任|主任|局长|总经理|经理|书记)$/;

/** 县政府办副主任，县农业农村局、县自然资源局主要负责人 → [县政府办副主任, 县农业农村局主要负责人, 县自然资源局主要负责人]. */
export function splitRoles(s: string): string[] {
  const out: string[] = [];
  for (const part of foldPunct(s)
    .replace(/[。.]$/, '')
    .split(/[，；]/)) {
    const p = part.trim().replace(/等(?=主要负责人|负责人)/, '');
    if (!p) continue;
    if (/^(?:县政府|县人民政府)?分管.+副县长$/.test(p)) {
      // 分管能源、自然资源工作的副县长: one role, the 、 is inside it
      out.push(canonicalRole(p));
      continue;
    }
    const suffix = ROLE_SUFFIX.exec(p)?.[1] ?? null;
    const items = p
      .split('、')
      .map((x) => x.trim())
      .filter(Boolean);
    for (const it of items) {
      if (ROLE_SUFFIX.test(it) || /县长$/.test(it) || !suffix) out.push(canonicalRole(it));
      else out.push(canonicalRole(`${it}${suffix}`));
    }
  }
  return out;
}

/** The unit a role belongs to: 县农业农村局主要负责人 → 县农业农村局; 县政府办副主任 → 县政府办. */
export function unitOfRole(role: string): string | null {
  if (/县长$/.test(role) && !/^县政府办/.test(role)) return null;
  const u = role.replace(/(主要负责人|分管负责人|负责同志|负责人|分管副主任|副主任|主任|局长|总经理|经理|书记)$/, '');
  return u && u !== role ? u : null;
}

interface Labels {
  leader: string | null;
  deputies: string[];
  members: string[];
  memberLine: number | null;
}

function readLabels(units: TextUnit[]): Labels & { found: boolean; first: Clause | null } {
  const res: Labels & { found: boolean; first: Clause | null } = {
    leader: null,
    deputies: [],
    members: [],
    memberLine: null,
    found: false,
    first: null,
  };
  const exec: string[] = [];
  const vice: string[] = [];
  for (const u of units) {
    const m = LABEL.exec(foldPunct(u.text).trim());
    if (!m) continue;
    res.found = true;
    res.first ??= u.clause;
    const label = (m[1] as string).replace(/\s/g, '');
    const value = m[2] as string;
    if (label === '组长' || label === '指挥长' || label === '总指挥') res.leader = splitRoles(value)[0] ?? null;
    else if (label === '常务副组长' || label === '常务副指挥长') exec.push(...splitRoles(value));
    else if (label === '副组长' || label === '副指挥长' || label === '副总指挥') vice.push(...splitRoles(value));
    else {
      // the list ends at the first full stop (成员单位：…。根据应对工作需要，可增加有关镇政府…)
      const list = value.split('。')[0] ?? '';
      res.members.push(...list.split(/[，；]/).flatMap((part) => splitUnitList(part.replace(ROLE_SUFFIX, ''))));
      res.memberLine = u.clause.line;
    }
  }
  res.deputies = [...exec, ...vice];
  return res;
}

/** Office and working groups from the text around a group. */
function readOffice(text: string, ctx: ExtractContext, clause: Clause): Pick<Group, 'office' | 'subgroups'> {
  const t = foldPunct(text).replace(/\s/g, '');
  let office: Group['office'] = null;
  const o =
    /(?:办公室设在|下设办公室[，,]设在)([^，。；]+?)[，。；](?:[^。]*?)(?:办公室)?主任由([^。；]+?)(?:兼任|担任)/.exec(
      t,
    );
  if (o) {
    const host = resolveOne(o[1] as string, ctx, clause);
    office = { host, directors: splitRoles(o[2] as string) };
  }
  const subgroups: Group['subgroups'] = [];
  const listed =
    /下设((?:[\u4e00-\u9fa5]{2,10}组、)*[\u4e00-\u9fa5]{2,10}组)等?(\d+|[两二三四五六七八九十])个(?:专项组|工作组|小组)/.exec(
      t,
    );
  if (listed) {
    for (const n of (listed[1] as string).split('、'))
      if (n.trim()) subgroups.push({ name: n.trim(), host: null, leader: null });
  }
  const inner = /内设(.+?)(\d+|[两二三四五六七八九十])个(?:工作组|小组)/.exec(t);
  if (inner) {
    for (const n of (inner[1] as string).split(/[、和]/))
      if (n.trim()) subgroups.push({ name: `${n.trim()}组`, host: null, leader: null });
  }
  for (const m of t.matchAll(/([\u4e00-\u9fa5]{2,12}组)设在([^，。；]+?)[，。；](?:[^。]*?)组长由([^。；]+?)兼任/g)) {
    subgroups.push({
      name: m[1] as string,
      host: resolveOne(m[2] as string, ctx, clause),
      leader: splitRoles(m[3] as string)[0] ?? null,
    });
  }
  return { office, subgroups };
}

function resolveOne(name: string, ctx: ExtractContext, clause: Clause): string | null {
  return ctx.registry.resolve(name, {
    docNumber: ctx.doc.docNumber.text,
    eId: clause.eId,
    line: clause.line,
    structured: true,
  }).name;
}

function resolveMembers(names: string[], ctx: ExtractContext, clause: Clause, line: number): string[] {
  const out: string[] = [];
  for (const n of names) {
    const r = ctx.registry.resolve(n, { docNumber: ctx.doc.docNumber.text, eId: clause.eId, line, structured: true });
    if (r.name && !out.includes(r.name)) out.push(r.name);
  }
  return out;
}

function registerRoles(g: Group, ctx: ExtractContext): void {
  for (const r of [g.leader, ...g.deputies, ...(g.office?.directors ?? [])]) {
    if (!r) continue;
    const rec = ctx.registry.get(r) ?? ctx.registry.add({ name: r, kind: 'role', aliases: [] });
    ctx.registry.markUsed(rec.name);
    const unit = unitOfRole(r);
    if (unit) ctx.registry.resolve(unit, { docNumber: g.docNumber, eId: g.eId, line: g.line, structured: true });
  }
  const set =
    ctx.registry.get(`${g.name}成员单位`) ??
    ctx.registry.add({ name: `${g.name}成员单位`, kind: 'group', aliases: [], members: [] });
  set.members = [...g.members];
}

function groupKind(name: string): Group['kind'] {
  if (/指挥部/.test(name)) return 'command';
  if (/专班/.test(name)) return 'task-force';
  return 'leading-group';
}

/** 县指挥部 → 县大面积停电事件应急指挥部 (from 设立…（简称县指挥部）). */
function expandShortName(doc: Document, short: string): string {
  const all = [...doc.body, ...doc.attachments.flatMap((a) => a.clauses)];
  const stack = [...all];
  while (stack.length > 0) {
    const c = stack.pop() as Clause;
    const m = /(?:设立|成立)(?:了)?([^，。（(]{2,30}?)[（(](?:以下)?简称([^）)]+)[)）]/.exec(c.text);
    if (m && (m[2] as string).trim() === short) return (m[1] as string).trim();
    stack.push(...c.children);
  }
  return short;
}

/** Groups listed in an annex (组长：…) or in a clause (指挥长：…). */
export function listedGroups(ctx: ExtractContext, att: Attachment | null, clauses: Clause[]): Group[] {
  const out: Group[] = [];
  // the whole container (an annex that is a member list)
  const containers: { units: TextUnit[]; name: string | null; anchor: Clause | null; text: string }[] = [];
  if (att && att.role === 'annex' && /领导小组|专班|指挥部|小组|成员|组成人员/.test(att.title)) {
    const units = textUnits(clauses);
    containers.push({ units, name: att.title, anchor: clauses[0] ?? null, text: units.map((u) => u.text).join('\n') });
  } else {
    const stack: { c: Clause; siblings: Clause[] }[] = clauses.map((c) => ({ c, siblings: clauses }));
    while (stack.length > 0) {
      const { c, siblings } = stack.shift() as { c: Clause; siblings: Clause[] };
      const paras = c.children.filter((k) => k.kind === 'paragraph');
      if (paras.some((p) => LABEL.test(foldPunct(p.text).trim()))) {
        const units = paras.map((p) => ({ clause: p, text: p.text, title: null, parts: [], headings: [] }));
        // the office is often set up in the next clause (2.1.2 县指挥部办公室): read the siblings too
        const around = textUnits(siblings).map((u) => u.text);
        containers.push({
          units,
          name: c.heading,
          anchor: c,
          text: [...paras.map((p) => p.text), ...around].join('\n'),
        });
      }
      const kids = c.children.filter((k) => k.kind !== 'paragraph');
      stack.push(...kids.map((k) => ({ c: k, siblings: kids })));
    }
  }
  for (const ct of containers) {
    const labels = readLabels(ct.units);
    if (!labels.found || !ct.anchor) continue;
    let name = (ct.name ?? '')
      .replace(/\s/g, '')
      .replace(/(?:成员名单|组成人员|人员名单|名单)$/, '')
      .replace(/组成及职责$|组成$/, '');
    if (/^县[\u4e00-\u9fa5]{1,4}$/.test(name)) name = expandShortName(ctx.doc, name);
    const anchor = labels.first ?? ct.anchor;
    const members = resolveMembers(labels.members, ctx, anchor, labels.memberLine ?? anchor.line);
    const g: Group = {
      ...provenance(ctx, anchor),
      name,
      kind: groupKind(name),
      leader: labels.leader,
      deputies: labels.deputies,
      members,
      ...readOffice(ct.text, ctx, anchor),
    };
    out.push(g);
  }
  return out;
}

const FOUND_RE =
  /成立(?:了)?(?:以|由)(.+?)(?:任|为)(?:组长|指挥长)(?:[，、](.+?)(?:任|为)(?:常务)?副(?:组长|指挥长))?(?:[，、](.+?)为成员)?的([\u4e00-\u9fa5“”]{4,50}?(?:领导小组|工作专班|专班|指挥部|工作组))/;

/** Groups founded in prose: 成立以分管金融工作副县长任组长，…为成员的…领导小组. */
export function foundedGroups(ctx: ExtractContext, clauses: Clause[]): Group[] {
  const out: Group[] = [];
  const units = textUnits(clauses);
  units.forEach((u, k) => {
    if (!u.text.includes('成立')) return;
    const t = foldPunct(u.text);
    const m = FOUND_RE.exec(t);
    if (!m) return;
    const next = units[k + 1]?.text ?? '';
    const memberText = m[3] ?? '';
    const members = memberText
      ? resolveMembers(
          splitUnitList(memberText.replace(ROLE_SUFFIX, '').replace(/^各银行机构$/, '县域各银行机构')),
          ctx,
          u.clause,
          u.clause.line,
        )
      : [];
    out.push({
      ...provenance(ctx, u.clause),
      name: (m[4] as string).trim(),
      kind: groupKind(m[4] as string),
      leader: splitRoles(m[1] as string)[0] ?? null,
      deputies: m[2] ? splitRoles(m[2]) : [],
      members,
      ...readOffice(`${t}\n${next}`, ctx, u.clause),
    });
  });
  return out;
}

/** Compare the members of a command with the units of its annex table (15号 附件2), and report differences. */
export function checkAgainstTable(g: Group, table: Table, clause: Clause, ctx: ExtractContext): string[] {
  const listed = new Set<string>();
  for (const row of table.rows) {
    const first = (row[0] ?? '').trim();
    if (!first || /指挥长|副指挥长|办公室|^注/.test(first)) continue;
    for (const n of splitUnitList(first)) {
      const r = ctx.registry.resolve(n, {
        docNumber: ctx.doc.docNumber.text,
        eId: clause.eId,
        line: clause.line,
        structured: true,
      });
      if (r.name) listed.add(r.name);
    }
  }
  const onlyTable = [...listed].filter((u) => !g.members.includes(u));
  const onlyText = g.members.filter((u) => !listed.has(u));
  if (onlyTable.length > 0 || onlyText.length > 0) {
    finding(ctx, {
      kind: 'group-members-differ',
      severity: 'warning',
      message: `${g.name}的成员单位在正文（第 ${g.line} 行）与${clause.citation}（第 ${clause.line} 行起）不一致：${
        onlyTable.length ? `仅附表列出 ${onlyTable.join('、')}` : ''
      }${onlyTable.length && onlyText.length ? '；' : ''}${onlyText.length ? `仅正文列出 ${onlyText.join('、')}` : ''}。成员取两者之并。`,
      eId: clause.eId,
      line: clause.line,
    });
  }
  return onlyTable;
}

/** Merge groups with the same name (a founding sentence and its annex): the annex's lists win, gaps are filled. */
export function mergeGroups(groups: Group[]): Group[] {
  const key = (n: string) => n.replace(/^襄垣县|^县/, '');
  const out: Group[] = [];
  for (const g of groups) {
    const same = out.find((x) => key(x.name) === key(g.name) && x.docNumber === g.docNumber);
    if (!same) {
      out.push(g);
      continue;
    }
    same.leader ??= g.leader;
    if (same.deputies.length === 0) same.deputies = g.deputies;
    if (same.members.length === 0) same.members = g.members;
    same.office ??= g.office;
    for (const s of g.subgroups) if (!same.subgroups.some((x) => x.name === s.name)) same.subgroups.push(s);
    if (g.name.length > same.name.length) same.name = g.name;
  }
  return out;
}

export function finishGroups(groups: Group[], ctx: ExtractContext): void {
  for (const g of groups) registerRoles(g, ctx);
}
