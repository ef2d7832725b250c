// Kysely table types. Each capability adds its tables here together with its migration.
//
// Conventions: every table carries `tenant` (GB/T 2260 code, e.g. '140423' = 襄垣县); instants are
// UTC ISO strings (`…Z`), calendar dates `YYYY-MM-DD`; columns ending in `_json` or documented as
// "json" hold JSON text (parse on read). Ids are integers (SQLite INTEGER PRIMARY KEY AUTOINCREMENT,
// PostgreSQL serial): monotonic, so a larger id means "imported later" (search relies on it).
import type { Generated } from 'kysely';
import type { AccessTables } from '../access/schema.ts';
import type { CountersignTables } from '../docflow/schema.ts';
import type { EmergencyWorkflowTables } from '../emergency/schema.ts';
import type { EvaluationTables } from '../evaluation/schema.ts';
import type { MeetingTables } from '../meetings/schema.ts';
import type { MonitoringTables } from '../monitoring/schema.ts';
import type { NotificationTables } from '../notifications/schema.ts';
import type { RegisterTables } from '../register/schema.ts';
import type { SupervisionEvidenceTables } from '../supervision/evidenceSchema.ts';
import type { SupervisionSettingsTables } from '../supervision/settingsSchema.ts';

// ---- documents capability (migration 0001_documents) ----

export interface GazetteIssuesTable {
  id: Generated<number>;
  tenant: string;
  year: number;
  number: number;
  title: string;
  published_on: string | null;
  publisher: string | null;
  editor: string | null;
  /** json: EditorialRole[] */
  editorial_board: string;
  /** json: string[] (notes printed on the cover) */
  notes: string;
  /** json: TocEntry[] */
  toc: string;
  source_name: string;
  source_sha256: string;
  /** sha256 of the parsed issue (canonical JSON): equal hash ⇒ re-import changes nothing. */
  content_hash: string;
  line_count: number;
  imported_at: string;
  updated_at: string;
}

export interface DocumentsTable {
  id: Generated<number>;
  tenant: string;
  /** The issue that last published this version of the document. */
  issue_id: number;
  /** Canonical 发文字号, e.g. 襄政办发〔2023〕15号; unique per tenant. */
  doc_number: string;
  /** 发文字号 as printed in the source. */
  doc_number_printed: string;
  agency: string;
  year: number;
  serial: number;
  issuer: string;
  title: string;
  /** Derived by documentType(): 规划 / 方案 / 预案 / 计划 / 规则 / 规定 / 办法 / 意见 / 通知 … */
  doc_type: string;
  /** json: string[] */
  addressees: string;
  signed_on: string | null;
  disclosure: 'public' | 'partial' | 'restricted';
  disclosure_note: string | null;
  /** json: DocNumber[] */
  forwarded: string;
  /** json: string[] */
  attachment_list: string;
  toc_page: number | null;
  line: number;
  end_line: number;
  version: number;
  /** sha256 of the document without source positions: a change ⇒ new version. */
  content_hash: string;
  /** sha256 of the whole document including line numbers: a change alone ⇒ rows refreshed, same version. */
  position_hash: string;
  created_at: string;
  updated_at: string;
}

export interface DocumentVersionsTable {
  id: Generated<number>;
  tenant: string;
  document_id: number;
  version: number;
  content_hash: string;
  /** json: the full Document (gazette/types.ts) as it was in this version. */
  snapshot: string;
  /** The issue that carried this version. */
  issue_id: number;
  replaced_at: string;
}

export interface AttachmentsTable {
  id: Generated<number>;
  tenant: string;
  document_id: number;
  e_id: string;
  role: 'plan' | 'annex';
  label: string | null;
  number: number | null;
  title: string;
  plan_title: string | null;
  ord: number;
  line: number;
  end_line: number;
}

export interface ClausesTable {
  id: Generated<number>;
  tenant: string;
  document_id: number;
  e_id: string;
  parent_e_id: string | null;
  /** null for the notice's own body. */
  attachment_e_id: string | null;
  /** Position in document order (pre-order over body, then attachments). */
  ord: number;
  depth: number;
  kind: string;
  num: string | null;
  heading: string | null;
  text: string;
  citation: string;
  /** json: Table, or null */
  table_json: string | null;
  line: number;
  end_line: number;
}

