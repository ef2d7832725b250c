// Documents capability: gazette issues, documents (with previous versions), attachments, the clause
// tree, parser findings, and the full-text search index. Table types: src/platform/schema.ts.
// Written once for both dialects with the Kysely schema builder; the only dialect-specific parts
// are the id column type and the search index (createSearchIndex below).
import { type ColumnDefinitionBuilder, type Kysely, type Migration, sql } from 'kysely';
import type { DialectName } from '../db.ts';
import type { DialectMigration } from './index.ts';

// Kysely<any> is the documented type for migrations: they must not depend on the current schema types.
// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped database
type AnyDb = Kysely<any>;

export const m0001Documents: DialectMigration = {
  name: '0001_documents',
  build: (dialect: DialectName): Migration => ({
    up: async (db: AnyDb) => {
      await up(db, dialect);
    },
    down: async (db: AnyDb) => {
      for (const t of ['clause_fts', 'document_fts', 'clause_search', 'document_search']) {
        await sql`DROP TABLE IF EXISTS ${sql.table(t)}`.execute(db);
      }
      for (const t of ['findings', 'clauses', 'attachments', 'document_versions', 'documents', 'gazette_issues']) {
        await db.schema.dropTable(t).ifExists().execute();
      }
    },
  }),
};

async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const idType = dialect === 'postgres' ? 'serial' : 'integer';
  const id = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable('gazette_issues')
    .addColumn('id', idType, id)
    .addColumn('tenant', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text')
    .addColumn('publisher', 'text')
    .addColumn('editor', 'text')
    .addColumn('editorial_board', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('toc', 'text', (c) => c.notNull())
    .addColumn('source_name', 'text', (c) => c.notNull())
    .addColumn('source_sha256', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('line_count', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('gazette_issues_tenant_year_number_uq', ['tenant', 'year', 'number'])
    .execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', idType, id)
    .addColumn('tenant', 'text', (c) => c.notNull())
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('gazette_issues.id'))
    .addColumn('doc_number', 'text', (c) => c.notNull())
    .addColumn('doc_number_printed', 'text', (c) => c.notNull())
    .addColumn('agency', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('serial', 'integer', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_type', 'text', (c) => c.notNull())
    .addColumn('addressees', 'text', (c) => c.notNull())
    .addColumn('signed_on', 'text')
    .addColumn('disclosure', 'text', (c) => c.notNull())
    .addColumn('disclosure_note', 'text')
    .addColumn('forwarded', 'text', (c) => c.notNull())
    .addColumn('attachment_list', 'text', (c) => c.notNull())
    .addColumn('toc_page', 'integer')
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('end_line', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('position_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('documents_tenant_doc_number_uq', ['tenant', 'doc_number'])
    .addCheckConstraint('documents_disclosure_ck', sql`disclosure in ('public', 'partial', 'restricted')`)
    .execute();
  await db.schema.createIndex('documents_tenant_issue_ix').on('documents').columns(['tenant', 'issue_id']).execute();
  await db.schema.createIndex('documents_tenant_year_ix').on('documents').columns(['tenant', 'year']).execute();

  await db.schema
    .createTable('document_versions')
    .addColumn('id', idType, id)
    .addColumn('tenant', 'text', (c) => c.notNull())
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('issue_id', 'integer', (c) => c.notNull())
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('document_versions_doc_version_uq', ['document_id', 'version'])
    .execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', idType, id)
    .addColumn('tenant', 'text', (c) => c.notNull())
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('e_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('number', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('plan_title', 'text')
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('end_line', 'integer', (c) => c.notNull())
    .addUniqueConstraint('attachments_doc_eid_uq', ['document_id', 'e_id'])
    .execute();

  await db.schema
    .createTable('clauses')
    .addColumn('id', idType, id)
    .addColumn('tenant', 'text', (c) => c.notNull())
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('e_id', 'text', (c) => c.notNull())
    .addColumn('parent_e_id', 'text')
    .addColumn('attachment_e_id', 'text')
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('num', 'text')
    .addColumn('heading', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('citation', 'text', (c) => c.notNull())
    .addColumn('table_json', 'text')
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('end_line', 'integer', (c) => c.notNull())
    // Also serves "all clauses of a document" lookups (document_id is its prefix).
    .addUniqueConstraint('clauses_doc_eid_uq', ['document_id', 'e_id'])
    .execute();

  await db.schema
    .createTable('findings')
    .addColumn('id', idType, id)
    .addColumn('tenant', 'text', (c) => c.notNull())
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('gazette_issues.id').onDelete('cascade'))
    .addColumn('document_id', 'integer', (c) => c.references('documents.id').onDelete('set null'))
    .addColumn('doc_number', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('findings_issue_ix').on('findings').columns(['issue_id']).execute();
  await db.schema.createIndex('findings_document_ix').on('findings').columns(['document_id']).execute();
  await db.schema.createIndex('attachments_document_ix').on('attachments').columns(['document_id', 'ord']).execute();

  await createSearchIndex(db, dialect);
}

/**
 * The search index: one row per clause and one per document (title + attachment titles), holding
 * the token list built by src/documents/search.ts (tenant-prefixed words and Han bigrams, plus
 * filter tags). Rows are keyed by clauses.id / documents.id.
 *
 * SQLite: contentless FTS5 tables (the text lives in `clauses`), detail=none (only row ids per
 * token: the smallest index; ranking is computed on the candidates, see search.ts), deletable
 * rows (contentless_delete). `_` is a token character so tenant prefixes and tags stay one token.
 * PostgreSQL: a tsvector built with array_to_tsvector (no parser: lexemes are stored verbatim)
 * and a GIN index.
 */
async function createSearchIndex(db: AnyDb, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') {
    for (const table of ['clause_fts', 'document_fts']) {
      await sql`CREATE VIRTUAL TABLE ${sql.table(table)} USING fts5(
        tokens, content='', contentless_delete=1, detail=none,
        tokenize="unicode61 remove_diacritics 0 tokenchars '_'")`.execute(db);
    }
    return;
  }
  await db.schema
    .createTable('clause_search')
    .addColumn('clause_id', 'integer', (c) => c.primaryKey().references('clauses.id').onDelete('cascade'))
    .addColumn('tenant', 'text', (c) => c.notNull())
    .addColumn('tokens', sql`tsvector`, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('clause_search_tokens_gin').on('clause_search').using('gin').column('tokens').execute();
  await db.schema
    .createTable('document_search')
    .addColumn('document_id', 'integer', (c) => c.primaryKey().references('documents.id').onDelete('cascade'))
    .addColumn('tenant', 'text', (c) => c.notNull())
    .addColumn('tokens', sql`tsvector`, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('document_search_tokens_gin')
    .on('document_search')
    .using('gin')
    .column('tokens')
    .execute();
}
