// Deterministic corpus of gazette issues for storage and search benchmarks.
//
// From a real parsed issue (the seed, or any gazette text given), each generated issue keeps the
// structure (documents, attachments, clause trees, eIds, tables) and gets:
//   - its own year / number (oldest first: 24 issues a year, the last one in 2025) and its own
//     发文字号 (same agencies, serials unique within the year);
//   - paragraph texts rebuilt from sentences drawn from the whole seed (similar length), with unit
//     and town names substituted and digits changed, so issues are not N copies of one text and the
//     vocabulary spreads like a real series;
// Without a seed, issues are synthesised from word lists with the same shape (≈ 1 000 clauses).
// Same options → same corpus (seeded PRNG).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Clause, Document, GazetteIssue } from '../src/gazette/types.ts';
import { prng } from '../src/platform/prng.ts';

export interface CorpusOptions {
  /** Base issue to vary; default: the parsed seed when present, else synthetic issues. */
  base?: GazetteIssue | null;
  /** PRNG seed. */
  seed?: number;
  /** Issues per year (numbers 1…perYear); default 24. */
  perYear?: number;
  /** Year of the last issue; default 2025. */
  lastYear?: number;
}

export const SEED_PATH = resolve(import.meta.dirname, '../../shared/seeds/xiangyuan-gazette-2023-03.txt');

/** The parsed seed gazette, or null when the file is missing. */
export async function loadSeedIssue(text?: string): Promise<GazetteIssue | null> {
  const source = text ?? (existsSync(SEED_PATH) ? readFileSync(SEED_PATH, 'utf8') : null);
  if (!source) return null;
  const { parseGazette } = await import('../src/gazette/parse.ts');
  return parseGazette(source, { file: 'seed' });
}

const UNITS = [
  '县能源局',
  '县发改局',
  '县财政局',
  '县卫体局',
  '县教育局',
  '县公安局',
  '县民政局',
  '县住建局',
  '县水利局',
  '县自然资源局',
  '县应急管理局',
  '县市场监管局',
  '县工信局',
  '县农业农村局',
  '县林业局',
  '县交通局',
  '县医保局',
  '县统计局',
  '县审计局',
  '县文旅局',
  '县人社局',
  '县退役军人事务局',
  '县行政审批局',
  '县融媒体中心',
  '县疾控中心',
  '县医疗集团',
  '县总工会',
  '团县委',
  '县妇联',
  '县妇儿工委',
  '县科协',
  '县气象局',
  '县税务局',
  '县消防救援大队',
  '国网襄垣县供电公司',
  '人民银行襄垣支行',
  '市生态环境局襄垣分局',
  '经开区管委会',
  '县政府办',
  '县委宣传部',
];
const TOWNS = [
  '古韩镇',
  '王桥镇',
  '侯堡镇',
  '夏店镇',
  '虒亭镇',
  '西营镇',
  '王村镇',
  '下良镇',
  '善福镇',
  '北底乡',
  '上马乡',
];
const TOPICS = [
  '安全生产',
  '生态环境',
  '乡村振兴',
  '营商环境',
  '医疗卫生',
  '教育发展',
  '能源保供',
  '防汛抗旱',
  '森林防火',
  '食品安全',
  '数字政府',
  '养老服务',
  '就业创业',
  '城乡建设',
  '交通运输',
  '文化旅游',
  '科技创新',
  '金融服务',
  '粮食安全',
  '水资源',
];
const PHRASES = [
  '坚持以人民为中心',
  '统筹发展和安全',
  '压实主体责任',
  '加强组织领导',
  '强化督促检查',
  '完善工作机制',
  '健全长效机制',
  '加大资金投入',
  '做好宣传引导',
  '确保工作落实',
  '提升服务水平',
  '推进高质量发展',
  '防范化解重大风险',
  '落实属地管理责任',
  '建立工作台账',
  '按时报送进展情况',
  '实行清单化管理',
  '开展专项整治行动',
  '加强部门协调配合',
  '严格考核问责',
];
const TYPES = ['实施方案', '工作方案', '应急预案', '行动计划', '发展规划', '工作规则', '管理办法'];

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)] as T;
}

const UNIT_RE = new RegExp(UNITS.join('|'), 'g');
const TOWN_RE = new RegExp(TOWNS.join('|'), 'g');

function vary(text: string, rnd: () => number): string {
  return text
    .replace(UNIT_RE, () => pick(rnd, UNITS))
    .replace(TOWN_RE, () => pick(rnd, TOWNS))
    .replace(/\d+/g, (d) => String(Math.floor(rnd() * 10 ** Math.min(d.length, 6))));
}

function* walk(cs: Clause[]): Generator<Clause> {
  for (const c of cs) {
    yield c;
    yield* walk(c.children);
  }
}

function sentencePool(base: GazetteIssue): string[] {
  const pool: string[] = [];
  for (const d of base.documents) {
    for (const c of [...walk(d.body), ...d.attachments.flatMap((a) => [...walk(a.clauses)])]) {
      if (c.kind !== 'paragraph' || c.table) continue;
      for (const s of c.text.split(/(?<=[。；！？])/)) if (s.length >= 8) pool.push(s);
    }
  }
  return pool;
}

function rebuildParagraph(text: string, pool: string[], rnd: () => number): string {
  const target = text.length;
  let out = '';
  while (out.length < target * 0.8) out += pool[Math.floor(rnd() * pool.length)] ?? '';
  return out;
}

