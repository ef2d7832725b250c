// Storage of the emergency workflow (issue #7): 附件7 信息发布审批表 (incident_publications), the posts inside the
// 指挥部 held by accounts (command_posts), and 后期处置 (§7) as `aftermath` events ending in `closed`. The rules
// are the pure core's (approval.ts, aftermath.ts); every write is one transaction with a version check and
// recordAudit; a refusal leaves nothing behind.
import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../access/audit.ts';
import type { Actor } from '../access/roles.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/schema.ts';
import {
  AFTERMATH_STEPS,
  type AftermathInput,
  type AftermathRecord,
  checkClose,
  openSteps,
  recordAftermath,
} from './aftermath.ts';
import { listAlarms, type StoredAlarm } from './alarmStore.ts';
import {
  type ApprovalActor,
  type ApprovalCommand,
  type ApprovalForm,
  newForm,
  openActions,
  transition,
} from './approval.ts';
import { COMMAND_POSTS, type CommandPost, isCommandPost, type Phase, whoMustAct } from './command/structure.ts';
import type { IncidentPublicationsTable } from './schema.ts';
import {
  actorName,
  changeIn,
  type EventRow,
  getIncident,
  type IncidentDetail,
  type IncidentRow,
  loadEvents,
  loadRow,
  parse,
  type WriteOptions,
  warningWork,
} from './store.ts';
import type { ResponseLevel } from './types.ts';

type Trx = Kysely<Database>;

function bad(message: string, field?: string): never {
  throw new AppError('BAD_INPUT', message, field ? { field } : {});
}

// ---------------------------------------------------------------------------------------------
// Posts inside the 指挥部 (§2.1.1)

export interface PostHolder {
  username: string;
  displayName: string;
  post: CommandPost;
  postLabel: string;
  unit: string | null;
  assignedBy: string;
  assignedAt: string;
}

export async function listPosts(target: Db | Trx, tenant: string): Promise<PostHolder[]> {
  const db = 'db' in target ? target.db : target;
  const rows = await db
    .selectFrom('command_posts')
    .leftJoin('users', (j) => j.onRef('users.username', '=', 'command_posts.username').on('users.tenant', '=', tenant))
    .select([
      'command_posts.username',
      'command_posts.post',
      'command_posts.unit',
      'command_posts.assigned_by',
      'command_posts.assigned_at',
      'users.display_name',
    ])
    .where('command_posts.tenant', '=', tenant)
    .orderBy('command_posts.post')
    .orderBy('command_posts.username')
    .execute();
  return rows.map((r) => ({
    username: r.username,
    displayName: r.display_name ?? r.username,
    post: r.post as CommandPost,
    postLabel: COMMAND_POSTS[r.post as CommandPost] ?? r.post,
    unit: r.unit,
    assignedBy: r.assigned_by,
    assignedAt: r.assigned_at,
  }));
}

async function postsOf(db: Trx, tenant: string, username: string | null): Promise<CommandPost[]> {
  if (!username) return [];
  const rows = await db
    .selectFrom('command_posts')
    .select('post')
    .where('tenant', '=', tenant)
    .where('username', '=', username)
    .execute();
  return rows.map((r) => r.post).filter(isCommandPost);
}

/** Replaces the posts one account holds (an empty list removes them). Audited. */
export async function setPosts(
  target: Db,
  tenant: string,
  input: { username: string; posts: string[]; unit?: string | null },
  actor: Actor,
  now = new Date(),
): Promise<PostHolder[]> {
  const username = (input.username ?? '').trim();
  if (!username) bad('须指明账号（username）。', 'username');
  if (!Array.isArray(input.posts)) bad('职务（posts）应为列表。', 'posts');
  for (const p of input.posts) {
    if (!isCommandPost(p)) {
      bad(
        `职务“${String(p)}”无效：应为 ${Object.entries(COMMAND_POSTS)
          .map(([k, v]) => `${k}（${v}）`)
          .join('、')}（§2.1.1）。`,
        'posts',
      );
    }
  }
  const posts = [...new Set(input.posts)] as CommandPost[];
  const unit = input.unit?.trim() || null;
  if (posts.includes('member') && !unit) bad('成员单位联络人须指明所在单位（unit，附件2）。', 'unit');
  return target.db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'role'])
      .where('tenant', '=', tenant)
      .where('username', '=', username)
      .executeTakeFirst();
    if (!user) throw new AppError('NOT_FOUND', `未找到账号“${username}”`, { field: 'username' });
    if (posts.some((p) => p !== 'member') && user.role !== 'leader') {
      bad(`指挥长、副指挥长、办公室主任须为领导账号（账号“${username}”不是）。`, 'posts');
    }
    const before = await postsOf(trx, tenant, username);
    await trx.deleteFrom('command_posts').where('tenant', '=', tenant).where('username', '=', username).execute();
    for (const post of posts) {
      await trx
        .insertInto('command_posts')
        .values({
          tenant,
          username,
          post,
          unit: post === 'member' ? unit : null,
          assigned_by: actorName(actor),
          assigned_at: now.toISOString(),
        })
        .execute();
    }
    await recordAudit(trx, {
      tenant,
      actor,
      action: 'incident:command-posts',
      entity: 'user',
      entityId: Number(user.id),
      before: { posts: before },
      after: { username, posts, unit },
      at: now,
    });
    return listPosts(trx, tenant);
  });
}