export interface FindingsTable {
  id: Generated<number>;
  tenant: string;
  issue_id: number;
  document_id: number | null;
  doc_number: string | null;
  kind: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
}

/**
 * PostgreSQL only: search index rows (SQLite uses the FTS5 virtual tables clause_fts / document_fts,
 * which are not typed here and are reached only through src/documents/search-index.ts).
 */
export interface ClauseSearchTable {
  clause_id: number;
  tenant: string;
  tokens: unknown;
}

export interface DocumentSearchTable {
  document_id: number;
  tenant: string;
  tokens: unknown;
}

// ---- orgs capability (migration 0003_orgs) ----

export interface OrgMentionsTable {
  id: Generated<number>;
  tenant: string;
  document_id: number;
  /** Canonical unit name (unit registry), or the printed name when the registry cannot place it. */
  org_name: string;
  /** The name as printed. */
  printed: string;
  kind: string;
  /** issuer | addressee | table | text */
  source: string;
  /** Clause eId, or null for the notice header (issuer, 主送机关). */
  e_id: string | null;
  citation: string;
}

// ---- commitments capability (migration 0004_commitments) ----

export type CommitmentKind = 'task' | 'target' | 'group' | 'phase' | 'project';
export type CommitmentStatus = 'pending' | 'confirmed' | 'corrected' | 'rejected';

export interface CommitmentsTable {
  id: Generated<number>;
  tenant: string;
  document_id: number;
  kind: CommitmentKind;
  /** Stable across re-extraction: kind, 发文字号, eId and a short hash of the identifying fields. */
  record_key: string;
  e_id: string;
  citation: string;
  /** Source line of the record in the gazette it was last extracted from. */
  line: number;
  /** json: the extracted record in the `luoshi extract --json` contract shape (refreshed by re-extraction). */
  data: string;
  status: CommitmentStatus;
  /** json: the administrator's corrected record (contract shape), or null. Survives re-extraction. */
  corrected: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  note: string | null;
  /** Optimistic concurrency: +1 at every review and every change of the extracted data. */
  version: number;
  /** When `data` last changed (first extraction, or a re-extraction that read it differently). */
  extracted_at: string;
  /** When the record stopped being extracted from its document (kept, never deleted silently); else null. */
  gone_at: string | null;
}

// ---- supervision capability (migration 0005_supervision) ----

export interface SupervisionItemsTable {
  id: Generated<number>;
  tenant: string;
  title: string;
  /** The task text (manual entry, or the source clause). */
  text: string | null;
  source: 'manual' | 'document';
  document_id: number | null;
  e_id: string | null;
  citation: string | null;
  lead_unit: string;
  /** json: string[] */
  support_units: string;
  category: 'ordinary' | 'major';
  /** ItemState of src/supervision/types.ts */
  state: string;
  /** json: Deadlines, or null before assignment */
  deadlines: string | null;
  due_on: string | null;
  assigned_on: string | null;
  /** The current close-by date (deadlines.closeBy), for overdue filters. */
  close_by: string | null;
  /** Last 退回重办, or null (the inbox's 被退回). */
  returned_at: string | null;
  /** json: the SupervisionItem without its history (the events are rows of supervision_events). */
  item_json: string;
  /** Optimistic concurrency: equals the item's version, +1 per accepted action. */
  version: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  rating: string | null;
  /** The reviewed task record the item was created from (migration 0007), unique per tenant; else null. */
  commitment_id: number | null;
  /**
   * The first day (Asia/Shanghai) on which the sweep needs to look at the item again (migration 0017); NULL =
   * look at it (set by every write of the item). Written by the sweep only.
   */
  sweep_due_on: string | null;
  /** The 催办 done by hand, JSON [{on, level}] (sweep.ts urgeColumn, migration 0019): the sweep decides from it. */
  urges: string | null;
  /** The earliest due date of the item's unanswered obligations while it is open (migration 0019; the sweep's). */
  first_due_on: string | null;
}

