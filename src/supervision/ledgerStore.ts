// The Excel ledger against the database: export the filtered ledger, import an uploaded one — every row valid or
// nothing written (one transaction: items, units, events and audit rows through store.ts's createItemIn, plus one
// `supervision:ledger-import` audit row naming the file). Units are checked against the unit registry
// (src/orgs/registry.ts, with its aliases), the tenant's unit directory (units named in its documents) and the
// units already on supervision items.
import { recordAudit } from '../access/audit.ts';
import type { Actor } from '../access/roles.ts';
import { type IsoDate, shanghaiDate } from '../calendar/dates.ts';
import { baseOrgsFor, cleanUnitName, OrgRegistry } from '../orgs/registry.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import {
  buildLedgerWorkbook,
  describeIssues,
  type LedgerIssue,
  type LedgerRow,
  parseLedger,
  readLedgerWorkbook,
  type UnitCheck,
} from './ledger.ts';
import { LIGHT_LABELS } from './lights.ts';
import { getSupervisionSettings } from './settingsStore.ts';
import { createItemIn, type ItemFilter, listItems, supervisionActor } from './store.ts';
import { STATE_LABELS } from './types.ts';

/** The county of a tenant for the curated registry (襄垣县 has one; others get the generic collectives). */
function countyOf(tenant: string): string | null {
  return tenant === '140423' ? '襄垣县' : null;
}

const NOT_A_UNIT = new Set(['role', 'collective', 'group']);

function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const ra = a.slice(i);
  const rb = b.slice(i);
  return ra.slice(1) === rb.slice(1) || ra.slice(1) === rb || ra === rb.slice(1);
}

/** The unit check of an import: registry (aliases → canonical name), the tenant's directory, existing items. */
export async function unitChecker(target: Db, tenant: string): Promise<(name: string) => UnitCheck> {
  const { base, county } = baseOrgsFor(countyOf(tenant));
  const registry = new OrgRegistry(base, county);
  const directory = await target.db
    .selectFrom('org_mentions')
    .select('org_name')
    .distinct()
    .where('tenant', '=', tenant)
    .execute();
  const onItems = await target.db
    .selectFrom('supervision_item_units')
    .select('unit')
    .distinct()
    .where('tenant', '=', tenant)
    .execute();
  const known = new Set<string>([
    ...registry
      .list()
      .filter((r) => !NOT_A_UNIT.has(r.kind))
      .map((r) => r.name),
    ...directory.map((d) => d.org_name),
    ...onItems.map((u) => u.unit),
  ]);
  const names = [...known];
  return (raw: string): UnitCheck => {
    const name = cleanUnitName(raw);
    if (!name) return { ok: false, suggestion: null };
    const rec = registry.get(name);
    if (rec && !NOT_A_UNIT.has(rec.kind)) return { ok: true, name: rec.name };
    if (known.has(name)) return { ok: true, name };
    const r = registry.resolve(name, { structured: false });
    if (r.name && (r.how === 'exact' || r.how === 'alias' || r.how === 'normalized') && known.has(r.name))
      return { ok: true, name: r.name };
    const near = names.find((k) => oneEditApart(k, name)) ?? names.find((k) => k.includes(name) && name.length >= 2);
    return { ok: false, suggestion: near ?? null };
  };
}

export interface LedgerImportOptions {
  now?: Date;
  ip?: string | null;
  fileName?: string;
}

export interface LedgerImportResult {
  fileName: string;
  sheet: string;
  created: { row: number; itemId: number; title: string; lead: string; assigned: boolean }[];
}

/** A refused import: BAD_INPUT whose message names the first problems and `details.issues` lists all. */
export function ledgerError(issues: LedgerIssue[], fileName: string): AppError {
  const first = issues[0];
  return new AppError(
    'BAD_INPUT',
    describeIssues(issues),
    { file: fileName, ...(first ? { row: first.row } : {}), ...(first?.column ? { field: first.column } : {}) },
    { issues },
  );
}

/** Validate the whole ledger, then write all rows in one transaction, or nothing. */
export async function importLedger(
  target: Db,
  tenant: string,
  data: Uint8Array,
  actor: Actor,
  opts: LedgerImportOptions = {},
): Promise<LedgerImportResult> {
  const fileName = opts.fileName ?? '台账.xlsx';
  const now = (opts.now ?? new Date()).toISOString();
  const today = shanghaiDate(now) as IsoDate;
  const book = await readLedgerWorkbook(data);
  if ('error' in book) throw ledgerError([{ row: 1, column: null, message: book.error }], fileName);
  const settings = await getSupervisionSettings(target, tenant);
  const parsed = parseLedger(book.rows, {
    today,
    unit: await unitChecker(target, tenant),
    actor: supervisionActor(actor),
    now,
    settings,
  });
  if (parsed.issues.length) throw ledgerError(parsed.issues, fileName);
  const created = await target.db.transaction().execute(async (trx) => {
    const out: LedgerImportResult['created'] = [];
    for (const r of parsed.rows) {
      const itemId = await writeRow(trx, tenant, r, actor, { now: new Date(now), ip: opts.ip ?? null, settings });
      out.push({ row: r.row, itemId, title: r.title, lead: r.lead, assigned: r.assign });
    }
    await recordAudit(trx, {
      tenant,
      actor,
      action: 'supervision:ledger-import',
      entity: 'supervision_ledger',
      entityId: fileName,
      after: { fileName, sheet: book.sheet, rows: out.length, itemIds: out.map((c) => c.itemId) },
      ip: opts.ip ?? null,
      at: new Date(now),
    });
    return out;
  });
  return { fileName, sheet: book.sheet, created };
}

async function writeRow(
  trx: Parameters<typeof createItemIn>[0],
  tenant: string,
  r: LedgerRow,
  actor: Actor,
  opts: Parameters<typeof createItemIn>[4],
): Promise<number> {
  try {
    return await createItemIn(
      trx,
      tenant,
      {
        title: r.title,
        text: r.text,
        category: r.category,
        lead: r.lead,
        supports: r.supports,
        dueOn: r.dueOn,
        assign: r.assign,
        ...(r.citation ? { source: { citation: r.citation } } : {}),
      },
      actor,
      opts,
    );
  } catch (e) {
    // validated above, so this is unexpected; still name the row, and the transaction rolls back
    if (e instanceof AppError) throw new AppError(e.code, `第 ${r.row} 行：${e.message}`, { row: r.row }, e.details);
    throw e;
  }
}

/** Chinese description of the export filters. */
export function describeFilter(filter: ItemFilter): string {
  const parts: string[] = [];
  if (filter.state) parts.push(`状态：${STATE_LABELS[filter.state]}`);
  if (filter.unit) parts.push(`单位：${filter.unit}`);
  if (filter.light) parts.push(`灯色：${LIGHT_LABELS[filter.light]}`);
  if (filter.overdue !== undefined) parts.push(filter.overdue ? '仅逾期未办结' : '不含逾期未办结');
  return parts.join('；');
}

/** The filtered ledger as .xlsx (lights at `now`, with the county's settings). */
export async function exportLedger(
  target: Db,
  tenant: string,
  filter: ItemFilter,
  actor: Actor,
  opts: { now?: Date } = {},
): Promise<{ data: Buffer; count: number }> {
  const now = opts.now ?? new Date();
  const items = await listItems(target, tenant, filter, { now });
  const data = await buildLedgerWorkbook(items, {
    filters: describeFilter(filter),
    exportedAt: now.toISOString(),
    exportedBy: actor.displayName || actor.username || '未知用户',
  });
  return { data, count: items.length };
}
