// Stored county supervision settings (督办设置): day counting, the yellow window, the escalation thresholds and the
// county's calendar overrides (本县日历调整：local holidays, corrections, next year's schedule). One row per tenant
// (`supervision_settings`, JSON of `SupervisionSettings`) plus every saved version (`supervision_settings_versions`,
// append-only). Only this file touches these tables. No row → DEFAULT_SETTINGS.
//
// Every supervision read and action takes its settings from `getSupervisionSettings`; deadlines already computed
// stay frozen (docs/supervision.md §4): a new setting applies to assignments and lights from then on.
import type { Kysely } from 'kysely';
import { recordAudit } from '../access/audit.ts';
import { type DbLike, isUniqueViolation } from '../access/db.ts';
import type { Actor } from '../access/roles.ts';
import type { CalendarOverride } from '../calendar/workdays.ts';
import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/schema.ts';
import { validateSettings } from './lifecycle.ts';
import { DEFAULT_SETTINGS, type SupervisionSettings } from './types.ts';

type AuditActorLike = Parameters<typeof recordAudit>[1]['actor'];

function kdb(target: DbLike): Kysely<Database> {
  const t = target as { db?: unknown; close?: unknown; location?: unknown };
  return (typeof t.close === 'function' && typeof t.location === 'string' ? t.db : target) as Kysely<Database>;
}

export interface SettingsRecord {
  settings: SupervisionSettings;
  /** 0 when nothing was saved yet (the defaults are in force). */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface SettingsVersion {
  version: number;
  settings: SupervisionSettings;
  savedAt: string;
  savedBy: string;
}

/**
 * The settings as stored, with exactly the known fields, the overrides sorted by date. Fields missing from an
 * older stored JSON take their default; the result is validated by the caller.
 */
export function normalizeSettings(raw: unknown): SupervisionSettings {
  const o = (raw ?? {}) as Partial<Record<keyof SupervisionSettings, unknown>>;
  const e = (o.escalation ?? DEFAULT_SETTINGS.escalation) as Record<string, unknown>;
  const calendar = Array.isArray(o.calendar) ? (o.calendar as unknown[]) : o.calendar === undefined ? [] : o.calendar;
  return {
    dayCounting: (o.dayCounting ?? DEFAULT_SETTINGS.dayCounting) as SupervisionSettings['dayCounting'],
    yellowWithinDays: (o.yellowWithinDays ?? DEFAULT_SETTINGS.yellowWithinDays) as number,
    escalation: {
      urge: e.urge as number,
      notice: e.notice as number,
      interview: e.interview as number,
    },
    calendar: Array.isArray(calendar)
      ? calendar
          .map((c) => {
            const r = (c ?? {}) as Record<string, unknown>;
            const note = typeof r.note === 'string' ? r.note.trim() : r.note;
            return { date: r.date, workday: r.workday, note } as CalendarOverride;
          })
          .sort((a, b) => String(a.date).localeCompare(String(b.date)))
      : (calendar as unknown as CalendarOverride[]),
  };
}

function parseStored(json: string, tenant: string): SupervisionSettings {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new AppError('INTERNAL', `租户 ${tenant} 的督办设置已损坏（supervision_settings.settings_json 不是 JSON）。`);
  }
  const settings = normalizeSettings(value);
  const problems = validateSettings(settings);
  if (problems.length)
    throw new AppError('INTERNAL', `租户 ${tenant} 的督办设置无效（supervision_settings）：${problems.join('；')}`);
  return settings;
}

