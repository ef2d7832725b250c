// The CLI contract of issue #6 (rubric list/show, score with JSON and .xlsx input), through runCli.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { buildTemplate, DATA_SHEET } from './excel.ts';
import { resolveRubric } from './load.ts';

const dir = mkdtempSync(join(tmpdir(), 'luoshi-eval-'));

function file(name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' || content instanceof Buffer ? content : JSON.stringify(content));
  return p;
}

const bankValues = (k: number) => ({
  'loan-increment-rank': 5000 - 700 * k,
  'loan-growth-vs-gdp': { actual: 6 + k, target: 8 },
  'loan-growth-vs-city': k % 2 === 0,
  'loan-growth-rate-rank': 12 - k,
  'gov-activities': { points: 95 - k, justification: '按时参加县政府组织的活动' },
});

describe('luoshi rubric', () => {
  it('list --json prints {rubrics:[{id,title,docNumber,maxScore}]}', async () => {
    const r = await runCli('rubric', 'list', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.rubrics).toContainEqual({
      id: 'bank-evaluation-2023',
      title: '襄垣县银行业金融机构支持地方经济发展实绩评价',
      docNumber: '襄政办发〔2023〕26号',
      maxScore: 100,
    });
    expect(out.rubrics).toContainEqual(
      expect.objectContaining({ id: 'chronic-disease-zone-2023', docNumber: '襄政办发〔2023〕21号', maxScore: 300 }),
    );
    for (const x of out.rubrics) expect(Object.keys(x).sort()).toEqual(['docNumber', 'id', 'maxScore', 'title']);
  });

  it('show <id> --json prints categories and items with id, title, max, rule', async () => {
    const r = await runCli('rubric', 'show', 'bank-evaluation-2023', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.categories).toHaveLength(9);
    const first = out.categories[0].items[0];
    expect(first).toMatchObject({ id: 'loan-increment-rank', title: '当年贷款增量排序', max: 40 });
    expect(first.rule).toMatchObject({ type: 'rank', first: 40, step: 1 });
  });

  it('show of an unknown rubric fails in Chinese with exit 6', async () => {
    const r = await runCli('rubric', 'show', 'nope');
    expect(r.code).toBe(6);
    expect(r.err).toContain('没有编号为“nope”的评分细则');
  });
});

