// Unit registry (单位名录): every unit the documents name, canonicalised with aliases and typed. Pure data
// and pure functions: no I/O. A registry is a value built from a base list (the county's units as the seed
// names them, with the alias decisions documented in docs/commitments.md) and grown while extracting:
// a well-formed unit name it does not know becomes a new record; a name it cannot place goes to the review
// queue with a reason (and a suggestion when a known unit is one character away), never silently dropped.
import { isUnitName } from './mentions.ts';

export type OrgKind =
  | 'government' // 县人民政府
  | 'office' // 县政府办
  | 'department' // 县能源局, 县委宣传部 (party departments are typed 'party')
  | 'party' // 县委宣传部, 县委网信办, 团县委
  | 'mass' // 人民团体: 县总工会, 县妇联, 县科协, 县残联
  | 'institution' // 事业单位: 县融媒体中心, 县疾控中心, 县人民医院
  | 'town' // 侯堡镇人民政府
  | 'zone' // 经开区管委会
  | 'enterprise'
  | 'bank'
  | 'upper' // upper-level branch or authority: 市生态环境局襄垣分局, 国家统计局襄垣调查队
  | 'role' // 县长, 分管能源工作副县长
  | 'group' // a leading group's member set: 县人工增雨防雹协调领导小组成员单位
  | 'collective' // 各镇人民政府, 县直各有关单位, 涉及镇政府
  | 'other'; // 县人大常委会, 县政协 (not under the county government)

export interface OrgRecord {
  /** Canonical name, used in task lead/support lists. */
  name: string;
  aliases: string[];
  kind: OrgKind;
  /** For collectives and member sets: the canonical names they stand for (may be empty when unknown). */
  members?: string[];
  /** Why an alias or a set was decided, with the seed lines that support it. */
  note?: string;
}

export interface ReviewItem {
  name: string;
  /** 中文原因，供人工审核。 */
  reason: string;
  suggestion: string | null;
  docNumber: string | null;
  eId: string | null;
  line: number | null;
}

export interface Resolution {
  /** Canonical name, or null when the name could not be placed (it is then in the review queue). */
  name: string | null;
  kind: OrgKind | null;
  how: 'exact' | 'alias' | 'normalized' | 'new' | 'unresolved';
}

export interface ResolveContext {
  docNumber?: string | null;
  eId?: string | null;
  line?: number | null;
  /** The member-set name of the document's leading group, for 各成员单位 / 成员单位. */
  groupMembers?: string | null;
  /** Only names from structured places (assignments, unit columns, member lists, addressees) become new records. */
  structured?: boolean;
}

interface BaseOrg {
  name: string;
  kind: OrgKind;
  aliases?: string[];
  note?: string;
}

// Towns named in the seed (as towns or town health centres). The complete list of a county's towns belongs
// to the tenant's administrative-division data; 各镇人民政府 resolves to the towns the registry knows.
const TOWNS: BaseOrg[] = [
  { name: '古韩镇人民政府', kind: 'town', aliases: ['古韩镇政府', '古韩镇'] },
  {
    name: '侯堡镇人民政府',
    kind: 'town',
    aliases: ['侯堡镇政府', '侯堡镇', '侯保镇', '侯保镇政府'],
    note: '侯保镇为侯堡镇之误：17号附件2第2214行“侯保镇净化水厂”，同表第2202、2218、2219行均作侯堡镇。',
  },
  {
    name: '夏店镇人民政府',
    kind: 'town',
    aliases: ['夏店镇政府', '夏店镇镇政府', '夏店镇', '夏店'],
    note: '17号附件2第2203行“夏店镇镇政府”（“镇”字重复）即夏店镇人民政府。',
  },
  { name: '西营镇人民政府', kind: 'town', aliases: ['西营镇政府', '西营镇'] },
  { name: '王村镇人民政府', kind: 'town', aliases: ['王村镇政府', '王村镇'] },
  { name: '下良镇人民政府', kind: 'town', aliases: ['下良镇政府', '下良镇'] },
  {
    name: '虒亭镇人民政府',
    kind: 'town',
    aliases: ['虒亭镇政府', '虒亭镇', '虢亭镇', '麂亭镇', '麂亭'],
    note: '第791行“麂亭”、第2218行“虢亭镇”均为虒亭镇的识别错误（襄垣县无麂亭、虢亭两镇）。',
  },
];