// ---------------------------------------------------------------------------------------------
// 附件7 信息发布审批表

export interface PublicationDto {
  id: number;
  incidentId: number;
  number: string;
  state: ApprovalForm['state'];
  form: ApprovalForm;
  /** The actions the form's state allows (who may take them is checked on the action). */
  openActions: string[];
  publishedEventId: number | null;
  version: number;
}

type PublicationRow = Selectable<IncidentPublicationsTable>;

function toPublication(r: PublicationRow): PublicationDto {
  const form = parse<ApprovalForm>(r.form) as ApprovalForm;
  return {
    id: Number(r.id),
    incidentId: Number(r.incident_id),
    number: r.number,
    state: form.state,
    form,
    openActions: openActions(form.state),
    publishedEventId: r.published_event_id === null ? null : Number(r.published_event_id),
    version: Number(r.version),
  };
}

export async function listPublications(
  target: Db | Trx,
  tenant: string,
  incidentId: number,
): Promise<PublicationDto[]> {
  const db = 'db' in target ? target.db : target;
  const rows = await db
    .selectFrom('incident_publications')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('incident_id', '=', incidentId)
    .orderBy('id')
    .execute();
  return rows.map(toPublication);
}

/** 填报: a new form in state draft, numbered `<tenant>-FB-<incident>-<n>`. */
export async function draftPublication(
  target: Db,
  tenant: string,
  incidentId: number,
  input: unknown,
  actor: Actor,
  now = new Date(),
): Promise<PublicationDto> {
  return target.db.transaction().execute(async (trx) => {
    const row = await loadRow(trx, tenant, incidentId);
    if (row.state === 'closed') bad('事件已关闭，不能再填报信息发布审批表。', 'state');
    const existing = await trx
      .selectFrom('incident_publications')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('tenant', '=', tenant)
      .where('incident_id', '=', incidentId)
      .executeTakeFirstOrThrow();
    const number = `${tenant}-FB-${incidentId}-${Number(existing.n) + 1}`;
    const form = newForm(input, number, actorName(actor), now.toISOString()); // BAD_INPUT naming the field
    if (form.warning && row.state === 'terminated') bad('应急响应已终止，不能再发布或调整预警。', 'category');
    const at = now.toISOString();
    const ins = await trx
      .insertInto('incident_publications')
      .values({
        tenant,
        incident_id: incidentId,
        number,
        category: form.category,
        state: form.state,
        form: JSON.stringify(form),
        published_event_id: null,
        version: 1,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      tenant,
      actor,
      action: 'incident:publication-draft',
      entity: 'incident',
      entityId: incidentId,
      after: { publication: Number(ins.id), number, category: form.category, title: form.title, warning: form.warning },
      at: now,
    });
    const created = await trx
      .selectFrom('incident_publications')
      .selectAll()
      .where('id', '=', Number(ins.id))
      .executeTakeFirstOrThrow();
    return toPublication(created);
  });
}

/**
 * One step of a form (审核 / 审批 / 发布 / 撤回). Publishing an approved 预警 form builds and stores its CAP
 * message in the same transaction (the only way to issue or update a warning).
 */
export async function actOnPublication(
  target: Db,
  tenant: string,
  incidentId: number,
  publicationId: number,
  cmd: ApprovalCommand,
  opts: { actor: Actor; expectedVersion: number; now?: Date },
): Promise<{ publication: PublicationDto; detail: IncidentDetail; capXml: string | null }> {
  const now = opts.now ?? new Date();
  const result = await target.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('incident_publications')
      .selectAll()
      .where('tenant', '=', tenant)
      .where('incident_id', '=', incidentId)
      .where('id', '=', publicationId)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `停电事件 ${incidentId} 没有编号为 ${publicationId} 的信息发布审批表`);
    if (Number(row.version) !== opts.expectedVersion) {
      throw new AppError(
        'CONFLICT',
        `审批表 ${row.number} 已被他人处理（您看到的是第 ${opts.expectedVersion} 版，当前为第 ${row.version} 版），请刷新后重试。`,
        { field: 'version' },
      );
    }
    const form = parse<ApprovalForm>(row.form) as ApprovalForm;
    const who: ApprovalActor = {
      name: actorName(opts.actor),
      posts: await postsOf(trx, tenant, opts.actor.username),
      office: opts.actor.role === 'admin',
    };
    const next = transition(form, cmd, who, now.toISOString()); // BAD_INPUT / FORBIDDEN
    let capXml: string | null = null;
    let eventId: number | null = null;
    if (next.state === 'published' && next.warning) {
      const incident = await loadRow(trx, tenant, incidentId);
      const out = { xml: '' };
      const work = warningWork(
        tenant,
        incidentId,
        {
          action: next.warning.action,
          level: next.warning.level,
          areaDesc: next.warning.areaDesc,
          headline: next.title,
        },
        out,
        { id: publicationId, number: row.number },
      );
      const r = await changeIn(
        trx,
        tenant,
        incidentId,
        { actor: opts.actor, expectedVersion: Number(incident.version), now },
        work,
        now,
      );
      capXml = out.xml;
      eventId = r.eventIds[0] ?? null;
    }
    await trx
      .updateTable('incident_publications')
      .set({
        state: next.state,
        form: JSON.stringify(next),
        version: Number(row.version) + 1,
        updated_at: now.toISOString(),
        ...(eventId !== null ? { published_event_id: eventId } : {}),
      })
      .where('id', '=', publicationId)
      .execute();
    const step = next.steps.at(-1);
    await recordAudit(trx, {
      tenant,
      actor: opts.actor,
      action: `incident:publication-${cmd.action}`,
      entity: 'incident',
      entityId: incidentId,
      before: { publication: publicationId, state: form.state, version: Number(row.version) },
      after: { publication: publicationId, number: row.number, state: next.state, step, capEvent: eventId },
      at: now,
    });
    const updated = await trx
      .selectFrom('incident_publications')
      .selectAll()
      .where('id', '=', publicationId)
      .executeTakeFirstOrThrow();
    return { publication: toPublication(updated), capXml };
  });
  return { ...result, detail: await getIncident(target, tenant, incidentId, now) };
}

