// Development aid: print the clause tree of the seed (or a file) with eIds and line numbers.
// Usage: node --import tsx scripts/dump-tree.ts <file> [docSerial]
import { readFileSync } from 'node:fs';
import { parseGazette } from '../src/gazette/parse.ts';
import type { Clause } from '../src/gazette/types.ts';

const [file, serial] = process.argv.slice(2);
const issue = parseGazette(readFileSync(file ?? '', 'utf8'));
const show = (cs: Clause[], depth: number) => {
  for (const c of cs) {
    const pad = '  '.repeat(depth);
    console.log(`${pad}${c.line}-${c.endLine} ${c.kind} ${c.eId} ${c.num ?? ''} ${c.heading ?? ''} | ${c.text.slice(0, 60).replace(/\n/g, '⏎')}`);
    if (c.table) {
      console.log(`${pad}  TABLE title=${c.table.title} header=${JSON.stringify(c.table.header)} rows=${c.table.rows.length}`);
      c.table.rows.forEach((r, i) => console.log(`${pad}    ${c.table?.rowLines[i]}: ${JSON.stringify(r)}`));
    }
    show(c.children, depth + 1);
  }
};
for (const d of issue.documents) {
  if (serial && String(d.docNumber.serial) !== serial) continue;
  console.log(`== ${d.docNumber.text} ${d.line}-${d.endLine} signed ${d.signedOn} addressees=${d.addressees.join('|')}`);
  show(d.body, 1);
  for (const a of d.attachments) {
    console.log(` -- ${a.eId} ${a.role} ${a.label} ${a.title} ${a.line}-${a.endLine}`);
    show(a.clauses, 2);
  }
}
