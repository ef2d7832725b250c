// Storage of the unit directory: one row per unit named per clause. Only this file touches the
// org_mentions table; documents are read through the documents capability's own tables by join.
import type { Kysely } from 'kysely';
import type { Disclosure } from '../gazette/types.ts';
import type { Db } from '../platform/db.ts';
import type { Database } from '../platform/schema.ts';
import type { MentionRow } from './directory.ts';

const CHUNK = 200;

/** Replace the mentions of one document (inside the importer's transaction). */
export async function replaceMentions(
  trx: Kysely<Database>,
  tenant: string,
  documentId: number,
  rows: MentionRow[],
): Promise<void> {
  await trx.deleteFrom('org_mentions').where('tenant', '=', tenant).where('document_id', '=', documentId).execute();
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto('org_mentions')
      .values(
        rows.slice(i, i + CHUNK).map((r) => ({
          tenant,
          document_id: documentId,
          org_name: r.orgName,
          printed: r.printed,
          kind: r.kind,
          source: r.source,
          e_id: r.eId,
          citation: r.citation,
        })),
      )
      .execute();
  }
}

export interface DirectoryMention {
  documentId: number;
  docNumber: string;
  title: string;
  disclosure: Disclosure;
  eId: string | null;
  citation: string;
  printed: string;
}

export interface DirectoryEntry {
  name: string;
  kind: string;
  aliases: string[];
  mentions: DirectoryMention[];
}

/** Every unit named in the documents of the given disclosure levels, most mentioned first. */
export async function listDirectory(target: Db, tenant: string, disclosures: Disclosure[]): Promise<DirectoryEntry[]> {
  if (disclosures.length === 0) return [];
  const rows = await target.db
    .selectFrom('org_mentions as m')
    .innerJoin('documents as d', 'd.id', 'm.document_id')
    .where('m.tenant', '=', tenant)
    .where('d.tenant', '=', tenant)
    .where('d.disclosure', 'in', disclosures)
    .select([
      'm.org_name',
      'm.printed',
      'm.kind',
      'm.e_id',
      'm.citation',
      'd.id as document_id',
      'd.doc_number',
      'd.title',
      'd.disclosure',
    ])
    .orderBy('d.year', 'desc')
    .orderBy('d.serial')
    .orderBy('m.id')
    .execute();
  const byName = new Map<string, DirectoryEntry>();
  for (const r of rows) {
    let e = byName.get(r.org_name);
    if (!e) {
      e = { name: r.org_name, kind: r.kind, aliases: [], mentions: [] };
      byName.set(r.org_name, e);
    }
    if (r.printed !== r.org_name && !e.aliases.includes(r.printed)) e.aliases.push(r.printed);
    e.mentions.push({
      documentId: r.document_id,
      docNumber: r.doc_number,
      title: r.title,
      disclosure: r.disclosure as Disclosure,
      eId: r.e_id,
      citation: r.citation,
      printed: r.printed,
    });
  }
  return [...byName.values()].sort(
    (a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name, 'zh'),
  );
}
