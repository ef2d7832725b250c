// Phases and timelines (工作步骤 / 时间安排): 启动实施阶段（2023年12月底前）, 土壤普查阶段（2024年1月—2024年12月底）.
// Pure.
import type { Clause } from '../gazette/types.ts';
import { type ExtractContext, provenance } from './context.ts';
import { parsePeriod } from './dates.ts';
import { foldPunct } from './text.ts';
import type { Phase } from './types.ts';

const PHASE_RE = /^(.{2,20}?阶段)\s*（([^（）]*\d[^（）]*)）\s*[。.]?$/;

/** Phases from clause headings of the form NAME阶段（PERIOD）. */
export function extractPhases(clauses: Clause[], ctx: ExtractContext): Phase[] {
  const out: Phase[] = [];
  const stack = [...clauses];
  while (stack.length > 0) {
    const c = stack.shift() as Clause;
    const head = foldPunct((c.heading ?? c.text).trim());
    const m = PHASE_RE.exec(head);
    if (m && c.kind !== 'paragraph' && c.kind !== 'table') {
      const period = (m[2] as string).trim();
      const { start, end } = parsePeriod(period, { year: ctx.year });
      out.push({ ...provenance(ctx, c), name: (m[1] as string).trim(), start, end, period });
    }
    stack.unshift(...c.children);
  }
  return out;
}