describe('luoshi score', () => {
  it('scores a JSON input with the contract shape', async () => {
    const input = file('bank.json', {
      period: '2023',
      entities: [0, 1, 2].map((k) => ({
        id: `bank-${k}`,
        name: `银行${k}`,
        assessments: { self: bankValues(k), department: bankValues(k) },
      })),
    });
    const r = await runCli('score', '--rubric', 'bank-evaluation-2023', '--input', input, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.entities).toHaveLength(3);
    const e = out.entities[0];
    for (const k of ['id', 'final', 'rank', 'grade', 'flags', 'categories', 'items']) expect(e).toHaveProperty(k);
    expect(e.categories[0]).toHaveProperty('id');
    expect(e.categories[0]).toHaveProperty('score');
    const first = out.entities.find((x: { id: string }) => x.id === 'bank-0');
    expect(first.items[0]).toEqual(expect.objectContaining({ id: 'loan-increment-rank', points: 40 }));
    const third = out.entities.find((x: { id: string }) => x.id === 'bank-2');
    expect(third.items[0].explain).toContain('当年贷款增量排第3名：40−2=38分');
    expect(out.entities.map((x: { rank: number }) => x.rank).sort()).toEqual([1, 2, 3]);
    expect(out.entities.every((x: { flags: string[] }) => x.flags.includes('报备市金融办'))).toBe(true);
  });

  it('scores a rubric given as a file path', async () => {
    const input = file('one.json', {
      entities: [{ id: 'a', assessments: { self: bankValues(0), department: bankValues(0) } }],
    });
    const r = await runCli('score', '--rubric', 'rubrics/bank-evaluation-2023.yaml', '--input', input, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).entities[0].rank).toBe(1);
  });

  it('prints a readable Chinese score sheet without --json', async () => {
    const input = file('one2.json', {
      entities: [{ id: 'a', name: '甲银行', assessments: { self: bankValues(0), department: bankValues(0) } }],
    });
    const r = await runCli('score', '--rubric', 'bank-evaluation-2023', '--input', input);
    expect(r.code).toBe(0);
    expect(r.out).toContain('第1名 甲银行');
    expect(r.out).toContain('贷款增长：');
  });

  it('scores a filled Excel template (.xlsx)', async () => {
    const rubric = resolveRubric('bank-evaluation-2023');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await buildTemplate(rubric, [
        { id: 'b1', name: '甲银行' },
        { id: 'b2', name: '乙银行' },
      ])) as unknown as ArrayBuffer,
    );
    const ws = wb.getWorksheet(DATA_SHEET)!;
    const header = Array.from(ws.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const col = (key: string) => header.findIndex((h) => h.endsWith(`〔${key}〕`));
    const amounts = [900, 500, 800, 400];
    for (let r = 2; r <= 5; r++) ws.getRow(r).getCell(col('loan-increment-rank')).value = amounts[r - 2]!;
    ws.getRow(2).getCell(col('gov-activities.points')).value = 90;
    ws.getRow(2).getCell(col('gov-activities.justification')).value = '积极参加';
    const path = file('filled.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const r = await runCli('score', '--rubric', 'bank-evaluation-2023', '--input', path, '--json');
    expect(r.err).toBe('');
    const out = JSON.parse(r.out);
    const b1 = out.entities.find((e: { id: string }) => e.id === 'b1');
    expect(b1.items[0].points).toBe(40);
    expect(out.entities.find((e: { id: string }) => e.id === 'b2').items[0].points).toBe(39);
  });

  it('refuses a bank listed twice, naming it, exit 2', async () => {
    const input = file('dup.json', {
      entities: [
        { id: 'x', name: '丙银行' },
        { id: 'x', name: '丙银行' },
      ],
    });
    const r = await runCli('score', '--rubric', 'bank-evaluation-2023', '--input', input, '--json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('单位“丙银行”（x）列出了两次');
    expect(JSON.parse(r.out).error.field).toBe('entities.1.id');
  });

  it('refuses a value above the maximum, naming entity, item and field', async () => {
    const input = file('over.json', {
      entities: [
        {
          id: 'y',
          name: '丁银行',
          assessments: { department: { 'gov-information': { points: 120, justification: '好' } } },
        },
      ],
    });
    const r = await runCli('score', '--rubric', 'bank-evaluation-2023', '--input', input);
    expect(r.code).toBe(2);
    expect(r.err).toContain('单位“丁银行”（部门评价）指标“及时报送信息资料、统计分析数据情况”（gov-information）');
    expect(r.err).toContain('超过该项满分 100 分');
  });

  it('refuses broken JSON, a missing file, a missing flag', async () => {
    expect(
      (await runCli('score', '--rubric', 'bank-evaluation-2023', '--input', file('bad.json', '{x'))).err,
    ).toContain('不是有效的 JSON');
    const missing = await runCli('score', '--rubric', 'bank-evaluation-2023', '--input', join(dir, 'none.json'));
    expect(missing.code).toBe(6);
    expect((await runCli('score', '--input', 'x.json')).err).toContain('缺少参数 --rubric');
  });

  it('refuses an Excel file with bad rows, listing every row, and accepts none of it', async () => {
    const rubric = resolveRubric('bank-evaluation-2023');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildTemplate(rubric, [{ id: 'b1', name: '甲银行' }])) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(DATA_SHEET)!;
    const header = Array.from(ws.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const col = (key: string) => header.findIndex((h) => h.endsWith(`〔${key}〕`));
    ws.getRow(2).getCell(col('loan-increment-rank')).value = '很多';
    ws.getRow(3).getCell(col('gov-activities.points')).value = 101;
    ws.getRow(3).getCell(col('gov-activities.justification')).value = '超了';
    ws.getRow(4).values = ['b1', '甲银行', '自查自评'];
    const path = file('bad.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const r = await runCli('score', '--rubric', 'bank-evaluation-2023', '--input', path, '--json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('3 处问题，未导入任何数据');
    expect(r.err).toContain('第 2 行');
    expect(r.err).toContain('第 3 行');
    expect(r.err).toContain('第 4 行');
    expect(r.err).toContain('同一单位不能列两次');
  });
});
