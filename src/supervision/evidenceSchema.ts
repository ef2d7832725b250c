// Kysely table types of supervision evidence files and leaders' portfolios (migration 0010_supervision_evidence).
// Merged into the platform `Database` type by intersection (see src/platform/schema.ts).
import type { Generated } from 'kysely';

export interface SupervisionEvidenceTable {
  id: Generated<number>;
  tenant: string;
  item_id: number;
  /** The file name as uploaded (sanitised: no path, no control characters). */
  name: string;
  /** Sniffed from the bytes (magic numbers), never taken from the client. */
  mime: string;
  size: number;
  /** hex */
  sha256: string;
  /** The file itself (SQLite blob, PostgreSQL bytea). */
  content: Uint8Array;
  /** The uploader's unit (a liaison), null for the office. */
  unit: string | null;
  uploaded_by: number | null;
  uploaded_by_name: string;
  uploaded_at: string;
}

/** 分管: a leader (users.id) is in charge of a unit. */
export interface SupervisionLeaderUnitsTable {
  tenant: string;
  user_id: number;
  unit: string;
  created_at: string;
}

export interface SupervisionEvidenceTables {
  supervision_evidence: SupervisionEvidenceTable;
  supervision_leader_units: SupervisionLeaderUnitsTable;
}
