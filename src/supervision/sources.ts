// Sources of supervision items (issue #5 "Sources of tasks"): the reviewed tasks of a document become items.
// Commitments are read only through src/commitments/store.ts; items are written only through ./store.ts.
//
// itemsFromReviewedTasks: every task of the document whose review status is confirmed or corrected (the
// corrected fields win) becomes one item, 立项 and 交办 in ONE transaction with their audit rows:
//   lead unit = the first lead; supporting units = the other leads + the supporting units (deduplicated);
//   due date = the task's (a document date replaces the 13710 close-by date) or, without one, the 13710
//   defaults; source 'document' with the document, eId and citation.
// Idempotent: a task that already has an item (stored commitment id, unique per tenant), or whose (document,
// eId, title) matches an item entered by hand, is skipped. Tasks without a lead unit
// and tasks whose date has already passed are reported, never invented or silently dropped.
import { isUniqueViolation } from '../access/db.ts';
import type { Actor } from '../access/roles.ts';
import { compareDates, shanghaiDate } from '../calendar/dates.ts';
import { listCommitments } from '../commitments/store.ts';
import { getDocument } from '../documents/store.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { getSupervisionSettings } from './settingsStore.ts';
import { createItemIn, documentItemKeys, type WriteOptions } from './store.ts';
import type { Category } from './types.ts';

export interface SourceTask {
  commitmentId: number;
  eId: string;
  title: string;
}

export interface FromDocumentResult {
  documentId: number;
  docNumber: string;
  /** Items created (立项 and 交办). */
  created: (SourceTask & { itemId: number; lead: string; supports: string[]; dueOn: string | null })[];
  /** Tasks that already have an item (created from the same record, or with the same document, eId and title). */
  skipped: (SourceTask & { itemId: number })[];
  /** Tasks whose record names no lead unit: fix the record on the review page (更正) first. */
  withoutLead: SourceTask[];
  /** Tasks whose due date is before today: an item cannot be assigned with a past date. */
  pastDue: (SourceTask & { due: string })[];
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : [];

export interface FromDocumentOptions extends WriteOptions {
  /**
   * 一般事项 or 重大复杂事项 per task record (commitment id → category); a record not named is 一般事项. The records
   * do not say which tasks are major: the office decides when generating (docs/supervision.md §7).
   */
  categories?: Readonly<Record<number, Category>>;
}

/** Turn the confirmed and corrected tasks of a document into assigned supervision items (one transaction). */
export async function itemsFromReviewedTasks(
  target: Db,
  tenant: string,
  documentId: number,
  actor: Actor,
  opts: FromDocumentOptions = {},
): Promise<FromDocumentResult> {
  const now = opts.now ?? new Date();
  const today = shanghaiDate(now.toISOString()) as string;
  const doc = await getDocument(target, tenant, documentId); // NOT_FOUND for another tenant's or no document
  const settings = opts.settings ?? (await getSupervisionSettings(target, tenant));
  // Two requests for the same document at once: on PostgreSQL both transactions may insert an item for the same
  // task; the unique (tenant, commitment_id) index refuses the second, whose transaction rolls back whole. It is
  // then run again and finds the other request's items (skipped): an idempotent answer, never a 500.
  for (let attempt = 1; ; attempt++) {
    try {
      return await fromTasksOnce(target, tenant, documentId, doc.docNumber, actor, { ...opts, now, settings }, today);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      if (attempt >= 3)
        throw new AppError('CONFLICT', `文件 ${doc.docNumber} 的督办事项正由其他请求同时生成，请稍后刷新查看或重试。`);
    }
  }
}

async function fromTasksOnce(
  target: Db,
  tenant: string,
  documentId: number,
  docNumber: string,
  actor: Actor,
  opts: FromDocumentOptions & { now: Date },
  today: string,
): Promise<FromDocumentResult> {
  const { now, settings } = opts;
  return target.db.transaction().execute(async (trx) => {
    const inTrx: Db = { ...target, db: trx };
    const tasks = await listCommitments(inTrx, tenant, {
      kind: 'task',
      documentId,
      disclosures: ['public', 'partial', 'restricted'],
    });
    const unknown = Object.keys(opts.categories ?? {}).filter((k) => !tasks.some((c) => String(c.id) === k));
    if (unknown.length)
      throw new AppError(
        'BAD_INPUT',
        `字段“categories”：${unknown.join('、')} 不是文件 ${docNumber} 的任务记录编号。`,
        { field: 'categories' },
      );
    const existing = await documentItemKeys(inTrx, tenant, documentId);
    const seen = new Map(existing.map((e) => [`${e.eId ?? ''}\u0000${e.title}`, e.id]));
    const byCommitment = new Map(existing.filter((e) => e.commitmentId !== null).map((e) => [e.commitmentId, e.id]));
    const result: FromDocumentResult = {
      documentId,
      docNumber,
      created: [],
      skipped: [],
      withoutLead: [],
      pastDue: [],
    };
    for (const c of tasks) {
      if (c.status !== 'confirmed' && c.status !== 'corrected') continue;
      if (c.goneAt !== null) continue; // no longer extracted from the document
      const t = c.effective;
      const title = String(t.title ?? '').trim();
      const base: SourceTask = { commitmentId: c.id, eId: c.eId, title };
      const key = `${c.eId}\u0000${title}`;
      const already = byCommitment.get(c.id) ?? seen.get(key);
      if (already !== undefined) {
        result.skipped.push({ ...base, itemId: already });
        continue;
      }
      const leads = strings(t.lead);
      const [lead, ...otherLeads] = leads;
      if (!lead) {
        result.withoutLead.push(base);
        continue;
      }
      const supports = [...new Set([...otherLeads, ...strings(t.support)])].filter((u) => u !== lead);
      const due = typeof t.due === 'string' && t.due ? t.due : null;
      if (due !== null && compareDates(due, today) < 0) {
        result.pastDue.push({ ...base, due });
        continue;
      }
      const text = typeof t.text === 'string' ? t.text : null;
      const itemId = await createItemIn(
        trx,
        tenant,
        {
          title,
          text: text ? text.slice(0, 5000) : null,
          category: opts.categories?.[c.id] ?? 'ordinary',
          lead,
          supports,
          dueOn: due,
          assign: true,
          commitmentId: c.id,
          source: { documentId, docNumber: c.docNumber, eId: c.eId, citation: c.citation },
        },
        actor,
        { ...opts, now, settings },
      );
      seen.set(key, itemId);
      result.created.push({ ...base, itemId, lead, supports, dueOn: due });
    }
    return result;
  });
}
