// Emergency workflow (issue #7, 襄政办发〔2023〕15号): 附件7 信息发布审批表 (incident_publications), posts inside
// the 指挥部 held by accounts (command_posts), and the missed-deadline alarms raised once each (incident_alarms).
// 后期处置 (§7) needs no table: its steps are incident_events of kind `aftermath`.
import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../db.ts';
import type { DialectMigration } from './index.ts';

function build(dialect: DialectName): Migration {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not the current type
  type AnyDb = Kysely<any>;
  const withId = (db: AnyDb, name: string) => {
    const table = db.schema.createTable(name);
    return dialect === 'postgres'
      ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  };
  return {
    async up(db: AnyDb) {
      await withId(db, 'incident_publications')
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id'))
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('form', 'text', (c) => c.notNull())
        .addColumn('published_event_id', 'integer')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('incident_publications_number', ['tenant', 'number'])
        .execute();
      await db.schema
        .createIndex('incident_publications_incident')
        .on('incident_publications')
        .columns(['tenant', 'incident_id'])
        .execute();
      await withId(db, 'command_posts')
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('post', 'text', (c) => c.notNull())
        .addColumn('unit', 'text')
        .addColumn('assigned_by', 'text', (c) => c.notNull())
        .addColumn('assigned_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('command_posts_holder', ['tenant', 'username', 'post'])
        .execute();
      await withId(db, 'incident_alarms')
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id'))
        .addColumn('clock_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('raised_at', 'text', (c) => c.notNull())
        .addColumn('notification_id', 'integer')
        .addUniqueConstraint('incident_alarms_once', ['tenant', 'incident_id', 'clock_id', 'kind'])
        .execute();
    },
  };
}

export const m0014EmergencyWorkflow: DialectMigration = { name: '0014_emergency_workflow', build };
