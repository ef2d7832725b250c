// `luoshi extract <file> [--json] [--findings]`: commitments (units, tasks, targets, groups, phases,
// projects) extracted from a gazette, with the findings and the unit review queue.
import { loadGazette } from '../gazette/cli.ts';
import type { CliIO, Command, Flags } from '../platform/cli.ts';
import { requireArg } from '../platform/cli.ts';
import { toExtractJson } from './contract.ts';
import { extractCommitments } from './extract.ts';
import type { CommitmentFinding } from './types.ts';

function sev(f: CommitmentFinding): string {
  return f.severity === 'error' ? '错误' : f.severity === 'warning' ? '警告' : '提示';
}

export const commitmentCommands: Command[] = [
  {
    name: 'extract',
    usage: 'luoshi extract <文件> [--json] [--findings]',
    summary:
      '从公报中提取单位名录、任务（牵头/配合单位、期限）、指标、领导小组、工作阶段和项目；--findings 只输出审核发现与单位待审队列。',
    options: { findings: { type: 'boolean' } },
    async run(args: string[], flags: Flags, io: CliIO) {
      const path = requireArg(args, 0, '公报文件', this.usage);
      const { issue, source } = await loadGazette(path);
      const result = extractCommitments(issue, { source });
      if (flags.json) {
        const json = toExtractJson(result);
        io.out(JSON.stringify(flags.findings ? { findings: json.findings, review: json.review } : json));
        return 0;
      }
      if (!flags.findings) {
        io.out(`${issue.title || '（无公报名称）'} ${issue.year} 年第 ${issue.number} 期：`);
        io.out(
          `  单位 ${result.orgs.length} 个，任务 ${result.tasks.length} 项，指标 ${result.targets.length} 项，领导小组/指挥部 ${result.groups.length} 个，工作阶段 ${result.phases.length} 个，项目 ${result.projects.length} 个。`,
        );
        for (const d of issue.documents) {
          const dn = d.docNumber.text;
          const n = (xs: { docNumber: string }[]) => xs.filter((x) => x.docNumber === dn).length;
          const counts = [
            ['任务', n(result.tasks)],
            ['指标', n(result.targets)],
            ['领导小组', n(result.groups)],
            ['阶段', n(result.phases)],
            ['项目', n(result.projects)],
          ].filter(([, k]) => (k as number) > 0);
          if (counts.length > 0) io.out(`  ${dn} ${d.title}：${counts.map(([k, v]) => `${k} ${v}`).join('，')}`);
        }
        for (const g of result.groups) {
          io.out(
            `  【${g.name}】组长 ${g.leader ?? '未列'}；副组长 ${g.deputies.join('、') || '未列'}；成员单位 ${g.members.length} 个${
              g.office ? `；办公室设在${g.office.host ?? '（未列）'}` : ''
            }`,
          );
        }
      }
      io.out(
        `审核发现 ${result.findings.length} 条，单位待审 ${result.review.length} 条${flags.findings ? '：' : '（加 --findings 查看）。'}`,
      );
      if (flags.findings) {
        for (const f of result.findings) io.out(`  [${sev(f)}] ${f.docNumber ?? ''} ${f.message}`);
        for (const r of result.review)
          io.out(
            `  [待审] ${r.docNumber ?? ''} ${r.line ? `第 ${r.line} 行 ` : ''}“${r.name}”：${r.reason}${r.suggestion ? `（疑为“${r.suggestion}”）` : ''}`,
          );
      }
      return 0;
    },
  },
];
