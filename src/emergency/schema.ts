// Kysely table types of the emergency workflow (migration 0014_emergency_workflow), merged into the platform
// `Database` by intersection (see src/platform/schema.ts). The incident tables themselves (0006) are declared
// in src/platform/schema.ts.
import type { Generated } from 'kysely';

/** 附件7 信息发布审批表: one row per form, the whole form (pure ApprovalForm) as JSON. */
export interface IncidentPublicationsTable {
  id: Generated<number>;
  tenant: string;
  incident_id: number;
  /** 信息发布编号, unique per tenant. */
  number: string;
  /** warning | event (附件7 信息类别). */
  category: string;
  /** draft | reviewed | approved | published | refused | withdrawn */
  state: string;
  /** json: ApprovalForm */
  form: string;
  /** The incident_events row of the CAP message a published warning form produced. */
  published_event_id: number | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Posts inside the 指挥部 held by accounts (§2.1.1): who may 审核 (办公室主任) and 审批 (指挥长, 副指挥长). */
export interface CommandPostsTable {
  id: Generated<number>;
  tenant: string;
  username: string;
  /** commander | deputy-commander | office-director | member */
  post: string;
  /** The member unit for post member, else null. */
  unit: string | null;
  assigned_by: string;
  assigned_at: string;
}

/** Missed-deadline alarms raised by the sweep: one row per (incident, clock, kind), never twice. */
export interface IncidentAlarmsTable {
  id: Generated<number>;
  tenant: string;
  incident_id: number;
  clock_id: string;
  /** due-soon | missed */
  kind: string;
  due_at: string;
  raised_at: string;
  /** The notification it was sent as (src/notifications), null if not sent. */
  notification_id: number | null;
}

export interface EmergencyWorkflowTables {
  incident_publications: IncidentPublicationsTable;
  command_posts: CommandPostsTable;
  incident_alarms: IncidentAlarmsTable;
}
