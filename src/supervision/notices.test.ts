// Notifications of lifecycle events (pure): recipients from each event's `to` ('office' → admin, 'leader' →
// leader, unit names → units), never the actor's own side, nothing for an empty `to`; titles, keys, links; and
// NOTICE_TABLE (docs/notifications.md §6) checked against events produced by the lifecycle itself.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { transition } from './lifecycle.ts';
import { type Addressee, lifecycleNotices, NOTICE_TABLE, noticeRecipients, renderNoticeTable } from './notices.ts';
import { actors, apply, at, EVIDENCE, LEAD, must, PAYLOADS, reach, SUPPORT_A, SUPPORT_B } from './testkit.ts';
import type { EventType, SupervisionEvent, SupervisionItem } from './types.ts';

/** The events the last transition produced (the tail of the history). */
function step(item: SupervisionItem, ...args: Parameters<typeof apply> extends [unknown, ...infer R] ? R : never) {
  const r = transition(item, ...args);
  const next = must(r);
  return { item: next, events: r.ok ? r.events : [] };
}

describe('lifecycleNotices', () => {
  it('交办 notifies the lead and supporting units, with the item, its lead and close-by date in the title', () => {
    const draft = reach('draft');
    const { item, events } = step(draft, { type: 'assign' }, actors.office, at('2023-09-25'));
    const notices = lifecycleNotices(item, events);
    expect(notices).toHaveLength(1);
    const n = notices[0];
    expect(n).toMatchObject({
      recipients: { units: [LEAD, SUPPORT_A, SUPPORT_B] },
      kind: 'supervision.assigned',
      title: `【督办】交办：编制县域充电基础设施建设方案（牵头单位 ${LEAD}，办结时限 ${item.deadlines?.closeBy}）`,
      link: '/supervision/DB-2023-001',
      dedupeKey: `supervision:event:DB-2023-001:${events[0]?.seq}`,
      source: { capability: 'supervision', id: 'DB-2023-001' },
      at: new Date(at('2023-09-25')),
    });
    expect(n?.recipients.roles).toBeUndefined();
    expect(n?.body.split('\n')).toEqual([
      events[0]?.summary,
      '事项：编制县域充电基础设施建设方案',
      '请承办单位及时在系统中签收，并按时限研究部署、反馈进展。',
      '操作：督查室张敏（县政府办）',
    ]);
  });

  it('a numeric item id becomes the source id, key and link', () => {
    const draft = { ...reach('draft'), id: '42' };
    const { item, events } = step(draft, { type: 'assign' }, actors.office, at('2023-09-25'));
    expect(lifecycleNotices(item, events)[0]).toMatchObject({
      link: '/supervision/42',
      dedupeKey: 'supervision:event:42:2',
      source: { capability: 'supervision', id: 42 },
    });
  });

  it('申请延期 notifies the leaders and the office (roles), not the lead unit that asked', () => {
    const { item, events } = step(
      reach('in_progress'),
      { type: 'request_extension', reason: '需等待省厅批复', newCloseBy: '2023-12-29' },
      actors.lead,
      at('2023-09-28'),
    );
    const [n] = lifecycleNotices(item, events);
    expect(n?.recipients).toEqual({ roles: ['leader', 'admin'] });
    expect(n?.kind).toBe('supervision.extension_requested');
    expect(n?.title.startsWith('【督办】申请延期：')).toBe(true);
    expect(n?.body).toContain('请县领导审批延期申请。');
    expect(n?.body).toContain(`操作：发改局王磊（牵头单位联络员，${LEAD}）`);
  });

  it('县领导 means the leaders in charge (分管) of the lead unit when they are known (user ids)', () => {
    const { item, events } = step(
      reach('in_progress'),
      { type: 'request_extension', reason: '需等待省厅批复', newCloseBy: '2023-12-29' },
      actors.lead,
      at('2023-09-28'),
    );
    expect(lifecycleNotices(item, events, [7, 9])[0]?.recipients).toEqual({ roles: ['admin'], users: [7, 9] });
    // a leader acting is not told of its own action, whoever is in charge
    const decided = step(item, { type: 'approve_extension' }, actors.leader, at('2023-09-28', '11:00'));
    for (const n of lifecycleNotices(decided.item, decided.events, [7])) expect(n.recipients.users).toBeUndefined();
  });

  it('退回重办 notifies the lead unit only', () => {
    const { item, events } = step(
      reach('closure_requested'),
      { type: 'return', reasons: '佐证材料不足' },
      actors.office,
      at('2023-09-28'),
    );
    const notices = lifecycleNotices(item, events);
    expect(notices.map((n) => [n.kind, n.recipients])).toEqual([['supervision.returned', { units: [LEAD] }]]);
    expect(notices[0]?.body).toContain('退回重办：佐证材料不足');
  });

  it('签收 by a supporting unit tells the office and the lead unit; by the lead, the office only', () => {
    const assigned = reach('assigned'); // A has signed, B and the lead have not
    const b = step(assigned, { type: 'acknowledge' }, actors.supportB, at('2023-09-25', '11:00'));
    expect(lifecycleNotices(b.item, b.events).map((n) => n.recipients)).toEqual([{ units: [LEAD], roles: ['admin'] }]);
    const lead = step(assigned, { type: 'acknowledge' }, actors.lead, at('2023-09-25', '11:00'));
    expect(lifecycleNotices(lead.item, lead.events).map((n) => n.recipients)).toEqual([{ roles: ['admin'] }]);
  });

  it('a 通报 by a leader is titled 通报 and goes to the unit urged', () => {
    const { item, events } = step(
      reach('in_progress'),
      { type: 'urge', level: 'notice', unit: SUPPORT_A, note: '进度滞后' },
      actors.leader,
      at('2023-09-28'),
    );
    const [n] = lifecycleNotices(item, events);
    expect(n?.title.startsWith('【督办】通报：')).toBe(true);
    expect(n?.recipients).toEqual({ units: [SUPPORT_A] });
    expect(n?.kind).toBe('supervision.urged');
  });

  it('never notifies the actor’s own side about its own action', () => {
    const base = reach('in_progress').history.at(-1) as SupervisionEvent;
    const ev = (actor: SupervisionEvent['actor'], to: string[]): SupervisionEvent => ({ ...base, actor, to });
    const lead = { id: 'u', name: '王磊', role: 'lead' as const, unit: LEAD };
    const office = { id: 'o', name: '张敏', role: 'office' as const, unit: null };
    const leader = { id: 'l', name: '李副县长', role: 'leader' as const, unit: null };
    expect(noticeRecipients(ev(lead, [LEAD, 'office', LEAD]))).toEqual({ units: [], roles: ['admin'], users: [] });
    expect(noticeRecipients(ev(office, ['office', LEAD]))).toEqual({ units: [LEAD], roles: [], users: [] });
    expect(noticeRecipients(ev(leader, ['leader', 'office']), [7])).toEqual({
      units: [],
      roles: ['admin'],
      users: [],
    });
    // only the actor's side: nobody left, no notification
    const item = reach('in_progress');
    expect(lifecycleNotices(item, [ev(lead, [LEAD])])).toEqual([]);
  });

  it('events with an empty `to` (立项, 修改立项, 归档) notify nobody', () => {
    const draft = reach('draft');
    expect(lifecycleNotices(draft, draft.history)).toEqual([]);
    const edited = step(draft, PAYLOADS.edit, actors.office, at('2023-09-25', '08:30'));
    expect(lifecycleNotices(edited.item, edited.events)).toEqual([]);
    const archived = step(reach('closed'), { type: 'archive' }, actors.office, at('2023-09-28'));
    expect(lifecycleNotices(archived.item, archived.events)).toEqual([]);
  });

  it('申请办结 with a pending timeline and extension: three notices, one key each', () => {
    let item = reach('in_progress', { category: 'major', supports: [SUPPORT_A] });
    item = apply(item, PAYLOADS.file_plan, actors.lead, at('2023-09-28'));
    item = apply(item, { type: 'request_extension', ...extensionTo(item) }, actors.lead, at('2023-09-28', '10:00'));
    const r = step(
      item,
      { type: 'request_closure', summary: '已完成', evidence: EVIDENCE },
      actors.lead,
      at('2023-09-28', '11:00'),
    );
    const notices = lifecycleNotices(r.item, r.events);
    expect(notices.map((n) => n.kind)).toEqual([
      'supervision.extension_withdrawn',
      'supervision.plan_withdrawn',
      'supervision.closure_requested',
    ]);
    expect(new Set(notices.map((n) => n.dedupeKey)).size).toBe(3);
  });

  it('keeps the title within 200 characters for a very long item name', () => {
    const draft = { ...reach('draft'), title: '长'.repeat(400) };
    const { item, events } = step(draft, { type: 'assign' }, actors.office, at('2023-09-25'));
    const [n] = lifecycleNotices(item, events);
    expect(n?.title.length).toBeLessThanOrEqual(200);
    expect(n?.title.endsWith(`（牵头单位 ${LEAD}，办结时限 ${item.deadlines?.closeBy}）`)).toBe(true);
  });
});

