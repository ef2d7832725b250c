// Precision and recall of extracted tasks and targets against a hand-labelled gold file. Pure.
//
// Matching (docs/commitments.md, “评测”): records are compared only inside the gold's scope (documents, and
// for targets optionally an eId prefix). A task matches a gold task on (document, eId, line) and is correct
// when its lead set, support set and due date are exactly the gold's. A target pairs with a gold target on
// (document, eId, line) and the most similar name (character bigrams, at least 0.3); it is correct when op,
// value, unit and year are exactly the gold's (and the baseline, when the gold gives one). A pair that is not
// correct counts as a false positive and a false negative.
import { nameSimilarity } from './text.ts';
import type { Target, Task } from './types.ts';

export interface GoldTask {
  doc: string;
  eId: string;
  line: number;
  title: string;
  lead: string[];
  support: string[];
  due: string | null;
}

export interface GoldTarget {
  doc: string;
  eId: string;
  line: number;
  name: string;
  unit: string | null;
  op: string;
  value: number | null;
  year: number | null;
  baselineYear?: number;
  baselineValue?: number;
  attribute?: 'binding' | 'expected';
}

export interface Scope {
  doc: string;
  /** Only records whose eId starts with this prefix are in scope (e.g. one table of a plan). */
  eIdPrefix?: string;
}

export interface Score {
  gold: number;
  extracted: number;
  correct: number;
  precision: number;
  recall: number;
  /** Human-readable differences, for the eval report. */
  errors: string[];
}

function inScope(scope: Scope[], doc: string, eId: string): boolean {
  return scope.some((s) => s.doc === doc && (!s.eIdPrefix || eId.startsWith(s.eIdPrefix)));
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

export function scoreTasks(gold: GoldTask[], extracted: Task[], scope: Scope[]): Score {
  const g = gold.filter((t) => inScope(scope, t.doc, t.eId));
  const x = extracted.filter((t) => inScope(scope, t.docNumber, t.eId));
  const errors: string[] = [];
  let correct = 0;
  const taken = new Set<Task>();
  for (const gt of g) {
    const hit = x.find((t) => !taken.has(t) && t.docNumber === gt.doc && t.eId === gt.eId && t.line === gt.line);
    if (!hit) {
      errors.push(`漏提 ${gt.doc} 第 ${gt.line} 行 ${gt.eId}「${gt.title}」`);
      continue;
    }
    taken.add(hit);
    const diffs: string[] = [];
    if (!sameSet(hit.lead, gt.lead)) diffs.push(`牵头 ${JSON.stringify(hit.lead)} ≠ ${JSON.stringify(gt.lead)}`);
    if (!sameSet(hit.support, gt.support))
      diffs.push(`配合 ${JSON.stringify(hit.support)} ≠ ${JSON.stringify(gt.support)}`);
    if ((hit.due ?? null) !== (gt.due ?? null)) diffs.push(`期限 ${hit.due} ≠ ${gt.due}`);
    if (diffs.length === 0) correct++;
    else errors.push(`错误 ${gt.doc} 第 ${gt.line} 行「${gt.title}」：${diffs.join('；')}`);
  }
  for (const t of x) if (!taken.has(t)) errors.push(`多提 ${t.docNumber} 第 ${t.line} 行 ${t.eId}「${t.title}」`);
  return {
    gold: g.length,
    extracted: x.length,
    correct,
    precision: ratio(correct, x.length),
    recall: ratio(correct, g.length),
    errors,
  };
}

function targetDiffs(t: Target, gt: GoldTarget): string[] {
  const d: string[] = [];
  if (t.target.op !== gt.op) d.push(`op ${t.target.op} ≠ ${gt.op}`);
  if ((t.target.value ?? null) !== (gt.value ?? null)) d.push(`值 ${t.target.value} ≠ ${gt.value}`);
  if ((t.unit ?? null) !== (gt.unit ?? null)) d.push(`单位 ${t.unit} ≠ ${gt.unit}`);
  if ((t.target.year ?? null) !== (gt.year ?? null)) d.push(`年份 ${t.target.year} ≠ ${gt.year}`);
  if (gt.baselineYear !== undefined && t.baseline?.year !== gt.baselineYear)
    d.push(`基期年 ${t.baseline?.year} ≠ ${gt.baselineYear}`);
  if (gt.baselineValue !== undefined && t.baseline?.value !== gt.baselineValue)
    d.push(`基期值 ${t.baseline?.value} ≠ ${gt.baselineValue}`);
  if (gt.attribute !== undefined && t.attribute !== gt.attribute) d.push(`属性 ${t.attribute} ≠ ${gt.attribute}`);
  return d;
}

export function scoreTargets(gold: GoldTarget[], extracted: Target[], scope: Scope[]): Score {
  const g = gold.filter((t) => inScope(scope, t.doc, t.eId));
  const x = extracted.filter((t) => inScope(scope, t.docNumber, t.eId));
  const errors: string[] = [];
  // candidate pairs in the same clause/row, best names first
  const pairs: { gi: number; xi: number; sim: number }[] = [];
  g.forEach((gt, gi) => {
    x.forEach((t, xi) => {
      if (t.docNumber !== gt.doc || t.eId !== gt.eId || t.line !== gt.line) return;
      const sim = nameSimilarity(t.name, gt.name) + (targetDiffs(t, gt).length === 0 ? 0.05 : 0);
      if (sim >= 0.3) pairs.push({ gi, xi, sim });
    });
  });
  pairs.sort((a, b) => b.sim - a.sim);
  const gUsed = new Map<number, number>();
  const xUsed = new Set<number>();
  for (const p of pairs) {
    if (gUsed.has(p.gi) || xUsed.has(p.xi)) continue;
    gUsed.set(p.gi, p.xi);
    xUsed.add(p.xi);
  }
  let correct = 0;
  g.forEach((gt, gi) => {
    const xi = gUsed.get(gi);
    if (xi === undefined) {
      errors.push(`漏提 ${gt.doc} 第 ${gt.line} 行「${gt.name}」${gt.op} ${gt.value}${gt.unit ?? ''}`);
      return;
    }
    const t = x[xi] as Target;
    const d = targetDiffs(t, gt);
    if (d.length === 0) correct++;
    else errors.push(`错误 ${gt.doc} 第 ${gt.line} 行「${gt.name}」（提取为「${t.name}」）：${d.join('；')}`);
  });
  x.forEach((t, xi) => {
    if (!xUsed.has(xi))
      errors.push(
        `多提 ${t.docNumber} 第 ${t.line} 行「${t.name}」${t.target.op} ${t.target.value}${t.unit ?? ''}（${t.source}）`,
      );
  });
  return {
    gold: g.length,
    extracted: x.length,
    correct,
    precision: ratio(correct, x.length),
    recall: ratio(correct, g.length),
    errors,
  };
}
