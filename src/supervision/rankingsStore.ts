// Storage side of rankings, the 通报 and the leader's dashboard: reads supervision items (read-only) and the
// leaders' portfolios (分管, table supervision_leader_units, migration 0010). The figures themselves are computed
// by the pure rankings.ts; the county's settings (day counting, calendar) come from settingsStore.ts.
import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../access/audit.ts';
import type { Actor } from '../access/roles.ts';
import { addDays, compareDates, type IsoDate, shanghaiDate } from '../calendar/dates.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import type { Database, SupervisionItemsTable } from '../platform/schema.ts';
import { LIGHT_LABELS, type Light, lightFor } from './lights.ts';
import { monthlyTrend, type Period, type Rankings, rankings, type TrendPoint } from './rankings.ts';
import { getSupervisionSettings } from './settingsStore.ts';
import { type ItemState, STATE_LABELS, type SupervisionItem, type SupervisionSettings } from './types.ts';

type ItemRow = Selectable<SupervisionItemsTable>;

function itemFromRow(row: ItemRow): SupervisionItem {
  const stored = JSON.parse(row.item_json) as Omit<SupervisionItem, 'history'>;
  return { ...stored, id: String(row.id), version: row.version, history: [] };
}

// ---------------------------------------------------------------------------------------------------------
// Leaders' portfolios (分管)

export interface LeaderPortfolio {
  userId: number;
  leader: string;
  username: string;
  units: string[];
}

/** Every active leader account with the units they are in charge of (possibly none). */
export async function leaderPortfolios(target: Db, tenant: string): Promise<LeaderPortfolio[]> {
  const users = await target.db
    .selectFrom('users')
    .select(['id', 'display_name', 'username'])
    .where('tenant', '=', tenant)
    .where('role', '=', 'leader')
    .where('disabled_at', 'is', null)
    .orderBy('id')
    .execute();
  const rows = await target.db
    .selectFrom('supervision_leader_units')
    .select(['user_id', 'unit'])
    .where('tenant', '=', tenant)
    .orderBy('unit')
    .execute();
  return users.map((u) => ({
    userId: u.id,
    leader: u.display_name,
    username: u.username,
    units: rows.filter((r) => r.user_id === u.id).map((r) => r.unit),
  }));
}

/**
 * The active leader accounts in charge (分管) of each of `units` — whom a notification for 县领导 about an item led
 * by that unit goes to. A unit without a recorded leader is absent: its notices go to every leader (role).
 */
export async function leadersInCharge(
  db: Kysely<Database>,
  tenant: string,
  units: readonly string[],
): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (units.length === 0) return out;
  const rows = await db
    .selectFrom('supervision_leader_units as l')
    .innerJoin('users as u', 'u.id', 'l.user_id')
    .select(['l.unit', 'l.user_id'])
    .where('l.tenant', '=', tenant)
    .where('l.unit', 'in', [...new Set(units)])
    .where('u.tenant', '=', tenant)
    .where('u.role', '=', 'leader')
    .where('u.disabled_at', 'is', null)
    .orderBy('l.user_id')
    .execute();
  for (const r of rows) out.set(r.unit, [...(out.get(r.unit) ?? []), r.user_id]);
  return out;
}

/** Replace a leader's units (admin): one transaction with the audit row. */
export async function setLeaderUnits(
  target: Db,
  tenant: string,
  userId: number,
  units: string[],
  actor: Actor,
  opts: { now?: Date; ip?: string | null } = {},
): Promise<LeaderPortfolio> {
  const now = opts.now ?? new Date();
  const clean = [...new Set(units.map((u) => u.trim()).filter(Boolean))];
  await target.db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'role'])
      .where('tenant', '=', tenant)
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) throw new AppError('NOT_FOUND', `未找到编号为 ${userId} 的用户`);
    if (user.role !== 'leader')
      throw new AppError('BAD_INPUT', `用户 ${userId} 不是领导账户，不能设置分管单位。`, { field: 'userId' });
    const before = await trx
      .selectFrom('supervision_leader_units')
      .select('unit')
      .where('tenant', '=', tenant)
      .where('user_id', '=', userId)
      .orderBy('unit')
      .execute();
    await trx
      .deleteFrom('supervision_leader_units')
      .where('tenant', '=', tenant)
      .where('user_id', '=', userId)
      .execute();
    if (clean.length)
      await trx
        .insertInto('supervision_leader_units')
        .values(clean.map((unit) => ({ tenant, user_id: userId, unit, created_at: now.toISOString() })))
        .execute();
    await recordAudit(trx, {
      tenant,
      actor,
      action: 'supervision:leader_units',
      entity: 'user',
      entityId: userId,
      before: { units: before.map((r) => r.unit) },
      after: { units: clean },
      ip: opts.ip ?? null,
      at: now,
    });
  });
  const all = await leaderPortfolios(target, tenant);
  return all.find((p) => p.userId === userId) as LeaderPortfolio;
}

// ---------------------------------------------------------------------------------------------------------
// Rankings

export interface RankingOptions {
  now?: Date;
  settings?: SupervisionSettings;
}

/** Items that may matter for a period ending `to`: assigned by then, not drafts. */
async function itemsUpTo(db: Kysely<Database>, tenant: string, to: IsoDate): Promise<SupervisionItem[]> {
  const rows = await db
    .selectFrom('supervision_items')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('state', '!=', 'draft')
    .where('assigned_on', 'is not', null)
    .where('assigned_on', '<=', to)
    .orderBy('id')
    .execute();
  return rows.map(itemFromRow);
}

/**
 * Rankings for a period, evaluated today (Asia/Shanghai) — or at the period's end when that is earlier? No:
 * always today, so a 通报 for June made on 3 July counts what was still open on 3 July as overdue.
 */