/** A request for 30 days after the current close-by date. */
function extensionTo(item: SupervisionItem): { reason: string; newCloseBy: string } {
  const d = new Date(`${item.deadlines?.closeBy}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 30);
  return { reason: '需等待省厅批复', newCloseBy: d.toISOString().slice(0, 10) };
}

describe('NOTICE_TABLE', () => {
  /** Every kind of event, produced by the lifecycle on a few timelines. */
  function producedEvents(): { item: SupervisionItem; event: SupervisionEvent }[] {
    const out: { item: SupervisionItem; event: SupervisionEvent }[] = [];
    const keep = (item: SupervisionItem, events: readonly SupervisionEvent[]) => {
      for (const event of events) out.push({ item, event });
    };
    for (const state of ['closed', 'archived'] as const) {
      const item = reach(state);
      keep(item, item.history);
    }
    const edited = step(reach('draft'), PAYLOADS.edit, actors.office, at('2023-09-25', '08:30'));
    keep(edited.item, edited.events);
    const returned = step(reach('closure_requested'), PAYLOADS.return, actors.office, at('2023-09-28'));
    keep(returned.item, returned.events);
    for (const actor of [actors.office, actors.leader]) {
      const urged = step(reach('in_progress'), { type: 'urge', unit: SUPPORT_B }, actor, at('2023-09-28'));
      keep(urged.item, urged.events);
    }
    // a major item with one supporting unit: timeline filed, approved, rejected; extensions; closure withdrawing both
    const major = reach('in_progress', { category: 'major', supports: [SUPPORT_A] });
    const filed = step(major, PAYLOADS.file_plan, actors.lead, at('2023-09-28'));
    keep(filed.item, filed.events);
    for (const a of [PAYLOADS.approve_plan, PAYLOADS.reject_plan]) {
      const r = step(filed.item, a, actors.office, at('2023-09-28', '10:00'));
      keep(r.item, r.events);
    }
    const asked = step(
      filed.item,
      { type: 'request_extension', ...extensionTo(filed.item) },
      actors.lead,
      at('2023-09-28', '10:00'),
    );
    keep(asked.item, asked.events);
    for (const a of [PAYLOADS.approve_extension, PAYLOADS.refuse_extension]) {
      const r = step(asked.item, a, actors.leader, at('2023-09-28', '11:00'));
      keep(r.item, r.events);
    }
    const closure = step(asked.item, PAYLOADS.request_closure, actors.lead, at('2023-09-28', '11:00'));
    keep(closure.item, closure.events);
    // 撤销, 改派 (the lead moves to another unit), 调整配合单位 (one supporting unit leaves)
    for (const a of [PAYLOADS.withdraw, PAYLOADS.reassign, PAYLOADS.change_supports]) {
      const r = step(reach('in_progress'), a, actors.office, at('2023-09-28'));
      keep(r.item, r.events);
    }
    return out;
  }

  it('lists every event type once', () => {
    const types = NOTICE_TABLE.map((r) => r.type);
    expect(new Set(types).size).toBe(types.length);
    const all: EventType[] = [...new Set(producedEvents().map((p) => p.event.type))];
    expect([...types].sort()).toEqual([...all].sort());
  });

  it('says who each event produced by the lifecycle is addressed to', () => {
    for (const { item, event } of producedEvents()) {
      const got = new Set<Addressee | string>();
      for (const to of event.to) {
        if (to === 'office' || to === 'leader') got.add(to);
        else if (event.type === 'urged') got.add('target');
        else if (to === item.lead) got.add('lead');
        else if (item.supports.includes(to)) got.add('supports');
        else if (event.type === 'reassigned' || event.type === 'supports_changed') got.add('former');
        else got.add(`unknown:${to}`);
      }
      if (got.has('supports'))
        expect(
          item.supports.every((s) => event.to.includes(s)),
          event.summary,
        ).toBe(true);
      const row = NOTICE_TABLE.find((r) => r.type === event.type);
      const expected = new Set<string>(row?.to ?? []);
      // the note of 签收: a supporting unit's signature is also told to the lead unit
      if (event.type === 'acknowledged' && event.actor.role === 'support') expected.add('lead');
      expect([...got].sort(), `${event.type}: ${event.summary}`).toEqual([...expected].sort());
    }
  });

  it('is the table of docs/notifications.md', () => {
    const doc = readFileSync(resolve(import.meta.dirname, '../../docs/notifications.md'), 'utf8');
    const m = /<!-- supervision-notices:start -->\n([\s\S]*?)\n<!-- supervision-notices:end -->/.exec(doc);
    expect(m?.[1]).toBe(renderNoticeTable());
  });
});
