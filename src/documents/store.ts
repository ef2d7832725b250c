// Storage of parsed gazettes: import (one transaction, idempotent, versioned) and the read API used
// by the HTTP layer and the CLI. The only file of the documents capability, with search.ts, that
// touches the database. Everything returned is plain JSON-serialisable data.
//
// Import semantics
//   - An issue is identified by (tenant, year, number); a document by (tenant, 发文字号).
//   - Same parsed content as stored (hash of the whole issue) → nothing is written: 'unchanged'.
//   - A document whose content changed (hash without line numbers) is updated in place: its id
//     stays, `version` is bumped and the previous version is kept whole in document_versions
//     (JSON snapshot of the Document). Its attachments, clauses and index rows are replaced.
//   - A document whose content is equal but whose source positions moved (an earlier document of
//     the same issue grew) gets its rows refreshed without a new version: 'unchanged'.
//   - A document republished unchanged by another issue stays with the issue that first carried it.
//   - A document no longer present in a re-imported issue is kept (other capabilities may refer to
//     it); the findings of the issue are replaced.
//   - Everything runs in one transaction: a failure leaves the database as it was.
import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type {
  Attachment,
  Clause,
  ClauseKind,
  Disclosure,
  DocNumber,
  Document,
  EditorialRole,
  Finding,
  GazetteIssue,
  Table,
  TocEntry,
} from '../gazette/types.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import type { ClausesTable, Database, DocumentsTable } from '../platform/schema.ts';
import { chunks } from './batch.ts';
import { documentType } from './doctype.ts';
import { deleteSearchRows, filterTags, indexRowTokens, type SearchRow, writeSearchRows } from './search.ts';
import { addUserWords, userWordsFromIssue } from './segment.ts';
import { assertTenant } from './tenant.ts';

export { documentType } from './doctype.ts';

type Exec = Kysely<Database>;

// ---------------------------------------------------------------------------------------------
// Public types

export type ImportAction = 'created' | 'unchanged' | 'updated';

export interface ImportInput {
  tenant: string;
  issue: GazetteIssue;
  /** The source text the issue was parsed from (hashed, not stored). */
  source: string;
  sourceName: string;
}

export interface ImportOptions {
  /**
   * Runs inside the import transaction once the documents are written (and also when nothing changed):
   * other capabilities' indexes (unit mentions) and the audit record join the same unit of work. A
   * throw rolls the whole import back.
   */
  inTransaction?: (trx: Kysely<Database>, result: ImportResult, written: WrittenDocument[]) => Promise<void>;
  /** Tests only: throw after this many documents have been written, inside the transaction. */
  failAfterDocuments?: number;
  /** Clock (tests). */
  now?: () => Date;
}

/** A document as the import left it: the parsed content and its row id. */
export interface WrittenDocument {
  documentId: number;
  action: ImportAction;
  doc: Document;
}

export interface ImportResult {
  issueId: number;
  status: ImportAction;
  documents: Array<{ docNumber: string; action: ImportAction; documentId: number; version: number }>;
}

export interface IssueSummary {
  id: number;
  year: number;
  number: number;
  title: string;
  publishedOn: string | null;
  documentCount: number;
  importedAt: string;
  updatedAt: string;
}

export interface LinkedTocEntry extends TocEntry {
  /** The document this entry announces, when one matches by page, title or issuer. */
  documentId: number | null;
  docNumber: string | null;
}

export interface IssueDetail extends IssueSummary {
  publisher: string | null;
  editor: string | null;
  editorialBoard: EditorialRole[];
  /** Notes printed on the cover. */
  notes: string[];
  toc: LinkedTocEntry[];
  sourceName: string;
  sourceSha256: string;
  lineCount: number;
  findingCount: number;
  documents: DocumentSummary[];
}

export interface DocumentFilter {
  /** Disclosures the caller may see; omitted = all; empty = none. */
  disclosures?: Disclosure[];
  issueId?: number;
  issuer?: string;
  year?: number;
  /** Document type as derived by documentType(). */
  type?: string;
  limit?: number;
  offset?: number;
}

export interface DocumentSummary {
  id: number;
  docNumber: string;
  title: string;
  issuer: string;
  signedOn: string | null;
  disclosure: Disclosure;
  type: string;
  issueId: number;
  tocPage: number | null;
}

export interface FindingRow {
  id: number;
  issueId: number;
  documentId: number | null;
  docNumber: string | null;
  kind: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
}

export interface DocumentVersionInfo {
  version: number;
  contentHash: string;
  issueId: number;
  replacedAt: string;
}

