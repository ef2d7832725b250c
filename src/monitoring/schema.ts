// Kysely table types of the monitoring capability (migration 0012_monitoring). Merged into the platform
// `Database` type by intersection (src/platform/schema.ts), like AccessTables.
import type { Generated } from 'kysely';

export interface MonitoringPlansTable {
  id: Generated<number>;
  tenant: string;
  name: string;
  /** The gazette document the plan comes from, or null for a plan entered by hand. */
  document_id: number | null;
  doc_number: string | null;
  /** 0/1: the public progress page shows the plan (approved values only). */
  is_public: number;
  base_year: number | null;
  target_year: number | null;
  created_at: string;
}

export interface MonitoringIndicatorsTable {
  id: Generated<number>;
  tenant: string;
  plan_id: number;
  /** 领域, e.g. 妇女与健康. */
  domain: string;
  /** Stable code (unique per tenant): Excel templates, DHIS2 mapping, the API. */
  code: string;
  name: string;
  /** 计量单位 (%, ‰, 人, 个 …), or null. */
  measure_unit: string | null;
  baseline_year: number | null;
  baseline_value: number | null;
  /** json: TargetSpec (attainment.ts). */
  target_json: string;
  /** 约束性 binding / 预期性 expected / null. */
  attribute: string | null;
  /** higher | lower | null (the target's own direction decides when null). */
  direction: string | null;
  responsible_unit: string;
  /** json: string[] — units that report values (the responsible unit first). */
  reporting_units: string;
  /** daily | monthly | quarterly | annual */
  frequency: string;
  data_source: string | null;
  /** json: ValidationRules */
  validation_json: string;
  /** json: FluctuationConfig */
  fluctuation_json: string;
  dhis2_data_element: string | null;
  dhis2_coc: string | null;
  /** The reviewed target record it was created from (unique per tenant), or null. */
  commitment_id: number | null;
  citation: string | null;
  created_at: string;
  updated_at: string;
}

export type ValueStatus = 'submitted' | 'approved' | 'reopen_requested';

export interface MonitoringValuesTable {
  id: Generated<number>;
  tenant: string;
  indicator_id: number;
  /** The reporting unit (单位). */
  unit: string;
  /** DHIS2 period id. */
  period: string;
  /** Decimal year at the period's end (period.ts periodTime), for ordering and attainment. */
  period_time: number;
  value: number;
  /** The value as entered (e.g. Ⅲ类). */
  value_text: string;
  status: ValueStatus;
  /** 强制上报说明: why a value that fails a validation rule is right; null when none was needed. */
  explanation: string | null;
  /** json: string[] — the rules the value failed (Chinese), [] when none. */
  violations: string;
  comment: string | null;
  submitted_by: string;
  submitted_at: string;
  approved_by: string | null;
  approved_at: string | null;
  reopen_reason: string | null;
  version: number;
}

/** Append-only: every change of a value, with who and when. */
export interface MonitoringValueEventsTable {
  id: Generated<number>;
  tenant: string;
  value_id: number;
  indicator_id: number;
  unit: string;
  period: string;
  /** submit | update | approve | reopen-request | reopen-grant | reopen-refuse */
  action: string;
  value_text: string | null;
  explanation: string | null;
  note: string | null;
  actor: string;
  /** form | excel | csv | dhis2 | api */
  channel: string | null;
  at: string;
}

export interface MonitoringWarningsTable {
  id: Generated<number>;
  tenant: string;
  indicator_id: number;
  unit: string;
  period: string;
  /** off-track | fluctuation */
  kind: string;
  /** red | yellow */
  level: string;
  message: string;
  /** json: string[] — the responsible unit and the office. */
  recipients: string;
  created_at: string;
}

/** DHIS2 organisation unit uid of a unit (the mapping table; data elements are columns of the indicator). */
export interface MonitoringOrgUnitsTable {
  id: Generated<number>;
  tenant: string;
  unit: string;
  org_unit: string;
}

export interface MonitoringTables {
  monitoring_plans: MonitoringPlansTable;
  monitoring_indicators: MonitoringIndicatorsTable;
  monitoring_values: MonitoringValuesTable;
  monitoring_value_events: MonitoringValueEventsTable;
  monitoring_warnings: MonitoringWarningsTable;
  monitoring_org_units: MonitoringOrgUnitsTable;
}
