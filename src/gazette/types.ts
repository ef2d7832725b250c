// Domain types of a parsed gazette (公报). Pure data: no behaviour, no I/O.
// Names follow the glossary of docs/ARCHITECTURE.md.

export type Disclosure = 'public' | 'partial' | 'restricted';

/** 发文字号, e.g. 襄政办发〔2023〕15号 = agency 襄政办发, year 2023, serial 15. */
export interface DocNumber {
  /** Canonical text with 〔〕 brackets, e.g. 襄政办发〔2023〕15号. */
  text: string;
  /** As printed in the source (may use [] or （） brackets). */
  printed: string;
  agency: string;
  year: number;
  serial: number;
}

export interface TocEntry {
  title: string;
  issuer: string;
  page: number;
  /** Section of the table of contents, e.g. 县政府文件 / 县政府办文件. */
  section: string | null;
  line: number;
}

export interface EditorialRole {
  role: string;
  names: string[];
}

export interface Table {
  title: string | null;
  header: string[];
  rows: string[][];
  /** Source lines of the header and of each row (1-based), for findings and citations. */
  headerLine: number;
  rowLines: number[];
  /** How many page fragments (repeated title + header) were merged into this table. */
  fragments: number;
}

export type ClauseKind =
  | 'chapter' // 第X章
  | 'section' // 第X节
  | 'article' // 第X条
  | 'level1' // 一、
  | 'level2' // （一）
  | 'level3' // 1.
  | 'level4' // （1）
  | 'dotted' // 1.1 / 4.2.1 (emergency plans)
  | 'heading' // an unnumbered heading (Markdown heading or bold line)
  | 'paragraph'
  | 'table';

export interface Clause {
  /** Stable id, e.g. att_1__chp_2__sec_3__para_1. */
  eId: string;
  kind: ClauseKind;
  /** The number as printed (一、 / （三） / 第二章 / 4.2.1), or null. */
  num: string | null;
  /** Heading text (without the number) for numbered/heading clauses, else null. */
  heading: string | null;
  /** Display text: the original wording with page-break joins applied, markup removed. */
  text: string;
  /** Chinese citation, e.g. 《襄垣县大面积停电事件应急预案》 4 信息报告 4.3 … */
  citation: string;
  table: Table | null;
  line: number;
  endLine: number;
  children: Clause[];
}

export type AttachmentRole = 'plan' | 'annex';

export interface Attachment {
  /** att_1, att_2 … in order of appearance within the document. */
  eId: string;
  role: AttachmentRole;
  /** 附件 label as printed (附件1, 附件 3, 附件) or null for a plan carried by the notice itself. */
  label: string | null;
  /** Annex number from the label, or null. */
  number: number | null;
  title: string;
  /** Title of the plan this annex belongs to (for citations), or null. */
  planTitle: string | null;
  clauses: Clause[];
  line: number;
  endLine: number;
}

export interface Document {
  docNumber: DocNumber;
  issuer: string;
  title: string;
  /** 主送机关, split on the Chinese enumeration comma / comma. */
  addressees: string[];
  signedOn: string | null;
  disclosure: Disclosure;
  /** Raw 附注 line, e.g. (此件公开发布), or null. */
  disclosureNote: string | null;
  /** Documents forwarded (转发) by this notice. */
  forwarded: DocNumber[];
  /** Items of the 附件： line of the notice, as listed. */
  attachmentList: string[];
  /** The notice's own body (paragraphs between 主送机关 and the signature). */
  body: Clause[];
  attachments: Attachment[];
  /** Page in the table of contents, when the TOC lists this document. */
  tocPage: number | null;
  line: number;
  endLine: number;
}

export type FindingKind =
  | 'toc-title-mismatch'
  | 'toc-missing'
  | 'attachment-numbering'
  | 'table-total'
  | 'date-order'
  | 'unplaced-text'
  | 'ocr-latin'
  | 'truncated-document'
  | 'missing-field'
  | 'encoding';

export interface Finding {
  kind: FindingKind;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  docNumber: string | null;
}

export interface GazetteIssue {
  title: string;
  year: number;
  number: number;
  publishedOn: string | null;
  publisher: string | null;
  editor: string | null;
  editorialBoard: EditorialRole[];
  /** Notes printed on the cover in brackets, e.g. （本刊为……虚构的演示公报……）. */
  notes: string[];
  toc: TocEntry[];
  documents: Document[];
  findings: Finding[];
  /** Number of source lines, for statistics. */
  lineCount: number;
}
