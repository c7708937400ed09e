/**
 * Notifications over HTTP: the console outbox page (/console/notifications) with "send again" and
 * the opt-out list; the citizen's opt-out page (/<centre>/tu-choi-nhan-tin); the JSON API (list,
 * retry); and the delivery-receipt webhook of the SMS/Zalo provider.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AnyQuery, FormBody, IdText, SlugParams } from '../../core/http/schemas.ts';
import { h } from 'preact';
import Type from 'typebox';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import { cookieOptions } from '../../core/auth/http.ts';
import { csrfMatches } from '../../core/auth/service.ts';
import * as svc from './service.ts';
import { homeSlug, notificationJson, optOutCenter, outboxPageModel } from './view-models.ts';
import { STATUSES } from './model.ts';
import { OutboxConsolePage } from './pages/console.tsx';
import { OptOutDonePage, OptOutPage, type OptOutForm } from './pages/opt-out.tsx';

const OPT_OUT_CSRF_COOKIE = 'mc_optout_csrf';

const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }),
});
const Obj = Type.Object({}, { additionalProperties: true });

function str(v: unknown, max: number): string {
  const s: unknown = Array.isArray(v) ? (v as unknown[])[v.length - 1] : v;
  return typeof s === 'string' ? s.normalize('NFC').trim().slice(0, max) : '';
}

/** An outbox whose oldest due message waits longer than this makes /readyz fail (the worker is stuck). */
const OUTBOX_LAG_LIMIT_SECONDS = 30 * 60;

/** A page request: its query read field by field (`AnyQuery`). */
type QReq = FastifyRequest<{ Querystring: Record<string, unknown> }>;

/** A form post: query and fields read one by one (`AnyQuery`, `FormBody`). */
type FormReq = FastifyRequest<{ Querystring: Record<string, unknown>; Body: Record<string, unknown> | null }>;

/** Operations: /metrics gauges and a /readyz condition. */
function registerOutboxMetrics(app: FastifyInstance, deps: Deps): void {
  app.metrics.gauge({
    name: 'motcua_outbox_waiting',
    help: 'Citizen messages waiting in the outbox (queued or to be retried).',
    read: async () => [{ value: (await svc.outboxBacklog(deps)).waiting }],
  });
  app.metrics.gauge({
    name: 'motcua_outbox_lag_seconds',
    help: 'How long the oldest due message of the outbox has been waiting.',
    read: async () => [{ value: (await svc.outboxBacklog(deps)).lagSeconds }],
  });
  app.metrics.readiness({
    name: 'outbox',
    check: async () => {
      const b = await svc.outboxBacklog(deps);
      return b.lagSeconds > OUTBOX_LAG_LIMIT_SECONDS
        ? { ok: false, detail: `oldest message due ${b.lagSeconds}s ago` }
        : { ok: true, detail: `${b.waiting} waiting` };
    },
  });
}

async function render(deps: Deps, req: QReq, reply: FastifyReply, errors: string[] = [], status = 200) {
  const page = { lang: req.lang, path: req.url, csrf: req.csrfToken ?? '' };
  const model = await outboxPageModel(deps, requireActor(req), page, str(req.query.ok, 20));
  return sendPage(reply, h(OutboxConsolePage, { ...model, errors }), status);
}

async function act(deps: Deps, req: FormReq, reply: FastifyReply, fn: (slug: string) => Promise<string>) {
  const slug = await homeSlug(deps, requireActor(req));
  let flash: string;
  try {
    flash = await fn(slug);
  } catch (e) {
    if (e instanceof AppError && (e.code === 'VALIDATION_FAILED' || e.code === 'CONFLICT'))
      return await render(
        deps,
        req,
        reply,
        e.details.length ? e.details.map((d) => d[req.lang]) : [e.message],
        e.status,
      );
    throw e;
  }
  return reply.redirect(`/console/notifications?ok=${flash}`, 303);
}

const idOf = (raw: string) => {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
  return id;
};

/** The console's outbox page: send again, the opt-out list. */
function registerOutboxConsole(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/notifications', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    render(deps, req, reply),
  );
  r.post(
    '/console/notifications/:id/retry',
    { schema: { hide: true, params: IdText, querystring: AnyQuery, body: FormBody } },
    async (req, reply) =>
      act(deps, req, reply, async () => {
        await svc.retryNow(deps, req.actor, idOf(req.params.id));
        return 'retried';
      }),
  );
  r.post(
    '/console/notifications/opt-outs',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) =>
      act(deps, req, reply, async (slug) => {
        const b = req.body ?? {};
        return (await svc.addOptOut(deps, req.actor, slug, {
          recipient: str(b.recipient, 200),
          channel: str(b.channel, 10),
        }))
          ? 'added'
          : 'exists';
      }),
  );
  r.post(
    '/console/notifications/opt-outs/:id/delete',
    { schema: { hide: true, params: IdText, querystring: AnyQuery, body: FormBody } },
    async (req, reply) =>
      act(deps, req, reply, async (slug) => {
        await svc.removeOptOut(deps, req.actor, slug, idOf(req.params.id));
        return 'removed';
      }),
  );
}

