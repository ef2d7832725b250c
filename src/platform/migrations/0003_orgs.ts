// Orgs capability: which units each document names, and where (the unit directory 单位名录).
// Rebuilt for a document whenever the importer writes it; no dialect-specific SQL.
import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../db.ts';
import type { DialectMigration } from './index.ts';

function build(dialect: DialectName): Migration {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not the current type
  type AnyDb = Kysely<any>;
  return {
    async up(db: AnyDb) {
      const table = db.schema.createTable('org_mentions');
      await (dialect === 'postgres'
        ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
        : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      )
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('org_name', 'text', (c) => c.notNull())
        .addColumn('printed', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('e_id', 'text')
        .addColumn('citation', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('org_mentions_tenant_org')
        .on('org_mentions')
        .columns(['tenant', 'org_name'])
        .execute();
      await db.schema.createIndex('org_mentions_document').on('org_mentions').columns(['document_id']).execute();
    },
  };
}

export const m0003Orgs: DialectMigration = { name: '0003_orgs', build };
