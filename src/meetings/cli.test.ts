// `luoshi meeting …` in-process: the JSON contracts and bad input (Chinese, exit 2).
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';

describe('luoshi meeting classify', () => {
  it('--json prints the classification with the item, its citation and the reason', async () => {
    const r = await runCli('meeting', 'classify', '关于追加县教育局校舍维修预算150万元的请示', '--json');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.out);
    expect(c.major).toBe(true);
    expect(c.amounts).toEqual([{ text: '150万元', yuan: 1_500_000 }]);
    expect(c.matches[0]).toMatchObject({
      category: 'funds',
      number: 2,
      citation: '襄政发〔2023〕7号附件 四、2.',
      strength: 'match',
    });
  });
  it('readable output explains a miss below 100万元', async () => {
    const r = await runCli('meeting', 'classify', '追加档案馆预算80万元');
    expect(r.code).toBe(0);
    expect(r.out).toContain('未识别为“三重一大”事项');
    expect(r.out).toContain('不足 100万元');
  });
  it('bad input: no text, unknown flag, unknown subcommand', async () => {
    expect((await runCli('meeting', 'classify')).err).toContain('缺少议题文字');
    const flag = await runCli('meeting', 'classify', '议题', '--date', '2023-01-01');
    expect(flag.code).toBe(2);
    expect(flag.err).toContain('--date');
    const sub = await runCli('meeting', 'fly');
    expect(sub.code).toBe(2);
    expect(sub.err).toContain('未知子命令“fly”');
  });
});

describe('luoshi meeting issue-due and request-check', () => {
  it('issue-due: 7 working days across 劳动节', async () => {
    const r = await runCli('meeting', 'issue-due', '--date', '2023-04-25', '--json');
    expect(JSON.parse(r.out)).toEqual({ meetingDate: '2023-04-25', workdays: 7, dueBy: '2023-05-08', official: true });
    const bad = await runCli('meeting', 'issue-due', '--date', '2023-02-30');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--date');
  });
  it('request-check: exit 0 when on time, 1 when late, 2 on bad input', async () => {
    const ok = await runCli(
      'meeting',
      'request-check',
      '--meeting-date',
      '2023-05-10',
      '--submitted-on',
      '2023-04-24',
      '--json',
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ ok: true, latest: '2023-04-24', workdays: 10 });
    const late = await runCli(
      'meeting',
      'request-check',
      '--meeting-date',
      '2023-05-10',
      '--submitted-on',
      '2023-04-25',
    );
    expect(late.code).toBe(1);
    expect(late.out).toContain('第二十五条');
    const bad = await runCli(
      'meeting',
      'request-check',
      '--meeting-date',
      '2023-05-10',
      '--submitted-on',
      '2023-05-11',
    );
    expect(bad.code).toBe(2);
  });
});
