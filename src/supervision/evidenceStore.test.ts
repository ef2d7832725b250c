// Evidence uploads over HTTP on real databases (SQLite and PostgreSQL): stored bytes with sha256, size and the
// sniffed type; downloads only for the office, leaders and the item's units; bad files refused with nothing
// written; an action's evidence may point only at this item's uploads.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Actor } from '../access/roles.ts';
import type { User } from '../access/users.ts';
import {
  createTestUsers,
  databaseFingerprint,
  forEachDatabase,
  serverWithSessions,
  type TestSession,
} from '../platform/testing.ts';
import { docxFile, JPG, PDF, PNG, plainZip } from './evidence.testkit.ts';
import { EVIDENCE_TYPES, MAX_EVIDENCE_BYTES } from './evidence.ts';
import type { EvidenceInfo } from './evidenceStore.ts';
import { LEAD, OTHER, STAFF, SUPPORT } from './staff.testkit.ts';
import { act, createItem } from './store.ts';

const TENANT = '140423';

forEachDatabase('supervision evidence', (t) => {
  let app: FastifyInstance;
  const clock = new Date('2023-09-25T09:00:00+08:00');
  let session: (username: string) => TestSession;
  let users: Record<string, User>;
  let itemId = 0;
  let otherItemId = 0;

  beforeEach(async () => {
    users = await createTestUsers(t.db, TENANT, STAFF);
    const mkItem = (title: string, lead: string, supports: string[]) =>
      createItem(t.db, TENANT, { title, category: 'ordinary', lead, supports, assign: true }, users.admin as Actor, {
        now: clock,
      });
    itemId = (await mkItem('编制充电设施建设方案', LEAD, [SUPPORT])).id;
    otherItemId = (await mkItem('另一事项', OTHER, [])).id;
    ({ app, session } = await serverWithSessions(t.db, TENANT, [], {
      now: () => clock,
      signIn: STAFF.map((u) => u.username),
    }));
  });
  afterEach(async () => {
    await app?.close();
  });

  const as = (u: string | null) => (u ? session(u) : {});
  const upload = (u: string | null, id: number, name: string, bytes: Buffer) =>
    app.inject({
      method: 'POST',
      url: `/api/supervision/items/${id}/evidence`,
      ...as(u),
      payload: { name, contentBase64: bytes.toString('base64') },
    });
  const download = (u: string | null, id: number) =>
    app.inject({ method: 'GET', url: `/api/supervision/evidence/${id}`, ...as(u) });

  it('a liaison of the item uploads; the office, leaders and the item units download the same bytes', async () => {
    const docx = await docxFile();
    const res = await upload('fgj', itemId, '办结报告.docx', docx);
    expect(res.statusCode).toBe(201);
    const ev = res.json().evidence as EvidenceInfo;
    expect(ev).toMatchObject({
      itemId,
      name: '办结报告.docx',
      mime: EVIDENCE_TYPES.docx.mime,
      size: docx.length,
      sha256: createHash('sha256').update(docx).digest('hex'),
      unit: LEAD,
      uploadedBy: '发改局王磊',
      ref: `evidence:${ev.id}`,
    });
    const photo = await upload('czj', itemId, '现场.png', PNG);
    expect(photo.statusCode).toBe(201);
    const byOffice = await upload('admin', itemId, '通知.pdf', PDF);
    expect(byOffice.json().evidence.unit).toBeNull();

    for (const u of ['admin', 'leader', 'fgj', 'czj']) {
      const d = await download(u, ev.id);
      expect(d.statusCode, u).toBe(200);
      expect(d.rawPayload.equals(docx), u).toBe(true);
      expect(d.headers['content-type']).toBe(EVIDENCE_TYPES.docx.mime);
      expect(String(d.headers['content-disposition'])).toContain(
        `filename*=UTF-8''${encodeURIComponent('办结报告.docx')}`,
      );
      expect(d.headers['x-content-type-options']).toBe('nosniff');
    }
    const list = await app.inject({ method: 'GET', url: `/api/supervision/items/${itemId}/evidence`, ...as('leader') });
    expect(list.json().evidence.map((e: EvidenceInfo) => [e.name, e.unit])).toEqual([
      ['办结报告.docx', LEAD],
      ['现场.png', SUPPORT],
      ['通知.pdf', null],
    ]);
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', '=', 'supervision:evidence_upload')
      .execute();
    expect(audit).toHaveLength(3);
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({ name: '办结报告.docx', size: docx.length });
  });

  it('another unit, a leader uploading, or the public: refused (403 audited / 401)', async () => {
    const ev = (await upload('fgj', itemId, '报告.pdf', PDF)).json().evidence as EvidenceInfo;
    const other = await download('jyj', ev.id);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toMatch(/单位联络员只能/);
    expect((await download(null, ev.id)).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'GET', url: `/api/supervision/items/${itemId}/evidence`, ...as('jyj') })).statusCode,
    ).toBe(403);
    const denied = await t.db.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.some((d) => d.actor_name === 'jyj')).toBe(true);
    expect((await upload('jyj', itemId, '报告.pdf', PDF)).statusCode).toBe(403);
    expect((await upload('leader', itemId, '报告.pdf', PDF)).statusCode).toBe(403);
    expect((await upload(null, itemId, '报告.pdf', PDF)).statusCode).toBe(401);
    expect((await download('admin', 9999)).statusCode).toBe(404);
    expect((await upload('admin', 9999, '报告.pdf', PDF)).statusCode).toBe(404);
  });

  it('bad files are refused with a Chinese message naming the field, and nothing is written', async () => {
    const before = await databaseFingerprint(t.db);
    const cases: [string, Buffer | string, string, number][] = [
      ['报告.pdf', PNG, 'name', 400],
      ['照片.png', JPG, 'name', 400],
      ['台账.xlsx', plainZip(), 'content', 400],
      ['空.pdf', Buffer.alloc(0), 'body', 400],
      ['大.pdf', Buffer.concat([PDF, Buffer.alloc(MAX_EVIDENCE_BYTES)]), 'content', 400],
      ['坏.pdf', '不是base64!', 'contentBase64', 400],
    ];
    for (const [name, content, field, status] of cases) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/supervision/items/${itemId}/evidence`,
        ...as('fgj'),
        payload: { name, contentBase64: typeof content === 'string' ? content : content.toString('base64') },
      });
      expect(res.statusCode, name).toBe(status);
      expect(String(res.json().error.field), name).toContain(field === 'body' ? 'contentBase64' : field);
      expect(res.json().error.message, name).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });

  it("an action's evidence may point only at this item's uploads; a closed item takes no more uploads", async () => {
    const mine = (await upload('fgj', itemId, '报告.pdf', PDF)).json().evidence as EvidenceInfo;
    const foreign = (await upload('jyj', otherItemId, '其他.pdf', PDF)).json().evidence as EvidenceInfo;
    const post = (u: string, action: string, payload: Record<string, unknown>, version: number) =>
      app.inject({
        method: 'POST',
        url: `/api/supervision/items/${itemId}/actions`,
        ...as(u),
        payload: { action, payload, version },
      });
    let version = (await app.inject({ method: 'GET', url: `/api/supervision/items/${itemId}`, ...as('fgj') })).json()
      .item.version as number;
    version = (await post('fgj', 'acknowledge', {}, version)).json().item.version;
    version = (await post('fgj', 'deploy', { summary: '已部署' }, version)).json().item.version;
    version = (await post('czj', 'acknowledge', {}, version)).json().item.version;
    version = (await post('czj', 'support_report', { summary: '配合完成' }, version)).json().item.version;
    const before = await databaseFingerprint(t.db);
    const bad = await post(
      'fgj',
      'request_closure',
      {
        summary: '已完成',
        evidence: [
          { name: mine.name, ref: mine.ref },
          { name: foreign.name, ref: foreign.ref },
        ],
      },
      version,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('payload.evidence.1');
    expect(await databaseFingerprint(t.db)).toEqual(before);
    const ok = await post(
      'fgj',
      'request_closure',
      { summary: '已完成', evidence: [{ name: mine.name, ref: mine.ref }] },
      version,
    );
    expect(ok.statusCode).toBe(200);
    const closed = await act(
      t.db,
      TENANT,
      itemId,
      { action: 'close', payload: { rating: '良好' }, expectedVersion: ok.json().item.version },
      users.admin as Actor,
      { now: clock },
    );
    expect(closed.state).toBe('closed');
    const late = await upload('fgj', itemId, '补充.pdf', PDF);
    expect(late.statusCode).toBe(400);
    expect(late.json().error.message).toContain('已办结销号');
  });
});