const BASE: BaseOrg[] = [
  { name: '县人民政府', kind: 'government', aliases: ['襄垣县人民政府', '县政府'] },
  {
    name: '县政府办',
    kind: 'office',
    aliases: ['县人民政府办公室', '襄垣县人民政府办公室', '县政府办公室', '县人民政府办'],
  },
  { name: '县人大常委会', kind: 'other', aliases: ['县人民代表大会常务委员会', '县人大常委'] },
  { name: '县政协', kind: 'other', aliases: ['县政协委', '县政治协商会议'] },
  { name: '中共襄垣县委办公室', kind: 'party', aliases: ['县委办公室', '县委办'] },
  // departments
  {
    name: '县发改和科技局',
    kind: 'department',
    aliases: ['县发政和科技局', '襄垣县发改和科技局'],
    note: '“县发政和科技局”只见于21号附件3第2717行，为“县发改和科技局”之误（政/改形近；正文第2569行同一任务作县发改和科技局）。',
  },
  { name: '县工信局', kind: 'department' },
  { name: '县公安局', kind: 'department' },
  { name: '县财政局', kind: 'department' },
  { name: '县自然资源局', kind: 'department' },
  { name: '县住建局', kind: 'department' },
  { name: '县交通局', kind: 'department' },
  { name: '县水利局', kind: 'department' },
  { name: '县林业局', kind: 'department' },
  { name: '县农业农村局', kind: 'department' },
  {
    name: '县卫体局',
    kind: 'department',
    aliases: ['县卫健局', '县体育局', '县卫生健康和体育局', '县卫生健康局'],
    note:
      '县卫体局即县卫生健康和体育局。21号附件3把同一任务的责任单位写作县体育局（第2740、2764、2795行）或县卫健局（第2747—2750行），' +
      '而正文对应条款均作县卫体局（第2579、2595、2623、2585、2587行）；同一单元格另列县体育中心（第2740、2747行），故县体育局不是县体育中心，而是县卫体局。',
  },
  {
    name: '县应急局',
    kind: 'department',
    aliases: ['县应急管理局', '襄垣县应急局'],
    note: '24号附件第2953—2956行作县应急管理局。',
  },
  { name: '县能源局', kind: 'department', aliases: ['襄垣县能源局'] },
  { name: '县统计局', kind: 'department' },
  { name: '县行政审批局', kind: 'department' },
  { name: '县教育局', kind: 'department' },
  { name: '县民政局', kind: 'department' },
  { name: '县人社局', kind: 'department' },
  { name: '县医保局', kind: 'department' },
  { name: '县市场监管局', kind: 'department' },
  { name: '县文旅局', kind: 'department' },
  { name: '县司法局', kind: 'department' },
  { name: '县气象局', kind: 'department' },
  {
    name: '县交警大队',
    kind: 'department',
    note: '公安交通警察大队，与县公安局并列出现（17号第2278、2316行），单列。',
  },
  { name: '县消防救援大队', kind: 'department' },
  { name: '县城管大队', kind: 'department' },
  { name: '县人武部', kind: 'department' },
  { name: '县公路段', kind: 'institution' },
  // party organs
  { name: '县委宣传部', kind: 'party' },
  { name: '县委网信办', kind: 'party' },
  { name: '县委组织部', kind: 'party' },
  { name: '县委政法委', kind: 'party' },
  { name: '县委编办', kind: 'party' },
  { name: '团县委', kind: 'mass' },
  { name: '县总工会', kind: 'mass' },
  { name: '县妇联', kind: 'mass' },
  { name: '县科协', kind: 'mass' },
  { name: '县残联', kind: 'mass' },
  { name: '县妇儿工委', kind: 'institution', aliases: ['县妇女儿童工作委员会'] },
  // institutions
  { name: '县融媒体中心', kind: 'institution' },
  { name: '县商务中心', kind: 'institution' },
  { name: '县体育中心', kind: 'institution', note: '与县卫体局并列出现（21号第2579、2740行），是另一单位。' },
  { name: '县直属机关事务服务中心', kind: 'institution' },
  { name: '县乡村振兴发展中心', kind: 'institution' },
  { name: '县现代农业发展中心', kind: 'institution' },
  { name: '县市政园林服务中心', kind: 'institution' },
  { name: '县环卫中心', kind: 'institution' },
  { name: '县后湾水库服务中心', kind: 'institution' },
  { name: '县政府信息中心', kind: 'institution', aliases: ['襄垣县政府信息中心'] },
  {
    name: '县疾控中心',
    kind: 'institution',
    aliases: ['县疾病预防控制中心', '襄垣县疾病预防控制中心'],
    note: '6号第657行全称县疾病预防控制中心；任务指派多用县疾控中心。',
  },
  { name: '县人民医院', kind: 'institution', aliases: ['襄垣县人民医院'] },
  {
    name: '县中医医院',
    kind: 'institution',
    aliases: ['县中医院', '襄垣县中医院', '襄垣县中医医院'],
    note: '6号第657行列县直医疗卫生单位5个（县中医院在内），第841行作县中医医院；21号正文第2607行作县中医医院，附件3第2773行同一任务作县中医院：同一单位。',
  },
  {
    name: '县妇计中心',
    kind: 'institution',
    aliases: ['县妇幼保健计划生育服务中心', '县妇幼保健院', '襄垣县妇幼保健院'],
    note: '6号第657行的县直医疗卫生单位5个中只有县妇幼保健计划生育服务中心，没有另一所妇幼保健院，故4号第163行、15号附件8第1988行的县妇幼保健院即此单位；县妇计中心为其简称（21号）。',
  },
  {
    name: '县医疗集团',
    kind: 'institution',
    note: '县域医疗集团，县人民医院为其成员；二者在21号同时出现（第2643、2607行），不合并。',
  },
  { name: '县监督所', kind: 'institution' },
  { name: '县卫生健康综合行政执法队', kind: 'institution' },
  // zone
  { name: '经开区管委会', kind: 'zone', aliases: ['经济技术开发区管委会', '经开区'] },
  // enterprises (power supply, medical)
  { name: '县供电公司', kind: 'enterprise' },
  { name: '潞安配售电公司', kind: 'enterprise' },
  { name: '襄矿集团售电公司', kind: 'enterprise' },
  { name: '北大医疗潞安医院', kind: 'enterprise' },
  // upper-level branches and authorities
  { name: '市生态环境局襄垣分局', kind: 'upper' },
  { name: '国家统计局襄垣调查队', kind: 'upper' },
  { name: '长治银保监分局襄垣监管组', kind: 'upper' },
  { name: '人民银行襄垣支行', kind: 'upper' },
  {
    name: '国家能源局山西监管办',
    kind: 'upper',
    aliases: ['山西能监办'],
    note: '15号第1705行简称山西能监办，附件8第1979行全称。',
  },
  { name: '长治市能源局', kind: 'upper', aliases: ['市能源局'] },
  { name: '市卫生健康委', kind: 'upper' },
  { name: '市金融办', kind: 'upper' },
  { name: '长治市人民政府', kind: 'upper', aliases: ['市人民政府', '市政府'] },
];

