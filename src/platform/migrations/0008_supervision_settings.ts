// County supervision settings (issue #5): one row per tenant with the `SupervisionSettings` as JSON (day counting,
// yellow window, escalation thresholds, calendar overrides) and a version; every saved version is kept in
// `supervision_settings_versions` (append-only), so what was in force on a given day can be shown. No
// dialect-specific SQL.
import type { CreateTableBuilder, Kysely, Migration } from 'kysely';
import type { DialectName } from '../db.ts';
import type { DialectMigration } from './index.ts';

function build(dialect: DialectName): Migration {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not the current type
  type AnyDb = Kysely<any>;
  const withId = <T extends string>(table: CreateTableBuilder<T, never>) =>
    dialect === 'postgres'
      ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('supervision_settings')
        .addColumn('tenant', 'text', (c) => c.primaryKey())
        .addColumn('settings_json', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('supervision_settings_versions'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('settings_json', 'text', (c) => c.notNull())
        .addColumn('saved_at', 'text', (c) => c.notNull())
        .addColumn('saved_by', 'text', (c) => c.notNull())
        .addUniqueConstraint('supervision_settings_versions_tenant_version', ['tenant', 'version'])
        .execute();
    },
  };
}

export const m0008SupervisionSettings: DialectMigration = { name: '0008_supervision_settings', build };