function varyIssue(base: GazetteIssue, pool: string[], year: number, number: number, rnd: () => number): GazetteIssue {
  const issue = structuredClone(base);
  issue.year = year;
  issue.number = number;
  issue.publishedOn = `${year}-${String(Math.min(12, Math.ceil(number / 2))).padStart(2, '0')}-15`;
  const renumber = new Map<string, string>();
  issue.documents.forEach((d: Document, i) => {
    const serial = (number - 1) * 40 + i + 1;
    const text = `${d.docNumber.agency}〔${year}〕${serial}号`;
    renumber.set(d.docNumber.text, text);
    d.docNumber = { ...d.docNumber, text, printed: text, year, serial };
    d.signedOn = issue.publishedOn;
    for (const c of [...walk(d.body), ...d.attachments.flatMap((a) => [...walk(a.clauses)])]) {
      if (c.kind === 'paragraph' && !c.table && c.text.length > 20 && rnd() < 0.85) {
        c.text = rebuildParagraph(c.text, pool, rnd);
      }
      c.text = vary(c.text, rnd);
      if (c.table) c.table.rows = c.table.rows.map((r) => r.map((cell) => vary(cell, rnd)));
    }
  });
  for (const f of issue.findings) if (f.docNumber) f.docNumber = renumber.get(f.docNumber) ?? f.docNumber;
  return issue;
}

function syntheticIssue(year: number, number: number, rnd: () => number): GazetteIssue {
  let line = 1;
  const sentence = () =>
    `${pick(rnd, UNITS)}要${pick(rnd, PHRASES)}，${pick(rnd, PHRASES)}，在${pick(rnd, TOWNS)}${pick(rnd, TOPICS)}工作中${pick(rnd, PHRASES)}。`;
  const para = (eId: string, n: number): Clause => ({
    eId,
    kind: 'paragraph',
    num: null,
    heading: null,
    text: Array.from({ length: n }, sentence).join(''),
    citation: eId,
    table: null,
    line: line++,
    endLine: line,
    children: [],
  });
  const documents: Document[] = [];
  for (let i = 0; i < 14; i++) {
    const topic = pick(rnd, TOPICS);
    const type = pick(rnd, TYPES);
    const planTitle = `襄垣县${topic}${type}`;
    const chapters: Clause[] = [];
    for (let c = 1; c <= 6; c++) {
      const eId = `att_1__lvl_${c}`;
      const children: Clause[] = [];
      for (let p = 1; p <= 11; p++) children.push(para(`${eId}__para_${p}`, 1 + Math.floor(rnd() * 3)));
      chapters.push({
        eId,
        kind: 'level1',
        num: `${c}、`,
        heading: `${pick(rnd, PHRASES)}`,
        text: pick(rnd, PHRASES),
        citation: `《${planTitle}》${c}`,
        table: null,
        line: line++,
        endLine: line,
        children,
      });
    }
    const serial = (number - 1) * 40 + i + 1;
    const text = `襄政办发〔${year}〕${serial}号`;
    documents.push({
      docNumber: { text, printed: text, agency: '襄政办发', year, serial },
      issuer: i < 6 ? '襄垣县人民政府' : '襄垣县人民政府办公室',
      title: `关于印发${planTitle}的通知`,
      addressees: ['各镇人民政府', '县直各有关单位'],
      signedOn: `${year}-06-01`,
      disclosure: rnd() < 0.8 ? 'public' : rnd() < 0.5 ? 'partial' : 'restricted',
      disclosureNote: null,
      forwarded: [],
      attachmentList: [],
      body: [para('body__para_1', 1)],
      attachments: [
        {
          eId: 'att_1',
          role: 'plan',
          label: null,
          number: null,
          title: planTitle,
          planTitle: null,
          clauses: chapters,
          line: line++,
          endLine: line,
        },
      ],
      tocPage: i * 5 + 1,
      line: line++,
      endLine: line,
    });
  }
  return {
    title: '长治市襄垣县人民政府公报',
    year,
    number,
    publishedOn: `${year}-06-15`,
    publisher: '襄垣县人民政府办公室',
    editor: null,
    editorialBoard: [],
    notes: ['（基准测试合成数据）'],
    toc: documents.map((d) => ({ title: d.title, issuer: d.issuer, page: d.tocPage ?? 1, section: null, line: 1 })),
    documents,
    findings: [],
    lineCount: line,
  };
}

/**
 * `count` issues, oldest first, generated one at a time (a thousand issues do not fit in memory
 * comfortably as objects).
 */
export function* generateCorpus(count: number, opts: CorpusOptions = {}): Generator<GazetteIssue> {
  const perYear = opts.perYear ?? 24;
  const lastYear = opts.lastYear ?? 2025;
  const firstYear = lastYear - Math.ceil(count / perYear) + 1;
  const rnd = prng(opts.seed ?? 20231007);
  const base = opts.base ?? null;
  const pool = base ? sentencePool(base) : [];
  for (let k = 0; k < count; k++) {
    const year = firstYear + Math.floor(k / perYear);
    const number = (k % perYear) + 1;
    yield base && pool.length ? varyIssue(base, pool, year, number, rnd) : syntheticIssue(year, number, rnd);
  }
}

/** UTF-8 bytes of the text an issue contributes to the index (clause texts and titles). */
export function issueTextBytes(issue: GazetteIssue): number {
  let n = 0;
  for (const d of issue.documents) {
    n += Buffer.byteLength(d.title);
    for (const c of walk(d.body)) n += Buffer.byteLength(c.text);
    for (const a of d.attachments) {
      n += Buffer.byteLength(a.title);
      for (const c of walk(a.clauses)) n += Buffer.byteLength(c.text);
    }
  }
  return n;
}
