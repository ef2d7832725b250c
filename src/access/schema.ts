// Kysely table types of the access capability (users, sessions, audit trail, non-public clauses).
// Merged into the platform `Database` type by intersection (see src/platform/schema.ts).
import type { Generated } from 'kysely';

export type Role = 'admin' | 'leader' | 'liaison';

export interface UsersTable {
  id: Generated<number>;
  tenant: string;
  username: string;
  display_name: string;
  role: Role;
  /** The unit a liaison (单位联络员) is bound to; null for other roles. */
  unit: string | null;
  /** argon2id PHC string. */
  password_hash: string;
  failed_attempts: Generated<number>;
  /** UTC ISO instant until which logins are refused, or null. */
  locked_until: string | null;
  /** UTC ISO instant at which an administrator disabled the account, or null. */
  disabled_at: string | null;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the 32-byte random token held in the cookie; the token itself is never stored. */
  id: string;
  tenant: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  /** Last request seen (for the idle timeout). */
  last_seen_at: string;
  /** Absolute expiry (created_at + absolute lifetime). */
  expires_at: string;
  ip: string | null;
}

export type AuditOutcome = 'ok' | 'denied' | 'failed';

export interface AuditLogTable {
  id: Generated<number>;
  tenant: string;
  /** UTC ISO instant. */
  at: string;
  actor_id: number | null;
  actor_name: string;
  role: string;
  action: string;
  entity: string;
  entity_id: string | null;
  /** JSON text (both dialects), or null. */
  before: string | null;
  after: string | null;
  ip: string | null;
  outcome: AuditOutcome;
}

/** An attachment or clause (by eId, covering its whole subtree) an administrator marked as non-public. */
export interface RestrictedClausesTable {
  tenant: string;
  document_id: string;
  e_id: string;
  reason: string | null;
  created_by: number | null;
  created_at: string;
}

export interface AccessTables {
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  restricted_clauses: RestrictedClausesTable;
}
