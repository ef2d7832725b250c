// The compiled issue as a real .docx, unzipped and read back (word/document.xml, the footer).
import { describe, expect, it } from 'vitest';
import { seedAvailable, seedText } from '../../test/seed.ts';
import { docxText, zipEntry } from '../supervision/report.testkit.ts';
import { compileGazette } from './compile.ts';
import { compileDocx } from './compileDocx.ts';
import { parseGazette } from './parse.ts';
import { flattenClauses } from './tree.ts';

const hasSeed = seedAvailable();

describe.skipIf(!hasSeed)('compileDocx', () => {
  const seed = hasSeed ? parseGazette(seedText()) : null;
  const input = () => ({ cover: seed!, documents: seed!.documents.slice(0, 3) });

  it('prints the cover, the table of contents with the page numbers of the text, and every document', async () => {
    const buf = await compileDocx(input());
    expect(buf.subarray(0, 2).toString()).toBe('PK');
    const text = docxText(zipEntry(buf, 'word/document.xml'));
    expect(text).toContain('长治市襄垣县人民政府公报');
    expect(text).toContain('2023年 第3期');
    expect(text).toContain('主编：郭瑞华');
    const toc = compileGazette(input()).toc;
    for (const e of toc) expect(text).toContain(`${e.issuer}  ${e.title} …… ${e.page}`);
    for (const d of input().documents) {
      expect(text).toContain(d.docNumber.text);
      expect(text).toContain(d.title);
      expect(text).toContain(d.disclosureNote ?? '');
    }
    expect(text).toContain('第二十七条 各镇、县直各部门向县人民政府报送公文');
  });

  it('starts every document on a new page and numbers pages in the footer', async () => {
    const buf = await compileDocx(input());
    const xml = zipEntry(buf, 'word/document.xml');
    const breaks = (xml.match(/<w:pageBreakBefore\/>/g) ?? []).length;
    const docs = input().documents;
    const expected =
      1 +
      docs.length +
      docs.flatMap((d) => d.attachments.filter((a) => a.role === 'annex' || a.title !== d.title)).length;
    expect(breaks).toBe(expected);
    const footer = zipEntry(buf, 'word/footer1.xml');
    expect(footer).toMatch(/PAGE/);
    expect(docxText(footer)).toContain('— ');
  });

  it('prints tables as Word tables with every row', async () => {
    const doc = seed!.documents.find((d) => d.docNumber.text === '襄政办发〔2023〕17号')!;
    const buf = await compileDocx({ cover: seed!, documents: [doc] });
    const xml = zipEntry(buf, 'word/document.xml');
    const tables = flattenClauses(doc.attachments.flatMap((a) => a.clauses)).filter((c) => c.table);
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(tables.length);
    const rows = tables.reduce((n, c) => n + 1 + (c.table?.rows.length ?? 0), 0);
    expect((xml.match(/<w:tr>/g) ?? []).length).toBe(rows);
  });
});
