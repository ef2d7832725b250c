// Sign-in, lockout, sessions, CSRF, user management and cross-unit denial, over HTTP (fastify.inject)
// on real SQLite, and on real PostgreSQL when DATABASE_URL is set.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../platform/db.ts';
import { buildServer } from '../platform/http.ts';
import { forEachDatabase } from '../platform/testing.ts';
import { queryAudit } from './audit.ts';
import { authorize } from './guard.ts';
import { createUser } from './users.ts';

const TENANT = '140423';
const PASSWORD = 'correct-horse-battery';

class Clock {
  t = new Date('2024-03-01T01:00:00.000Z');
  now = () => new Date(this.t);
  advance(minutes: number) {
    this.t = new Date(this.t.getTime() + minutes * 60_000);
  }
}

function cookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'luoshi_sid');
  if (!c) throw new Error('no session cookie');
  return c.value;
}

forEachDatabase('access over HTTP', (t) => {
  let db: Db;
  let app: FastifyInstance;
  let clock: Clock;

  beforeEach(async () => {
    db = t.db;
    clock = new Clock();
    await createUser(db, TENANT, { username: 'admin', password: PASSWORD, role: 'admin', displayName: '县政府办' });
    await createUser(db, TENANT, { username: 'leader', password: PASSWORD, role: 'leader', displayName: '王县长' });
    await createUser(db, TENANT, { username: 'fgj', password: PASSWORD, role: 'liaison', unit: '县发改局' });
    app = await buildServer({ db, tenant: TENANT, access: { now: clock.now, ipMaxAttempts: 1000 } });
    // A unit-scoped action, the way other capabilities (supervision feedback…) will guard theirs.
    app.post('/api/test/units/:unit/feedback', async (request) => {
      const { unit } = request.params as { unit: string };
      await authorize(request, 'unit:act', { kind: 'unit', unit }, { entity: 'feedback', entityId: unit });
      return { ok: true, unit };
    });
  });

  afterEach(async () => {
    await app.close();
  });

  const login = (username: string, password = PASSWORD, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });

  async function signIn(username: string): Promise<{ cookie: string; csrf: string }> {
    const res = await login(username);
    expect(res.statusCode).toBe(200);
    return { cookie: cookieOf(res), csrf: res.json().csrfToken };
  }

  async function auditActions() {
    const page = await queryAudit(db, TENANT, {}, 1, 200);
    return page.entries.map((e) => `${e.action}:${e.outcome}`);
  }

  it('signs in with a strict HttpOnly cookie and reports the user on /me', async () => {
    const res = await login('admin');
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toMatch(/Secure/); // plain http in tests; Secure over https
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', cookies: { luoshi_sid: cookieOf(res) } });
    expect(me.json()).toMatchObject({
      user: { username: 'admin', role: 'admin', roleLabel: '管理员' },
      csrfToken: res.json().csrfToken,
    });
    const anon = await app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(anon.json()).toMatchObject({ user: null, csrfToken: null, visibleDisclosures: ['public', 'partial'] });
    expect(await auditActions()).toContain('auth:login:ok');
  });

  it('stores only a hash of the session token', async () => {
    const { cookie } = await signIn('admin');
    const rows = await db.db
      .selectFrom('sessions' as never)
      .selectAll()
      .execute();
    expect(JSON.stringify(rows)).not.toContain(cookie);
  });

  it('wrong password and unknown user get the same answer', async () => {
    const wrong = await login('admin', 'not-the-password');
    const unknown = await login('nobody', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: '用户名或密码错误' } });
    expect(unknown.body).toBe(wrong.body);
    expect(wrong.cookies).toHaveLength(0);
    expect(await auditActions()).toEqual(['auth:login:failed', 'auth:login:failed']);
  });

  it('locks the account after 5 consecutive failures for 15 minutes', async () => {
    for (let i = 0; i < 5; i++) expect((await login('admin', 'wrong-password')).statusCode).toBe(401);
    const locked = await login('admin'); // even the right password
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toBe('登录失败次数过多，请 15 分钟后再试');
    expect(await auditActions()).toContain('auth:lockout:denied');
    clock.advance(14);
    expect((await login('admin')).statusCode).toBe(429);
    clock.advance(2);
    expect((await login('admin')).statusCode).toBe(200);
  });

  it('a success resets the failure count', async () => {
    for (let i = 0; i < 4; i++) await login('admin', 'wrong-password');
    expect((await login('admin')).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await login('admin', 'wrong-password');
    expect((await login('admin')).statusCode).toBe(200);
  });

  it('unknown usernames lock the same way (no account enumeration)', async () => {
    for (let i = 0; i < 5; i++) await login('ghost', 'wrong-password');
    const res = await login('ghost', 'wrong-password');
    expect(res.statusCode).toBe(429);
    expect(res.json().error.message).toBe('登录失败次数过多，请 15 分钟后再试');
  });

  it('limits sign-in attempts per client IP', async () => {
    const strict = await buildServer({ db, tenant: TENANT, access: { now: clock.now, ipMaxAttempts: 3 } });
    const attempt = (ip: string) =>
      strict.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'x', password: 'y' },
        remoteAddress: ip,
      });
    for (let i = 0; i < 3; i++) expect((await attempt('10.0.0.1')).statusCode).toBe(401);
    expect((await attempt('10.0.0.1')).statusCode).toBe(429);
    expect((await attempt('10.0.0.2')).statusCode).toBe(401);
    await strict.close();
  });

  it('ends a session after 2 hours idle', async () => {
    const { cookie } = await signIn('leader');
    clock.advance(119);
    expect((await app.inject({ method: 'GET', url: '/api/audit', cookies: { luoshi_sid: cookie } })).statusCode).toBe(
      200,
    );
    clock.advance(119); // activity keeps it alive
    expect((await app.inject({ method: 'GET', url: '/api/audit', cookies: { luoshi_sid: cookie } })).statusCode).toBe(
      200,
    );
    clock.advance(121);
    const expired = await app.inject({ method: 'GET', url: '/api/audit', cookies: { luoshi_sid: cookie } });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' } });
    expect(String(expired.headers['set-cookie'])).toMatch(/luoshi_sid=;/); // cookie cleared
    // Reported once: the session is gone, the same cookie is now simply anonymous.
    const again = await app.inject({ method: 'GET', url: '/api/audit', cookies: { luoshi_sid: cookie } });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.message).toContain('请先登录');
  });

  it('ends a session 12 hours after sign-in whatever the activity', async () => {
    const { cookie } = await signIn('leader');
    for (let h = 1; h < 12; h++) {
      clock.advance(60);
      expect((await app.inject({ method: 'GET', url: '/api/audit', cookies: { luoshi_sid: cookie } })).statusCode).toBe(
        200,
      );
    }
    clock.advance(60);
    const res = await app.inject({ method: 'GET', url: '/api/audit', cookies: { luoshi_sid: cookie } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toBe('登录已过期，请重新登录');
  });

  it('/me answers an expired session with user null (so the app can recover)', async () => {
    const { cookie } = await signIn('leader');
    clock.advance(200);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', cookies: { luoshi_sid: cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toBeNull();
  });

  describe('CSRF', () => {
    const newUser = { username: 'czj', password: 'another-long-password', role: 'liaison', unit: '县财政局' };

    it('refuses a state-changing request without the token', async () => {
      const { cookie } = await signIn('admin');
      const res = await app.inject({
        method: 'POST',
        url: '/api/users',
        cookies: { luoshi_sid: cookie },
        payload: newUser,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'CSRF', field: 'x-csrf-token' });
    });

    it('refuses a forged token, and another session’s token', async () => {
      const { cookie } = await signIn('admin');
      const other = await signIn('leader');
      for (const token of ['forged-token', other.csrf]) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/users',
          cookies: { luoshi_sid: cookie },
          headers: { 'x-csrf-token': token },
          payload: newUser,
        });
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('CSRF');
      }
      expect(
        (await app.inject({ method: 'GET', url: '/api/users', cookies: { luoshi_sid: cookie } })).json().users,
      ).toHaveLength(3);
    });

    it('accepts the session’s token', async () => {
      const { cookie, csrf } = await signIn('admin');
      const res = await app.inject({
        method: 'POST',
        url: '/api/users',
        cookies: { luoshi_sid: cookie },
        headers: { 'x-csrf-token': csrf },
        payload: newUser,
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().user).toMatchObject({ username: 'czj', role: 'liaison', unit: '县财政局' });
      expect(JSON.stringify(res.json())).not.toMatch(/password|argon2/);
    });

    it('refuses cross-origin requests, even with a valid token', async () => {
      const { cookie, csrf } = await signIn('admin');
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        cookies: { luoshi_sid: cookie },
        headers: { 'x-csrf-token': csrf, origin: 'https://evil.example' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('CSRF');
    });

    it('login accepts only JSON and only from the same origin', async () => {
      const form = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'text/plain' },
        payload: JSON.stringify({ username: 'admin', password: PASSWORD }),
      });
      expect(form.statusCode).toBe(400);
      expect(form.json().error.message).toContain('JSON');
      const crossSite = await login('admin', PASSWORD, { origin: 'https://evil.example' });
      expect(crossSite.statusCode).toBe(403);
      const sameSite = await login('admin', PASSWORD, { origin: 'http://localhost:80' });
      expect(sameSite.statusCode).toBe(200);
    });

    it('anonymous state-changing requests need a session first', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/users', payload: newUser });
      expect(res.statusCode).toBe(401);
    });
  });

  it('logout ends the session and is audited', async () => {
    const { cookie, csrf } = await signIn('admin');
    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      cookies: { luoshi_sid: cookie },
      headers: { 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(200);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', cookies: { luoshi_sid: cookie } });
    expect(me.json().user).toBeNull();
    expect(await auditActions()).toContain('auth:logout:ok');
  });

  it('a new sign-in replaces the session the browser had (no fixation)', async () => {
    const first = await signIn('admin');
    const second = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: PASSWORD },
      cookies: { luoshi_sid: first.cookie },
    });
    expect(cookieOf(second)).not.toBe(first.cookie);
    const old = await app.inject({ method: 'GET', url: '/api/auth/me', cookies: { luoshi_sid: first.cookie } });
    expect(old.json().user).toBeNull();
  });

  describe('user management', () => {
    it('is for administrators only', async () => {
      expect((await app.inject({ method: 'GET', url: '/api/users' })).statusCode).toBe(401);
      const leader = await signIn('leader');
      const res = await app.inject({ method: 'GET', url: '/api/users', cookies: { luoshi_sid: leader.cookie } });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toBe('当前角色（领导）无权管理用户');
    });

    it('validates the new user and names the field', async () => {
      const { cookie, csrf } = await signIn('admin');
      const post = (payload: Record<string, unknown>) =>
        app.inject({
          method: 'POST',
          url: '/api/users',
          cookies: { luoshi_sid: cookie },
          headers: { 'x-csrf-token': csrf },
          payload,
        });
      const noUnit = await post({ username: 'x1', password: 'long-enough-pw', role: 'liaison' });
      expect(noUnit.statusCode).toBe(400);
      expect(noUnit.json().error).toMatchObject({ code: 'BAD_INPUT', field: 'unit' });
      expect(noUnit.json().error.message).toContain('单位联络员必须绑定一个单位');
      const short = await post({ username: 'x2', password: 'short', role: 'leader' });
      expect(short.json().error).toMatchObject({ code: 'BAD_INPUT', field: 'password', message: '密码至少 10 个字符' });
      const dup = await post({ username: 'admin', password: 'long-enough-pw', role: 'leader' });
      expect(dup.statusCode).toBe(409);
    });

    it('disabling a user ends its sessions and is audited with before/after', async () => {
      const liaison = await signIn('fgj');
      const admin = await signIn('admin');
      const users = (
        await app.inject({ method: 'GET', url: '/api/users', cookies: { luoshi_sid: admin.cookie } })
      ).json().users;
      const fgj = users.find((u: { username: string }) => u.username === 'fgj');
      const res = await app.inject({
        method: 'POST',
        url: `/api/users/${fgj.id}/disable`,
        cookies: { luoshi_sid: admin.cookie },
        headers: { 'x-csrf-token': admin.csrf },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().user.disabled).toBe(true);
      const me = await app.inject({ method: 'GET', url: '/api/auth/me', cookies: { luoshi_sid: liaison.cookie } });
      expect(me.json().user).toBeNull();
      const relogin = await login('fgj');
      expect(relogin.statusCode).toBe(403);
      expect(relogin.json().error.message).toBe('账户已停用，请联系管理员');
      const entry = (await queryAudit(db, TENANT, { action: 'user:disable' })).entries[0];
      expect(entry).toMatchObject({ actorName: 'admin', entity: 'user', entityId: String(fgj.id), outcome: 'ok' });
      expect(entry?.before).toMatchObject({ disabled: false });
      expect(entry?.after).toMatchObject({ disabled: true });
      const self = await app.inject({
        method: 'POST',
        url: `/api/users/${users[0].id}/disable`,
        cookies: { luoshi_sid: admin.cookie },
        headers: { 'x-csrf-token': admin.csrf },
      });
      expect(self.statusCode).toBe(409);
    });
  });

  it('a liaison acting for another unit is refused (403) and audited', async () => {
    const { cookie, csrf } = await signIn('fgj');
    const post = (unit: string) =>
      app.inject({
        method: 'POST',
        url: `/api/test/units/${encodeURIComponent(unit)}/feedback`,
        cookies: { luoshi_sid: cookie },
        headers: { 'x-csrf-token': csrf },
      });
    expect((await post('县发改局')).statusCode).toBe(200);
    const other = await post('县财政局');
    expect(other.statusCode).toBe(403);
    expect(other.json().error).toEqual({
      code: 'FORBIDDEN',
      message: '单位联络员只能代表本单位（县发改局）办理，无权代表“县财政局”办理',
    });
    const denied = await queryAudit(db, TENANT, { outcome: 'denied' });
    expect(denied.entries).toHaveLength(1);
    expect(denied.entries[0]).toMatchObject({
      actorName: 'fgj',
      role: 'liaison',
      action: 'unit:act',
      entity: 'feedback',
      entityId: '县财政局',
      outcome: 'denied',
    });
  });
});
