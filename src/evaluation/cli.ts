// `luoshi rubric list|show` and `luoshi score` — thin edge over the pure engine. Contract (issue #6):
//   rubric list --json → {"rubrics":[{"id","title","docNumber","maxScore"}]}
//   rubric show <id> --json → the rubric with categories and items (id, title, max, rule)
//   score --rubric <id|file> --input <file.json|file.xlsx> --json →
//     {"entities":[{"id","final","rank","grade","flags":[],"categories":[{"id","score"}],"items":[{"id","points","explain"}]}]}
import { existsSync, readFileSync } from 'node:fs';
import type { CliIO, Command, Flags } from '../platform/cli.ts';
import { requireArg } from '../platform/cli.ts';
import { AppError } from '../platform/errors.ts';
import { fmt2, type ScoreResult, score } from './engine.ts';
import { inputFromWorkbook } from './excel.ts';
import { parseScoreInput } from './input.ts';
import { resolveRubric, shippedRubrics } from './load.ts';
import type { Rubric } from './rubric.ts';

const USAGE_RUBRIC = 'luoshi rubric list [--json] | luoshi rubric show <编号|文件> [--json]';
const USAGE_SCORE = 'luoshi score --rubric <编号|文件.yaml> --input <文件.json|文件.xlsx> [--json]';

export function rubricSummary(r: Rubric) {
  return { id: r.id, title: r.title, docNumber: r.docNumber, maxScore: r.maxScore };
}

/** The rubric as `rubric show --json` prints it: every field of the YAML, defaults filled in. */
export function rubricJson(r: Rubric) {
  return r;
}

export function resultJson(res: ScoreResult) {
  return {
    rubric: res.rubric,
    period: res.period,
    maxScore: res.maxScore,
    entities: res.entities.map((e) => ({
      id: e.id,
      name: e.name,
      final: e.final,
      rank: e.rank,
      grade: e.grade,
      flags: e.flags,
      base: e.base,
      bonus: e.bonus,
      penalty: e.penalty,
      vetoes: e.vetoes,
      categories: e.categories.map((c) => ({
        id: c.id,
        title: c.title,
        score: c.score,
        max: c.max,
        weight: c.weight,
        contribution: c.contribution,
      })),
      items: e.items.map((i) => ({
        id: i.id,
        title: i.title,
        points: i.points,
        max: i.max,
        explain: i.explain,
        missing: i.missing,
      })),
      missing: e.missing,
      adjustments: e.adjustments,
    })),
  };
}

/** Read a score input file: JSON, or an Excel workbook made from the rubric's template. */
export async function readInputFile(rubric: Rubric, path: string): Promise<unknown> {
  if (!existsSync(path)) throw new AppError('NOT_FOUND', `找不到输入文件 ${path}`, { file: path });
  const bytes = readFileSync(path);
  if (/\.xlsx$/i.test(path)) return inputFromWorkbook(rubric, bytes, path);
  try {
    return JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new AppError('BAD_INPUT', `输入文件 ${path} 不是有效的 JSON：${(e as Error).message}`, { file: path });
  }
}

function flag(flags: Flags, name: string, usage: string): string {
  const v = flags[name];
  if (typeof v !== 'string' || v.trim() === '')
    throw new AppError('BAD_INPUT', `缺少参数 --${name}。用法：${usage}`, { field: `--${name}` });
  return v;
}

function printSheet(res: ScoreResult, rubric: Rubric, io: CliIO): void {
  io.out(`${rubric.title}（${rubric.docNumber}）${res.period ? ` ${res.period}` : ''} 满分 ${rubric.maxScore}`);
  for (const e of res.entities) {
    io.out(
      `第${e.rank}名 ${e.name}：${fmt2(e.final)}分${e.grade ? ` ${e.grade}` : ''}${e.flags.length ? `（${e.flags.join('；')}）` : ''}`,
    );
    for (const c of e.categories)
      io.out(
        `  ${c.title}：${fmt2(c.score)}/${fmt2(c.max)}${c.weight !== null ? `（权重${c.weight}%，计${fmt2(c.contribution)}分）` : ''}`,
      );
    for (const i of e.items) io.out(`    ${i.title}：${fmt2(i.points)}分 — ${i.explain}`);
    for (const a of e.adjustments) io.out(`  ${a}`);
  }
}

async function rubricCommand(args: string[], flags: Flags, io: CliIO): Promise<number> {
  const sub = requireArg(args, 0, '子命令 list 或 show', USAGE_RUBRIC);
  if (sub === 'list') {
    const list = shippedRubrics().map(rubricSummary);
    if (flags.json) io.out(JSON.stringify({ rubrics: list }));
    else for (const r of list) io.out(`${r.id}  ${r.title}（${r.docNumber}，满分${r.maxScore}）`);
    return 0;
  }
  if (sub === 'show') {
    const r = resolveRubric(requireArg(args, 1, '评分细则编号或文件', USAGE_RUBRIC));
    if (flags.json) io.out(JSON.stringify(rubricJson(r)));
    else {
      io.out(`${r.title}（${r.docNumber}）满分 ${r.maxScore}`);
      for (const c of r.categories) {
        io.out(`${c.title}${c.weight !== undefined ? ` 权重${c.weight}%` : ''} 满分${c.max}`);
        for (const i of c.items) io.out(`  ${i.id}  ${i.title}（${i.max}分，${i.rule.type}）  依据：${i.clause}`);
      }
    }
    return 0;
  }
  throw new AppError('BAD_INPUT', `未知子命令“${sub}”。用法：${USAGE_RUBRIC}`);
}

async function scoreCommand(_args: string[], flags: Flags, io: CliIO): Promise<number> {
  const rubric = resolveRubric(flag(flags, 'rubric', USAGE_SCORE));
  const path = flag(flags, 'input', USAGE_SCORE);
  const raw = await readInputFile(rubric, path);
  let input: ReturnType<typeof parseScoreInput>;
  try {
    input = parseScoreInput(rubric, raw);
  } catch (e) {
    if (e instanceof AppError)
      throw new AppError(e.code, `输入文件 ${path}：${e.message}`, { file: path, ...e.location });
    throw e;
  }
  const res = score(rubric, input);
  if (flags.json) io.out(JSON.stringify(resultJson(res)));
  else printSheet(res, rubric, io);
  return 0;
}

export const evaluationCommands: Command[] = [
  {
    name: 'rubric',
    usage: USAGE_RUBRIC,
    summary: '列出或显示评分细则（银行业金融机构评价、慢性病综合防控示范区等）',
    options: {},
    run: rubricCommand,
  },
  {
    name: 'score',
    usage: USAGE_SCORE,
    summary: '按评分细则计算得分、排名、等次与提示',
    options: { rubric: { type: 'string' }, input: { type: 'string' } },
    run: scoreCommand,
  },
];