export interface DocumentDetail extends DocumentSummary {
  /** 发文字号 parts (canonical text, as printed, agency, year, serial). */
  docNumberInfo: DocNumber;
  addressees: string[];
  disclosureNote: string | null;
  forwarded: DocNumber[];
  attachmentList: string[];
  line: number;
  endLine: number;
  version: number;
  contentHash: string;
  createdAt: string;
  updatedAt: string;
  /** The notice's own paragraphs (clause tree). */
  body: Clause[];
  /** Attachments in order, each with its clause tree. */
  attachments: Attachment[];
  findings: FindingRow[];
  /** Previous versions (newest first), without their snapshots: see listDocumentVersions. */
  previousVersions: DocumentVersionInfo[];
}

export interface ClauseDetail {
  documentId: number;
  docNumber: string;
  documentTitle: string;
  disclosure: Disclosure;
  attachmentEId: string | null;
  attachmentTitle: string | null;
  /** Ancestors from the top, for breadcrumbs. */
  path: Array<{ eId: string; num: string | null; heading: string | null }>;
  /** The clause with its subtree. */
  clause: Clause;
}

export interface DocumentVersion extends DocumentVersionInfo {
  snapshot: Document;
}

// ---------------------------------------------------------------------------------------------
// Hashing

/** Bump when the stored representation changes, so that re-importing rewrites existing issues. */
const ISSUE_HASH_FORMAT = 1;

const POSITION_KEYS = new Set(['line', 'endLine', 'headerLine', 'rowLines', 'tocPage']);

/** JSON with sorted keys (stable across key order), optionally without some keys. */
export function canonicalJson(value: unknown, omit?: ReadonlySet<string>): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v, omit)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([k, v]) => v !== undefined && !omit?.has(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v, omit)}`).join(',')}}`;
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** Hash of a document's content, ignoring where it sits in the source (line numbers, TOC page). */
export function documentContentHash(doc: Document): string {
  return sha256(canonicalJson(doc, POSITION_KEYS));
}

// ---------------------------------------------------------------------------------------------
// Import

/** A clauses row as written (the id is generated). */
type ClauseRow = Omit<Selectable<ClausesTable>, 'id'>;

/**
 * Search index changes of one import, applied after every other statement of the transaction:
 * SQLite calls FTS5's savepoint hook at each statement that may need a statement journal (inserts
 * into tables with unique keys), and FTS5 then flushes its pending terms into a new tiny segment.
 * Interleaving index writes with row writes cost ~5 ms per statement; writing the index last lets
 * FTS5 flush once, at commit.
 */
interface PendingIndex {
  deleteClauses: number[];
  deleteDocuments: number[];
  clauses: SearchRow[];
  documents: SearchRow[];
}

interface Prepared {
  doc: Document;
  docNumber: string;
  type: string;
  contentHash: string;
  positionHash: string;
}

function validateIssue(issue: GazetteIssue): void {
  if (!Number.isInteger(issue.year) || !Number.isInteger(issue.number)) {
    throw new AppError('BAD_INPUT', '公报缺少年份或期号，无法导入：请检查封面“20XX 第 N 期”。', { field: 'year' });
  }
  const seen = new Map<string, number>();
  for (const d of issue.documents) {
    const prev = seen.get(d.docNumber.text);
    if (prev !== undefined) {
      throw new AppError(
        'BAD_INPUT',
        `发文字号“${d.docNumber.text}”在本期出现了两次（第 ${prev} 行、第 ${d.line} 行）：请核对原文。`,
        { line: d.line },
      );
    }
    seen.set(d.docNumber.text, d.line);
    const ids = new Set<string>();
    const check = (id: string, line: number) => {
      if (ids.has(id)) {
        throw new AppError('BAD_INPUT', `文件“${d.docNumber.text}”中条款标识“${id}”重复：解析结果有误。`, { line });
      }
      ids.add(id);
    };
    const walkIds = (cs: Clause[]) => {
      for (const c of cs) {
        check(c.eId, c.line);
        walkIds(c.children);
      }
    };
    walkIds(d.body);
    for (const a of d.attachments) {
      check(a.eId, a.line);
      walkIds(a.clauses);
    }
  }
}

/**
 * Import a parsed issue in one transaction. Re-importing the same content changes nothing; a changed
 * document is updated in place with a new version (the previous one is kept). See the file header.
 */
