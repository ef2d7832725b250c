// The unit directory (单位名录) as data: the mentions of one document resolved to canonical units. Pure.

import type { Document } from '../gazette/types.ts';
import { documentMentions } from './mentions.ts';
import { baseOrgsFor, OrgRegistry } from './registry.ts';

export interface MentionRow {
  orgName: string;
  printed: string;
  kind: string;
  source: string;
  eId: string | null;
  citation: string;
}

/**
 * Mentions of a document with canonical names: 县卫健局 and 县体育局 are listed under 县卫体局 in a 襄垣
 * gazette (docs/commitments.md). A name the registry cannot place is kept as printed — never dropped.
 */
export function directoryRows(doc: Document, county: string | null): MentionRow[] {
  const { base, county: c } = baseOrgsFor(county);
  const registry = new OrgRegistry(base, c);
  const rows: MentionRow[] = [];
  const seen = new Set<string>();
  for (const m of documentMentions(doc)) {
    const r = registry.resolve(m.name, { docNumber: doc.docNumber.text, eId: m.eId, structured: m.source !== 'text' });
    const orgName = r.name ?? m.name;
    const key = `${orgName}|${m.name}|${m.eId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ orgName, printed: m.name, kind: r.kind ?? m.kind, source: m.source, eId: m.eId, citation: m.citation });
  }
  return rows;
}
