// Kysely table types of the evaluation capability (migration 0011_evaluation). Merged into the platform
// `Database` type by intersection (src/platform/schema.ts), like AccessTables.
import type { Generated } from 'kysely';

export interface EvaluationAssessmentsTable {
  id: Generated<number>;
  tenant: string;
  /** A rubric id (rubrics/*.yaml). */
  rubric_id: string;
  /** Free text: 2023, 2023Q3 … */
  period: string;
  /** Incremented by every write (optimistic concurrency). */
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface EvaluationEntitiesTable {
  id: Generated<number>;
  tenant: string;
  assessment_id: number;
  entity_id: string;
  name: string;
  position: number;
  /** json: {bonuses?, penalties?, vetoes?} in the input format of docs/rubrics.md. */
  adjustments_json: string;
  updated_at: string;
}

export interface EvaluationValuesTable {
  id: Generated<number>;
  tenant: string;
  assessment_id: number;
  entity_id: string;
  /** Assessor id (self, department) or '' for a single-assessor rubric. */
  assessor: string;
  /** json: item id → value (docs/rubrics.md §4). */
  values_json: string;
  updated_by: string | null;
  updated_at: string;
}

export interface EvaluationTables {
  evaluation_assessments: EvaluationAssessmentsTable;
  evaluation_entities: EvaluationEntitiesTable;
  evaluation_values: EvaluationValuesTable;
}
