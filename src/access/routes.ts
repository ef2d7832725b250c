// HTTP routes of the access capability: sign-in / sign-out / me, user management (admin),
// audit trail query and export (admin, leader).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../platform/errors.ts';
import { openapi, parseInput } from '../platform/validate.ts';
import { auditFilterSchema, exportAudit, queryAudit, recordAudit } from './audit.ts';
import { SESSION_COOKIE } from './config.ts';
import { authorize, clearSessionCookie, isSecureRequest } from './guard.ts';
import { visibleDisclosures } from './policy.ts';
import { SlidingWindowCounter } from './ratelimit.ts';
import { type Actor, ROLE_LABELS } from './roles.ts';
import { createSession, deleteSession, deleteUserSessions, hashToken, purgeExpiredSessions } from './sessions.ts';
import {
  createUser,
  findUserForLogin,
  listUsers,
  registerLoginFailure,
  registerLoginSuccess,
  setUserDisabled,
  type User,
  verifyPassword,
} from './users.ts';

export const WRONG_CREDENTIALS_MESSAGE = '用户名或密码错误';

const loginBody = z.object({
  username: z.string({ error: '请填写用户名' }).trim().min(1, '请填写用户名').max(64, '用户名最多 64 个字符'),
  password: z.string({ error: '请填写密码' }).min(1, '请填写密码').max(256, '密码最多 256 个字符'),
});

const userIdParams = z.object({
  id: z.coerce.number({ error: '用户编号应为正整数' }).int().positive('用户编号应为正整数'),
});

const newUserBody = z.object({
  username: z.string(),
  password: z.string(),
  role: z.enum(['admin', 'leader', 'liaison']),
  unit: z.string().optional(),
  displayName: z.string().optional(),
});

const auditQuery = auditFilterSchema.extend({
  page: z.coerce.number().int().min(1, '页码从 1 开始').default(1),
  pageSize: z.coerce.number().int().min(1).max(200, '每页最多 200 条').default(50),
});

const exportQuery = auditFilterSchema.extend({
  format: z.enum(['csv', 'xlsx'], { error: '导出格式应为 csv 或 xlsx' }).default('xlsx'),
});

export interface PublicUser {
  id: number;
  username: string;
  displayName: string;
  role: User['role'];
  roleLabel: string;
  unit: string | null;
}

function publicUser(actor: Actor): PublicUser | null {
  if (actor.id === null || actor.username === null || actor.role === 'public') return null;
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    roleLabel: ROLE_LABELS[actor.role],
    unit: actor.unit,
  };
}

function userView(user: User) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    roleLabel: ROLE_LABELS[user.role],
    unit: user.unit,
    disabled: user.disabled,
    lockedUntil: user.lockedUntil,
    createdAt: user.createdAt,
  };
}

function isJson(request: FastifyRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  return /^application\/json\s*(;|$)/i.test(type);
}

