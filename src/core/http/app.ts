/**
 * Builds the Fastify application: plugins, correlation ids, language, authentication,
 * the one error handler, OpenAPI, health check, static assets and every feature's routes.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, {
  LogController,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { lazyCompilers } from './lazy-compilers.ts';
import { h } from 'preact';
import type { Deps } from '../deps.ts';
import { ASSETS_DIR } from '../paths.ts';
import { registerAuth } from '../auth/http.ts';
import { registerAuthRoutes } from '../auth/routes.ts';
import { AppError, errorBody, ERRORS, type ErrorCode, type ErrorDetail } from './errors.ts';
import { explicitLang, pickLang } from './i18n.ts';
import { CSP_DIRECTIVES, registerSecurityHeaders } from './security.ts';
import { MemoryLimitStore, rateLimitStore, type LimitStore } from './limits.ts';
import { loggerOptions, type LogStream } from './logging.ts';
import { Metrics } from '../metrics.ts';
import { registerHealthRoutes } from './health.ts';
import { sendPage, wantsHtml } from './context.ts';
import { ErrorPage } from './layout.tsx';
import { registerFeatures } from '../../features/index.ts';

export interface AppOptions {
  /** Text shown on the login page when demo accounts exist (null otherwise). */
  demoHint?: () => string | null;
  logger?: boolean;
  /** Log lines go here instead of stdout (tests read them). */
  logStream?: LogStream;
  /** Counters for /metrics; default: a new set for this app. */
  metrics?: Metrics;
}

const REQUEST_ID = /^[\w.-]{1,64}$/;

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'VALIDATION_FAILED';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RATE_LIMITED';
    case 503:
      return 'UNAVAILABLE';
    default:
      return 'INTERNAL';
  }
}

/** Turns anything thrown into an AppError; unknown errors become INTERNAL. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const fe = err as Partial<FastifyError> & {
    validation?: { instancePath?: string; message?: string; params?: Record<string, unknown> }[];
    validationContext?: string;
  };
  if (fe && Array.isArray(fe.validation)) {
    const details: ErrorDetail[] = fe.validation.slice(0, 10).map((v) => {
      const field = [
        fe.validationContext,
        (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') ||
          (v.params?.missingProperty as string | undefined),
      ]
        .filter(Boolean)
        .join('.');
      return {
        field,
        vi: `Trường “${field}” không hợp lệ: ${v.message ?? ''}.`,
        en: `Field “${field}” is invalid: ${v.message ?? ''}.`,
      };
    });
    return new AppError('VALIDATION_FAILED', details, { cause: err });
  }
  if (fe?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fe?.statusCode === 400 && /JSON/i.test(fe.message ?? '')))
    return new AppError('BAD_JSON', [], { cause: err });
  // busboy (behind @fastify/multipart) throws plain Errors for a broken upload body.
  if (
    typeof fe?.statusCode !== 'number' &&
    /^(Unexpected end of multipart data|Multipart: .+|Malformed part header)$/.test(fe?.message ?? '')
  ) {
    return new AppError(
      'VALIDATION_FAILED',
      [
        {
          field: 'file',
          vi: 'Tệp tải lên bị hỏng hoặc không đầy đủ, vui lòng gửi lại.',
          en: 'The upload is broken or incomplete; send it again.',
        },
      ],
      { cause: err },
    );
  }
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) return new AppError(codeForStatus(status), [], { cause: err });
  return new AppError('INTERNAL', [], { cause: err });
}

function sendError(req: FastifyRequest, reply: FastifyReply, err: AppError) {
  if (err.code === 'RATE_LIMITED') reply.header('retry-after', '900');
  if (wantsHtml(req)) {
    if (err.code === 'UNAUTHENTICATED' && req.url.startsWith('/console') && req.method === 'GET') {
      return reply.redirect(`/console/login?next=${encodeURIComponent(req.url)}`);
    }
    const e = ERRORS[err.code];
    return sendPage(
      reply,
      h(ErrorPage, {
        lang: req.lang,
        title: e[req.lang],
        path: req.url,
        status: err.status,
        message: e[req.lang] + (err.details.length ? ' ' + err.details.map((d) => d[req.lang]).join(' ') : ''),
        requestId: err.status >= 500 ? req.id : undefined,
      }),
      err.status,
    );
  }
  return reply
    .code(err.status)
    .header('cache-control', 'no-store')
    .send(errorBody(err, req.lang, req.id));
}

/** Fastify's trust setting: n hops (the n nearest addresses are proxies) or the proxies' addresses. */
function trustFor(t: number | string[]): string[] | ((address: string, hop: number) => boolean) {
  return typeof t === 'number' ? (_address, hop) => hop < t : t;
}

