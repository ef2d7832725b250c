// Gazette compilation round trip: compile → parseGazette gives back the same structure; the seed issue's parsed
// documents compiled and re-parsed give back the same documents.
import { describe, expect, it } from 'vitest';
import { seedAvailable, seedText } from '../../test/seed.ts';
import { type CompileCover, compileGazette, documentLines, pagesOf, sectionOf } from './compile.ts';
import { parseGazette } from './parse.ts';
import { tableText } from './tree.ts';
import type { Attachment, Clause, Document, GazetteIssue } from './types.ts';

const hasSeed = seedAvailable();

/**
 * The structure a round trip must keep: everything but source line numbers, TOC pages and table fragments. A
 * table's text is compared as the text of all its rows: the parser keeps in `text` only the first page of a table
 * printed over several pages (tree.ts appendRows does not refresh it), while the compiled text prints it once.
 */
function clauseShape(c: Clause): unknown {
  return {
    eId: c.eId,
    kind: c.kind,
    num: c.num,
    heading: c.heading,
    text: c.table ? tableText(c.table) : c.text,
    citation: c.citation,
    table: c.table ? { title: c.table.title, header: c.table.header, rows: c.table.rows } : null,
    children: c.children.map(clauseShape),
  };
}

function attachmentShape(a: Attachment): unknown {
  return {
    eId: a.eId,
    role: a.role,
    label: a.label,
    number: a.number,
    title: a.title,
    planTitle: a.planTitle,
    clauses: a.clauses.map(clauseShape),
  };
}

function documentShape(d: Document): unknown {
  return {
    docNumber: d.docNumber.text,
    issuer: d.issuer,
    title: d.title,
    addressees: d.addressees,
    signedOn: d.signedOn,
    disclosure: d.disclosure,
    disclosureNote: d.disclosureNote,
    forwarded: d.forwarded.map((f) => f.text),
    attachmentList: d.attachmentList,
    body: d.body.map(clauseShape),
    attachments: d.attachments.map(attachmentShape),
  };
}

const coverOf = (i: GazetteIssue): CompileCover => ({
  title: i.title,
  year: i.year,
  number: i.number,
  publishedOn: i.publishedOn,
  publisher: i.publisher,
  editor: i.editor,
  editorialBoard: i.editorialBoard,
  notes: i.notes,
});

const SMALL = [
  '# 长治市襄垣县人民政府公报',
  '',
  '2023 第 4 期',
  '',
  '### 编辑委员会',
  '',
  '主任：郭瑞华',
  '',
  '委员：张麟 连立航 杨凯',
  '',
  '主办单位：襄垣县人民政府办公室',
  '',
  '出版日期：2023年12月28日',
  '',
  '襄垣县人民政府办公室',
  '关于做好冬季供暖工作的通知',
  '',
  '襄政办发〔2023〕27号',
  '',
  '各镇人民政府，县直各有关单位：',
  '',
  '为做好今冬明春供暖工作，现将《襄垣县冬季供暖保障方案》印发给你们，请认真贯彻执行。',
  '',
  '附件：1. 供暖责任单位名单',
  '',
  '襄垣县人民政府办公室',
  '',
  '2023年11月20日',
  '',
  '（此件公开发布）',
  '',
  '# 襄垣县冬季供暖保障方案',
  '',
  '一、总体要求',
  '',
  '坚持民生优先。确保群众温暖过冬。',
  '',
  '（一）加强组织领导。成立供暖工作专班。',
  '',
  '1. 2023年11月15日前完成管网检修。',
  '',
  '**二、重点任务和保障措施要求逐项落实到位并及时报告进展情况**各单位要按照职责分工抓好落实，确保按期完成，不得推诿扯皮，遇到问题及时报告。',
  '',
  '附件 1',
  '',
  '# 供暖责任单位名单',
  '',
  '序号\t单位\t职责',
  '1\t县住建局\t牵头',
  '2\t县能源局 县财政局\t配合',
  '',
].join('\n');

describe('compileGazette', () => {
  it('round-trips a small issue: compile → parse gives back the same structure, pages included', () => {
    const source = parseGazette(SMALL);
    expect(source.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(source.documents).toHaveLength(1);
    const compiled = compileGazette({ cover: coverOf(source), documents: source.documents });
    const back = parseGazette(compiled.text);
    expect(back.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(back.documents.map(documentShape)).toEqual(source.documents.map(documentShape));
    expect(coverOf(back)).toEqual(coverOf(source));
    expect(back.toc.map((e) => ({ title: e.title, issuer: e.issuer, page: e.page, section: e.section }))).toEqual(
      compiled.toc.map((e) => ({ title: e.title, issuer: e.issuer, page: e.page, section: e.section })),
    );
    expect(back.documents[0]?.tocPage ?? 1).toBe(1);
    // the heading that needs bold to be found is printed bold
    expect(compiled.text).toContain('**二、重点任务和保障措施要求逐项落实到位并及时报告进展情况**');
    expect(back.documents[0]?.attachments.map((a) => [a.role, a.label, a.number, a.title])).toEqual([
      ['plan', null, null, '襄垣县冬季供暖保障方案'],
      ['annex', '附件1', 1, '供暖责任单位名单'],
    ]);
  });

  it('numbers pages: each document starts on a new page after the pages of the previous one', () => {
    const source = parseGazette(SMALL);
    const d = source.documents[0] as Document;
    const compiled = compileGazette({ cover: coverOf(source), documents: [d, d] });
    const own = pagesOf(documentLines(d));
    expect(own).toBeGreaterThan(1);
    expect(compiled.toc.map((e) => e.page)).toEqual([1, 1 + own]);
    expect(compiled.pages).toBe(2 * own);
    expect(pagesOf(Array.from({ length: 23 }, () => '字'.repeat(28)))).toBe(2);
    expect(pagesOf(Array.from({ length: 22 }, () => '字'.repeat(28)))).toBe(1);
    expect(pagesOf(['字'.repeat(29)])).toBe(1);
  });

  it('sorts documents into the sections of the table of contents', () => {
    expect(sectionOf('襄垣县人民政府')).toBe('县政府文件');
    expect(sectionOf('襄垣县人民政府办公室')).toBe('县政府办文件');
  });

  it('refuses a document without a date, and a cover title that is not a 公报, in Chinese', () => {
    const source = parseGazette(SMALL);
    const d = { ...(source.documents[0] as Document), signedOn: null };
    expect(() => compileGazette({ cover: coverOf(source), documents: [d] })).toThrow(/没有成文日期/);
    expect(() => compileGazette({ cover: { ...coverOf(source), title: '襄垣县文件汇编' }, documents: [] })).toThrow(
      /应以“公报”结尾/,
    );
  });

  it.skipIf(!hasSeed)('round-trips the seed issue: its parsed documents compiled and re-parsed are the same', () => {
    const seed = parseGazette(seedText());
    const compiled = compileGazette({ cover: coverOf(seed), documents: seed.documents });
    const back = parseGazette(compiled.text);
    expect(back.documents.map((d) => d.docNumber.text)).toEqual(seed.documents.map((d) => d.docNumber.text));
    for (let k = 0; k < seed.documents.length; k++) {
      expect(documentShape(back.documents[k] as Document)).toEqual(documentShape(seed.documents[k] as Document));
    }
    expect(coverOf(back)).toEqual(coverOf(seed));
    expect(back.toc.map((e) => e.page)).toEqual(compiled.toc.map((e) => e.page));
    expect(back.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