// Collectives: names that stand for a set of units.
const COLLECTIVES: BaseOrg[] = [
  {
    name: '各镇人民政府',
    kind: 'collective',
    aliases: ['各镇政府', '各镇', '各镇人民政府'],
    note: '成员为登记的各镇人民政府（公报中出现的镇名，可能不全，以行政区划数据为准）。',
  },
  {
    name: '县直各有关单位',
    kind: 'collective',
    aliases: ['县直各相关单位', '县直有关单位', '县直相关单位', '县直各部门', '县直各单位'],
    note: '成员为登记的县直单位（部门、党群、事业单位、县政府办）。',
  },
  {
    name: '涉及镇政府',
    kind: 'collective',
    aliases: ['涉及镇', '相关镇政府', '有关镇政府', '事发镇政府'],
    note: '17号第2132行“涉及镇政府按职责分工配合”：所涉之镇由任务所在地决定，候选为各镇人民政府，需人工确认。',
  },
  {
    name: '县级各医疗机构',
    kind: 'collective',
    note: '25号主送机关；成员为县人民医院、县中医医院、县妇计中心（25号第3002行所指三类县级医疗机构）。',
  },
  {
    name: '县域各银行机构',
    kind: 'collective',
    aliases: ['各银行机构', '各银行业金融机构'],
    note: '26号主送机关；成员未逐一列名。',
  },
  { name: '各重点企业', kind: 'collective' },
  { name: '各相关企业', kind: 'collective' },
  { name: '各工业企业', kind: 'collective' },
];

