// docs/supervision.md stays true: the transition table equals the code, and the quoted clauses are the seed's.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedAvailable, seedText } from '../../test/seed.ts';
import { renderTransitionTable } from './rules.ts';

const doc = readFileSync(resolve(import.meta.dirname, '../../docs/supervision.md'), 'utf8');

describe('docs/supervision.md', () => {
  it('embeds the transition table generated from RULES', () => {
    const m = /<!-- transition-table:start -->\n([\s\S]*?)\n<!-- transition-table:end -->/.exec(doc);
    expect(m?.[1]).toBe(renderTransitionTable());
  });

  it.skipIf(!seedAvailable())('quotes 第二十二条, 第二十五条, 第三十一条, 第三十七条 and 第三十九条 verbatim', () => {
    // the seed breaks lines at page ends: compare without line breaks
    const seed = seedText().replace(/\n+/g, '');
    const quotes = [...doc.matchAll(/^> (.+)$/gm)].map((q) => (q[1] as string).replace(/ （第.+条）$/, ''));
    expect(quotes.length).toBeGreaterThanOrEqual(6);
    for (const q of quotes) expect(seed, q).toContain(q);
  });
});
