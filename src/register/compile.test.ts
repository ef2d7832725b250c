// `luoshi compile`: the next issue from the documents stored for a period — its text re-imports into the portal
// and parses back to the same documents; the .docx is written; an existing issue number is refused.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { SEED_PATH, seedAvailable, seedText } from '../../test/seed.ts';
import { parseGazette } from '../gazette/parse.ts';

const hasSeed = seedAvailable();
const dir = mkdtempSync(join(tmpdir(), 'luoshi-compile-'));

describe.skipIf(!hasSeed)('luoshi compile', () => {
  const db = join(dir, 'seed.db');

  it('compiles the documents signed in a period into an issue that imports and parses back the same', async () => {
    expect((await runCli('import', SEED_PATH, '--db', db, '--json')).code).toBe(0);
    const out = join(dir, 'issue.txt');
    const docx = join(dir, 'issue.docx');
    const r = await runCli(
      'compile',
      '--from',
      '2023-05-01',
      '--to',
      '2023-08-31',
      '--issue',
      '2023:4',
      '--published',
      '2023-12-28',
      '--out',
      out,
      '--docx',
      docx,
      '--db',
      db,
      '--json',
    );
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out);
    const seed = parseGazette(seedText());
    const inPeriod = seed.documents.filter(
      (d) => d.signedOn && d.signedOn >= '2023-05-01' && d.signedOn <= '2023-08-31',
    );
    expect(new Set(res.documents)).toEqual(new Set(inPeriod.map((d) => d.docNumber.text)));
    // 县政府文件 first, then 县政府办文件
    const sections = res.toc.map((e: { section: string }) => e.section);
    expect(sections.indexOf('县政府办文件')).toBeGreaterThan(sections.lastIndexOf('县政府文件'));
    expect(existsSync(docx)).toBe(true);
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');

    const back = parseGazette(readFileSync(out, 'utf8'));
    expect([back.year, back.number, back.publishedOn]).toEqual([2023, 4, '2023-12-28']);
    expect(back.editorialBoard).toEqual(seed.editorialBoard);
    for (const d of back.documents) {
      const s = seed.documents.find((x) => x.docNumber.text === d.docNumber.text)!;
      expect([d.title, d.issuer, d.signedOn, d.disclosure, d.attachments.length]).toEqual([
        s.title,
        s.issuer,
        s.signedOn,
        s.disclosure,
        s.attachments.length,
      ]);
    }
    const other = join(dir, 'portal.db');
    const imp = await runCli('import', out, '--db', other, '--json');
    expect(imp.code).toBe(0);
  });

  it('refuses an issue number already stored, and bad dates, in Chinese', async () => {
    const dup = await runCli('compile', '--from', '2023-05-01', '--to', '2023-08-31', '--issue', '2023:3', '--db', db);
    expect(dup.code).toBe(7);
    expect(dup.err).toContain('2023年第3期公报已经存在');
    const bad = await runCli('compile', '--from', '2023-13-01', '--to', '2023-08-31', '--issue', '2023:5', '--db', db);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('参数 --from');
    const issue = await runCli(
      'compile',
      '--from',
      '2023-05-01',
      '--to',
      '2023-08-31',
      '--issue',
      '第五期',
      '--db',
      db,
    );
    expect(issue.code).toBe(2);
    expect(issue.err).toContain('参数 --issue');
  });

  it('reports numbers registered in the period whose text is not imported yet', async () => {
    await runCli(
      'docnumber',
      'assign',
      '--agency',
      '襄政办发',
      '--year',
      '2023',
      '--title',
      '关于做好冬季供暖工作的通知',
      '--signed-on',
      '2023-11-20',
      '--disclosure',
      'public',
      '--db',
      db,
    );
    const r = await runCli(
      'compile',
      '--from',
      '2023-11-01',
      '--to',
      '2023-11-30',
      '--issue',
      '2023:5',
      '--db',
      db,
      '--json',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).skipped).toEqual([
      {
        docNumber: '襄政办发〔2023〕27号',
        title: '关于做好冬季供暖工作的通知',
        reason: '已登记发文字号，但正文尚未导入',
      },
    ]);
    expect(r.err).toContain('未编入：襄政办发〔2023〕27号');
  });
});

describe.skipIf(!hasSeed)('from draft to gazette', () => {
  const db = join(dir, 'loop.db');
  const draft = join(dir, 'draft.txt');
  const formal = join(dir, 'formal.txt');

  it('pre-flight → number with the formal text → compiled issue with the new document → imported into the portal', async () => {
    expect((await runCli('import', SEED_PATH, '--db', db, '--json')).code).toBe(0);
    writeFileSync(
      draft,
      '关于做好冬季供暖工作的通知\n\n各镇人民政府，县直各有关单位：\n\n为做好今冬明春供暖工作，确保群众温暖过冬，现就有关事项通知如下。\n一、加强组织领导。各镇要成立供暖工作专班。\n',
    );
    const check = await runCli('docflow', 'check', draft, '--json');
    const pre = JSON.parse(check.out);
    expect(pre).toMatchObject({ type: '通知', limit: 5000 });
    // the only finding: it involves the towns, who should have been consulted (第三十条)
    expect(pre.findings.map((f: { kind: string }) => f.kind)).toEqual(['consultation']);
    const a = await runCli(
      'docnumber',
      'assign',
      '--agency',
      '襄政办发',
      '--year',
      '2023',
      '--title',
      '关于做好冬季供暖工作的通知',
      '--signed-on',
      '2023-11-20',
      '--disclosure',
      '此件公开发布',
      '--draft',
      draft,
      '--out',
      formal,
      '--db',
      db,
      '--json',
    );
    expect(a.code).toBe(0);
    expect(readFileSync(formal, 'utf8')).toContain('襄政办发〔2023〕27号');
    const issue = join(dir, 'loop-issue.txt');
    const c = await runCli(
      'compile',
      '--from',
      '2023-11-01',
      '--to',
      '2023-11-30',
      '--issue',
      '2023:5',
      '--add',
      formal,
      '--out',
      issue,
      '--db',
      db,
      '--json',
    );
    expect(c.code).toBe(0);
    expect(JSON.parse(c.out).documents).toEqual(['襄政办发〔2023〕27号']);
    expect((await runCli('import', issue, '--db', db, '--json')).code).toBe(0);
    const found = await runCli('search', '供暖工作专班', '--db', db, '--json');
    expect(JSON.parse(found.out).hits[0]).toMatchObject({ docNumber: '襄政办发〔2023〕27号' });
    const next = await runCli('docnumber', 'next', '--agency', '襄政办发', '--year', '2023', '--db', db, '--json');
    expect(next.out).toBe('{"docNumber":"襄政办发〔2023〕28号"}\n');
  });

  it('takes no number for a draft that cannot become a document', async () => {
    writeFileSync(draft, '关于某事的通知\n\n各镇人民政府：\n');
    const a = await runCli(
      'docnumber',
      'assign',
      '--agency',
      '襄政办发',
      '--year',
      '2023',
      '--title',
      '关于某事的通知',
      '--signed-on',
      '2023-11-21',
      '--disclosure',
      'public',
      '--draft',
      draft,
      '--out',
      formal,
      '--db',
      db,
    );
    expect(a.code).toBe(2);
    expect(a.err).toContain('没有正文');
    const next = await runCli('docnumber', 'next', '--agency', '襄政办发', '--year', '2023', '--db', db, '--json');
    expect(next.out).toBe('{"docNumber":"襄政办发〔2023〕28号"}\n');
  });
});
