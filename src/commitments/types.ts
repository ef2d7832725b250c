// Commitment records extracted from a parsed gazette (see docs/commitments.md). Pure data.
import type { OrgRecord, ReviewItem } from '../orgs/registry.ts';

export type TargetOp = '>=' | '>' | '<=' | '<' | '=' | '~' | 'increase' | 'decrease';

/** Where a record comes from: the document, the clause and the source line, for citations. */
export interface Provenance {
  docNumber: string;
  eId: string;
  /** Source line (1-based): the clause's first line, or the table row's line. */
  line: number;
  citation: string;
}

export type TaskSource = 'assignment' | 'table' | 'catalogue' | 'breakdown';

export interface Task extends Provenance {
  title: string;
  text: string;
  lead: string[];
  support: string[];
  /** YYYY-MM-DD, or null when no deadline is stated. */
  due: string | null;
  /** The deadline phrase as printed (年底前, 2023年12月 …), or null. */
  dueText: string | null;
  source: TaskSource;
  /** Persons responsible (责任人 column), when a table names them. */
  persons: string[];
  /** Catalogue rows: 已编 / 在编 / 未编 → done / in-progress / not-started. */
  status: 'done' | 'in-progress' | 'not-started' | null;
  /** The assignment as printed, e.g. （县住建局牵头，县水利局配合）. */
  assignment: string | null;
}

export interface Target extends Provenance {
  name: string;
  unit: string | null;
  baseline: { year: number | null; value: number | null } | null;
  target: { year: number | null; op: TargetOp; value: number | null };
  attribute: 'binding' | 'expected' | null;
  direction: 'higher' | 'lower' | null;
  /** Reference the value is relative to, e.g. 全省平均水平, or null. */
  reference: string | null;
  /** Ordinal scale for class targets (地表水 Ⅱ类/Ⅲ类), else null. */
  scale: 'water-class' | null;
  /** The phrase the target was read from. */
  source: string;
}

export interface GroupOffice {
  /** Unit the office sits in (设在…). */
  host: string | null;
  /** Who directs it (主任由…兼任), as roles. */
  directors: string[];
}

export interface Group extends Provenance {
  name: string;
  kind: 'leading-group' | 'command' | 'task-force';
  leader: string | null;
  /** 常务副组长 first, then 副组长 / 副指挥长, as roles. */
  deputies: string[];
  /** Member units, canonical names. */
  members: string[];
  office: GroupOffice | null;
  /** Working groups under the group: 专项组, 工作组, 专家组. */
  subgroups: { name: string; host: string | null; leader: string | null }[];
}

export interface Phase extends Provenance {
  name: string;
  start: string | null;
  end: string | null;
  /** The period as printed, e.g. 2023年8月中旬—10月上旬. */
  period: string;
}

export interface Project extends Provenance {
  name: string;
  owner: string | null;
  fundingWan: number | null;
  years: number | null;
}

export type CommitmentFindingKind =
  | 'assignment-no-unit'
  | 'assignment-overlap'
  | 'unit-unresolved'
  | 'target-unit'
  | 'target-below-baseline'
  | 'target-inconsistent'
  | 'table-missing-cell'
  | 'table-misaligned'
  | 'table-fill-down'
  | 'catalogue-count'
  | 'group-members-differ'
  | 'date-unparsed';

export interface CommitmentFinding {
  kind: CommitmentFindingKind;
  severity: 'error' | 'warning' | 'info';
  /** 中文说明：什么问题、在哪里、怎么处理。 */
  message: string;
  docNumber: string | null;
  eId: string | null;
  line: number | null;
}

export interface Commitments {
  orgs: OrgRecord[];
  review: ReviewItem[];
  tasks: Task[];
  targets: Target[];
  groups: Group[];
  phases: Phase[];
  projects: Project[];
  findings: CommitmentFinding[];
}
