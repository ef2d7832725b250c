// The 附注 line after the date decides whether the portal shows a document to the public.
import { describe, expect, it } from 'vitest';
import { parseGazette } from './parse.ts';

const issueWith = (note: string) =>
  [
    '# 长治市襄垣县人民政府公报',
    '',
    '2023 第 4 期',
    '',
    '襄垣县人民政府办公室',
    '关于做好冬季供暖工作的通知',
    '',
    '襄政办发〔2023〕27号',
    '',
    '各镇人民政府，县直各有关单位：',
    '',
    '请认真做好今冬明春供暖工作。',
    '',
    '襄垣县人民政府办公室',
    '',
    '2023年11月20日',
    '',
    note,
    '',
  ].join('\n');

describe('附注 → disclosure', () => {
  it.each([
    ['（此件公开发布）', 'public'],
    ['（此件部分公开）', 'partial'],
    ['（此件不予公开）', 'restricted'],
    // 依申请公开 is not proactive publication: the public must ask, so the portal does not list it publicly
    ['（此件依申请公开）', 'restricted'],
  ])('%s → %s, the note kept as printed', (note, disclosure) => {
    const doc = parseGazette(issueWith(note)).documents[0];
    expect(doc?.disclosure).toBe(disclosure);
    expect(doc?.disclosureNote).toBe(note);
  });
});
