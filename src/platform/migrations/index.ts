// Append-only list of migrations. Never edit one after it has landed: add a new one.
import type { Migration } from 'kysely';
import type { DialectName } from '../db.ts';
import { m0001Documents } from './0001_documents.ts';
import { m0002Access } from './0002_access.ts';
import { m0003Orgs } from './0003_orgs.ts';
import { m0004Commitments } from './0004_commitments.ts';
import { m0005Supervision } from './0005_supervision.ts';
import { m0006Emergency } from './0006_emergency.ts';
import { m0007SupervisionSources } from './0007_supervision_sources.ts';
import { m0008SupervisionSettings } from './0008_supervision_settings.ts';
import { m0009Notifications } from './0009_notifications.ts';
import { m0010SupervisionEvidence } from './0010_supervision_evidence.ts';
import { m0011Evaluation } from './0011_evaluation.ts';
import { m0012Monitoring } from './0012_monitoring.ts';
import { m0013Register } from './0013_register.ts';
import { m0014EmergencyWorkflow } from './0014_emergency_workflow.ts';
import { m0015Meetings } from './0015_meetings.ts';
import { m0016Countersign } from './0016_countersign.ts';
import { m0017SupervisionSweepDue } from './0017_supervision_sweep_due.ts';
import { m0018SupervisionInboxAttention } from './0018_supervision_inbox_attention.ts';
import { m0019SupervisionReadColumns } from './0019_supervision_read_columns.ts';

export interface DialectMigration {
  name: string;
  build(dialect: DialectName): Migration;
}

export const migrations: DialectMigration[] = [
  m0001Documents,
  m0002Access,
  m0003Orgs,
  m0004Commitments,
  m0005Supervision,
  m0006Emergency,
  m0007SupervisionSources,
  m0008SupervisionSettings,
  m0009Notifications,
  m0010SupervisionEvidence,
  m0011Evaluation,
  m0012Monitoring,
  m0013Register,
  m0014EmergencyWorkflow,
  m0015Meetings,
  m0016Countersign,
  m0017SupervisionSweepDue,
  m0018SupervisionInboxAttention,
  m0019SupervisionReadColumns,
];
