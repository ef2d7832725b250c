// Stored 会签 requests on real databases (SQLite and, with DATABASE_URL, PostgreSQL): the 7-working-day clock with
// the county's calendar overrides, replies, silence recorded (persisted) as 视为无异议 on read, refusals that
// write nothing, 409 on a stale version, notifications to the asked units.
import { expect, it } from 'vitest';
import { cliActor } from '../access/audit.ts';
import { listNotifications } from '../notifications/index.ts';
import { AppError } from '../platform/errors.ts';
import { databaseFingerprint, forEachDatabase } from '../platform/testing.ts';
import { getSupervisionSettings, saveSupervisionSettings } from '../supervision/settingsStore.ts';
import { createCountersign, getCountersign, listCountersigns, replyCountersign } from './countersignStore.ts';

const TENANT = '140423';
const office = cliActor('县政府办');
const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00+08:00`);

async function refused(p: Promise<unknown>, code: string, text: RegExp): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(err.code).toBe(code);
    expect(err.message).toMatch(text);
    return err;
  }
  throw new Error('expected a refusal');
}

forEachDatabase('countersign store', (t) => {
  const base = {
    title: '关于加强农村饮水安全工程管护的通知（代拟稿）',
    leadUnit: '县水利局',
    units: ['县财政局', '县司法局', '县教育局'],
    sentOn: '2023-09-28',
  };

  it('creates with the 7-working-day due date across 中秋/国庆 and notifies each asked unit', async () => {
    const v = await createCountersign(t.db, TENANT, base, office, { now: at('2023-09-28') });
    expect(v.dueOn).toBe('2023-10-13');
    expect(v.official).toBe(true);
    expect(v.version).toBe(1);
    expect(v.units.map((u) => [u.unit, u.answer])).toEqual([
      ['县财政局', 'pending'],
      ['县司法局', 'pending'],
      ['县教育局', 'pending'],
    ]);
    expect(v.units[0]?.clock.status).toBe('pending');
    expect(v.units[0]?.clock.workdaysLeft).toBeGreaterThan(0);
    const inbox = await listNotifications(t.db, TENANT, { id: 999, role: 'liaison', unit: '县财政局' });
    expect(inbox.items.map((n) => n.kind)).toEqual(['docflow.countersign']);
    expect(inbox.items[0]?.body).toContain('2023-10-13');
    const other = await listNotifications(t.db, TENANT, { id: 998, role: 'liaison', unit: '县公安局' });
    expect(other.items).toHaveLength(0);
  });

  it('uses the county calendar overrides (a local holiday moves the due day)', async () => {
    const s = await getSupervisionSettings(t.db, TENANT);
    await saveSupervisionSettings(
      t.db,
      TENANT,
      { ...s, calendar: [{ date: '2023-10-10', workday: false, note: '本县调休' }] },
      office,
    );
    const v = await createCountersign(t.db, TENANT, base, office, { now: at('2023-09-28') });
    expect(v.dueOn).toBe('2023-10-16');
  });

  it('records replies, then silence past the due day as 视为无异议 — persisted once, audited', async () => {
    const v = await createCountersign(t.db, TENANT, base, office, { now: at('2023-09-28') });
    const a = await replyCountersign(
      t.db,
      TENANT,
      v.id,
      { unit: '县财政局', answer: 'agree', expectedVersion: 1 },
      office,
      {
        now: at('2023-10-09'),
      },
    );
    expect(a.version).toBe(2);
    const b = await replyCountersign(
      t.db,
      TENANT,
      v.id,
      { unit: '县司法局', answer: 'objection', opinion: '第三条应写明管护责任主体。' },
      office,
      { now: at('2023-10-13', '17:30') },
    );
    expect(b.units[1]).toMatchObject({
      answer: 'objection',
      opinion: '第三条应写明管护责任主体。',
      repliedOn: '2023-10-13',
    });
    expect(b.units[2]?.answer).toBe('pending');
    expect(b.complete).toBe(false);

    // the next working day: silence is recorded on read, in the same transaction
    const c = await getCountersign(t.db, TENANT, v.id, { now: at('2023-10-16') });
    expect(c.units[2]).toMatchObject({ unit: '县教育局', answer: 'no-objection', answerLabel: '视为无异议' });
    expect(c.units[2]?.recordedAt).toBe(at('2023-10-16').toISOString());
    expect(c.version).toBe(4);
    expect(c.complete).toBe(true);
    expect(c.counts).toEqual({ pending: 0, agree: 1, objection: 1, 'no-objection': 1 });
    const stored = await t.db.db
      .selectFrom('countersign_replies')
      .select(['unit', 'answer'])
      .where('request_id', '=', v.id)
      .orderBy('id')
      .execute();
    expect(stored.map((r) => r.answer)).toEqual(['agree', 'objection', 'no-objection']);
    // reading again changes nothing
    const before = await databaseFingerprint(t.db);
    const list = await listCountersigns(t.db, TENANT, { now: at('2023-10-20') });
    expect(list[0]?.version).toBe(4);
    expect(await databaseFingerprint(t.db)).toEqual(before);
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('entity', '=', 'countersign_request')
      .orderBy('id')
      .execute();
    expect(audit.map((r) => r.action)).toEqual([
      'countersign:create',
      'countersign:reply',
      'countersign:reply',
      'countersign:no-objection',
    ]);
    expect(audit[3]?.actor_name).toBe('系统:会签时钟');
  });

  it('the list records silence too and filters by unit', async () => {
    await createCountersign(t.db, TENANT, base, office, { now: at('2023-09-28') });
    await createCountersign(
      t.db,
      TENANT,
      { ...base, title: '关于另一事项的函', units: ['县公安局'], sentOn: '2023-10-16' },
      office,
      {
        now: at('2023-10-16'),
      },
    );
    const all = await listCountersigns(t.db, TENANT, { now: at('2023-10-16') });
    expect(all.map((r) => r.title)).toEqual(['关于另一事项的函', base.title]);
    expect(all[1]?.units.every((u) => u.answer === 'no-objection')).toBe(true);
    expect(all[0]?.units[0]?.answer).toBe('pending');
    const mine = await listCountersigns(t.db, TENANT, { now: at('2023-10-16'), unit: '县公安局' });
    expect(mine.map((r) => r.title)).toEqual(['关于另一事项的函']);
  });

  it('refuses bad input in Chinese and writes nothing', async () => {
    const before0 = await databaseFingerprint(t.db);
    await refused(
      createCountersign(t.db, TENANT, { ...base, units: ['县财政局', '县魔法局'] }, office, { now: at('2023-09-28') }),
      'BAD_INPUT',
      /单位“县魔法局”不在单位名录中/,
    );
    await refused(createCountersign(t.db, TENANT, { ...base, units: [] }, office), 'BAD_INPUT', /至少选择一个会签单位/);
    await refused(
      createCountersign(t.db, TENANT, { ...base, units: ['县财政局', '县财政局'] }, office),
      'BAD_INPUT',
      /重复/,
    );
    await refused(
      createCountersign(t.db, TENANT, { ...base, sentOn: '2023-02-30' }, office),
      'BAD_INPUT',
      /不是有效日期/,
    );
    await refused(createCountersign(t.db, TENANT, { ...base, title: '  ' }, office), 'BAD_INPUT', /标题/);
    expect(await databaseFingerprint(t.db)).toEqual(before0);

    const v = await createCountersign(t.db, TENANT, base, office, { now: at('2023-09-28') });
    const before = await databaseFingerprint(t.db);
    await refused(
      replyCountersign(t.db, TENANT, v.id, { unit: '县公安局', answer: 'agree' }, office, { now: at('2023-10-09') }),
      'BAD_INPUT',
      /不在.*会签单位之中/,
    );
    await refused(
      replyCountersign(t.db, TENANT, v.id, { unit: '县财政局', answer: 'objection', opinion: ' ' }, office, {
        now: at('2023-10-09'),
      }),
      'BAD_INPUT',
      /请写明具体意见/,
    );
    await refused(
      replyCountersign(t.db, TENANT, v.id, { unit: '县财政局', answer: 'agree', expectedVersion: 7 }, office, {
        now: at('2023-10-09'),
      }),
      'CONFLICT',
      /第 7 版，当前为第 1 版/,
    );
    // after the due day: refused, and the refusal does not even record the silence (nothing written)
    await refused(
      replyCountersign(t.db, TENANT, v.id, { unit: '县财政局', answer: 'agree' }, office, { now: at('2023-10-16') }),
      'CONFLICT',
      /已超过回复时限（2023-10-13）.*视为无不同意见/,
    );
    await refused(
      replyCountersign(t.db, TENANT, 9999, { unit: '县财政局', answer: 'agree' }, office, { now: at('2023-10-09') }),
      'NOT_FOUND',
      /会签请求 9999 不存在/,
    );
    expect(await databaseFingerprint(t.db)).toEqual(before);

    await replyCountersign(t.db, TENANT, v.id, { unit: '县财政局', answer: 'agree' }, office, {
      now: at('2023-10-09'),
    });
    await refused(
      replyCountersign(t.db, TENANT, v.id, { unit: '县财政局', answer: 'objection', opinion: '改主意' }, office, {
        now: at('2023-10-10'),
      }),
      'CONFLICT',
      /不能重复回复/,
    );
  });
});
