// Test helpers: wrap plan text in a minimal gazette issue in the seed's layout, parse it, and extract.
// Used by the *.test.ts files of this folder only.
import { parseGazette } from '../gazette/parse.ts';
import type { GazetteIssue } from '../gazette/types.ts';
import { extractCommitments } from './extract.ts';
import type { Commitments } from './types.ts';

export interface MiniOptions {
  county?: string;
  docNumber?: string;
  signedOn?: string;
  planTitle?: string;
  /** Annex (附件) text appended after the signature, titled by its first `## ` line. */
  annex?: string;
}

export function miniGazette(plan: string, o: MiniOptions = {}): string {
  const county = o.county ?? '襄垣县';
  const title = o.planTitle ?? `${county}2023年某某工作方案`;
  const [y, m, d] = (o.signedOn ?? '2023-07-06').split('-').map(Number);
  return [
    `# 长治市${county}人民政府公报`,
    '',
    '2023 第 3 期',
    '',
    `${county}人民政府办公室`,
    `关于印发${title}的通知`,
    '',
    o.docNumber ?? '襄政办发〔2023〕99号',
    '',
    '各镇人民政府，县直各有关单位：',
    '',
    `《${title}》已经县人民政府同意，现印发给你们，请认真组织实施。`,
    '',
    `${county}人民政府办公室`,
    '',
    `${y}年${m}月${d}日`,
    '',
    '(此件公开发布)',
    '',
    `# ${title}`,
    '',
    plan.trim(),
    '',
    ...(o.annex ? ['附件', '', o.annex.trim(), ''] : []),
  ].join('\n');
}

export function parseMini(plan: string, o: MiniOptions = {}): { issue: GazetteIssue; text: string } {
  const text = miniGazette(plan, o);
  return { issue: parseGazette(text), text };
}

export function extractMini(plan: string, o: MiniOptions = {}): Commitments {
  const { issue, text } = parseMini(plan, o);
  return extractCommitments(issue, { source: text });
}