/** The county's settings, with their version (0 = defaults, nothing saved). */
export async function getSettingsRecord(target: DbLike, tenant: string): Promise<SettingsRecord> {
  const row = await kdb(target)
    .selectFrom('supervision_settings')
    .selectAll()
    .where('tenant', '=', tenant)
    .executeTakeFirst();
  if (!row) return { settings: DEFAULT_SETTINGS, version: 0, updatedAt: null, updatedBy: null };
  return {
    settings: parseStored(row.settings_json, tenant),
    version: row.version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** The settings every supervision read and action uses: the stored row, or DEFAULT_SETTINGS when none. */
export async function getSupervisionSettings(target: DbLike, tenant: string): Promise<SupervisionSettings> {
  return (await getSettingsRecord(target, tenant)).settings;
}

export interface SaveSettingsOptions {
  /** The version the editor saw (0 = defaults); a different current version answers 409. Omit to overwrite. */
  expectedVersion?: number;
  now?: Date;
  ip?: string | null;
}

function actorName(actor: AuditActorLike): string {
  const a = actor as Partial<Actor> & { name?: string };
  return a.displayName || a.username || a.name || '未知用户';
}

/**
 * Validate (validateSettings, Chinese messages) and save the county's settings as a new version: the row, the
 * version history and the audit record (`supervision:settings`) in one transaction. Returns the saved record.
 */
export async function saveSupervisionSettings(
  target: DbLike,
  tenant: string,
  settings: SupervisionSettings,
  actor: AuditActorLike,
  opts: SaveSettingsOptions = {},
): Promise<SettingsRecord> {
  const clean = normalizeSettings(settings);
  const problems = validateSettings(clean);
  if (problems.length) throw new AppError('BAD_INPUT', `督办设置未保存：${problems.join('；')}`, {}, { problems });
  const now = (opts.now ?? new Date()).toISOString();
  const by = actorName(actor);
  const json = JSON.stringify(clean);
  const conflict = (current: number) =>
    new AppError(
      'CONFLICT',
      `督办设置已被他人修改（您看到的是第 ${opts.expectedVersion} 版，当前为第 ${current} 版）。请刷新后再保存。`,
      {},
      { currentVersion: current },
    );
  try {
    return await kdb(target)
      .transaction()
      .execute(async (trx) => {
        const row = await trx
          .selectFrom('supervision_settings')
          .select(['version', 'settings_json'])
          .where('tenant', '=', tenant)
          .executeTakeFirst();
        const current = row?.version ?? 0;
        if (opts.expectedVersion !== undefined && opts.expectedVersion !== current) throw conflict(current);
        const version = current + 1;
        if (row) {
          const r = await trx
            .updateTable('supervision_settings')
            .set({ settings_json: json, version, updated_at: now, updated_by: by })
            .where('tenant', '=', tenant)
            .where('version', '=', current)
            .executeTakeFirst();
          if (Number(r.numUpdatedRows) !== 1) throw conflict(current + 1);
        } else {
          await trx
            .insertInto('supervision_settings')
            .values({ tenant, settings_json: json, version, updated_at: now, updated_by: by })
            .execute();
        }
        await trx
          .insertInto('supervision_settings_versions')
          .values({ tenant, version, settings_json: json, saved_at: now, saved_by: by })
          .execute();
        await recordAudit(trx, {
          tenant,
          actor,
          action: 'supervision:settings',
          entity: 'supervision_settings',
          entityId: tenant,
          before: row ? { version: current, settings: JSON.parse(row.settings_json) } : { version: 0, settings: null },
          after: { version, settings: clean },
          ip: opts.ip ?? null,
          at: new Date(now),
        });
        return { settings: clean, version, updatedAt: now, updatedBy: by };
      });
  } catch (e) {
    // two first saves racing: the primary key refuses the second insert
    if (isUniqueViolation(e)) throw conflict(1);
    throw e;
  }
}

/** Every saved version, newest first. */
export async function settingsHistory(target: DbLike, tenant: string): Promise<SettingsVersion[]> {
  const rows = await kdb(target)
    .selectFrom('supervision_settings_versions')
    .selectAll()
    .where('tenant', '=', tenant)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    settings: parseStored(r.settings_json, tenant),
    savedAt: r.saved_at,
    savedBy: r.saved_by,
  }));
}
