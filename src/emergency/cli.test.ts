// `luoshi outage classify` and `luoshi outage cap`: the contract, exactly, and bad input (Chinese, exit 2).
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { capSchemaAvailable, capSchemaErrors } from './capSchema.testkit.ts';

const run = runCli;

describe('luoshi outage classify --json', () => {
  it('prints {level, color, matched} exactly', async () => {
    const r = await run(
      'outage',
      'classify',
      '--grid',
      'provincial',
      '--load-mw',
      '20000',
      '--lost-load-pct',
      '30',
      '--json',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      level: '特别重大',
      color: 'red',
      matched: [
        {
          level: '特别重大',
          grid: 'provincial',
          criterion: 'lost-load',
          clause: '附件1 特别重大 2. 省、自治区电网：负荷20000兆瓦以上的减供负荷30%以上',
        },
      ],
    });
  });

  it('both criteria, every grid type', async () => {
    const r = await run(
      'outage',
      'classify',
      '--grid',
      'municipality',
      '--load-mw',
      '9000',
      '--lost-load-pct',
      '12',
      '--users-out-pct',
      '31',
      '--json',
    );
    const j = JSON.parse(r.out);
    expect([j.level, j.color, j.matched.map((m: { criterion: string }) => m.criterion)]).toEqual([
      '重大',
      'orange',
      ['users-out', 'lost-load'],
    ]);
    for (const [grid, load, pct, level] of [
      ['regional', '1', '4', '一般'],
      ['provincial-capital', '2500', '65', '特别重大'],
      ['city', '600', '60', '重大'],
      ['county-city', '150', '60', '较大'],
    ]) {
      const x = await run(
        'outage',
        'classify',
        '--grid',
        grid as string,
        '--load-mw',
        load as string,
        '--lost-load-pct',
        pct as string,
        '--json',
      );
      expect([x.code, JSON.parse(x.out).level]).toEqual([0, level]);
    }
  });

  it('below 一般: level and color null, matched empty', async () => {
    const r = await run(
      'outage',
      'classify',
      '--grid',
      'county-city',
      '--load-mw',
      '300',
      '--users-out-pct',
      '49.9',
      '--json',
    );
    expect(JSON.parse(r.out)).toEqual({ level: null, color: null, matched: [] });
  });

  it('readable Chinese without --json', async () => {
    const r = await run('outage', 'classify', '--grid', 'county-city', '--load-mw', '300', '--lost-load-pct', '45');
    expect(r.code).toBe(0);
    expect(r.out).toContain('一般大面积停电事件（蓝色）');
    expect(r.out).toContain('附件1 一般 6. 县级市电网');
  });
});

describe('luoshi outage cap', () => {
  it('prints one CAP 1.2 alert, valid against the schema', async () => {
    const r = await run('outage', 'cap', '--level', '一般', '--area', '襄垣县 <城区> & 郊区');
    expect(r.code).toBe(0);
    expect(r.out.match(/<alert /g)).toHaveLength(1);
    expect(r.out).toMatch(/<sent>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00<\/sent>/);
    expect(r.out).toContain('<status>Actual</status>');
    expect(r.out).toContain('<msgType>Alert</msgType>');
    expect(r.out).toContain('<severity>Minor</severity>');
    expect(r.out).toContain('<areaDesc>襄垣县 &lt;城区&gt; &amp; 郊区</areaDesc>');
    expect(r.out).toMatch(/<identifier>140423-OUTAGE-\d{14}-[0-9A-F]{6}<\/identifier>/);
    if (capSchemaAvailable()) expect(await capSchemaErrors([r.out])).toEqual([]);
  });

  it('Exercise, Update and Cancel with --references', async () => {
    const ex = await run('outage', 'cap', '--level', '特别重大', '--area', '襄垣县', '--status', 'Exercise');
    expect(ex.out).toContain('<status>Exercise</status>');
    const refs = 'outage.140423@luoshi,140423-OUTAGE-20230703140500-ABC123,2023-07-03T14:05:00+08:00';
    const up = await run(
      'outage',
      'cap',
      '--level',
      '重大',
      '--area',
      '襄垣县',
      '--msg-type',
      'Update',
      '--references',
      refs,
    );
    expect(up.code).toBe(0);
    expect(up.out).toContain(`<references>${refs}</references>`);
    const cancel = await run(
      'outage',
      'cap',
      '--level',
      '重大',
      '--area',
      '襄垣县',
      '--msg-type',
      'Cancel',
      '--references',
      refs,
      '--json',
    );
    const j = JSON.parse(cancel.out);
    expect(j.xml).toContain('<msgType>Cancel</msgType>');
    expect(j.sent).toMatch(/\+08:00$/);
    if (capSchemaAvailable()) expect(await capSchemaErrors([ex.out, up.out, j.xml])).toEqual([]);
  });
});

