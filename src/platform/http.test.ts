// The HTTP shell: error format, security headers, OpenAPI, and the SPA fallback of the web app.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Db, openDb } from './db.ts';
import { AppError } from './errors.ts';
import { buildServer } from './http.ts';
import { parseInput } from './validate.ts';

describe('HTTP server', () => {
  let db: Db;
  let app: FastifyInstance;
  let webRoot: string;

  beforeAll(async () => {
    db = await openDb({ file: ':memory:' });
    webRoot = mkdtempSync(join(tmpdir(), 'luoshi-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(
      join(webRoot, 'index.html'),
      '<!doctype html><div id="root"></div><script type="module" src="/assets/app-1a2b.js"></script>',
    );
    writeFileSync(join(webRoot, 'assets', 'app-1a2b.js'), 'console.log(1)');
    app = await buildServer({ db, tenant: '140423', webRoot });
    app.get('/api/test/app-error', async () => {
      throw new AppError('PARSE_FAILED', '第 12 行：无法识别发文字号', { file: 'a.txt', line: 12 });
    });
    app.get('/api/test/zod', async (request) => {
      parseInput(z.object({ year: z.coerce.number().int().min(1949, '年份应不早于 1949') }), request.query, 'query');
      return { ok: true };
    });
    app.get('/api/test/raw-zod', async () => z.object({ n: z.number() }).parse({ n: 'x' }));
    app.get('/api/test/crash', async () => {
      throw new Error('connection string postgres://secret@db/x exploded');
    });
    app.post('/api/test/echo', async (request) => request.body);
  });

  afterAll(async () => {
    await app.close();
    await db.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('maps AppError to its status with code, Chinese message and location', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test/app-error' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({
      error: { code: 'PARSE_FAILED', message: '第 12 行：无法识别发文字号', file: 'a.txt', line: 12 },
    });
  });

  it('maps zod failures to 400 naming the field', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test/zod?year=1900' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: { code: 'BAD_INPUT', message: '查询参数“year”不正确：年份应不早于 1949', field: 'year' },
    });
    const raw = await app.inject({ method: 'GET', url: '/api/test/raw-zod' });
    expect(raw.statusCode).toBe(400);
    expect(raw.json().error).toMatchObject({ code: 'BAD_INPUT', field: 'n' });
    expect(raw.json().error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('answers unknown errors with 500 and no internals', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test/crash' });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('INTERNAL');
    expect(res.json().error.message).toBe('服务器内部错误，请稍后重试；如持续出现请联系管理员');
    expect(res.body).not.toMatch(/secret|exploded|stack/);
  });

  it('answers malformed JSON with a Chinese 400 in the same format', async () => {
    // needs a session for POST; the CSRF hook answers first, in the same format
    const res = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect([400, 401]).toContain(res.statusCode);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(login.statusCode).toBe(400);
    expect(login.json()).toEqual({ error: { code: 'BAD_INPUT', message: '请求体不是有效的 JSON' } });
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nothing-here?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: '接口不存在：GET /api/nothing-here' } });
  });

  it('sets security headers on API answers', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['strict-transport-security']).toBeUndefined(); // only over https
  });

  it('serves the web app with a strict CSP and SPA fallback', async () => {
    const index = await app.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('id="root"');
    const csp = String(index.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const deep = await app.inject({ method: 'GET', url: '/documents/12/clauses/att_1' });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('id="root"');
    expect(deep.headers['cache-control']).toBe('no-cache');
    const asset = await app.inject({ method: 'GET', url: '/assets/app-1a2b.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    // API paths never fall back to the app
    expect((await app.inject({ method: 'GET', url: '/api/unknown' })).headers['content-type']).toContain(
      'application/json',
    );
  });

  it('publishes OpenAPI at /api/docs/json and the UI at /api/docs', async () => {
    const json = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(json.statusCode).toBe(200);
    const spec = json.json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/auth/me', '/api/audit', '/api/users']),
    );
    const ui = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
    expect(String(ui.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });

  it('works without a built web app', async () => {
    const bare = await buildServer({ db, tenant: '140423', webRoot: join(webRoot, 'missing') });
    const res = await bare.inject({ method: 'GET', url: '/documents/1' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toBe('页面不存在：/documents/1');
    await bare.close();
  });
});