/** A signed-in staff member's forms carry the session token (checked by the auth hook); anyone else gets a form cookie. */
function formToken(deps: Deps, req: FastifyRequest, reply: FastifyReply): string {
  if (req.csrfToken) return req.csrfToken;
  const token = randomBytes(18).toString('base64url');
  reply.setCookie(OPT_OUT_CSRF_COOKIE, token, cookieOptions(deps, 3600));
  return token;
}

async function optOutForm(
  deps: Deps,
  req: FastifyRequest<{ Params: { slug: string } }>,
  reply: FastifyReply,
  form: OptOutForm,
  errors: string[],
  status: number,
) {
  const center = await optOutCenter(deps, req.params.slug);
  reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex, nofollow');
  return sendPage(
    reply,
    h(OptOutPage, {
      lang: req.lang,
      path: req.url,
      center,
      csrf: formToken(deps, req, reply),
      form,
      errors,
    }),
    status,
  );
}

/** The citizen's opt-out page: the form, and the answer. */
function registerOptOutPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/:slug/tu-choi-nhan-tin',
    { schema: { hide: true, params: SlugParams, querystring: AnyQuery } },
    async (req, reply) => {
      const q = req.query;
      return optOutForm(deps, req, reply, { contact: '', code: str(q.ma, 40), secret: str(q['bi-mat'], 16) }, [], 200);
    },
  );

  r.post(
    '/:slug/tu-choi-nhan-tin',
    {
      schema: { hide: true, params: SlugParams, querystring: AnyQuery, body: FormBody },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const slug = req.params.slug;
      const b = req.body ?? {};
      const form: OptOutForm = { contact: str(b['lien-he'], 200), code: str(b.ma, 40), secret: str(b['bi-mat'], 16) };
      // Without a session the auth hook checks nothing: check the form cookie here.
      if (!req.actor) {
        const expected = req.cookies[OPT_OUT_CSRF_COOKIE];
        if (!expected || !csrfMatches(expected, str(b._csrf, 100)))
          return optOutForm(
            deps,
            req,
            reply,
            form,
            [
              req.lang === 'vi'
                ? 'Biểu mẫu đã hết hạn, vui lòng gửi lại.'
                : 'The form has expired; please send it again.',
            ],
            403,
          );
      }
      try {
        const r = await svc.publicOptOut(deps, slug, { contact: form.contact, code: form.code, secret: form.secret });
        const center = await optOutCenter(deps, slug);
        reply.clearCookie(OPT_OUT_CSRF_COOKIE, { path: '/' });
        reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex, nofollow');
        return sendPage(
          reply,
          h(OptOutDonePage, {
            lang: req.lang,
            path: req.url,
            center,
            recipient: r.recipient,
            created: r.created,
          }),
        );
      } catch (e) {
        if (e instanceof AppError && (e.code === 'VALIDATION_FAILED' || e.code === 'NOT_FOUND'))
          return optOutForm(
            deps,
            req,
            reply,
            form,
            e.details.map((d) => d[req.lang]),
            e.status,
          );
        throw e;
      }
    },
  );
}

/** The JSON API: list, retry, the provider's delivery receipts. */
function registerNotificationApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/centers/:slug/notifications',
    {
      schema: {
        operationId: 'listNotifications',
        tags: ['notifications'],
        summary: 'Recent outbox messages of a centre (recipients masked), newest first; filter by status',
        security: [{ bearer: [] }],
        params: Type.Object({ slug: Type.String({ maxLength: 100 }) }),
        querystring: Type.Object({
          status: Type.Optional(Type.Enum(STATUSES)),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(Obj) }),
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
        },
      },
    },
    async (req) => ({
      items: (await svc.listNotifications(deps, req.actor, req.params.slug, req.query)).map(notificationJson),
    }),
  );

  r.post(
    '/api/v1/notifications/:id/retry',
    {
      schema: {
        operationId: 'retryNotification',
        tags: ['notifications'],
        summary: 'Queue a failed message to be sent again now',
        security: [{ bearer: [] }],
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: {
          200: Type.Object({ id: Type.Integer(), status: Type.String() }),
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
          409: ErrorSchema,
        },
      },
    },
    async (req) => {
      const id = req.params.id;
      await svc.retryNow(deps, req.actor, id);
      return { id, status: 'queued' };
    },
  );

  r.post(
    '/api/v1/notifications/webhook/:provider',
    {
      schema: {
        operationId: 'notificationDeliveryReceipt',
        tags: ['notifications'],
        summary:
          'Delivery receipt from the SMS or Zalo provider (shared secret in X-Webhook-Secret): { id | reference, status: delivered | failed, error? }',
        params: Type.Object({ provider: Type.String({ maxLength: 20 }) }),
        body: Obj,
        response: {
          200: Type.Object({ id: Type.Integer(), status: Type.String() }),
          400: ErrorSchema,
          401: ErrorSchema,
          404: ErrorSchema,
          409: ErrorSchema,
        },
      },
      config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    },
    async (req) => svc.deliveryReceipt(deps, req.params.provider, req.headers['x-webhook-secret'], req.body),
  );
}

export function registerNotificationRoutes(app: FastifyInstance, deps: Deps): void {
  registerOutboxMetrics(app, deps);
  registerOutboxConsole(app, deps);
  registerOptOutPages(app, deps);
  registerNotificationApi(app, deps);
}
