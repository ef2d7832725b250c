// What the next gazette issue is compiled from: the stored documents signed in a period and the cover of the
// latest stored issue. Reads through the documents capability; the register's own table tells which numbers
// were issued in the period without a text to print yet.
//
// Decisions (docs/docflow.md §4):
//   - a document belongs to the period by its 成文日期 (signed_on), both ends included;
//   - the gazette prints what is published: documents marked 此件公开发布 or 此件部分公开; a document without
//     附注 (restricted) is left out and reported;
//   - order: 县政府文件 before 县政府办文件 (then other issuers), within a section by serial;
//   - cover: title, editorial board, publisher and editor of the latest stored issue; no cover notes;
//   - an issue number already stored is refused (CONFLICT): an issue is compiled once.
import { getDocumentSnapshot, getIssue, listIssues } from '../documents/store.ts';
import type { CompileCover, CompileInput } from '../gazette/compile.ts';
import { sectionOf } from '../gazette/compile.ts';
import type { Document } from '../gazette/types.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { issuedBetween } from './store.ts';

export interface CompileRequest {
  from: string;
  to: string;
  year: number;
  number: number;
  publishedOn: string;
  /** Documents not stored yet (formal texts of registered numbers, `luoshi compile --add`). */
  extra?: Document[];
}

export interface CompileSource {
  input: CompileInput;
  /** Documents of the period not printed, and why. */
  skipped: { docNumber: string; title: string; reason: string }[];
}

const SECTION_ORDER = ['县政府文件', '县政府办文件'];

export async function compileSource(target: Db, tenant: string, req: CompileRequest): Promise<CompileSource> {
  if (req.from > req.to) {
    throw new AppError('BAD_INPUT', `开始日期 ${req.from} 晚于结束日期 ${req.to}。`, { field: 'from' });
  }
  const issues = await listIssues(target, tenant);
  if (issues.some((i) => i.year === req.year && i.number === req.number)) {
    throw new AppError('CONFLICT', `${req.year}年第${req.number}期公报已经存在，不能重复编辑。`, { field: 'issue' });
  }
  const latest = issues[0];
  if (!latest) {
    throw new AppError('BAD_INPUT', '数据库中还没有任何一期公报，无法沿用封面和编辑委员会。请先导入一期公报。', {
      field: 'issue',
    });
  }
  const detail = await getIssue(target, tenant, latest.id);
  const cover: CompileCover = {
    title: detail.title,
    year: req.year,
    number: req.number,
    publishedOn: req.publishedOn,
    publisher: detail.publisher,
    editor: detail.editor,
    editorialBoard: detail.editorialBoard,
    notes: [],
  };
  const rows = await target.db
    .selectFrom('documents')
    .select(['id', 'doc_number', 'title', 'disclosure'])
    .where('tenant', '=', tenant)
    .where('signed_on', '>=', req.from)
    .where('signed_on', '<=', req.to)
    .execute();
  const skipped: CompileSource['skipped'] = [];
  const documents: Document[] = [];
  for (const r of rows) {
    if (r.disclosure === 'restricted') {
      skipped.push({ docNumber: r.doc_number, title: r.title, reason: '未标注公开（无附注），不刊登' });
      continue;
    }
    documents.push(await getDocumentSnapshot(target, tenant, r.id));
  }
  for (const d of req.extra ?? []) {
    if (
      rows.some((r) => r.doc_number === d.docNumber.text) ||
      documents.some((x) => x.docNumber.text === d.docNumber.text)
    ) {
      skipped.push({ docNumber: d.docNumber.text, title: d.title, reason: '已在库中或重复提供，按库中文本刊登' });
      continue;
    }
    if (d.disclosure === 'restricted' || /依申请公开|不予公开|不公开/.test(d.disclosureNote ?? '')) {
      skipped.push({
        docNumber: d.docNumber.text,
        title: d.title,
        reason: '附注不是“此件公开发布”或“此件部分公开”，不刊登',
      });
      continue;
    }
    documents.push(d);
  }
  const rank = (d: Document) => {
    const k = SECTION_ORDER.indexOf(sectionOf(d.issuer));
    return k < 0 ? SECTION_ORDER.length : k;
  };
  documents.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.docNumber.agency.localeCompare(b.docNumber.agency, 'zh') ||
      a.docNumber.year - b.docNumber.year ||
      a.docNumber.serial - b.docNumber.serial,
  );
  const printed = new Set(documents.map((d) => d.docNumber.text));
  for (const i of await issuedBetween(target, tenant, req.from, req.to)) {
    if (printed.has(i.docNumber) || rows.some((r) => r.doc_number === i.docNumber)) continue;
    skipped.push({
      docNumber: i.docNumber,
      title: i.title,
      reason:
        i.disclosure === 'public'
          ? '已登记发文字号，但正文尚未导入'
          : `附注为“${i.disclosure === 'on-request' ? '依申请公开' : '不予公开'}”，不刊登`,
    });
  }
  return { input: { cover, documents }, skipped };
}
