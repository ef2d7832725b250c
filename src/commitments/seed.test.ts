// End to end on the real gazette: the records the issue asks for, the findings, and the measured accuracy
// against the hand-labelled gold (test/gold/). Skipped, loudly, when the seed is not present.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEED_PATH, seedAvailable, seedText } from '../../test/seed.ts';
import { parseGazette } from '../gazette/parse.ts';
import { type CliIO, main } from '../platform/cli.ts';
import { extractCommitments } from './extract.ts';
import { type GoldTarget, type GoldTask, type Scope, scoreTargets, scoreTasks } from './score.ts';
import type { Commitments } from './types.ts';

const gold = resolve(import.meta.dirname, '../../test/gold');
const jsonl = <T>(name: string) =>
  readFileSync(resolve(gold, name), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

describe.skipIf(!seedAvailable())('commitments on the seed (襄垣县人民政府公报 2023年第3期)', () => {
  let r: Commitments;
  beforeAll(() => {
    const text = seedText();
    r = extractCommitments(parseGazette(text), { source: text });
  });

  it('meets the accuracy bar on the gold (tasks and targets ≥ 0.95)', () => {
    const scope = JSON.parse(readFileSync(resolve(gold, 'xiangyuan-2023-03.scope.json'), 'utf8')) as {
      tasks: Scope[];
      targets: Scope[];
    };
    const tasks = scoreTasks(jsonl<GoldTask>('xiangyuan-2023-03.tasks.jsonl'), r.tasks, scope.tasks);
    const targets = scoreTargets(jsonl<GoldTarget>('xiangyuan-2023-03.targets.jsonl'), r.targets, scope.targets);
    expect(tasks.gold).toBeGreaterThanOrEqual(100);
    expect(targets.gold).toBeGreaterThanOrEqual(100);
    for (const v of [tasks.precision, tasks.recall, targets.precision, targets.recall])
      expect(v).toBeGreaterThanOrEqual(0.95);
  });

  it('the four command structures the issue names', () => {
    const soil = r.groups.find((g) => g.name === '襄垣县第三次全国土壤普查领导小组');
    expect(soil?.office?.host).toBe('县农业农村局');
    const coal = r.groups.find((g) => g.kind === 'task-force');
    expect(coal?.leader).toBe('县长');
    expect(coal?.office?.directors).toEqual(['县能源局主要负责人', '县自然资源局主要负责人']);
    const outage = r.groups.find((g) => g.kind === 'command');
    expect(outage?.name).toBe('县大面积停电事件应急指挥部');
    expect(outage?.subgroups.map((s) => s.name)).toEqual([
      '综合协调组',
      '电力恢复组',
      '专家技术组',
      '社会稳定组',
      '宣传报道组',
      '应急保障组',
      '善后工作组',
    ]);
    // 附件2 lists 县人武部 and 县商务中心, 2.1.1 does not (第1599、1878、1899行)
    expect(outage?.members).toEqual(expect.arrayContaining(['县人武部', '县商务中心']));
    expect(r.findings.some((f) => f.kind === 'group-members-differ' && /县人武部、县商务中心/.test(f.message))).toBe(
      true,
    );
    const chronic = r.groups.find((g) => g.name === '襄垣县国家慢性病综合防控示范区建设领导小组');
    expect(chronic?.deputies[0]).toBe('分管卫体工作副县长');
    expect(chronic?.subgroups).toEqual([
      { name: '专家技术指导考核组', host: '县疾控中心', leader: '县疾控中心主要负责人' },
    ]);
  });

  it('projects of 8号 and phases of 9/21/25号', () => {
    expect(r.projects).toHaveLength(5);
    expect(r.projects.reduce((s, p) => s + (p.fundingWan ?? 0), 0)).toBe(200);
    expect(r.phases.filter((p) => p.docNumber === '襄政办发〔2023〕21号').map((p) => p.end)).toEqual([
      '2023-08-31',
      '2023-10-10',
      '2023-11-10',
      '2023-11-30',
    ]);
  });

  it('the 24号 catalogue: one task per printed row (56), and the declared counts reported', () => {
    const cat = r.tasks.filter((t) => t.source === 'catalogue');
    expect(cat).toHaveLength(56);
    expect(cat.filter((t) => t.status === 'done')).toHaveLength(10);
    expect(cat.find((t) => t.title === '城市竖向专项规划')?.due).toBe('2023-12-31');
    expect(cat.find((t) => t.title === '矿产资源专项规划')?.due).toBe('2024-12-31');
    expect(
      r.findings.some((f) => f.kind === 'catalogue-count' && /尚未编制：正文 47 项，清单 42 项/.test(f.message)),
    ).toBe(true);
  });

  it('指标分解表 rows of 21号 fill merged 责任单位 cells down, with findings', () => {
    const rows = r.tasks.filter((t) => t.source === 'breakdown');
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.find((t) => t.line === 2740)?.lead).toContain('县卫体局'); // printed 县体育局
    expect(r.findings.some((f) => f.kind === 'table-fill-down' && f.line === 2725)).toBe(true);
  });

  it('涉及企业 resolves to the enterprises of the row (17号 附件2 第2209行)', () => {
    const row = r.tasks.find((t) => t.line === 2209);
    expect(row?.lead).toEqual([
      '市生态环境局襄垣分局',
      '山西石泉煤业有限责任公司',
      '山西襄矿晋平煤业有限公司',
      '山西襄矿上良煤业有限公司',
      '山西潞安环保能源开发股份有限公司漳村煤矿',
    ]);
  });

  it('reports the 托位数 target that differs between 4号, 6号 prose and 6号 table', () => {
    expect(r.findings.some((f) => f.kind === 'target-inconsistent' && /托位数/.test(f.message))).toBe(true);
  });

  it('every task and target carries provenance that points into the document', () => {
    for (const t of [...r.tasks, ...r.targets]) {
      expect(t.docNumber).toMatch(/〔2023〕\d+号$/);
      expect(t.eId.length).toBeGreaterThan(0);
      expect(t.line).toBeGreaterThan(0);
    }
  });

  it('luoshi extract --json prints the contract', async () => {
    let out = '';
    const io: CliIO = {
      out: (s) => {
        out += `${s}\n`;
      },
      err: () => {},
      tty: false,
    };
    expect(await main(['extract', SEED_PATH, '--json'], io)).toBe(0);
    const j = JSON.parse(out);
    expect(Object.keys(j)).toEqual(
      expect.arrayContaining(['orgs', 'tasks', 'targets', 'groups', 'phases', 'projects', 'findings']),
    );
    expect(j.orgs[0]).toEqual(
      expect.objectContaining({ name: expect.any(String), aliases: expect.any(Array), kind: expect.any(String) }),
    );
    expect(j.tasks[0]).toEqual(
      expect.objectContaining({
        docNumber: expect.any(String),
        eId: expect.any(String),
        title: expect.any(String),
        text: expect.any(String),
        lead: expect.any(Array),
        support: expect.any(Array),
      }),
    );
    expect(j.tasks.every((t: { due: string | null }) => t.due === null || /^\d{4}-\d{2}-\d{2}$/.test(t.due))).toBe(
      true,
    );
    const ops = new Set(['>=', '>', '<=', '<', '=', '~', 'increase', 'decrease']);
    for (const t of j.targets) {
      expect(ops.has(t.target.op)).toBe(true);
      expect(['binding', 'expected', null]).toContain(t.attribute);
      expect(['higher', 'lower', null]).toContain(t.direction);
    }
    expect(j.groups[0]).toEqual(
      expect.objectContaining({
        name: expect.any(String),
        leader: expect.any(String),
        deputies: expect.any(Array),
        members: expect.any(Array),
      }),
    );
    expect(j.phases[0]).toEqual(expect.objectContaining({ docNumber: expect.any(String), name: expect.any(String) }));
    expect(j.projects[0]).toEqual({
      name: expect.any(String),
      owner: '杨凤玲',
      fundingWan: 50,
      years: 2,
      docNumber: '襄政发〔2023〕8号',
      eId: expect.any(String),
      line: 1355,
    });
    out = '';
    expect(await main(['extract', SEED_PATH, '--findings', '--json'], io)).toBe(0);
    expect(Object.keys(JSON.parse(out))).toEqual(['findings', 'review']);
  });
});

describe('luoshi extract on bad input', () => {
  it('refuses an empty file with a Chinese message and a non-zero code', async () => {
    let err = '';
    const io: CliIO = {
      out: () => {},
      err: (s) => {
        err += s;
      },
      tty: false,
    };
    const code = await main(['extract', resolve(import.meta.dirname, '../../test/fixtures/empty.txt')], io);
    expect(code).not.toBe(0);
    expect(err).toMatch(/错误/);
  });
  it('works on the fictional demo gazette', async () => {
    let out = '';
    const io: CliIO = {
      out: (s) => {
        out += s;
      },
      err: () => {},
      tty: false,
    };
    expect(await main(['extract', resolve(import.meta.dirname, '../../samples/demo-gazette.txt'), '--json'], io)).toBe(
      0,
    );
    const j = JSON.parse(out);
    expect(j.tasks.length).toBeGreaterThan(10);
    expect(j.orgs.some((o: { name: string }) => o.name === '县卫健局')).toBe(true);
  });
});