export async function importIssue(target: Db, input: ImportInput, options: ImportOptions = {}): Promise<ImportResult> {
  const { tenant, issue } = input;
  assertTenant(tenant);
  validateIssue(issue);
  const now = (options.now ?? (() => new Date()))().toISOString();
  // Unit and plan names into this process's dictionary: later queries split them as whole names.
  addUserWords(userWordsFromIssue(issue));

  const prepared: Prepared[] = issue.documents.map((doc) => ({
    doc,
    docNumber: doc.docNumber.text,
    type: documentType(doc),
    contentHash: documentContentHash(doc),
    positionHash: sha256(canonicalJson(doc)),
  }));
  // The whole parsed issue: cover, TOC, findings and every document (through its full hash).
  const issueHash = sha256(
    canonicalJson({ ...issue, documents: prepared.map((p) => p.positionHash), format: ISSUE_HASH_FORMAT }),
  );

  try {
    return await writeIssue(target, input, options, prepared, issueHash, now);
  } catch (e) {
    // Two imports writing the same issue or document at once: the second one loses the race.
    if (isUniqueViolation(e)) {
      throw new AppError('CONFLICT', `第 ${issue.year} 年第 ${issue.number} 期公报正在被另一个导入写入：请稍后重试。`);
    }
    throw e;
  }
}

