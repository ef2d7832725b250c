// Funded projects (项目清单): 项目名称 | 项目负责人 | 资助经费 (万元) | 实施年限 (8号 附件). Pure.
import type { Clause, Table } from '../gazette/types.ts';
import { type ExtractContext, finding, provenance } from './context.ts';
import type { Project } from './types.ts';

export function isProjectTable(t: Table): boolean {
  const h = t.header.map((x) => x.replace(/\s/g, '')).join('|');
  return /项目名称/.test(h) && /经费|资金|投资|金额/.test(h) && !/责任单位/.test(h);
}

function money(cell: string, headerUnit: string | null): number | null {
  const s = cell.replace(/[\s,，]/g, '');
  const m = /^(\d+(?:\.\d+)?)(亿元|万元|元)?$/.exec(s);
  if (!m) return null;
  const v = Number(m[1]);
  const unit = m[2] ?? headerUnit ?? '万元';
  return unit === '亿元' ? v * 10000 : unit === '元' ? v / 10000 : v;
}

export function extractProjects(clause: Clause, t: Table, ctx: ExtractContext): Project[] {
  const h = t.header.map((x) => x.replace(/\s/g, ''));
  const nameCol = h.findIndex((x) => /项目名称/.test(x));
  const ownerCol = h.findIndex((x) => /负责人|承担单位|实施单位/.test(x));
  const fundCol = h.findIndex((x) => /经费|资金|投资|金额/.test(x));
  const yearsCol = h.findIndex((x) => /年限|周期/.test(x));
  const headerUnit = /(亿元|万元|元)/.exec(h[fundCol] ?? '')?.[1] ?? null;
  const out: Project[] = [];
  let sum = 0;
  let declared: number | null = null;
  t.rows.forEach((row, i) => {
    const line = t.rowLines[i] ?? clause.line;
    const name = (row[nameCol] ?? '').trim();
    const first = (row[0] ?? '').trim();
    if (/^合计|^总计/.test(first) || /^合计|^总计/.test(name)) {
      declared = money(row.find((c, k) => k > 0 && /\d/.test(c)) ?? '', headerUnit);
      return;
    }
    if (!name) return;
    const funding = fundCol >= 0 ? money(row[fundCol] ?? '', headerUnit) : null;
    if (fundCol >= 0 && funding === null) {
      finding(ctx, {
        kind: 'table-missing-cell',
        severity: 'warning',
        message: `第 ${line} 行 ${clause.citation}：项目“${name}”的经费“${row[fundCol] ?? ''}”无法识别。`,
        eId: clause.eId,
        line,
      });
    }
    sum += funding ?? 0;
    const years =
      yearsCol >= 0 && /^\d+(?:\.\d+)?$/.test((row[yearsCol] ?? '').trim())
        ? Number((row[yearsCol] as string).trim())
        : null;
    out.push({
      ...provenance(ctx, clause, line),
      name,
      owner: ownerCol >= 0 ? (row[ownerCol] ?? '').trim() || null : null,
      fundingWan: funding,
      years,
    });
  });
  if (declared !== null && Math.abs(declared - sum) > 1e-6) {
    finding(ctx, {
      kind: 'table-missing-cell',
      severity: 'warning',
      message: `${clause.citation}：各项目经费之和 ${sum} 万元与合计 ${declared} 万元不符。`,
      eId: clause.eId,
      line: clause.line,
    });
  }
  return out;
}