export async function periodRankings(
  target: Db,
  tenant: string,
  period: Period,
  opts: RankingOptions = {},
): Promise<Rankings> {
  const settings = opts.settings ?? (await getSupervisionSettings(target, tenant));
  const asOf = shanghaiDate((opts.now ?? new Date()).toISOString()) as IsoDate;
  const items = await itemsUpTo(target.db, tenant, period.to);
  const leaders = (await leaderPortfolios(target, tenant)).map((l) => ({ leader: l.leader, units: l.units }));
  return rankings({ items, period, asOf, settings, leaders });
}

/** Monthly trend from `fromMonth` to `toMonth` (YYYY-MM), each month as at its end (or today). */
export async function rankingTrend(
  target: Db,
  tenant: string,
  fromMonth: string,
  toMonth: string,
  opts: RankingOptions = {},
): Promise<TrendPoint[]> {
  const settings = opts.settings ?? (await getSupervisionSettings(target, tenant));
  const asOf = shanghaiDate((opts.now ?? new Date()).toISOString()) as IsoDate;
  const items = await itemsUpTo(target.db, tenant, `${toMonth}-31`);
  return monthlyTrend(items, fromMonth, toMonth, asOf, settings);
}

// ---------------------------------------------------------------------------------------------------------
// The leader's dashboard

export interface DashboardItem {
  id: number;
  title: string;
  lead: string;
  supports: string[];
  state: ItemState;
  stateLabel: string;
  closeBy: string | null;
  light: Light;
  lightLabel: string;
  reasons: string[];
  overdueDays: number;
}

export interface PendingExtension extends DashboardItem {
  requestedOn: string;
  reason: string;
  previousCloseBy: string;
  newCloseBy: string;
}

export interface RecentClosure extends DashboardItem {
  closedOn: string;
  rating: string | null;
}

export interface Dashboard {
  leader: { userId: number | null; name: string };
  /** The units in scope; empty with `wholeCounty` when the leader has no 分管 units recorded. */
  units: string[];
  wholeCounty: boolean;
  counts: Record<Light, number>;
  /** Open items by light (red first, then yellow, green). */
  items: DashboardItem[];
  overdue: DashboardItem[];
  /** 延期申请 awaiting a leader's decision. */
  awaitingDecision: PendingExtension[];
  /** Items closed (办结销号) in the last 30 days. */
  recentClosures: RecentClosure[];
}

const OPEN: ItemState[] = ['assigned', 'acknowledged', 'in_progress', 'closure_requested'];

/**
 * A leader's dashboard: the open items led by the leader's units (分管) by light, the overdue ones, extension
 * requests waiting for a leader and the closures of the last 30 days. A leader without recorded units sees the
 * whole county (and is told so).
 */
export async function leaderDashboard(
  target: Db,
  tenant: string,
  leader: { userId: number | null; name: string },
  opts: RankingOptions = {},
): Promise<Dashboard> {
  const settings = opts.settings ?? (await getSupervisionSettings(target, tenant));
  const now = (opts.now ?? new Date()).toISOString();
  const today = shanghaiDate(now) as IsoDate;
  const units =
    leader.userId === null
      ? []
      : ((await leaderPortfolios(target, tenant)).find((p) => p.userId === leader.userId)?.units ?? []);
  const since = addDays(today, -30);
  let q = target.db
    .selectFrom('supervision_items')
    .selectAll()
    .where('tenant', '=', tenant)
    .where((eb) => eb.or([eb('state', 'in', OPEN), eb('closed_at', '>=', `${since}T00:00:00.000Z`)]));
  if (units.length) q = q.where('lead_unit', 'in', units);
  const rows = await q.orderBy('close_by').orderBy('id').execute();
  const out: Dashboard = {
    leader,
    units,
    wholeCounty: units.length === 0,
    counts: { red: 0, yellow: 0, green: 0, none: 0 },
    items: [],
    overdue: [],
    awaitingDecision: [],
    recentClosures: [],
  };
  const order: Record<Light, number> = { red: 0, yellow: 1, green: 2, none: 3 };
  for (const row of rows) {
    const item = itemFromRow(row);
    const report = lightFor(item, now, settings);
    const view: DashboardItem = {
      id: row.id,
      title: row.title,
      lead: row.lead_unit,
      supports: JSON.parse(row.support_units) as string[],
      state: row.state as ItemState,
      stateLabel: STATE_LABELS[row.state as ItemState] ?? row.state,
      closeBy: row.close_by,
      light: report.light,
      lightLabel: LIGHT_LABELS[report.light],
      reasons: report.reasons,
      overdueDays: report.overdueDays,
    };
    if (OPEN.includes(view.state)) {
      out.counts[report.light] += 1;
      out.items.push(view);
      if (row.close_by && compareDates(row.close_by, today) < 0 && view.state !== 'closure_requested')
        out.overdue.push(view);
      const pending = item.extensions.find((e) => e.status === 'pending');
      if (pending)
        out.awaitingDecision.push({
          ...view,
          requestedOn: pending.requestedOn,
          reason: pending.reason,
          previousCloseBy: pending.previousCloseBy,
          newCloseBy: pending.newCloseBy,
        });
    } else if (item.review && compareDates(item.review.on, since) >= 0) {
      out.recentClosures.push({ ...view, closedOn: item.review.on, rating: item.review.rating });
    }
  }
  out.items.sort((a, b) => order[a.light] - order[b.light] || a.id - b.id);
  out.overdue.sort((a, b) => b.overdueDays - a.overdueDays || a.id - b.id);
  out.recentClosures.sort((a, b) => compareDates(b.closedOn, a.closedOn) || b.id - a.id);
  return out;
}