function isUniqueViolation(e: unknown): boolean {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

async function writeIssue(
  target: Db,
  input: ImportInput,
  options: ImportOptions,
  prepared: Prepared[],
  issueHash: string,
  now: string,
): Promise<ImportResult> {
  const { tenant, issue } = input;
  return target.db.transaction().execute(async (trx) => {
    const existingIssue = await trx
      .selectFrom('gazette_issues')
      .where('tenant', '=', tenant)
      .where('year', '=', issue.year)
      .where('number', '=', issue.number)
      .select(['id', 'content_hash'])
      .executeTakeFirst();

    const existingDocs = new Map<
      string,
      { id: number; content_hash: string; position_hash: string; version: number; issue_id: number }
    >();
    for (const part of chunks(prepared, 1)) {
      if (part.length === 0) continue;
      const rows = await trx
        .selectFrom('documents')
        .where('tenant', '=', tenant)
        .where(
          'doc_number',
          'in',
          part.map((p) => p.docNumber),
        )
        .select(['id', 'doc_number', 'content_hash', 'position_hash', 'version', 'issue_id'])
        .execute();
      for (const r of rows) existingDocs.set(r.doc_number, r);
    }

    if (existingIssue && existingIssue.content_hash === issueHash) {
      const unchanged: ImportResult = {
        issueId: existingIssue.id,
        status: 'unchanged' as const,
        documents: prepared.map((p) => {
          const e = existingDocs.get(p.docNumber);
          return {
            docNumber: p.docNumber,
            action: 'unchanged' as const,
            documentId: e?.id ?? 0,
            version: e?.version ?? 0,
          };
        }),
      };
      await options.inTransaction?.(trx, unchanged, []);
      return unchanged;
    }

    const cover = {
      title: issue.title,
      published_on: issue.publishedOn,
      publisher: issue.publisher,
      editor: issue.editor,
      editorial_board: JSON.stringify(issue.editorialBoard),
      notes: JSON.stringify(issue.notes ?? []),
      toc: JSON.stringify(issue.toc),
      source_name: input.sourceName,
      source_sha256: sha256(input.source),
      content_hash: issueHash,
      line_count: issue.lineCount,
      updated_at: now,
    };
    let issueId: number;
    if (existingIssue) {
      issueId = existingIssue.id;
      await trx.updateTable('gazette_issues').set(cover).where('id', '=', issueId).execute();
    } else {
      const row = await trx
        .insertInto('gazette_issues')
        .values({ ...cover, tenant, year: issue.year, number: issue.number, imported_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      issueId = row.id;
    }

    const pending: PendingIndex = { deleteClauses: [], deleteDocuments: [], clauses: [], documents: [] };
    const results: ImportResult['documents'] = [];
    const docIds = new Map<string, number>();
    let written = 0;
    for (const p of prepared) {
      const e = existingDocs.get(p.docNumber);
      const fields = documentFields(p, issueId, now);
      let action: ImportAction;
      let id: number;
      let version: number;
      if (!e) {
        const row = await trx
          .insertInto('documents')
          .values({ ...fields, tenant, version: 1, created_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        id = row.id;
        version = 1;
        await writeChildren(trx, tenant, id, p, pending);
        action = 'created';
      } else if (e.content_hash === p.contentHash) {
        id = e.id;
        version = e.version;
        action = 'unchanged';
        if (e.issue_id === issueId && e.position_hash !== p.positionHash) {
          await trx.updateTable('documents').set(fields).where('id', '=', id).execute();
          await deleteChildren(trx, id, pending);
          await writeChildren(trx, tenant, id, p, pending);
        }
      } else {
        id = e.id;
        version = e.version + 1;
        const previous = await loadDocumentRows(trx, tenant, id);
        if (!previous) throw new AppError('INTERNAL', `文件 ${p.docNumber} 读取失败。`);
        await trx
          .insertInto('document_versions')
          .values({
            tenant,
            document_id: id,
            version: e.version,
            content_hash: e.content_hash,
            snapshot: JSON.stringify(toDocument(previous)),
            issue_id: e.issue_id,
            replaced_at: now,
          })
          .execute();
        await trx
          .updateTable('documents')
          .set({ ...fields, version })
          .where('id', '=', id)
          .execute();
        await deleteChildren(trx, id, pending);
        await writeChildren(trx, tenant, id, p, pending);
        action = 'updated';
      }
      docIds.set(p.docNumber, id);
      results.push({ docNumber: p.docNumber, action, documentId: id, version });
      written++;
      if (options.failAfterDocuments !== undefined && written >= options.failAfterDocuments) {
        throw new AppError('INTERNAL', `导入在第 ${written} 个文件后按测试要求中止。`);
      }
    }

    await writeFindings(trx, tenant, issueId, issue.findings, docIds);
    // The stored issue differed (cover, a document or the findings): 'updated'.
    const result: ImportResult = { issueId, status: existingIssue ? 'updated' : 'created', documents: results };
    const byNumber = new Map(prepared.map((p) => [p.docNumber, p.doc]));
    await options.inTransaction?.(
      trx,
      result,
      results.map((r) => ({ documentId: r.documentId, action: r.action, doc: byNumber.get(r.docNumber) as Document })),
    );
    // The search index last, after every other statement (see PendingIndex).
    await deleteSearchRows(trx, target.dialect, 'clause', pending.deleteClauses);
    await deleteSearchRows(trx, target.dialect, 'document', pending.deleteDocuments);
    await writeSearchRows(trx, target.dialect, 'clause', tenant, pending.clauses);
    await writeSearchRows(trx, target.dialect, 'document', tenant, pending.documents);
    return result;
  });
}

function documentFields(p: Prepared, issueId: number, now: string) {
  const d = p.doc;
  return {
    issue_id: issueId,
    doc_number: d.docNumber.text,
    doc_number_printed: d.docNumber.printed,
    agency: d.docNumber.agency,
    year: d.docNumber.year,
    serial: d.docNumber.serial,
    issuer: d.issuer,
    title: d.title,
    doc_type: p.type,
    addressees: JSON.stringify(d.addressees),
    signed_on: d.signedOn,
    disclosure: d.disclosure,
    disclosure_note: d.disclosureNote,
    forwarded: JSON.stringify(d.forwarded),
    attachment_list: JSON.stringify(d.attachmentList),
    toc_page: d.tocPage,
    line: d.line,
    end_line: d.endLine,
    content_hash: p.contentHash,
    position_hash: p.positionHash,
    updated_at: now,
  };
}

/** Pre-order rows of a clause forest. */
function flattenClauses(
  out: Omit<ClauseRow, 'tenant' | 'document_id'>[],
  clauses: Clause[],
  attachmentEId: string | null,
  parentEId: string | null,
  depth: number,
): void {
  for (const c of clauses) {
    out.push({
      e_id: c.eId,
      parent_e_id: parentEId,
      attachment_e_id: attachmentEId,
      ord: out.length,
      depth,
      kind: c.kind,
      num: c.num,
      heading: c.heading,
      text: c.text,
      citation: c.citation,
      table_json: c.table ? JSON.stringify(c.table) : null,
      line: c.line,
      end_line: c.endLine,
    });
    flattenClauses(out, c.children, attachmentEId, c.eId, depth + 1);
  }
}

async function writeChildren(
  trx: Exec,
  tenant: string,
  documentId: number,
  p: Prepared,
  pending: PendingIndex,
): Promise<void> {
  const d = p.doc;
  const tags = filterTags({ disclosure: d.disclosure, year: d.docNumber.year, type: p.type, issuer: d.issuer });

  const attachments = d.attachments.map((a, ord) => ({
    tenant,
    document_id: documentId,
    e_id: a.eId,
    role: a.role,
    label: a.label,
    number: a.number,
    title: a.title,
    plan_title: a.planTitle,
    ord,
    line: a.line,
    end_line: a.endLine,
  }));
  for (const part of chunks(attachments, 11)) await trx.insertInto('attachments').values(part).execute();

  const flat: Omit<ClauseRow, 'tenant' | 'document_id'>[] = [];
  flattenClauses(flat, d.body, null, null, 0);
  for (const a of d.attachments) flattenClauses(flat, a.clauses, a.eId, null, 0);
  const rows: ClauseRow[] = flat.map((r) => ({ ...r, tenant, document_id: documentId }));
  for (const part of chunks(rows, 15)) {
    const ids = await trx.insertInto('clauses').values(part).returning(['id', 'e_id']).execute();
    const byEId = new Map(ids.map((r) => [r.e_id, r.id]));
    for (const r of part) {
      const id = byEId.get(r.e_id);
      if (id === undefined) continue;
      const texts = r.heading && !r.text.includes(r.heading) ? [r.heading, r.text] : [r.text];
      pending.clauses.push({ id, tokens: indexRowTokens(tenant, texts, tags) });
    }
  }
  const titleTexts = [d.title, ...d.attachments.map((a) => a.title), d.docNumber.text];
  pending.documents.push({ id: documentId, tokens: indexRowTokens(tenant, titleTexts, tags) });
}

async function deleteChildren(trx: Exec, documentId: number, pending: PendingIndex): Promise<void> {
  const ids = await trx.selectFrom('clauses').where('document_id', '=', documentId).select('id').execute();
  for (const r of ids) pending.deleteClauses.push(r.id);
  pending.deleteDocuments.push(documentId);
  await trx.deleteFrom('clauses').where('document_id', '=', documentId).execute();
  await trx.deleteFrom('attachments').where('document_id', '=', documentId).execute();
}

async function writeFindings(
  trx: Exec,
  tenant: string,
  issueId: number,
  findings: Finding[],
  docIds: Map<string, number>,
): Promise<void> {
  await trx.deleteFrom('findings').where('issue_id', '=', issueId).execute();
  const rows = findings.map((f) => ({
    tenant,
    issue_id: issueId,
    document_id: f.docNumber ? (docIds.get(f.docNumber) ?? null) : null,
    doc_number: f.docNumber,
    kind: f.kind,
    severity: f.severity,
    message: f.message,
    line: f.line,
  }));
  for (const part of chunks(rows, 8)) await trx.insertInto('findings').values(part).execute();
}

// ---------------------------------------------------------------------------------------------
// Reading

function parseJson<T>(text: string | null): T {
  return JSON.parse(text ?? 'null') as T;
}

type DocumentRow = Selectable<DocumentsTable>;

function summary(
  r: Pick<
    DocumentRow,
    'id' | 'doc_number' | 'title' | 'issuer' | 'signed_on' | 'disclosure' | 'doc_type' | 'issue_id' | 'toc_page'
  >,
): DocumentSummary {
  return {
    id: r.id,
    docNumber: r.doc_number,
    title: r.title,
    issuer: r.issuer,
    signedOn: r.signed_on,
    disclosure: r.disclosure,
    type: r.doc_type,
    issueId: r.issue_id,
    tocPage: r.toc_page,
  };
}

interface LoadedDocument {
  row: DocumentRow;
  body: Clause[];
  attachments: Attachment[];
}

/** Rebuild the clause forests of a document from its rows (pre-order with parent links). */
function buildTrees(
  rows: Array<{
    e_id: string;
    parent_e_id: string | null;
    attachment_e_id: string | null;
    kind: string;
    num: string | null;
    heading: string | null;
    text: string;
    citation: string;
    table_json: string | null;
    line: number;
    end_line: number;
  }>,
): Map<string | null, Clause[]> {
  const roots = new Map<string | null, Clause[]>();
  const nodes = new Map<string, Clause>();
  for (const r of rows) {
    const node: Clause = {
      eId: r.e_id,
      kind: r.kind as ClauseKind,
      num: r.num,
      heading: r.heading,
      text: r.text,
      citation: r.citation,
      table: r.table_json ? parseJson<Table>(r.table_json) : null,
      line: r.line,
      endLine: r.end_line,
      children: [],
    };
    nodes.set(r.e_id, node);
    const parent = r.parent_e_id ? nodes.get(r.parent_e_id) : undefined;
    if (parent) parent.children.push(node);
    else {
      const list = roots.get(r.attachment_e_id) ?? [];
      list.push(node);
      roots.set(r.attachment_e_id, list);
    }
  }
  return roots;
}

async function loadDocumentRows(db: Exec, tenant: string, id: number): Promise<LoadedDocument | null> {
  const row = await db
    .selectFrom('documents')
    .where('tenant', '=', tenant)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();
  if (!row) return null;
  const [atts, clauses] = await Promise.all([
    db.selectFrom('attachments').where('document_id', '=', id).orderBy('ord').selectAll().execute(),
    db.selectFrom('clauses').where('document_id', '=', id).orderBy('ord').selectAll().execute(),
  ]);
  const trees = buildTrees(clauses);
  return {
    row,
    body: trees.get(null) ?? [],
    attachments: atts.map((a) => ({
      eId: a.e_id,
      role: a.role,
      label: a.label,
      number: a.number,
      title: a.title,
      planTitle: a.plan_title,
      clauses: trees.get(a.e_id) ?? [],
      line: a.line,
      endLine: a.end_line,
    })),
  };
}

function docNumberOf(r: DocumentRow): DocNumber {
  return { text: r.doc_number, printed: r.doc_number_printed, agency: r.agency, year: r.year, serial: r.serial };
}

/** The stored document in the parser's shape (as imported). */
function toDocument(l: LoadedDocument): Document {
  const r = l.row;
  return {
    docNumber: docNumberOf(r),
    issuer: r.issuer,
    title: r.title,
    addressees: parseJson<string[]>(r.addressees),
    signedOn: r.signed_on,
    disclosure: r.disclosure,
    disclosureNote: r.disclosure_note,
    forwarded: parseJson<DocNumber[]>(r.forwarded),
    attachmentList: parseJson<string[]>(r.attachment_list),
    body: l.body,
    attachments: l.attachments,
    tocPage: r.toc_page,
    line: r.line,
    endLine: r.end_line,
  };
}

function findingRow(r: {
  id: number;
  issue_id: number;
  document_id: number | null;
  doc_number: string | null;
  kind: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
}): FindingRow {
  return {
    id: r.id,
    issueId: r.issue_id,
    documentId: r.document_id,
    docNumber: r.doc_number,
    kind: r.kind,
    severity: r.severity,
    message: r.message,
    line: r.line,
  };
}

function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `未找到${what}：请检查编号，或先导入对应的公报。`);
}

export async function listIssues(target: Db, tenant: string): Promise<IssueSummary[]> {
  assertTenant(tenant);
  const rows = await target.db
    .selectFrom('gazette_issues as i')
    .where('i.tenant', '=', tenant)
    .select((eb) => [
      'i.id',
      'i.year',
      'i.number',
      'i.title',
      'i.published_on',
      'i.imported_at',
      'i.updated_at',
      eb
        .selectFrom('documents as d')
        .whereRef('d.issue_id', '=', 'i.id')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .as('document_count'),
    ])
    .orderBy('i.year', 'desc')
    .orderBy('i.number', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    number: r.number,
    title: r.title,
    publishedOn: r.published_on,
    documentCount: Number(r.document_count ?? 0),
    importedAt: r.imported_at,
    updatedAt: r.updated_at,
  }));
}

/** A title compared loosely: no punctuation, spaces, 的, 印发. */
function looseTitle(t: string): string {
  return t.replace(/[\s\p{P}\p{S}]/gu, '').replace(/的|印发|转发|县/g, '');
}

function dice(a: string, b: string): number {
  const grams = (s: string) => {
    const m = new Map<string, number>();
    for (let i = 0; i + 1 < s.length; i++) m.set(s.slice(i, i + 2), (m.get(s.slice(i, i + 2)) ?? 0) + 1);
    return m;
  };
  const ga = grams(a);
  const gb = grams(b);
  let common = 0;
  for (const [g, n] of ga) common += Math.min(n, gb.get(g) ?? 0);
  const total = Math.max(0, a.length - 1) + Math.max(0, b.length - 1);
  return total === 0 ? 0 : (2 * common) / total;
}

/** Link TOC entries to documents: same TOC page, else the most similar title of the same issuer. */
export function linkToc(toc: TocEntry[], docs: DocumentSummary[]): LinkedTocEntry[] {
  const used = new Set<number>();
  const linked: LinkedTocEntry[] = toc.map((e) => ({ ...e, documentId: null, docNumber: null }));
  const take = (i: number, d: DocumentSummary) => {
    const entry = linked[i];
    if (!entry) return;
    entry.documentId = d.id;
    entry.docNumber = d.docNumber;
    used.add(d.id);
  };
  toc.forEach((e, i) => {
    const d = docs.find((x) => !used.has(x.id) && x.tocPage === e.page && (!e.issuer || x.issuer === e.issuer));
    if (d) take(i, d);
  });
  toc.forEach((e, i) => {
    if (linked[i]?.documentId !== null) return;
    let best: { d: DocumentSummary; s: number } | null = null;
    for (const d of docs) {
      if (used.has(d.id) || (e.issuer && d.issuer !== e.issuer)) continue;
      const s = looseTitle(d.title) === looseTitle(e.title) ? 1 : dice(looseTitle(d.title), looseTitle(e.title));
      if (s >= 0.6 && (!best || s > best.s)) best = { d, s };
    }
    if (best) take(i, best.d);
  });
  return linked;
}

export async function getIssue(target: Db, tenant: string, id: number): Promise<IssueDetail> {
  assertTenant(tenant);
  const { db } = target;
  const r = await db
    .selectFrom('gazette_issues')
    .where('tenant', '=', tenant)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();
  if (!r) throw notFound(`公报（编号 ${id}）`);
  const docs = await listDocuments(target, tenant, { issueId: id });
  const findings = await db
    .selectFrom('findings')
    .where('tenant', '=', tenant)
    .where('issue_id', '=', id)
    .select((e) => e.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  return {
    id: r.id,
    year: r.year,
    number: r.number,
    title: r.title,
    publishedOn: r.published_on,
    publisher: r.publisher,
    editor: r.editor,
    editorialBoard: parseJson<EditorialRole[]>(r.editorial_board),
    notes: parseJson<string[]>(r.notes),
    toc: linkToc(parseJson<TocEntry[]>(r.toc), docs),
    sourceName: r.source_name,
    sourceSha256: r.source_sha256,
    lineCount: r.line_count,
    importedAt: r.imported_at,
    updatedAt: r.updated_at,
    documentCount: docs.length,
    findingCount: Number(findings?.n ?? 0),
    documents: docs,
  };
}

export async function listDocuments(
  target: Db,
  tenant: string,
  filter: DocumentFilter = {},
): Promise<DocumentSummary[]> {
  assertTenant(tenant);
  if (filter.disclosures && filter.disclosures.length === 0) return [];
  let q = target.db
    .selectFrom('documents')
    .where('tenant', '=', tenant)
    .select(['id', 'doc_number', 'title', 'issuer', 'signed_on', 'disclosure', 'doc_type', 'issue_id', 'toc_page']);
  if (filter.disclosures) q = q.where('disclosure', 'in', filter.disclosures);
  if (filter.issueId !== undefined) q = q.where('issue_id', '=', filter.issueId);
  if (filter.issuer) q = q.where('issuer', '=', filter.issuer);
  if (filter.year !== undefined) q = q.where('year', '=', filter.year);
  if (filter.type) q = q.where('doc_type', '=', filter.type);
  q =
    filter.issueId !== undefined
      ? q.orderBy('line', 'asc').orderBy('id', 'asc')
      : q.orderBy('signed_on', (ob) => ob.desc().nullsLast()).orderBy('id', 'desc');
  if (filter.limit !== undefined) q = q.limit(Math.max(0, Math.trunc(filter.limit)));
  if (filter.offset) q = q.offset(Math.max(0, Math.trunc(filter.offset)));
  const rows = await q.execute();
  return rows.map(summary);
}

export async function getDocument(target: Db, tenant: string, id: number): Promise<DocumentDetail> {
  assertTenant(tenant);
  const { db } = target;
  const loaded = await loadDocumentRows(db, tenant, id);
  if (!loaded) throw notFound(`文件（编号 ${id}）`);
  const r = loaded.row;
  const [findings, versions] = await Promise.all([
    db
      .selectFrom('findings')
      .where('tenant', '=', tenant)
      .where('document_id', '=', id)
      .orderBy('line')
      .selectAll()
      .execute(),
    db
      .selectFrom('document_versions')
      .where('tenant', '=', tenant)
      .where('document_id', '=', id)
      .orderBy('version', 'desc')
      .select(['version', 'content_hash', 'issue_id', 'replaced_at'])
      .execute(),
  ]);
  return {
    ...summary(r),
    docNumberInfo: docNumberOf(r),
    addressees: parseJson<string[]>(r.addressees),
    disclosureNote: r.disclosure_note,
    forwarded: parseJson<DocNumber[]>(r.forwarded),
    attachmentList: parseJson<string[]>(r.attachment_list),
    line: r.line,
    endLine: r.end_line,
    version: r.version,
    contentHash: r.content_hash,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    body: loaded.body,
    attachments: loaded.attachments,
    findings: findings.map(findingRow),
    previousVersions: versions.map((v) => ({
      version: v.version,
      contentHash: v.content_hash,
      issueId: v.issue_id,
      replacedAt: v.replaced_at,
    })),
  };
}

/** 襄政办发[2023]15号 / 襄政办发（2023）15号 / 襄政办发〔2023〕15号 → 襄政办发〔2023〕15号 */
export function canonicalDocNumber(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[[(【〔]/g, '〔')
    .replace(/[\])】〕]/g, '〕');
}

export async function getDocumentByNumber(target: Db, tenant: string, docNumber: string): Promise<DocumentDetail> {
  assertTenant(tenant);
  const wanted = canonicalDocNumber(docNumber);
  const r = await target.db
    .selectFrom('documents')
    .where('tenant', '=', tenant)
    .where('doc_number', '=', wanted)
    .select('id')
    .executeTakeFirst();
  if (!r) throw notFound(`发文字号为“${docNumber}”的文件`);
  return getDocument(target, tenant, r.id);
}

/** The stored document in the parser's shape (Document of gazette/types.ts), as last imported. */
export async function getDocumentSnapshot(target: Db, tenant: string, id: number): Promise<Document> {
  assertTenant(tenant);
  const loaded = await loadDocumentRows(target.db, tenant, id);
  if (!loaded) throw notFound(`文件（编号 ${id}）`);
  return toDocument(loaded);
}

/** Previous versions of a document with their full snapshots, newest first. */
export async function listDocumentVersions(target: Db, tenant: string, documentId: number): Promise<DocumentVersion[]> {
  assertTenant(tenant);
  const rows = await target.db
    .selectFrom('document_versions')
    .where('tenant', '=', tenant)
    .where('document_id', '=', documentId)
    .orderBy('version', 'desc')
    .selectAll()
    .execute();
  return rows.map((v) => ({
    version: v.version,
    contentHash: v.content_hash,
    issueId: v.issue_id,
    replacedAt: v.replaced_at,
    snapshot: parseJson<Document>(v.snapshot),
  }));
}

export async function getClause(target: Db, tenant: string, documentId: number, eId: string): Promise<ClauseDetail> {
  assertTenant(tenant);
  const { db } = target;
  const doc = await db
    .selectFrom('documents')
    .where('tenant', '=', tenant)
    .where('id', '=', documentId)
    .select(['id', 'doc_number', 'title', 'disclosure'])
    .executeTakeFirst();
  if (!doc) throw notFound(`文件（编号 ${documentId}）`);
  const target0 = await db
    .selectFrom('clauses')
    .where('document_id', '=', documentId)
    .where('e_id', '=', eId)
    .select(['attachment_e_id'])
    .executeTakeFirst();
  if (!target0) throw notFound(`文件 ${doc.doc_number} 中标识为“${eId}”的条款`);
  let q = db.selectFrom('clauses').where('document_id', '=', documentId).orderBy('ord').selectAll();
  q =
    target0.attachment_e_id === null
      ? q.where('attachment_e_id', 'is', null)
      : q.where('attachment_e_id', '=', target0.attachment_e_id);
  const rows = await q.execute();
  const trees = buildTrees(rows);
  const parents = new Map(rows.map((r) => [r.e_id, r]));
  const path: ClauseDetail['path'] = [];
  for (let p = parents.get(eId)?.parent_e_id ?? null; p; p = parents.get(p)?.parent_e_id ?? null) {
    const r = parents.get(p);
    if (!r) break;
    path.unshift({ eId: r.e_id, num: r.num, heading: r.heading });
  }
  const find = (cs: Clause[]): Clause | null => {
    for (const c of cs) {
      if (c.eId === eId) return c;
      const f = find(c.children);
      if (f) return f;
    }
    return null;
  };
  const clause = find(trees.get(target0.attachment_e_id) ?? []);
  if (!clause) throw notFound(`文件 ${doc.doc_number} 中标识为“${eId}”的条款`);
  let attachmentTitle: string | null = null;
  if (target0.attachment_e_id) {
    const a = await db
      .selectFrom('attachments')
      .where('document_id', '=', documentId)
      .where('e_id', '=', target0.attachment_e_id)
      .select('title')
      .executeTakeFirst();
    attachmentTitle = a?.title ?? null;
  }
  return {
    documentId: doc.id,
    docNumber: doc.doc_number,
    documentTitle: doc.title,
    disclosure: doc.disclosure,
    attachmentEId: target0.attachment_e_id,
    attachmentTitle,
    path,
    clause,
  };
}

export async function listFindings(target: Db, tenant: string, issueId: number): Promise<FindingRow[]> {
  assertTenant(tenant);
  const rows = await target.db
    .selectFrom('findings')
    .where('tenant', '=', tenant)
    .where('issue_id', '=', issueId)
    .orderBy('line')
    .orderBy('id')
    .selectAll()
    .execute();
  return rows.map(findingRow);
}