/** The Fastify instance: logging, request ids, proxies, limits, lazy validators, URL errors shaped. */
function createFastify(deps: Deps, opts: AppOptions) {
  return Fastify({
    logger: opts.logger === false ? false : loggerOptions(deps.config.logLevel, opts.logStream),
    // One line per request, written by the onResponse hook below: route and status, no query.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    // A hop count or the proxies' addresses, never `true` (a client would choose its own IP).
    trustProxy: trustFor(deps.config.proxyTrust),
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    ajv: { customOptions: { coerceTypes: true, allErrors: false, removeAdditional: false } },
    // Validators and serializers compile on a route's first request (idle memory, decision 001).
    schemaController: { compilersFactory: lazyCompilers() as never },
    // Malformed URLs (bad percent-encoding) are answered before routing: shape them too.
    frameworkErrors: (err, req, reply) => {
      req.lang ??= 'vi';
      return sendError(
        req,
        reply,
        new AppError(
          'VALIDATION_FAILED',
          [{ field: 'url', vi: 'Địa chỉ (URL) không hợp lệ.', en: 'The URL is malformed.' }],
          { cause: err },
        ),
      );
    },
  });
}

/** Route list, metrics and the one log line per request. */
function observe(app: FastifyInstance, metrics: Metrics): void {
  // Every route as registered (tests drive the tenant-isolation matrix from it).
  const routeList: { method: string; url: string }[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (r) => {
    for (const m of Array.isArray(r.method) ? r.method : [r.method]) routeList.push({ method: m, url: r.url });
  });
  app.decorate('metrics', metrics);
  app.decorateRequest('lang', 'vi');
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? '(no route)';
    metrics.request(req.method, route, reply.statusCode, reply.elapsedTime / 1000);
    req.log.info({ req, res: reply, ms: Math.round(reply.elapsedTime) }, 'request completed');
  });
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
}

/** Cookies, forms, uploads, security headers, rate limits and the OpenAPI document. */
async function registerPlugins(app: FastifyInstance, deps: Deps, limits: LimitStore): Promise<void> {
  await app.register(cookie);
  await app.register(formbody);
  // Uploads (catalogue files): one file up to 5 MB, fields and file buffered into req.body.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 20 },
  });
  registerSecurityHeaders(app, {
    contentSecurityPolicy: { directives: CSP_DIRECTIVES },
    hsts: deps.config.trustProxy,
  });
  await app.register(rateLimit, {
    global: false,
    store: rateLimitStore(limits),
    errorResponseBuilder: () => new AppError('RATE_LIMITED'),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Một Cửa Thân Thiện API',
        version: '1',
        description: 'Public and staff API of a commune Public Administrative Service Center.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API token created with `motcua token create`' },
        },
      },
    },
  });
}

export async function buildApp(deps: Deps, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = createFastify(deps, opts);
  const metrics = opts.metrics ?? new Metrics();
  observe(app, metrics);
  const limits = deps.limits ?? new MemoryLimitStore();
  await registerPlugins(app, deps, limits);

  // The language: ?lang=, else the `lang` cookie (read here, after the cookie plugin has parsed it),
  // else Vietnamese. A choice made with ?lang= is remembered so the next pages keep it.
  app.addHook('onRequest', async (req, reply) => {
    req.lang = pickLang(req.query, req.cookies.lang);
    const q = explicitLang(req.query);
    if (q && req.cookies.lang !== q) reply.setCookie('lang', q, { path: '/', sameSite: 'lax', maxAge: 31_536_000 });
  });

  registerAuth(app, deps);

  app.setErrorHandler((err, req, reply) => {
    const appErr = toAppError(err);
    if (appErr.status >= 500) req.log.error({ err, reqId: req.id }, 'unexpected error');
    else req.log.info({ code: appErr.code, reqId: req.id }, 'request rejected');
    return sendError(req, reply, appErr);
  });
  app.setNotFoundHandler((req, reply) => sendError(req, reply, new AppError('NOT_FOUND')));

  await app.register(fastifyStatic, {
    root: ASSETS_DIR,
    prefix: '/assets/',
    maxAge: '1d',
    decorateReply: false,
  });

  registerHealthRoutes(app, deps, metrics);

  // Browsers ask for /favicon.ico whatever the page says.
  const favicon = readFileSync(join(ASSETS_DIR, 'icons', 'favicon.ico'));
  app.get('/favicon.ico', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('image/x-icon').header('cache-control', 'public, max-age=86400').send(favicon),
  );

  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAuthRoutes(app, deps, { demoHint: opts.demoHint ?? (() => null), limits });
  await registerFeatures(app, deps);

  return app;
}
