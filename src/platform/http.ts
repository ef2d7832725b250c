// The HTTP server: one Fastify instance, one error format, security headers, OpenAPI at /api/docs,
// and the built web app (web/dist) with SPA fallback. Capabilities contribute route plugins; each
// receives the AppContext as `app.luoshi` and authorizes through src/access/guard.ts.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type AccessConfig, accessConfig, CSRF_HEADER, SESSION_COOKIE } from '../access/config.ts';
import { registerAccessHooks } from '../access/guard.ts';
import { accessRoutes } from '../access/routes.ts';
import { commitmentRoutes } from '../commitments/routes.ts';
import { docflowRoutes } from '../docflow/routes.ts';
import { documentRoutes } from '../documents/routes.ts';
import { emergencyRoutes } from '../emergency/routes.ts';
import { evaluationRoutes } from '../evaluation/routes.ts';
import { meetingRoutes } from '../meetings/routes.ts';
import { monitoringRoutes } from '../monitoring/routes.ts';
import { notificationRoutes } from '../notifications/routes.ts';
import { orgRoutes } from '../orgs/routes.ts';
import { registerRoutes } from '../register/routes.ts';
import { supervisionEvidenceRoutes } from '../supervision/evidenceRoutes.ts';
import { supervisionLedgerRoutes } from '../supervision/ledgerRoutes.ts';
import { supervisionReportRoutes } from '../supervision/reportRoutes.ts';
import { supervisionRoutes } from '../supervision/routes.ts';
import { supervisionSettingsRoutes } from '../supervision/settingsRoutes.ts';
import { sweepRoutes } from '../supervision/sweepRoutes.ts';
import type { AppContext } from './context.ts';
import type { Db } from './db.ts';
import { AppError, isAppError } from './errors.ts';
import { zodToAppError } from './validate.ts';

export type { AppContext } from './context.ts';

export interface ServerOptions {
  db: Db;
  tenant: string;
  /** Folder of the built web app (web/dist). Served with SPA fallback when it contains index.html. */
  webRoot?: string;
  logger?: boolean;
  /** Sign-in and session tunables (lockout, timeouts, clock). */
  access?: Partial<AccessConfig>;
  /** Trust X-Forwarded-* from a reverse proxy (client IP for rate limits, https for Secure cookies). */
  trustProxy?: boolean;
}

/** Route plugins of the capabilities, registered under the same error handling and access hooks. */
const CAPABILITY_ROUTES: ReadonlyArray<(app: FastifyInstance) => Promise<void>> = [
  accessRoutes,
  documentRoutes,
  orgRoutes,
  commitmentRoutes,
  supervisionRoutes,
  supervisionReportRoutes,
  supervisionEvidenceRoutes,
  supervisionSettingsRoutes,
  supervisionLedgerRoutes,
  emergencyRoutes,
  notificationRoutes,
  sweepRoutes,
  meetingRoutes,
  docflowRoutes,
  registerRoutes,
  monitoringRoutes,
  evaluationRoutes,
];

// Content-Security-Policy for the web app (a Vite React build: hashed external scripts and styles,
// no inline script, no eval) and a stricter one for JSON answers.
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Swagger UI (/api/docs) sets inline styles; it gets the app policy plus 'unsafe-inline' styles. */
export const DOCS_CSP = APP_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

function isApi(url: string): boolean {
  const path = pathOf(url);
  return path === '/api' || path.startsWith('/api/');
}

function send(reply: FastifyReply, status: number, error: Record<string, unknown>): FastifyReply {
  return reply.status(status).type('application/json; charset=utf-8').send({ error });
}

/** Chinese messages for the client errors Fastify itself raises (body parsing, size, media type). */
function fastifyClientError(error: FastifyError): { status: number; message: string } {
  const status = error.statusCode ?? 400;
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status, message: '请求体不是有效的 JSON' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status, message: '请求体为空：Content-Type 为 application/json 时须提供 JSON 内容' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status, message: '请求体过大' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status, message: '不支持的请求内容类型（Content-Type），请使用 application/json' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status, message: '请求头 Content-Length 与请求体长度不一致' };
    default:
      return { status, message: status === 404 ? '未找到请求的内容' : '请求格式不正确' };
  }
}

function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (isAppError(error)) return send(reply, error.httpStatus, error.toJSON());
  if (error instanceof z.ZodError) {
    const appError = zodToAppError(error);
    return send(reply, appError.httpStatus, appError.toJSON());
  }
  const fastifyError = error as Partial<FastifyError>;
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    const { status, message } = fastifyClientError(fastifyError as FastifyError);
    return send(reply, status, { code: status === 429 ? 'RATE_LIMITED' : 'BAD_INPUT', message });
  }
  request.log.error({ err: error }, 'unhandled error');
  return send(reply, 500, {
    code: 'INTERNAL',
    message: '服务器内部错误，请稍后重试；如持续出现请联系管理员',
    requestId: request.id,
  });
}

function webAppAvailable(webRoot: string | undefined): webRoot is string {
  if (!webRoot) return false;
  const index = join(webRoot, 'index.html');
  return existsSync(index) && statSync(index).isFile();
}

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
  });
  const ctx: AppContext = { db: opts.db, tenant: opts.tenant, access: accessConfig(opts.access) };
  app.decorate('luoshi', ctx);

  // zod validates (in the routes); JSON Schemas on routes only document them for OpenAPI.
  app.setValidatorCompiler(() => () => true);
  app.setErrorHandler(errorHandler);

  app.addHook('onSend', async (request, reply, payload) => {
    const api = isApi(request.url);
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', api ? API_CSP : APP_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (api && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  await app.register(fastifyCookie);
  registerAccessHooks(app, { db: opts.db, tenant: opts.tenant, config: ctx.access });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '落实 luoshi API',
        description:
          '县政府公报的结构化文件、检索与权限接口。错误统一为 {"error":{"code","message",…}}；写操作需要请求头 x-csrf-token。',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
        },
      },
      tags: [
        { name: 'auth', description: '登录与会话' },
        { name: 'users', description: '用户管理（管理员）' },
        { name: 'audit', description: '审计日志（管理员、领导）' },
        { name: 'documents', description: '公报、文件、条款、检索' },
      ],
    },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: DOCS_CSP,
    uiConfig: { validatorUrl: null },
  });

  app.get('/api/health', { schema: { hide: true } }, async () => ({ ok: true }));

  for (const routes of CAPABILITY_ROUTES) await app.register(routes);

  const webRoot = webAppAvailable(opts.webRoot) ? resolve(opts.webRoot) : null;
  if (webRoot) {
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      wildcard: false,
      cacheControl: false,
      setHeaders: (res, path) => {
        // Vite puts content-hashed files under assets/: cache them for good, revalidate the rest.
        res.setHeader(
          'cache-control',
          /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    if (isApi(request.url)) {
      throw new AppError('NOT_FOUND', `接口不存在：${request.method} ${pathOf(request.url)}`);
    }
    if (webRoot && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    throw new AppError('NOT_FOUND', `页面不存在：${pathOf(request.url)}`);
  });

  return app;
}
