// Emergency capability (issue #7, 襄政办发〔2023〕15号): outage incidents and their append-only event log
// (warnings with their CAP XML, 首报/续报/终报, tracking, the 指挥部's response decision, termination).
// No dialect-specific SQL beyond the identity column.
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
      await withId(db, 'incidents')
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('drill_form', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('grid', 'text', (c) => c.notNull())
        .addColumn('load_mw', 'double precision')
        .addColumn('lost_load_pct', 'double precision')
        .addColumn('users_out_pct', 'double precision')
        .addColumn('grading', 'text', (c) => c.notNull())
        .addColumn('first_judged_at', 'text', (c) => c.notNull())
        .addColumn('report_received_at', 'text')
        .addColumn('larger_social_impact', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('dam_safety', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('response_input', 'text')
        .addColumn('response', 'text')
        .addColumn('decided_level', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('decision_note', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('incidents_tenant_status').on('incidents').columns(['tenant', 'status']).execute();
      await withId(db, 'incident_events')
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('cap_xml', 'text')
        .execute();
      await db.schema
        .createIndex('incident_events_incident')
        .on('incident_events')
        .columns(['incident_id', 'id'])
        .execute();
    },
  };
}

export const m0006Emergency: DialectMigration = { name: '0006_emergency', build };