const COLLECTIVE_MEMBERS: Record<string, (r: OrgRegistry) => string[]> = {
  各镇人民政府: (r) =>
    r
      .list()
      .filter((o) => o.kind === 'town')
      .map((o) => o.name),
  涉及镇政府: (r) =>
    r
      .list()
      .filter((o) => o.kind === 'town')
      .map((o) => o.name),
  县直各有关单位: (r) =>
    r
      .list()
      .filter(
        (o) => ['office', 'department', 'party', 'mass', 'institution'].includes(o.kind) && !o.name.startsWith('中共'),
      )
      .map((o) => o.name),
  县级各医疗机构: () => ['县人民医院', '县中医医院', '县妇计中心'],
};

/** Spellings that probably mean a registered unit but are not certain enough to alias: queued for review. */
export const XIANGYUAN_REVIEW_HINTS: readonly { name: string; suggestion: string; reason: string }[] = [
  {
    name: '襄矿集团供电公司',
    suggestion: '襄矿集团售电公司',
    reason:
      '15号第1751—1753行作“襄矿集团供电公司”，同文其余各处（第1597、1599、1901、1992行）均作“襄矿集团售电公司”，可能是同一单位。',
  },
  {
    name: '配安公司',
    suggestion: '潞安配售电公司',
    reason: '15号附件2第1869行“配安公司经理”与其后的“售电公司经理”并列，可能是“潞安配售电公司”的误写或简称。',
  },
];

/** Collectives every county's documents use; their member sets come from the registered units. */
export const GENERIC_ORGS: readonly BaseOrg[] = [
  { name: '县人民政府', kind: 'government', aliases: ['县政府'] },
  { name: '县政府办', kind: 'office', aliases: ['县人民政府办公室', '县政府办公室', '县人民政府办'] },
  ...COLLECTIVES,
];

/**
 * The units of 襄垣县 (tenant 140423) as the 2023年第3期 gazette names them, with the alias decisions. Aliases
 * are tenant data: 县卫健局 is 县卫体局 in 襄垣, but another county may have a 卫健局 of its own.
 */
export const XIANGYUAN_ORGS: readonly BaseOrg[] = [...TOWNS, ...BASE, ...COLLECTIVES];

/** Base units for a county: the curated list when there is one, else the generic collectives only. */
export function baseOrgsFor(county: string | null): { base: readonly BaseOrg[]; county: string | null } {
  if (county === '襄垣县') return { base: XIANGYUAN_ORGS, county };
  return { base: GENERIC_ORGS, county };
}

