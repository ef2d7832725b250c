// The audit trail: append-only in the database itself, usable inside other transactions, queryable
// and exportable (CSV, real .xlsx) by administrators and leaders.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../platform/db.ts';
import { buildServer } from '../platform/http.ts';
import { forEachDatabase } from '../platform/testing.ts';
import { beijingTime, cliActor, queryAudit, recordAudit } from './audit.ts';
import { accessDb } from './db.ts';
import { ANONYMOUS } from './roles.ts';
import { createUser } from './users.ts';

const TENANT = '140423';
const PASSWORD = 'correct-horse-battery';

forEachDatabase('audit trail', (t) => {
  let db: Db;

  beforeEach(async () => {
    db = t.db;
    await recordAudit(db, {
      tenant: TENANT,
      actor: cliActor('ops'),
      action: 'import',
      entity: 'issue',
      entityId: 1,
      after: { title: '襄垣县人民政府公报 2023年第3期' },
      at: new Date('2024-03-01T15:30:00Z'), // 23:30 Beijing, 1 March
    });
    await recordAudit(db, {
      tenant: TENANT,
      actor: ANONYMOUS,
      action: 'document:read',
      entity: 'document',
      entityId: 7,
      outcome: 'denied',
      ip: '10.1.2.3',
      at: new Date('2024-03-01T16:30:00Z'), // 00:30 Beijing, 2 March
    });
    await recordAudit(db, {
      tenant: '140000',
      actor: cliActor('ops'),
      action: 'import',
      entity: 'issue',
      at: new Date('2024-03-01T15:00:00Z'),
    });
  });

  it('refuses UPDATE and DELETE in the database itself', async () => {
    const kdb = accessDb(db);
    await expect(kdb.updateTable('audit_log').set({ outcome: 'ok' }).execute()).rejects.toThrow(/审计日志只能追加/);
    await expect(kdb.deleteFrom('audit_log').execute()).rejects.toThrow(/审计日志只能追加/);
    await expect(sql`update audit_log set actor_name = 'x' where id = 1`.execute(kdb)).rejects.toThrow(/append-only/);
    if (t.dialect === 'postgres') await expect(sql`truncate audit_log`.execute(kdb)).rejects.toThrow(/append-only/);
    const page = await queryAudit(db, TENANT, {});
    expect(page.total).toBe(2);
    expect(page.entries.map((e) => e.outcome).sort()).toEqual(['denied', 'ok']);
  });

  it('records inside a caller’s transaction: rolled back with it, kept when it commits', async () => {
    await expect(
      db.db.transaction().execute(async (trx) => {
        await recordAudit(trx, {
          tenant: TENANT,
          actor: cliActor('ops'),
          action: 'import',
          entity: 'issue',
          entityId: 99,
        });
        throw new Error('import failed');
      }),
    ).rejects.toThrow('import failed');
    expect((await queryAudit(db, TENANT, { entityId: '99' })).total).toBe(0);
    await db.db.transaction().execute(async (trx) => {
      await recordAudit(trx, {
        tenant: TENANT,
        actor: cliActor('ops'),
        action: 'import',
        entity: 'issue',
        entityId: 99,
      });
    });
    expect((await queryAudit(db, TENANT, { entityId: '99' })).total).toBe(1);
  });

  it('filters by actor, action, outcome and Beijing calendar days; newest first; per tenant', async () => {
    const all = await queryAudit(db, TENANT, {});
    expect(all.entries.map((e) => e.action)).toEqual(['document:read', 'import']);
    expect((await queryAudit(db, TENANT, { actor: 'ops' })).total).toBe(1);
    expect((await queryAudit(db, TENANT, { actor: '%' })).total).toBe(0); // LIKE wildcards are literal
    expect((await queryAudit(db, TENANT, { action: 'import' })).entries[0]?.after).toEqual({
      title: '襄垣县人民政府公报 2023年第3期',
    });
    expect((await queryAudit(db, TENANT, { outcome: 'denied' })).entries[0]).toMatchObject({
      actorName: '公众',
      role: 'public',
      ip: '10.1.2.3',
    });
    expect((await queryAudit(db, TENANT, { from: '2024-03-02' })).total).toBe(1);
    expect((await queryAudit(db, TENANT, { to: '2024-03-01' })).total).toBe(1);
    expect((await queryAudit(db, TENANT, { from: '2024-03-01', to: '2024-03-02' })).total).toBe(2);
    expect((await queryAudit(db, TENANT, { from: '2024-03-01T16:00:00Z' })).total).toBe(1);
    const paged = await queryAudit(db, TENANT, {}, 2, 1);
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.entries[0]?.action).toBe('import');
  });

  describe('over HTTP', () => {
    let app: FastifyInstance;

    beforeEach(async () => {
      await createUser(db, TENANT, { username: 'admin', password: PASSWORD, role: 'admin' });
      await createUser(db, TENANT, { username: 'leader', password: PASSWORD, role: 'leader' });
      await createUser(db, TENANT, { username: 'fgj', password: PASSWORD, role: 'liaison', unit: '县发改局' });
      app = await buildServer({ db, tenant: TENANT });
    });

    afterEach(async () => {
      await app.close();
    });

    async function cookie(username: string): Promise<string> {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: PASSWORD },
      });
      return res.cookies.find((c) => c.name === 'luoshi_sid')?.value ?? '';
    }

    it('is readable by administrators and leaders only', async () => {
      expect((await app.inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
      const liaison = await app.inject({
        method: 'GET',
        url: '/api/audit',
        cookies: { luoshi_sid: await cookie('fgj') },
      });
      expect(liaison.statusCode).toBe(403);
      const leader = await app.inject({
        method: 'GET',
        url: '/api/audit?action=import&page=1&pageSize=10',
        cookies: { luoshi_sid: await cookie('leader') },
      });
      expect(leader.statusCode).toBe(200);
      expect(leader.json()).toMatchObject({
        total: 1,
        page: 1,
        pageSize: 10,
        entries: [{ action: 'import', actorName: '命令行:ops' }],
      });
    });

    it('validates filters in Chinese and names the field', async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/audit?from=yesterday',
        cookies: { luoshi_sid: await cookie('admin') },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'BAD_INPUT', field: 'from' });
      expect(res.json().error.message).toContain('YYYY-MM-DD');
    });

    it('has no route that edits or deletes entries', async () => {
      const admin = await cookie('admin');
      for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
        const res = await app.inject({ method, url: '/api/audit/1', cookies: { luoshi_sid: admin } });
        expect([401, 403, 404]).toContain(res.statusCode);
      }
      expect((await queryAudit(db, TENANT, { action: 'import' })).total).toBe(1);
    });

    it('exports CSV with a BOM and Chinese headers, defused against formulas', async () => {
      await recordAudit(db, {
        tenant: TENANT,
        actor: { id: null, name: '=HYPERLINK("x")', role: 'system' },
        action: 'import',
        entity: 'issue',
      });
      const res = await app.inject({
        method: 'GET',
        url: '/api/audit/export?format=csv',
        cookies: { luoshi_sid: await cookie('admin') },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="audit-140423-\d{12}\.csv"/);
      const text = res.rawPayload.toString('utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const [header, ...rows] = text.slice(1).trim().split('\r\n');
      expect(header).toBe(
        '"序号","时间（北京时间）","操作人","操作人编号","角色","操作","操作代码","对象类型","对象编号","结果","IP 地址","变更前","变更后"',
      );
      expect(rows.some((r) => r.includes('"2024-03-01 23:30:00"') && r.includes('"导入公报"'))).toBe(true);
      expect(rows.some((r) => r.includes('"公众"') && r.includes('"拒绝"'))).toBe(true);
      expect(text).toContain(`"'=HYPERLINK(""x"")"`);
      // the export itself is audited
      expect((await queryAudit(db, TENANT, { action: 'audit:export' })).total).toBe(1);
    });

    it('exports a real .xlsx workbook', async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/audit/export?format=xlsx',
        cookies: { luoshi_sid: await cookie('leader') },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('审计日志');
      expect(sheet).toBeDefined();
      expect(sheet?.getRow(1).getCell(2).value).toBe('时间（北京时间）');
      const values: unknown[] = [];
      sheet?.eachRow((row, n) => {
        if (n > 1) values.push(row.getCell(6).value);
      });
      expect(values).toContain('导入公报');
      expect(values).toContain('登录'); // the leader's own sign-in
    });

    it('refuses the export to liaisons', async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/audit/export?format=csv',
        cookies: { luoshi_sid: await cookie('fgj') },
      });
      expect(res.statusCode).toBe(403);
    });
  });
});

describe('beijingTime', () => {
  it('shows UTC instants in Asia/Shanghai', () => {
    expect(beijingTime('2024-03-01T16:30:00.000Z')).toBe('2024-03-02 00:30:00');
  });
});
