// The HTTP side of access control: resolve the session cookie into `request.actor`, enforce CSRF on
// state-changing requests, and `authorize` (policy decision + audit of denials that matter).
// Every capability's routes call `authorize(request, action, resource, target)`.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import { recordAudit } from './audit.ts';
import { type AccessConfig, CSRF_HEADER, SESSION_COOKIE } from './config.ts';
import type { DbLike } from './db.ts';
import { type Action, can, type Decision, type Resource } from './policy.ts';
import { type Actor, ANONYMOUS } from './roles.ts';
import { type ActiveSession, resolveSession } from './sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking: a signed-in user or ANONYMOUS (公众). Set for every /api request. */
    actor: Actor;
    /** The session behind `actor`, or null. */
    session: ActiveSession | null;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const LOGIN_PATH = '/api/auth/login';
const LOGOUT_PATH = '/api/auth/logout';
const ME_PATH = '/api/auth/me';

export const SESSION_EXPIRED_MESSAGE = '登录已过期，请重新登录';

function pathOf(request: FastifyRequest): string {
  const q = request.url.indexOf('?');
  return q < 0 ? request.url : request.url.slice(0, q);
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function isSecureRequest(request: FastifyRequest, config: Pick<AccessConfig, 'secureCookie'>): boolean {
  return config.secureCookie === 'auto' ? request.protocol === 'https' : config.secureCookie;
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply, config: AccessConfig): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: isSecureRequest(request, config),
  });
}

/**
 * Cross-site request check independent of tokens: a browser sends Origin (and Sec-Fetch-Site) on
 * state-changing requests; when present they must say "same origin".
 */
function assertSameOrigin(request: FastifyRequest): void {
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    throw new AppError('CSRF', '拒绝跨站请求：请从本系统页面发起操作');
  }
  const origin = request.headers.origin;
  if (origin === undefined) return;
  if (!sameHost(origin, request.host)) {
    throw new AppError('CSRF', '拒绝跨站请求：请求来源（Origin）与本站不一致');
  }
}

/**
 * Origin vs Host: same host name, and the same port when both name one. (The scheme is not compared,
 * so that a TLS-terminating proxy without trustProxy still works; SameSite=Strict covers the rest.)
 */
export function sameHost(origin: string, host: string): boolean {
  try {
    const o = new URL(origin);
    const h = new URL(`http://${host}`);
    if (o.hostname !== h.hostname) return false;
    return !o.port || !h.port || o.port === h.port;
  } catch {
    return false;
  }
}

export interface AccessHookOptions {
  db: DbLike;
  tenant: string;
  config: AccessConfig;
}

/** Register the session and CSRF hooks. Must run after @fastify/cookie is registered. */
export function registerAccessHooks(app: FastifyInstance, opts: AccessHookOptions): void {
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (request, reply) => {
    request.actor = ANONYMOUS;
    request.session = null;
    const path = pathOf(request);
    if (!path.startsWith('/api/')) return;

    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const found = await resolveSession(opts.db, opts.tenant, token, opts.config);
      if (found.status === 'valid') {
        request.actor = found.actor;
        request.session = found.session;
      } else {
        clearSessionCookie(request, reply, opts.config);
        // An expired session is reported once (the cookie is cleared with the answer); the sign-in
        // endpoints and /me carry on anonymously so that the client can recover.
        if (found.status === 'expired' && path !== LOGIN_PATH && path !== LOGOUT_PATH && path !== ME_PATH) {
          throw new AppError('UNAUTHENTICATED', SESSION_EXPIRED_MESSAGE);
        }
      }
    }

    if (!STATE_CHANGING.has(request.method)) return;
    assertSameOrigin(request);
    if (path === LOGIN_PATH) return; // JSON-only + same-origin, checked by the login route
    if (request.session === null) {
      if (path === LOGOUT_PATH) return; // logging out without a session is a no-op
      throw new AppError('UNAUTHENTICATED', '请先登录');
    }
    const header = request.headers[CSRF_HEADER];
    const sent = Array.isArray(header) ? header[0] : header;
    if (!sent || !sameToken(sent, request.session.csrfToken)) {
      throw new AppError('CSRF', '安全校验失败（CSRF 令牌缺失或不匹配），请刷新页面后重试', { field: CSRF_HEADER });
    }
  });
}

/** What a denial is about, for the audit trail and the 404 answer. */
export interface AuthorizeTarget {
  /** Audit entity, e.g. 'document'. Defaults to the resource kind. */
  entity?: string;
  entityId?: string | number | null;
  /**
   * The exact message the route answers for a missing resource. A 404 denial uses it, so the
   * response is identical to "does not exist".
   */
  notFoundMessage?: string;
}

export function denialError(decision: Decision, target: AuthorizeTarget = {}): AppError {
  switch (decision.status) {
    case 401:
      return new AppError('UNAUTHENTICATED', decision.reason);
    case 404:
      return new AppError('NOT_FOUND', target.notFoundMessage ?? '未找到请求的内容');
    default:
      return new AppError('FORBIDDEN', decision.reason);
  }
}

/**
 * Ask the policy; when denied, write the audit entry if the policy says it matters, and throw the
 * AppError the route should answer (401 / 403 / 404-as-missing).
 */
export async function authorize(
  request: FastifyRequest,
  action: Action,
  resource: Resource = { kind: 'system' },
  target: AuthorizeTarget = {},
): Promise<void> {
  const decision = can(request.actor, action, resource);
  if (decision.allowed) return;
  if (decision.audit) {
    const ctx = request.server.luoshi;
    await recordAudit(ctx.db, {
      tenant: ctx.tenant,
      actor: request.actor,
      action,
      entity: target.entity ?? resource.kind,
      entityId: target.entityId ?? null,
      after: { reason: decision.reason, resource, method: request.method, path: pathOf(request) },
      ip: request.ip,
      outcome: 'denied',
      at: ctx.access.now(),
    });
  }
  throw denialError(decision, target);
}
