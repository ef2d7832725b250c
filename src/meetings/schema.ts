// Kysely table types of the meetings capability (migration 0015_meetings). Merged into the platform `Database`
// type by intersection (src/platform/schema.ts), like AccessTables.
import type { Generated } from 'kysely';

/** The county leadership (县长、副县长 …) with what each is in charge of (分管); optionally linked to a leader account. */
export interface MeetingOfficialsTable {
  id: Generated<number>;
  tenant: string;
  name: string;
  /** rules.ts Post */
  post: string;
  /** json: string[] — units in charge of (分管). */
  oversees: string;
  /** The leader account acting as this official (unique per tenant), or null. */
  user_id: number | null;
  created_at: string;
  updated_at: string;
}

/** One meeting: queryable columns + the whole state (participants, topics, minutes) as JSON. */
export interface MeetingsTable {
  id: Generated<number>;
  tenant: string;
  kind: string;
  title: string;
  /** YYYY-MM-DD */
  date: string;
  state: string;
  minutes_state: string | null;
  convener: string;
  /** json: the Meeting (types.ts) without its history. */
  meeting_json: string;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Append-only timeline of a meeting, one row per action. */
export interface MeetingEventsTable {
  id: Generated<number>;
  tenant: string;
  meeting_id: number;
  seq: number;
  at: string;
  actor: string;
  actor_id: number | null;
  action: string;
  summary: string;
  /** json: the action's fields, or null. */
  payload: string | null;
}

/** 第二十五条: a department's request to hold a county-wide meeting, with the 10-working-day check. */
export interface MeetingRequestsTable {
  id: Generated<number>;
  tenant: string;
  unit: string;
  title: string;
  meeting_date: string;
  submitted_on: string;
  /** 1 when submitted at least 10 working days before, else 0. */
  on_time: number;
  latest: string;
  message: string;
  created_by: string;
  created_at: string;
}

export interface MeetingTables {
  meeting_officials: MeetingOfficialsTable;
  meetings: MeetingsTable;
  meeting_events: MeetingEventsTable;
  meeting_requests: MeetingRequestsTable;
}
