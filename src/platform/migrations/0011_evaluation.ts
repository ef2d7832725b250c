// Evaluation capability (issue #6): assessments (a rubric and a period), the entities assessed in each (with
// their bonuses, penalties and vetoes as JSON) and the values per entity and assessor (JSON: item id → value,
// the format of docs/rubrics.md). Scores are computed from these rows and the rubric file, never stored. No
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
      await withId(db.schema.createTable('evaluation_assessments'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('rubric_id', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('evaluation_assessments_key', ['tenant', 'rubric_id', 'period'])
        .execute();

      await withId(db.schema.createTable('evaluation_entities'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('assessment_id', 'integer', (c) =>
          c.notNull().references('evaluation_assessments.id').onDelete('cascade'),
        )
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('adjustments_json', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('evaluation_entities_key', ['assessment_id', 'entity_id'])
        .execute();

      await withId(db.schema.createTable('evaluation_values'))
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('assessment_id', 'integer', (c) =>
          c.notNull().references('evaluation_assessments.id').onDelete('cascade'),
        )
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('assessor', 'text', (c) => c.notNull())
        .addColumn('values_json', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('evaluation_values_key', ['assessment_id', 'entity_id', 'assessor'])
        .execute();
    },
  };
}

export const m0011Evaluation: DialectMigration = { name: '0011_evaluation', build };