export interface SupervisionItemUnitsTable {
  id: Generated<number>;
  tenant: string;
  item_id: number;
  unit: string;
  role: 'lead' | 'support';
  acknowledged_at: string | null;
  /** First day the row can be in the unit's inbox (src/supervision/inboxAttention.ts); NULL: never. */
  attention_on: string | null;
  /** The earliest due date of the unit's unanswered obligations while the item is open (inboxAttention.ts). */
  first_due_on: string | null;
  /** The item's close-by date (the inbox's order; migration 0019). */
  close_by: string | null;
  /** 1 when the unit leads an item returned for rework (被退回; migration 0019). */
  returned: Generated<number>;
}

/** Append-only: one row per lifecycle event. */
export interface SupervisionEventsTable {
  id: Generated<number>;
  tenant: string;
  item_id: number;
  seq: number;
  at: string;
  /** The actor's display name. */
  actor: string;
  actor_id: string | null;
  /** ItemRole: office | leader | lead | support */
  role: string;
  unit: string | null;
  /** The action taken (ActionType, or 'draft' for 立项). */
  action: string;
  /** EventType */
  type: string;
  summary: string;
  /** json: string[] — who should hear about it */
  recipients: string;
  /** json: the action's payload (feedback text, evidence, reasons …) */
  payload: string | null;
  from_state: string | null;
  to_state: string;
}

export type Database = AccessTables &
  CountersignTables &
  EvaluationTables &
  MeetingTables &
  MonitoringTables &
  EmergencyWorkflowTables &
  RegisterTables &
  NotificationTables &
  SupervisionSettingsTables &
  SupervisionEvidenceTables & {
    supervision_items: SupervisionItemsTable;
    supervision_item_units: SupervisionItemUnitsTable;
    supervision_events: SupervisionEventsTable;
    incidents: IncidentsTable;
    incident_events: IncidentEventsTable;
    commitments: CommitmentsTable;
    org_mentions: OrgMentionsTable;
    gazette_issues: GazetteIssuesTable;
    documents: DocumentsTable;
    document_versions: DocumentVersionsTable;
    attachments: AttachmentsTable;
    clauses: ClausesTable;
    findings: FindingsTable;
    clause_search: ClauseSearchTable;
    document_search: DocumentSearchTable;
  };

// ---- emergency capability (migration 0006_emergency) ----

export type IncidentState = 'warning' | 'active' | 'terminated' | 'closed';
export type IncidentEventKind =
  | 'warning-issued'
  | 'warning-adjusted'
  | 'warning-lifted'
  | 'report-first'
  | 'report-follow-up'
  | 'report-final'
  | 'tracking'
  | 'response-started'
  | 'response-adjusted'
  | 'terminated'
  | 'aftermath';

export interface IncidentsTable {
  id: Generated<number>;
  tenant: string;
  /** CAP status: Actual, or Exercise for a drill (§8.1), which runs the same workflow. */
  status: 'Actual' | 'Exercise';
  /** §8.1 form of a drill; null for an Actual incident. */
  drill_form: string | null;
  title: string;
  /** 附件1 grid type (GridType). */
  grid: string;
  load_mw: number | null;
  lost_load_pct: number | null;
  users_out_pct: number | null;
  /** json: Classification (classifyOutage) */
  grading: string;
  /** 发生或初判发生 (UTC ISO). */
  first_judged_at: string;
  /** 县能源局接到信息报告 (UTC ISO), null = first_judged_at. */
  report_received_at: string | null;
  /** 0/1: below 一般 with 较大影响 on society (§4.5, §5.2.1). */
  larger_social_impact: number;
  /** 0/1: 涉及水电厂（站）大坝安全 (§4.3). */
  dam_safety: number;
  /** json: ResponseInput given to assessResponse, null when no county-grid figures. */
  response_input: string | null;
  /** json: ResponseAssessment (both readings), null when not assessed. */
  response: string | null;
  /** The 指挥部's recorded decision between the readings (一级/二级/三级). */
  decided_level: string | null;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  state: IncidentState;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface IncidentEventsTable {
  id: Generated<number>;
  tenant: string;
  incident_id: number;
  /** UTC ISO: when it happened (a report's own time) or was recorded. */
  at: string;
  actor: string;
  kind: IncidentEventKind;
  /** json */
  payload: string;
  /** CAP 1.2 XML of a warning event. */
  cap_xml: string | null;
}
