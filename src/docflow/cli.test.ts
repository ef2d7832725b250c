// The `luoshi docflow` contract through main() with a captured io, on real files (UTF-8, GB18030, UTF-16).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { countChars } from './count.ts';

const dir = mkdtempSync(join(tmpdir(), 'luoshi-docflow-'));
const REQUEST = [
  '关于申请维修资金和增加人员编制的请示',
  '',
  '县人民政府：',
  '',
  '今年汛期，我县部分村庄供水管网受损。恳请县人民政府拨付农村饮水安全维修资金85万元。',
  '另外，我局人员紧缺，申请增加事业编制5名，用于水资源监测工作。',
  '妥否，请批示。',
].join('\n');
const file = (name: string, data: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

describe('luoshi docflow check', () => {
  it('prints exactly {"type","chars","limit","findings":[{"kind","message"}]} with --json', async () => {
    const r = await runCli('docflow', 'check', file('req.txt', REQUEST), '--type', '请示', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(Object.keys(out)).toEqual(['type', 'chars', 'limit', 'findings']);
    expect(out.type).toBe('请示');
    expect(out.chars).toBe(countChars(REQUEST));
    expect(out.limit).toBe(1500);
    expect(out.findings.length).toBeGreaterThan(0);
    for (const f of out.findings) expect(Object.keys(f)).toEqual(['kind', 'message']);
    expect(out.findings.map((f: { kind: string }) => f.kind)).toContain('multiple-requests');
    expect(r.err).toBe('');
  });

  it('exits 0 with findings: findings are not failures', async () => {
    const long = `关于某事的请示\n\n县人民政府：\n\n${'甲'.repeat(2000)}。`;
    const r = await runCli('docflow', 'check', file('long.txt', long), '--type', '请示', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).findings[0].kind).toBe('length');
  });

  it('reads a GB18030 draft like a UTF-8 one', async () => {
    const utf = await runCli('docflow', 'check', file('u.txt', REQUEST), '--type', '请示', '--json');
    const gb = await runCli(
      'docflow',
      'check',
      file('g.txt', iconv.encode(REQUEST, 'gb18030')),
      '--type',
      '请示',
      '--json',
    );
    expect(gb.code).toBe(0);
    expect(gb.out).toBe(utf.out);
  });

  it('refuses an unsupported encoding, a missing file and an unknown type with Chinese messages and non-zero exits', async () => {
    const u16 = await runCli(
      'docflow',
      'check',
      file('w.txt', iconv.encode(REQUEST, 'utf16le', { addBOM: true })),
      '--json',
    );
    expect(u16.code).toBe(3);
    expect(u16.err).toContain('UTF-16');
    const missing = await runCli('docflow', 'check', join(dir, 'nope.txt'), '--json');
    expect(missing.code).toBe(6);
    expect(missing.err).toContain('文件不存在');
    const empty = await runCli('docflow', 'check', file('empty.txt', ''), '--type', '请示');
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('是空文件，没有可预审的内容');
    const badType = await runCli('docflow', 'check', file('t.txt', REQUEST), '--type', '便条');
    expect(badType.code).toBe(2);
    expect(badType.err).toContain('15 种公文');
  });

  it('takes the type from the title and prints readable Chinese without --json', async () => {
    const r = await runCli('docflow', 'check', file('r2.txt', REQUEST));
    expect(r.code).toBe(0);
    expect(r.out).toContain('文种：请示（上行文，据标题判断）');
    expect(r.out).toContain('请示应当一文一事');
  });
});

describe('luoshi docflow countersign | upper | sign', () => {
  it('computes the 7-working-day reply clock', async () => {
    const r = await runCli('docflow', 'countersign', '--sent', '2023-09-28', '--as-of', '2023-10-16', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ dueOn: '2023-10-13', status: 'no-objection' });
  });

  it('computes the upper-level draft deadline', async () => {
    const r = await runCli('docflow', 'upper', '--deadline', '2023-06-30', '--name', '县委县政府', '--json');
    expect(JSON.parse(r.out)).toMatchObject({ dueOn: '2023-06-15', leadDays: 15 });
    const bad = await runCli('docflow', 'upper', '--deadline', '2023-06-30', '--name', '市政府');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--name');
  });

  it('answers who may sign', async () => {
    const r = await runCli(
      'docflow',
      'sign',
      '--issuer',
      '县人民政府',
      '--signer',
      '副县长',
      '--type',
      '通知',
      '--json',
    );
    expect(JSON.parse(r.out)).toMatchObject({ allowed: false, clause: '第三十三条' });
    const bad = await runCli('docflow', 'sign', '--issuer', '县财政局', '--signer', '县长');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--issuer');
  });

  it('refuses an unknown sub-command', async () => {
    const r = await runCli('docflow', 'frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toContain('未知的子命令');
  });
});
