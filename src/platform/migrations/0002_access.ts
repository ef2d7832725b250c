// Access capability: users, sessions, the append-only audit trail, and non-public clauses.
// The audit trail is protected by the database itself: UPDATE / DELETE (and TRUNCATE on
// PostgreSQL) raise an error, whatever code path tries them.
import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectName } from '../db.ts';
import type { DialectMigration } from './index.ts';

const APPEND_ONLY_MESSAGE = '审计日志只能追加，不能修改或删除 (audit_log is append-only)';

/** The only dialect-specific SQL of this migration: triggers that make audit_log append-only. */
export function auditImmutabilityStatements(dialect: DialectName): string[] {
  if (dialect === 'postgres') {
    return [
      `CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '${APPEND_ONLY_MESSAGE}' USING ERRCODE = 'insufficient_privilege';
END
$$`,
      'CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()',
      'CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()',
    ];
  }
  return [
    `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY_MESSAGE}'); END`,
    `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY_MESSAGE}'); END`,
  ];
}

function build(dialect: DialectName): Migration {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not the current type
  type AnyDb = Kysely<any>;
  const id = (db: AnyDb, table: string) =>
    dialect === 'postgres'
      ? db.schema.createTable(table).addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : db.schema.createTable(table).addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  return {
    async up(db: AnyDb) {
      await id(db, 'users')
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'leader', 'liaison')`))
        .addColumn('unit', 'text')
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .addColumn('disabled_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('users_tenant_username', ['tenant', 'username'])
        .addCheckConstraint('users_liaison_unit', sql`role <> 'liaison' or unit is not null`)
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      await id(db, 'audit_log')
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'integer')
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text')
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('ip', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('ok', 'denied', 'failed')`))
        .execute();
      await db.schema.createIndex('audit_log_tenant_at').on('audit_log').columns(['tenant', 'at']).execute();
      await db.schema.createIndex('audit_log_tenant_action').on('audit_log').columns(['tenant', 'action']).execute();
      await db.schema.createIndex('audit_log_tenant_actor').on('audit_log').columns(['tenant', 'actor_name']).execute();
      for (const statement of auditImmutabilityStatements(dialect)) await sql.raw(statement).execute(db);

      await db.schema
        .createTable('restricted_clauses')
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('document_id', 'text', (c) => c.notNull())
        .addColumn('e_id', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('created_by', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('restricted_clauses_pk', ['tenant', 'document_id', 'e_id'])
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('restricted_clauses').execute();
      await db.schema.dropTable('audit_log').execute();
      if (dialect === 'postgres') await sql.raw('DROP FUNCTION IF EXISTS audit_log_append_only()').execute(db);
      await db.schema.dropTable('sessions').execute();
      await db.schema.dropTable('users').execute();
    },
  };
}

export const m0002Access: DialectMigration = { name: '0002_access', build };
