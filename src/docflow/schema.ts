// Kysely table types of the countersign store (migration 0016_countersign). Merged into the platform `Database`
// type by intersection (src/platform/schema.ts), like AccessTables. Only src/docflow/countersignStore.ts touches them.
import type { Generated } from 'kysely';

/** One 会签 request: a draft sent to several units on a date; the reply deadline is computed once, at creation. */
export interface CountersignRequestsTable {
  id: Generated<number>;
  tenant: string;
  /** The draft's title (关于……的通知). */
  title: string;
  /** The drafting (lead) department, 主办部门. */
  lead_unit: string;
  /** YYYY-MM-DD: the day the draft was sent. */
  sent_on: string;
  /** The reply limit in working days (7 by 第三十一条, or the lead department's own limit). */
  workdays: number;
  /** A reply date agreed in a special case, or null. */
  agreed_due_on: string | null;
  /** YYYY-MM-DD: the last day a reply is in time (countersignClock with the county's calendar overrides). */
  due_on: string;
  /** 0/1: 0 when a year involved had no published holiday schedule (the due date is an estimate). */
  official: number;
  /** Optimistic concurrency: +1 per reply and per recorded silence. */
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export type CountersignAnswer = 'pending' | 'agree' | 'objection' | 'no-objection';

/** One asked unit of a request and its answer. */
export interface CountersignRepliesTable {
  id: Generated<number>;
  tenant: string;
  request_id: number;
  unit: string;
  /** pending → agree (同意) | objection (有不同意见, with opinion) | no-objection (视为无异议, recorded after the deadline). */
  answer: CountersignAnswer;
  opinion: string | null;
  /** YYYY-MM-DD (Beijing) of the reply; null for pending and for a recorded silence. */
  replied_on: string | null;
  replied_by: string | null;
  /** UTC ISO: when the silence was recorded as no objection; else null. */
  recorded_at: string | null;
}

export interface CountersignTables {
  countersign_requests: CountersignRequestsTable;
  countersign_replies: CountersignRepliesTable;
}
