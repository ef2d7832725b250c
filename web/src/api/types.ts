// Shapes of the JSON API as the portal consumes them (see docs/api.md). The clause tree and tables are
// the parser's own types, sent as they are.
import type { AttachmentRole, Clause, Disclosure } from '../../../src/gazette/types.ts';

export type { AttachmentRole, Clause, ClauseKind, Disclosure, Table } from '../../../src/gazette/types.ts';

/** Ids are numbers in the API; the portal only puts them into URLs. */
export type Id = number | string;

export interface IssueSummary {
  id: Id;
  title: string;
  year: number;
  number: number;
  publishedOn: string | null;
  documentCount?: number;
}

export interface IssueTocEntry {
  title: string;
  issuer: string;
  page: number;
  section: string | null;
  documentId: Id | null;
  docNumber?: string | null;
}

export interface EditorialRoleDto {
  role: string;
  names: string[];
}

export interface IssueDetail extends IssueSummary {
  publisher: string | null;
  editor: string | null;
  editorialBoard: EditorialRoleDto[];
  /** Notes printed on the cover. */
  notes?: string[];
  toc: IssueTocEntry[];
  findingCount?: number;
}

export interface DocumentSummary {
  id: Id;
  docNumber: string;
  title: string;
  disclosure: Disclosure;
  issuer: string;
  signedOn: string | null;
  type: string | null;
  issueId: Id | null;
  tocPage?: number | null;
}

export interface AttachmentDto {
  eId: string;
  role: AttachmentRole;
  label: string | null;
  number: number | null;
  title: string;
  planTitle: string | null;
  clauses: Clause[];
  /** Set (for administrators and leaders) when the attachment is marked non-public. */
  restricted?: boolean;
}

export interface FindingDto {
  kind: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line?: number | null;
  docNumber?: string | null;
  eId?: string | null;
}

export interface DocumentDetail extends DocumentSummary {
  addressees: string[];
  disclosureNote?: string | null;
  /** True when the caller receives only the public part (部分公开, or clauses withheld from this caller). */
  publicPart?: boolean;
  /** The note to show with a public part. */
  publicNote?: string;
  attachmentList: string[];
  attachments: AttachmentDto[];
  body: Clause[];
  findings: FindingDto[];
  /** eIds marked non-public (only sent to roles that may see them). */
  restrictedEIds?: string[];
  version?: number;
  updatedAt?: string;
  previousVersions?: { version: number; replacedAt: string }[];
}

export interface SearchHit {
  documentId: Id;
  docNumber: string;
  title: string;
  eId: string | null;
  citation: string | null;
  snippet: string;
  kind: string | null;
  disclosure: Disclosure;
  issuer?: string;
  signedOn?: string | null;
}

export interface SearchResponse {
  total: number;
  /** False when the total is a lower bound (the count is capped). */
  totalExact?: boolean;
  hits: SearchHit[];
}

export interface OrgMention {
  documentId: Id;
  docNumber: string;
  title: string;
  eId: string | null;
  citation: string | null;
}

export interface OrgDto {
  name: string;
  kind: string | null;
  aliases?: string[];
  mentions: OrgMention[];
}

export type Role = 'admin' | 'leader' | 'liaison';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unit: string | null;
}

export interface MeResponse {
  user: SessionUser | null;
  csrfToken: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorName: string;
  role: string;
  action: string;
  entity: string;
  entityId: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  ip: string | null;
  before?: unknown;
  after?: unknown;
}
