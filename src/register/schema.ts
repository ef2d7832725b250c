// Kysely table types of the 发文字号 register (migration 0013_register). Merged into the platform `Database`
// type by intersection (see src/platform/schema.ts).
import type { Generated } from 'kysely';

/** 附注 of an issued document: 此件公开发布 / 依申请公开 / 不予公开. */
export type RegisterDisclosure = 'public' | 'on-request' | 'not-public';

export interface IssuedDocumentsTable {
  id: Generated<number>;
  tenant: string;
  /** 发文机关代字, e.g. 襄政办发. */
  agency: string;
  year: number;
  serial: number;
  /** Canonical 发文字号, e.g. 襄政办发〔2023〕27号. */
  doc_number: string;
  title: string;
  issuer: string;
  /** 成文日期 YYYY-MM-DD. */
  signed_on: string;
  disclosure: RegisterDisclosure;
  /** The 附注 as printed, e.g. （此件公开发布）. */
  disclosure_note: string;
  assigned_at: string;
  assigned_by: string;
}

export interface RegisterTables {
  issued_documents: IssuedDocumentsTable;
}
