// Round trip on generated issues: any notice with a plan whose clause tree uses 一、/（一）/1./（1） numbering and
// paragraphs (texts of Chinese characters ending a sentence) compiles to text that parseGazette reads back to the same
// documents (numbers, titles, dates, 附注, clause kinds, numbers, headings, texts, eIds, citations).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGazette } from './compile.ts';
import { parseGazette } from './parse.ts';
import type { Clause, Document } from './types.ts';

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const HAN = [...'加强组织领导健全工作机制落实责任分工推进项目建设强化督促检查提升服务能力完善保障措施'];

// some sentences open with a year (1. 2024年…: the compiler must keep the number a number)
const sentence = fc
  .tuple(
    fc.option(fc.integer({ min: 2020, max: 2030 })),
    fc.array(fc.constantFrom(...HAN), { minLength: 4, maxLength: 40 }),
  )
  .map(([year, cs]) => `${year ? `${year}年` : ''}${cs.join('')}。`);
const words = (min: number, max: number) =>
  fc.array(fc.constantFrom(...HAN), { minLength: min, maxLength: max }).map((cs) => cs.join(''));

interface Node {
  text: string;
  children: Node[];
}

/** A forest of numbered clauses, depth ≤ 3 (一、 → （一） → 1.), each with a sentence and maybe paragraphs. */
const level = (depth: number): fc.Arbitrary<Node[]> =>
  fc.array(
    fc.record({
      text: sentence,
      children: depth >= 3 ? fc.constant([]) : fc.oneof(fc.constant([]), level(depth + 1)),
    }) as fc.Arbitrary<Node>,
    { minLength: 1, maxLength: depth === 1 ? 4 : 3 },
  );

function lines(nodes: Node[], depth: number): string[] {
  return nodes.flatMap((n, k) => {
    const num = depth === 1 ? `${CN[k]}、` : depth === 2 ? `（${CN[k]}）` : `${k + 1}. `;
    return [`${num}${n.text}`, '', ...lines(n.children, depth + 1)];
  });
}

function shape(c: Clause): unknown {
  return {
    eId: c.eId,
    kind: c.kind,
    num: c.num,
    heading: c.heading,
    text: c.text,
    citation: c.citation,
    children: c.children.map(shape),
  };
}

function docShape(d: Document): unknown {
  return {
    n: d.docNumber.text,
    issuer: d.issuer,
    title: d.title,
    addressees: d.addressees,
    signedOn: d.signedOn,
    disclosure: d.disclosure,
    body: d.body.map(shape),
    attachments: d.attachments.map((a) => ({
      eId: a.eId,
      role: a.role,
      title: a.title,
      clauses: a.clauses.map(shape),
    })),
  };
}

describe('compile round trip on generated issues', () => {
  it('compile → parse gives back the same documents', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            subject: words(4, 12),
            serial: fc.integer({ min: 1, max: 300 }),
            month: fc.integer({ min: 1, max: 12 }),
            day: fc.integer({ min: 1, max: 28 }),
            office: fc.boolean(),
            intro: sentence,
            plan: level(1),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        (docs) => {
          const seen = new Set<string>();
          const text = [
            '# 长治市襄垣县人民政府公报',
            '',
            '2024 第 1 期',
            '',
            ...docs.flatMap((d, k) => {
              const agency = d.office ? '襄政办发' : '襄政发';
              const key = `${agency}${d.serial}`;
              const serial = seen.has(key) ? d.serial + 300 + k : d.serial;
              seen.add(`${agency}${serial}`);
              const issuer = d.office ? '襄垣县人民政府办公室' : '襄垣县人民政府';
              return [
                issuer,
                `关于印发襄垣县${d.subject}实施方案的通知`,
                '',
                `${agency}〔2024〕${serial}号`,
                '',
                '各镇人民政府，县直各有关单位：',
                '',
                d.intro,
                '',
                issuer,
                '',
                `2024年${d.month}月${d.day}日`,
                '',
                '（此件公开发布）',
                '',
                `# 襄垣县${d.subject}实施方案`,
                '',
                ...lines(d.plan, 1),
              ];
            }),
          ].join('\n');
          const source = parseGazette(text);
          expect(source.documents).toHaveLength(docs.length);
          const back = parseGazette(
            compileGazette({
              cover: { ...source, publishedOn: '2024-12-31' },
              documents: source.documents,
            }).text,
          );
          expect(back.documents.map(docShape)).toEqual(source.documents.map(docShape));
        },
      ),
      { numRuns: 40 },
    );
  });
});