describe('bad input: Chinese message naming the flag, exit 2', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'Update without --references',
      ['cap', '--level', '一般', '--area', 'x', '--msg-type', 'Update'],
      /--references.*调整（Update）预警必须用 --references/,
    ],
    [
      'Cancel without --references',
      ['cap', '--level', '一般', '--area', 'x', '--msg-type', 'Cancel'],
      /--references.*解除（Cancel）/,
    ],
    [
      'bad references',
      ['cap', '--level', '一般', '--area', 'x', '--msg-type', 'Update', '--references', 'a,b'],
      /参数 --references：引用“a,b”格式不正确/,
    ],
    [
      'Alert with references',
      ['cap', '--level', '一般', '--area', 'x', '--references', 'a,b,2023-07-03T14:05:00+08:00'],
      /参数 --references：.*不应引用/,
    ],
    ['unknown level', ['cap', '--level', '红色', '--area', 'x'], /参数 --level：预警级别“红色”无效/],
    ['missing area', ['cap', '--level', '一般'], /参数 --area：缺少影响区域/],
    ['bad status', ['cap', '--level', '一般', '--area', 'x', '--status', 'Test'], /参数 --status/],
    ['bad msg type', ['cap', '--level', '一般', '--area', 'x', '--msg-type', 'Ack'], /参数 --msg-type/],
    [
      'unknown grid',
      ['classify', '--grid', 'village', '--load-mw', '1', '--lost-load-pct', '5'],
      /参数 --grid：未知的电网类型“village”/,
    ],
    ['missing grid', ['classify', '--load-mw', '1', '--lost-load-pct', '5'], /参数 --grid：缺少电网类型/],
    ['missing load', ['classify', '--grid', 'regional', '--lost-load-pct', '5'], /参数 --load-mw：缺少电网负荷/],
    [
      'negative load',
      ['classify', '--grid', 'county-city', '--load-mw=-5', '--lost-load-pct', '5'],
      /参数 --load-mw：电网负荷（兆瓦）不能为负数/,
    ],
    [
      'non-numeric load',
      ['classify', '--grid', 'county-city', '--load-mw', 'abc', '--lost-load-pct', '5'],
      /参数 --load-mw：电网负荷（兆瓦）应为数字，收到“abc”/,
    ],
    [
      'pct over 100',
      ['classify', '--grid', 'regional', '--load-mw', '1', '--lost-load-pct', '101'],
      /参数 --lost-load-pct：减供负荷比例（%）应在 0 到 100 之间/,
    ],
    [
      'pct below 0',
      ['classify', '--grid', 'regional', '--load-mw', '1', '--users-out-pct=-1'],
      /参数 --users-out-pct：停电用户比例（%）应在 0 到 100 之间/,
    ],
    ['no percentage', ['classify', '--grid', 'regional', '--load-mw', '1'], /须至少提供 --lost-load-pct/],
    [
      'cap flag on classify',
      ['classify', '--grid', 'regional', '--load-mw', '1', '--lost-load-pct', '5', '--level', '一般'],
      /参数 --level：outage classify 不接受此参数/,
    ],
    ['unknown subcommand', ['grade'], /未知的子命令“grade”/],
    ['no subcommand', [], /缺少子命令/],
  ];
  it.each(cases)('%s', async (_n, argv, message) => {
    const r = await run('outage', ...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });

  it('--json errors carry the flag as the field', async () => {
    const r = await run(
      'outage',
      'classify',
      '--grid',
      'regional',
      '--load-mw',
      '1',
      '--lost-load-pct',
      '101',
      '--json',
    );
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error).toMatchObject({ code: 'BAD_INPUT', field: '--lost-load-pct' });
  });

  it('a negative value written as a separate argument is refused by the platform parser (use --load-mw=-5)', async () => {
    const r = await run('outage', 'classify', '--grid', 'county-city', '--load-mw', '-5', '--lost-load-pct', '5');
    expect(r.code).toBe(2);
    expect(r.err).toContain('参数错误');
  });

  it('an unknown flag is refused by the platform parser', async () => {
    const r = await run('outage', 'classify', '--grade', 'x');
    expect(r.code).toBe(2);
    expect(r.err).toContain('参数错误');
  });
});
