// The `luoshi parse` / `luoshi lint` contract and bad input at the command line, on real files.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { SEED_PATH, seedAvailable } from '../../test/seed.ts';

const root = resolve(import.meta.dirname, '../..');
const fixture = (name: string) => resolve(root, 'test/fixtures', name);
const demo = resolve(root, 'samples/demo-gazette.txt');

const run = runCli;

describe.skipIf(!seedAvailable())('luoshi parse --json on the seed', () => {
  it('prints the contract shape', async () => {
    const { code, out } = await run('parse', SEED_PATH, '--json');
    expect(code).toBe(0);
    const j = JSON.parse(out);
    expect(j.issue).toMatchObject({
      title: '长治市襄垣县人民政府公报',
      year: 2023,
      number: 3,
      publishedOn: '2023-10-07',
    });
    expect(j.issue.toc[0]).toEqual(
      expect.objectContaining({ title: expect.any(String), issuer: '襄垣县人民政府', page: 1 }),
    );
    expect(j.documents).toHaveLength(14);
    expect(j.documents[0]).toEqual(
      expect.objectContaining({
        docNumber: '襄政发〔2023〕4号',
        issuer: '襄垣县人民政府',
        signedOn: '2023-05-06',
        disclosure: 'public',
        attachments: expect.any(Array),
      }),
    );
    expect(j.documents[0].attachments[0]).toEqual(expect.objectContaining({ title: '襄垣县妇女发展“十四五”规划' }));
    for (const f of j.findings)
      expect(f).toEqual(
        expect.objectContaining({ kind: expect.any(String), message: expect.any(String), line: expect.any(Number) }),
      );
  });
});

describe('bad input at the command line', () => {
  it('refuses an empty file', async () => {
    const r = await run('parse', fixture('empty.txt'), '--json');
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('空文件');
  });

  it('refuses a binary file, naming the line', async () => {
    const r = await run('parse', fixture('binary.bin'));
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/第 \d+ 行.*二进制/);
  });

  it('decodes a GBK file and says so', async () => {
    const r = await run('parse', fixture('gbk.txt'), '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.documents.length).toBeGreaterThan(0);
    expect(j.findings.some((f: { kind: string }) => f.kind === 'encoding')).toBe(true);
  });

  it('accepts CRLF and a BOM exactly like the LF original', async () => {
    const text = readFileSync(fixture('crlf-bom.txt'), 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.includes('\r\n')).toBe(true);
    const r = await run('parse', fixture('crlf-bom.txt'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).documents.length).toBeGreaterThan(0);
  });

  it('refuses a text with no 发文字号, with a line number', async () => {
    const r = await run('parse', fixture('no-docnumber.txt'));
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/第 \d+ 行：全文未找到任何发文字号/);
  });

  it('refuses a truncated notice, naming its line', async () => {
    const r = await run('lint', fixture('truncated.txt'));
    expect(r.code).toBe(4);
    expect(r.out).toMatch(/第\s+\d+ 行 \[错误\].*截断/);
  });

  it('names a missing file', async () => {
    const r = await run('parse', '/nonexistent/x.txt');
    expect(r.code).toBe(6);
    expect(r.err).toContain('文件不存在');
  });

  it('rejects unknown flags with the usage line', async () => {
    const r = await run('parse', demo, '--bogus');
    expect(r.code).toBe(2);
    expect(r.err).toContain('用法');
  });
});

describe('the demo gazette', () => {
  it('is marked fictional on its cover and parses without errors', async () => {
    const r = await run('parse', demo, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.issue.notes.join('')).toContain('虚构');
    expect(j.documents).toHaveLength(8);
    expect(j.documents.map((d: { disclosure: string }) => d.disclosure)).toEqual(
      expect.arrayContaining(['public', 'partial', 'restricted']),
    );
  });

  it('lints exactly the deliberate errors listed in samples/README.md', async () => {
    const r = await run('lint', demo, '--json');
    const findings = JSON.parse(r.out).findings as { kind: string; line: number }[];
    expect(findings.map((f) => [f.kind, f.line])).toEqual([
      ['toc-title-mismatch', 25],
      ['ocr-latin', 445],
      ['table-total', 471],
      ['attachment-numbering', 849],
    ]);
  });
});