/** Strip markup, spaces and brackets around a unit name as printed. */
export function cleanUnitName(raw: string): string {
  return raw
    .replace(/[\s\u3000*]/g, '')
    .replace(/^[（(【[“"]+|[）)】\]”"。，、；;：:,.]+$/g, '')
    .replace(/[（(](?:LNG|牵头|配合)[）)]$/i, '')
    .replace(/^(?:由|请|会同|配合|和|及|与)/, '')
    .trim();
}

const ROLE_RE = /(?:县长|副县长|主任|副主任|局长|组长|负责人|总经理|经理|书记|部长)$/;

/** Canonical form of a leadership role: 县政府分管能源工作的副县长 → 分管能源工作副县长. */
export function canonicalRole(raw: string): string {
  let s = cleanUnitName(raw).replace(/^(?:[\u4e00-\u9fa5]{1,4}县)?县?(?:人民)?政府(?=分管)/, '');
  s = s.replace(/的副县长$/, '副县长');
  return s;
}

export function isRoleName(s: string): boolean {
  return ROLE_RE.test(s) && !/(?:局|办|中心|公司)$/.test(s);
}

export class OrgRegistry {
  private readonly records = new Map<string, OrgRecord>();
  private readonly index = new Map<string, string>();
  readonly review: ReviewItem[] = [];
  private readonly reviewed = new Set<string>();
  private readonly used = new Set<string>();

  /** The county the registry belongs to (襄垣县): its name prefixes units (襄垣县能源局 = 县能源局). */
  readonly county: string | null;

  constructor(base: readonly BaseOrg[] = XIANGYUAN_ORGS, county: string | null = '襄垣县') {
    this.county = county;
    for (const b of base)
      this.add({ name: b.name, kind: b.kind, aliases: [...(b.aliases ?? [])], ...(b.note ? { note: b.note } : {}) });
  }

  add(rec: OrgRecord): OrgRecord {
    const existing = this.records.get(rec.name);
    if (existing) {
      for (const a of rec.aliases) this.addAlias(existing.name, a);
      if (rec.members) existing.members = [...new Set([...(existing.members ?? []), ...rec.members])];
      return existing;
    }
    const copy: OrgRecord = { ...rec, aliases: [] };
    this.records.set(rec.name, copy);
    this.index.set(rec.name, rec.name);
    for (const a of rec.aliases) this.addAlias(rec.name, a);
    return copy;
  }

  addAlias(canonical: string, alias: string): void {
    const rec = this.records.get(canonical);
    if (!rec || alias === canonical) return;
    if (!this.index.has(alias)) this.index.set(alias, canonical);
    if (!rec.aliases.includes(alias)) rec.aliases.push(alias);
  }

  get(name: string): OrgRecord | undefined {
    const c = this.index.get(name);
    return c ? this.records.get(c) : undefined;
  }

  list(): OrgRecord[] {
    return [...this.records.values()];
  }

  /** Records that extraction referred to (resolve() or markUsed()), with collective member sets filled in. */
  usedRecords(): OrgRecord[] {
    const out: OrgRecord[] = [];
    for (const rec of this.records.values()) {
      if (!this.used.has(rec.name)) continue;
      const fill = COLLECTIVE_MEMBERS[rec.name];
      out.push(fill ? { ...rec, members: fill(this) } : { ...rec });
    }
    return out;
  }

  markUsed(name: string): void {
    if (this.records.has(name)) this.used.add(name);
  }

  queue(item: ReviewItem): void {
    const key = `${item.name}|${item.reason}`;
    if (this.reviewed.has(key)) return;
    this.reviewed.add(key);
    this.review.push(item);
  }

  /** Resolve a unit name as printed to its canonical record. Never throws. */
  resolve(raw: string, ctx: ResolveContext = {}): Resolution {
    const name = cleanUnitName(raw);
    const where = { docNumber: ctx.docNumber ?? null, eId: ctx.eId ?? null, line: ctx.line ?? null };
    if (!name) return { name: null, kind: null, how: 'unresolved' };
    const direct = this.index.get(name);
    if (direct) return this.hit(direct, direct === name ? 'exact' : 'alias');

    for (const candidate of normalizedForms(name, this.county)) {
      const c = this.index.get(candidate);
      if (c) {
        this.addAlias(c, name);
        return this.hit(c, 'normalized');
      }
    }

    // member sets of leading groups: 县人工增雨防雹协调领导小组各成员单位 → 县人工增雨防雹协调领导小组成员单位
    const member = /^(.*?)(?:各|有关|相关)?成员单位$/.exec(name);
    if (member) {
      const group = member[1] ?? '';
      if (!group || group === '各') {
        if (ctx.groupMembers) return this.hit(this.ensureGroup(ctx.groupMembers), 'normalized');
        this.queue({
          ...where,
          name,
          reason: '“各成员单位”无法确定所指的领导小组（本文件未刊载成员名单）。',
          suggestion: null,
        });
        return { name: null, kind: null, how: 'unresolved' };
      }
      const setName = `${group.replace(/各$/, '')}成员单位`;
      const known = this.records.get(setName);
      const rec = known ?? this.add({ name: setName, kind: 'group', aliases: [], members: [] });
      if (name !== setName) this.addAlias(setName, name);
      if (!known || (rec.members ?? []).length === 0) {
        this.queue({
          ...where,
          name,
          reason: `${setName}的成员名单未在公报中刊载，成员需人工补录。`,
          suggestion: null,
        });
      }
      return this.hit(setName, known ? 'alias' : 'new');
    }

    if (/^(?:各|有关|相关|涉及|事发|其他)/.test(name) || /(?:有关|相关)(?:单位|部门)$/.test(name)) {
      this.queue({ ...where, name, reason: '泛指的单位集合，范围需结合上下文确定。', suggestion: null });
      return { name: null, kind: null, how: 'unresolved' };
    }

    if (!isUnitName(name) && !/(?:公司|煤矿|厂|医院|中心|大队|段|委|联|室|站|馆|所|院|局|办)$/.test(name)) {
      this.queue({ ...where, name, reason: '不像单位名称（缺少单位后缀或含有动词），未收入名录。', suggestion: null });
      return { name: null, kind: null, how: 'unresolved' };
    }

    const near = this.nearMiss(name);
    if (near) {
      this.queue({
        ...where,
        name,
        reason: `与已登记单位“${near}”仅一字之差，可能是同一单位（错别字或识别错误）。`,
        suggestion: near,
      });
    }
    if (!ctx.structured) {
      if (!near)
        this.queue({
          ...where,
          name,
          reason: '正文中提到的单位，未见于任何指派或名单，请确认是否收入名录。',
          suggestion: null,
        });
      return { name: null, kind: null, how: 'unresolved' };
    }
    const rec = this.add({ name, kind: classify(name), aliases: [] });
    return this.hit(rec.name, 'new');
  }

  private hit(canonical: string, how: Resolution['how']): Resolution {
    const rec = this.records.get(canonical) as OrgRecord;
    this.used.add(canonical);
    return { name: canonical, kind: rec.kind, how };
  }

  private ensureGroup(setName: string): string {
    if (!this.records.has(setName)) this.add({ name: setName, kind: 'group', aliases: [], members: [] });
    return setName;
  }

  /** A registered name of the same length that differs in exactly one character. */
  private nearMiss(name: string): string | null {
    for (const key of this.index.keys()) {
      if (key.length !== name.length || key === name) continue;
      let diff = 0;
      for (let i = 0; i < key.length && diff < 2; i++) if (key[i] !== name[i]) diff++;
      if (diff === 1) return this.index.get(key) ?? null;
    }
    return null;
  }
}

/** Other spellings to try, most likely first. */
function normalizedForms(name: string, county: string | null): string[] {
  const out: string[] = [];
  if (county && name.startsWith(county)) out.push(`县${name.slice(county.length)}`);
  const short = county?.replace(/县$/, '') ?? null;
  if (short && name.startsWith(short)) out.push(name.slice(short.length));
  const town = /^([\u4e00-\u9fa5]{2})镇(?:镇)?(?:人民)?政府$/.exec(name);
  if (town) out.push(`${town[1]}镇人民政府`);
  if (/^[\u4e00-\u9fa5]{2}镇$/.test(name)) out.push(`${name}人民政府`);
  if (/^县人民政府(?!办)/.test(name)) out.push(`县${name.slice(5)}`);
  if (name.endsWith('主要负责人') || name.endsWith('分管负责人')) out.push(name.replace(/(?:主要|分管)负责人$/, ''));
  return out;
}

export function classify(name: string): OrgKind {
  if (/^各|^涉及|有关单位$|相关单位$/.test(name)) return 'collective';
  if (/成员单位$/.test(name)) return 'group';
  if (isRoleName(name)) return 'role';
  if (/镇(?:人民)?政府$/.test(name)) return 'town';
  if (/管委会$/.test(name)) return 'zone';
  if (/银行|支行|信用社/.test(name)) return 'bank';
  if (/^(?:市|长治|国家|省|山西省)|分局$|调查队$|监管组$|监管办$/.test(name)) return 'upper';
  if (/公司|集团|煤业|煤矿|焦化|厂$/.test(name)) return 'enterprise';
  if (/^县委|^团县委/.test(name)) return 'party';
  if (/(?:工会|妇联|科协|残联|工商联)$/.test(name)) return 'mass';
  if (/(?:中心|医院|院|所|站|队|段)$/.test(name)) return 'institution';
  if (/^县/.test(name)) return 'department';
  return 'enterprise';
}

/**
 * Split a list of units as printed into names: 、，, ；; separate items; inside a table cell the parser
 * may have removed the spaces between units (市生态环境局襄垣分局县水利局), so a unit ending followed by the
 * start of another unit also separates.
 */
export function splitUnitList(s: string): string[] {
  return s
    .split(
      /[、，,；;\s]+|和(?=县|市|各)|(?<=局|委|办|中心|大队|政府|公司|集团|分局|部|院|会|联|段|队)(?=县(?!城)|市(?!场|政园林)|各|涉及|国家|团县委|[\u4e00-\u9fa5]{2}镇(?:镇)?(?:人民)?政府|经开区)/,
    )
    .map(cleanUnitName)
    .filter((x) => x.length >= 2);
}