export async function accessRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.luoshi;
  const config = ctx.access;
  const nowMs = () => config.now().getTime();
  // Per-process throttles: attempts per client IP, consecutive failures per username (the same
  // threshold as the account lockout, so that unknown and known usernames behave alike).
  const ipAttempts = new SlidingWindowCounter(config.ipMaxAttempts, config.ipWindowMinutes * 60_000, nowMs);
  const nameFailures = new SlidingWindowCounter(config.maxFailedAttempts, config.lockoutMinutes * 60_000, nowMs);
  const lockedMessage = `登录失败次数过多，请 ${config.lockoutMinutes} 分钟后再试`;
  let lastPurge = 0;

  const audit = (request: FastifyRequest, entry: Omit<Parameters<typeof recordAudit>[1], 'tenant' | 'ip' | 'at'>) =>
    recordAudit(ctx.db, { ...entry, tenant: ctx.tenant, ip: request.ip, at: config.now() });

  // ---- auth ---------------------------------------------------------------------------------

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: '登录（JSON，同源）；成功后设置 HttpOnly 会话 Cookie 并返回 CSRF 令牌',
        body: openapi(loginBody),
      },
    },
    async (request, reply) => {
      if (!isJson(request)) {
        throw new AppError('BAD_INPUT', '登录请求必须使用 JSON（Content-Type: application/json）', {
          field: 'content-type',
        });
      }
      const { username, password } = parseInput(loginBody, request.body, 'body');
      const now = config.now();
      const attemptActor = { id: null, name: username.slice(0, 64), role: 'public' };

      if (!ipAttempts.check(request.ip).allowed) {
        await audit(request, {
          actor: attemptActor,
          action: 'auth:login',
          entity: 'session',
          outcome: 'denied',
          after: { reason: '同一 IP 登录尝试过于频繁' },
        });
        throw new AppError('RATE_LIMITED', `登录尝试过于频繁，请 ${config.ipWindowMinutes} 分钟后再试`);
      }
      ipAttempts.hit(request.ip);

      const nameKey = `${ctx.tenant}\u0000${username}`;
      const user = await findUserForLogin(ctx.db, ctx.tenant, username);
      const actor = user ? { id: user.id, name: user.username, role: user.role } : attemptActor;
      const locked = user?.lockedUntil != null && user.lockedUntil > now.toISOString();
      if (locked || !nameFailures.check(nameKey).allowed) {
        await verifyPassword(null, password); // same cost as a real attempt
        await audit(request, {
          actor,
          action: 'auth:login',
          entity: 'session',
          outcome: 'denied',
          after: { reason: '连续登录失败，账户已临时锁定', lockedUntil: user?.lockedUntil ?? null },
        });
        throw new AppError('RATE_LIMITED', lockedMessage);
      }

      const ok = await verifyPassword(user ? user.passwordHash : null, password);
      if (!ok || !user) {
        nameFailures.hit(nameKey);
        const lockedUntil = user
          ? await registerLoginFailure(ctx.db, user.id, now, config.maxFailedAttempts, config.lockoutMinutes)
          : null;
        await audit(request, {
          actor,
          action: 'auth:login',
          entity: 'session',
          outcome: 'failed',
          after: { reason: user ? '密码错误' : '用户名不存在' },
        });
        if (lockedUntil || !nameFailures.check(nameKey).allowed) {
          await audit(request, {
            actor,
            action: 'auth:lockout',
            entity: 'user',
            entityId: user?.id ?? null,
            outcome: 'denied',
            after: {
              lockedUntil: lockedUntil ?? new Date(now.getTime() + config.lockoutMinutes * 60_000).toISOString(),
            },
          });
        }
        throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS_MESSAGE);
      }
      if (user.disabled) {
        await audit(request, {
          actor,
          action: 'auth:login',
          entity: 'session',
          outcome: 'failed',
          after: { reason: '账户已停用' },
        });
        throw new AppError('FORBIDDEN', '账户已停用，请联系管理员');
      }

      nameFailures.reset(nameKey);
      await registerLoginSuccess(ctx.db, user.id);
      if (now.getTime() - lastPurge > 3_600_000) {
        lastPurge = now.getTime();
        await purgeExpiredSessions(ctx.db, config);
      }
      // A fresh session for every sign-in (no fixation): drop whatever session the browser had.
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) await deleteSession(ctx.db, hashToken(previous));
      const session = await createSession(ctx.db, ctx.tenant, user.id, request.ip, config);
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: isSecureRequest(request, config),
        maxAge: config.absoluteHours * 3600,
      });
      await audit(request, { actor, action: 'auth:login', entity: 'session', outcome: 'ok' });
      const signedIn: Actor = {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        unit: user.unit,
      };
      return { user: publicUser(signedIn), csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: '退出登录（需 x-csrf-token）', security: [{ session: [], csrf: [] }] } },
    async (request, reply) => {
      if (request.session) {
        await deleteSession(ctx.db, request.session.id);
        await audit(request, { actor: request.actor, action: 'auth:logout', entity: 'session', outcome: 'ok' });
      }
      clearSessionCookie(request, reply, config);
      return { ok: true };
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: '当前用户与 CSRF 令牌（未登录时 user 为 null）' } },
    async (request) => ({
      user: publicUser(request.actor),
      csrfToken: request.session?.csrfToken ?? null,
      visibleDisclosures: visibleDisclosures(request.actor),
    }),
  );

  // ---- users (admin) ------------------------------------------------------------------------

  app.get('/api/users', { schema: { tags: ['users'], summary: '用户列表' } }, async (request) => {
    await authorize(request, 'user:manage');
    return { users: (await listUsers(ctx.db, ctx.tenant)).map(userView) };
  });

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: '新建用户（单位联络员须填写 unit；密码至少 10 个字符）',
        body: openapi(newUserBody),
      },
    },
    async (request, reply) => {
      await authorize(request, 'user:manage');
      const body = parseInput(newUserBody, request.body, 'body');
      const user = await createUser(ctx.db, ctx.tenant, body, config.now());
      await audit(request, {
        actor: request.actor,
        action: 'user:create',
        entity: 'user',
        entityId: user.id,
        after: userView(user),
        outcome: 'ok',
      });
      return reply.status(201).send({ user: userView(user) });
    },
  );

  const setDisabled = (disabled: boolean) => async (request: FastifyRequest, _reply: FastifyReply) => {
    await authorize(request, 'user:manage');
    const { id } = parseInput(userIdParams, request.params, 'params');
    if (disabled && id === request.actor.id) throw new AppError('CONFLICT', '不能停用自己的账户');
    const change = await setUserDisabled(ctx.db, ctx.tenant, id, disabled, config.now());
    if (!change) throw new AppError('NOT_FOUND', `用户 ${id} 不存在`);
    if (disabled) await deleteUserSessions(ctx.db, id);
    await audit(request, {
      actor: request.actor,
      action: disabled ? 'user:disable' : 'user:enable',
      entity: 'user',
      entityId: id,
      before: userView(change.before),
      after: userView(change.after),
      outcome: 'ok',
    });
    return { user: userView(change.after) };
  };

  app.post(
    '/api/users/:id/disable',
    { schema: { tags: ['users'], summary: '停用用户（同时结束其全部会话）', params: openapi(userIdParams) } },
    setDisabled(true),
  );
  app.post(
    '/api/users/:id/enable',
    { schema: { tags: ['users'], summary: '启用用户（同时解除登录锁定）', params: openapi(userIdParams) } },
    setDisabled(false),
  );

  // ---- audit (admin, leader) ---------------------------------------------------------------

  app.get(
    '/api/audit',
    { schema: { tags: ['audit'], summary: '审计日志（新的在前，分页）', querystring: openapi(auditQuery) } },
    async (request) => {
      await authorize(request, 'audit:read');
      const { page, pageSize, ...filter } = parseInput(auditQuery, request.query, 'query');
      return queryAudit(ctx.db, ctx.tenant, filter, page, pageSize);
    },
  );

  app.get(
    '/api/audit/export',
    {
      schema: { tags: ['audit'], summary: '导出审计日志（csv 或 xlsx，中文表头）', querystring: openapi(exportQuery) },
    },
    async (request, reply) => {
      await authorize(request, 'audit:export');
      const { format, ...filter } = parseInput(exportQuery, request.query, 'query');
      const file = await exportAudit(ctx.db, ctx.tenant, filter, format, config.now());
      await audit(request, {
        actor: request.actor,
        action: 'audit:export',
        entity: 'audit_log',
        after: { format, filter, rows: file.rows },
        outcome: 'ok',
      });
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );
}
