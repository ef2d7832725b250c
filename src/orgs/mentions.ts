// Unit mentions: which units (单位) a document names, and where. Pure.
//
// Sources, most reliable first: the issuer; the 主送机关; table cells under a unit column (责任单位,
// 牵头单位, 单位名称, 成员单位 …); and unit-shaped phrases in running text (县能源局, 市生态环境局襄垣分局,
// 侯堡镇政府). Collective addressees (各镇人民政府, 县直各有关单位) are kept as they are, marked
// `collective`; resolving them to sets, and aliases (县卫体局 / 县卫健局), is the unit registry's job.
import type { Clause, Document } from '../gazette/types.ts';

export type MentionSource = 'issuer' | 'addressee' | 'table' | 'text';

export interface OrgMention {
  name: string;
  kind: OrgKind;
  source: MentionSource;
  /** Clause eId, or null for the notice header (issuer, addressees). */
  eId: string | null;
  citation: string;
}

export type OrgKind =
  | 'government'
  | 'office'
  | 'department'
  | 'town'
  | 'enterprise'
  | 'bank'
  | 'upper'
  | 'collective'
  | 'other';

const UNIT_COLUMN = /(责任单位|牵头单位|配合单位|单位名称|成员单位|填报单位|主管单位|实施单位|承担单位)$/;

const SUFFIX =
  '(?:人民政府办公室|人民政府|管委会|政府办|委员会|办公室|分局|局|委|办|中心|医院|院|所|队|部(?!门)|站|公司|集团|银行|支行|团委|总工会|妇联|残联|工会|调查队|监管组)';
const TEXT_PATTERNS = [
  // county units: 县能源局, 县发改和科技局, 县委宣传部, 县人民医院, 县融媒体中心
  new RegExp(
    `县(?!直|级|域|内|城|乡|各|长|属|保留|局部|政府工作部|人民政府工作部)[\\u4e00-\\u9fa5]{1,9}?${SUFFIX}`,
    'g',
  ),
  // upper-level branches: 市生态环境局襄垣分局, 国家统计局襄垣调查队, 长治银保监分局襄垣监管组
  /(?:市|长治|国家|省)[\u4e00-\u9fa5]{1,8}?局[\u4e00-\u9fa5]{2,3}(?:分局|调查队|支行|监管组)/g,
  // towns: 侯堡镇政府, 夏店镇镇政府, 西营镇人民政府
  /[\u4e00-\u9fa5]{2}镇(?:镇)?(?:人民)?政府/g,
  // enterprises and banks named in full
  /(?<![\u4e00-\u9fa5])[\u4e00-\u9fa5]{2,12}?(?:有限责任公司|有限公司|集团|银行[\u4e00-\u9fa5]{0,4}?支行|农村商业银行|村镇银行)/g,
];
const NOT_A_UNIT =
  /各|有关|相关|等|和(?!科技局|体育局)|及|或|的|其他|以上|下属|部门|本级|成员单位$|名义|批准|报送|交办|主持|领导同志|决策|全部|格局|得|分。/;
const LEADING_VERBS =
  /^(?:完善|协调|督促|推动|全面提升|提升|完成|支持|依托|加强|推进|指导|组织|配合|会同|由|向|对|在|经|将|请)+/;
const UNIT_END = new RegExp(`${SUFFIX}$|镇(?:镇)?(?:人民)?政府$`);

/** A plausible unit name: ends like a unit, no verbs or quantifiers inside. Collective addressees pass as they are. */
export function isUnitName(name: string): boolean {
  if (name.length < 3 || name.length > 24) return false;
  if (/^(各|有关|相关|涉及|事发)/.test(name)) return true;
  return UNIT_END.test(name) && !NOT_A_UNIT.test(name.slice(1));
}

export function classifyOrg(name: string): OrgKind {
  if (/^各|有关|相关|成员单位/.test(name)) return 'collective';
  if (/人民政府办公室$|政府办$/.test(name)) return 'office';
  if (/镇(?:镇)?(?:人民)?政府$/.test(name)) return 'town';
  if (/^(?:\S{0,6}县)?人民政府$/.test(name)) return 'government';
  if (/银行|支行/.test(name)) return 'bank';
  if (/^(?:市|长治|国家|省)|分局|调查队|监管组/.test(name)) return 'upper';
  if (/公司$|集团$|煤业|焦化/.test(name)) return 'enterprise';
  if (/^县/.test(name)) return 'department';
  return 'other';
}

/** Split a cell like “市生态环境局襄垣分局 县水利局” or “县发改局、县财政局” into unit names. */
export function splitUnits(cell: string): string[] {
  return cell
    .split(/[、，,；;\s]+|(?<=局|委|办|院|所|队|部|站|司|团|中心|政府|联|会)(?=县|市|各|[\u4e00-\u9fa5]{2}镇)/)
    .map((s) => s.replace(/^[（(]|[)）]$/g, '').trim())
    .filter((s) => s.length >= 3 && s.length <= 24 && !/^\d/.test(s));
}

export function documentMentions(doc: Document): OrgMention[] {
  const out: OrgMention[] = [];
  const seen = new Set<string>();
  const add = (name: string, source: MentionSource, eId: string | null, citation: string) => {
    if (source !== 'issuer' && source !== 'addressee' && !isUnitName(name)) return;
    const key = `${name}|${eId ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ name, kind: classifyOrg(name), source, eId, citation });
  };
  const head = `${doc.docNumber.text}`;
  if (doc.issuer) add(doc.issuer, 'issuer', null, head);
  for (const a of doc.addressees) add(a, 'addressee', null, `${head} 主送机关`);
  const walk = (cs: Clause[]) => {
    for (const c of cs) {
      if (c.table) {
        c.table.header.forEach((h, col) => {
          if (!UNIT_COLUMN.test(h)) return;
          for (const row of c.table?.rows ?? [])
            for (const u of splitUnits(row[col] ?? '')) add(u, 'table', c.eId, c.citation);
        });
        if (/单位名称/.test(c.table.header[0] ?? ''))
          for (const row of c.table.rows) if (row[0]) add(row[0], 'table', c.eId, c.citation);
      } else {
        for (const name of textMentions(c.text)) add(name, 'text', c.eId, c.citation);
      }
      walk(c.children);
    }
  };
  walk(doc.body);
  for (const a of doc.attachments) walk(a.clauses);
  return out;
}

export function textMentions(text: string): string[] {
  const found: string[] = [];
  for (const re of TEXT_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const name = m[0];
      const trimmed = name.replace(LEADING_VERBS, '');
      if (isUnitName(trimmed) && !/^(各|有关|相关|涉及|事发|县属)/.test(trimmed)) found.push(trimmed);
    }
  }
  return found;
}
