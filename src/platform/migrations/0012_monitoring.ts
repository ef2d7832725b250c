// Monitoring capability (issue #8): plans, indicators, reported values (one row per indicator, unit and period,
// locked by approval), their append-only change history, warnings and the DHIS2 org-unit mapping. No
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
      await withId(db.schema.createTable('monitoring_plans'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('document_id', 'integer', (c) => c.references('documents.id').onDelete('set null'))
        .addColumn('doc_number', 'text')
        .addColumn('is_public', 'integer', (c) => c.notNull())
        .addColumn('base_year', 'integer')
        .addColumn('target_year', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('monitoring_plans_tenant_name', ['tenant', 'name'])
        .execute();

      await withId(db.schema.createTable('monitoring_indicators'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('monitoring_plans.id').onDelete('cascade'))
        .addColumn('domain', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('measure_unit', 'text')
        .addColumn('baseline_year', 'integer')
        .addColumn('baseline_value', 'double precision')
        .addColumn('target_json', 'text', (c) => c.notNull())
        .addColumn('attribute', 'text')
        .addColumn('direction', 'text')
        .addColumn('responsible_unit', 'text', (c) => c.notNull())
        .addColumn('reporting_units', 'text', (c) => c.notNull())
        .addColumn('frequency', 'text', (c) => c.notNull())
        .addColumn('data_source', 'text')
        .addColumn('validation_json', 'text', (c) => c.notNull())
        .addColumn('fluctuation_json', 'text', (c) => c.notNull())
        .addColumn('dhis2_data_element', 'text')
        .addColumn('dhis2_coc', 'text')
        .addColumn('commitment_id', 'integer', (c) => c.references('commitments.id').onDelete('set null'))
        .addColumn('citation', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('monitoring_indicators_tenant_code', ['tenant', 'code'])
        .execute();
      await db.schema
        .createIndex('monitoring_indicators_tenant_plan')
        .on('monitoring_indicators')
        .columns(['tenant', 'plan_id'])
        .execute();
      await db.schema
        .createIndex('monitoring_indicators_tenant_commitment')
        .on('monitoring_indicators')
        .columns(['tenant', 'commitment_id'])
        .unique()
        .execute();

      await withId(db.schema.createTable('monitoring_values'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('indicator_id', 'integer', (c) =>
          c.notNull().references('monitoring_indicators.id').onDelete('cascade'),
        )
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('period_time', 'double precision', (c) => c.notNull())
        .addColumn('value', 'double precision', (c) => c.notNull())
        .addColumn('value_text', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('explanation', 'text')
        .addColumn('violations', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('submitted_by', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .addColumn('approved_by', 'text')
        .addColumn('approved_at', 'text')
        .addColumn('reopen_reason', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addUniqueConstraint('monitoring_values_indicator_unit_period', ['indicator_id', 'unit', 'period'])
        .execute();
      await db.schema
        .createIndex('monitoring_values_tenant_indicator_time')
        .on('monitoring_values')
        .columns(['tenant', 'indicator_id', 'unit', 'period_time'])
        .execute();

      await withId(db.schema.createTable('monitoring_value_events'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('value_id', 'integer', (c) => c.notNull().references('monitoring_values.id').onDelete('cascade'))
        .addColumn('indicator_id', 'integer', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('value_text', 'text')
        .addColumn('explanation', 'text')
        .addColumn('note', 'text')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('channel', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('monitoring_value_events_tenant_value')
        .on('monitoring_value_events')
        .columns(['tenant', 'value_id'])
        .execute();

      await withId(db.schema.createTable('monitoring_warnings'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('indicator_id', 'integer', (c) =>
          c.notNull().references('monitoring_indicators.id').onDelete('cascade'),
        )
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('recipients', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('monitoring_warnings_key', ['indicator_id', 'unit', 'period', 'kind'])
        .execute();

      await withId(db.schema.createTable('monitoring_org_units'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('org_unit', 'text', (c) => c.notNull())
        .addUniqueConstraint('monitoring_org_units_unit', ['tenant', 'unit'])
        .addUniqueConstraint('monitoring_org_units_uid', ['tenant', 'org_unit'])
        .execute();
    },
  };
}

export const m0012Monitoring: DialectMigration = { name: '0012_monitoring', build };
