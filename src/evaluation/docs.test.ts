// docs/rubrics.md: every complete example scores, has every item of its rubric, and gives exactly the result
// table printed under it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fmt2, score } from './engine.ts';
import { parseScoreInput } from './input.ts';
import { resolveRubric, shippedRubrics } from './load.ts';
import { itemsOf } from './rubric.ts';

const doc = readFileSync(resolve(import.meta.dirname, '../../docs/rubrics.md'), 'utf8');

function example(id: string): unknown {
  const m = new RegExp(`<!-- example: ${id} -->\\s*\`\`\`json\\n([\\s\\S]*?)\\n\`\`\``).exec(doc);
  if (!m) throw new Error(`no example for ${id}`);
  return JSON.parse(m[1] as string);
}

function resultRows(id: string): string[] {
  const m = new RegExp(`<!-- result: ${id} -->\\n([\\s\\S]*?)\\n\\n`).exec(doc);
  if (!m) throw new Error(`no result for ${id}`);
  return (m[1] as string).split('\n').slice(2);
}

describe('docs/rubrics.md examples', () => {
  for (const rubric of shippedRubrics()) {
    it(`${rubric.id}: the complete example scores to the printed table`, () => {
      const raw = example(rubric.id) as { entities: Record<string, unknown>[] };
      const r = resolveRubric(rubric.id);
      const res = score(r, parseScoreInput(r, raw));
      // complete: no item missing for any entity and assessor
      for (const e of res.entities) expect(e.missing).toEqual([]);
      expect(res.entities[0]?.items).toHaveLength(itemsOf(r).length);
      const rows = res.entities.map(
        (e) =>
          `| ${e.rank} | ${e.name} | ${fmt2(e.base)} | ${fmt2(e.bonus)} | ${fmt2(e.penalty)} | ${fmt2(e.final)} | ${e.grade ?? '—'} | ${e.flags.join('；') || '—'} |`,
      );
      expect(rows).toEqual(resultRows(rubric.id));
    });
  }

  it('documents every rule type the engine knows', () => {
    for (const t of ['rank', 'completion', 'proportional', 'tiered', 'count', 'manual'])
      expect(doc).toContain(`\`${t}\``);
  });
});