// ---------------------------------------------------------------------------------------------
// 后期处置 (§7) and closing

export function aftermathOf(events: { kind: string; payload: Record<string, unknown> }[]): AftermathRecord[] {
  return events
    .filter((e) => e.kind === 'aftermath' && e.payload.record)
    .map((e) => e.payload.record as AftermathRecord);
}

function terminatedAtOf(events: EventRow[]): string | null {
  const t = events.find((e) => e.kind === 'terminated');
  return t ? String(parse<Record<string, unknown>>(t.payload)?.at) : null;
}

function recordsOf(events: EventRow[]): AftermathRecord[] {
  return aftermathOf(events.map((e) => ({ kind: e.kind, payload: parse<Record<string, unknown>>(e.payload) ?? {} })));
}

/** Records one §7 step (评估总结, 事件调查, 善后处置, 恢复重建). */
export async function addAftermath(
  target: Db,
  tenant: string,
  id: number,
  input: Omit<AftermathInput, 'at'> & { at?: string },
  opts: WriteOptions,
): Promise<IncidentDetail> {
  const now = opts.now ?? new Date();
  return target.db.transaction().execute(async (trx) => {
    const r = await changeIn(
      trx,
      tenant,
      id,
      opts,
      (row: IncidentRow, events: EventRow[]) => {
        if (row.state === 'closed') bad('事件已关闭，不能再记录后期处置。', 'state');
        const record = recordAftermath(
          recordsOf(events),
          terminatedAtOf(events),
          { ...input, at: input.at ?? now.toISOString() },
          actorName(opts.actor),
        );
        return {
          events: [{ kind: 'aftermath', at: record.at, payload: { record } }],
          audit: { action: 'incident:aftermath', after: { record } },
        };
      },
      now,
    );
    return r.detail;
  });
}

/** Closes the incident once all four §7 steps are settled. */
export async function closeIncident(
  target: Db,
  tenant: string,
  id: number,
  input: { note?: string },
  opts: WriteOptions,
): Promise<IncidentDetail> {
  const now = opts.now ?? new Date();
  return target.db.transaction().execute(async (trx) => {
    const r = await changeIn(
      trx,
      tenant,
      id,
      opts,
      (row: IncidentRow, events: EventRow[]) => {
        if (row.state === 'closed') bad('事件已关闭。', 'state');
        checkClose(recordsOf(events), terminatedAtOf(events));
        const at = now.toISOString();
        const note = input.note?.trim() || null;
        return {
          set: { state: 'closed' },
          events: [{ kind: 'aftermath', at, payload: { closed: true, note } }],
          audit: { action: 'incident:close', after: { state: 'closed', note } },
        };
      },
      now,
    );
    return r.detail;
  });
}

// ---------------------------------------------------------------------------------------------
// The workflow view of one incident: forms, 后期处置, who must act now

export interface WorkflowView {
  publications: PublicationDto[];
  aftermath: { done: AftermathRecord[]; open: { step: string; label: string; clause: string; needs: string }[] };
  whoMustAct: ReturnType<typeof whoMustAct>;
  /** Missed-deadline alarms raised by the sweep (alarmStore.ts). */
  alarms: StoredAlarm[];
}

export async function workflowOf(target: Db, tenant: string, id: number): Promise<WorkflowView> {
  const row = await loadRow(target.db, tenant, id);
  const events = await loadEvents(target.db, tenant, id);
  const done = recordsOf(events);
  return {
    publications: await listPublications(target, tenant, id),
    aftermath: {
      done,
      open: openSteps(done).map((s) => ({ step: s, ...AFTERMATH_STEPS[s] })),
    },
    whoMustAct: whoMustAct(row.state as Phase, (row.decided_level as ResponseLevel | null) ?? null),
    alarms: await listAlarms(target, tenant, id),
  };
}
