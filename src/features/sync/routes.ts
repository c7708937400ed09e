/**
 * DVCQG sync over HTTP: the console page (/console/sync) with health and "send again", the
 * dossier's "send the current state again", the JSON API (overview, re-send) and the webhook the
 * portal pushes online submissions to (shared secret in X-Webhook-Secret).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AnyQuery, IdText } from '../../core/http/schemas.ts';
import { h } from 'preact';
import Type from 'typebox';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import * as svc from './service.ts';
import { syncHomeSlug, syncPageModel } from './view-models.ts';
import { SyncConsolePage } from './pages/console.tsx';

const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }),
});
const Obj = Type.Object({}, { additionalProperties: true });

type QReq = FastifyRequest<{ Querystring: Record<string, unknown> }>;

async function render(deps: Deps, req: QReq, reply: FastifyReply, errors: string[] = [], status = 200) {
  const page = { lang: req.lang, path: req.url, csrf: req.csrfToken ?? '' };
  const model = await syncPageModel(deps, requireActor(req), page, req.query.ok);
  return sendPage(reply, h(SyncConsolePage, { ...model, errors }), status);
}

/** The console page, "send again", and the dossier's "send the current state again". */
function registerSyncConsole(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/sync', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    render(deps, req, reply),
  );

  r.post(
    '/console/sync/:id/resend',
    { schema: { hide: true, params: IdText, querystring: AnyQuery } },
    async (req, reply) => {
      const actor = requireActor(req);
      const slug = await syncHomeSlug(deps, actor);
      const id = Number(req.params.id);
      if (!Number.isInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
      try {
        await svc.resendMessage(deps, actor, slug, id);
      } catch (e) {
        if (e instanceof AppError && e.code === 'CONFLICT')
          return await render(
            deps,
            req,
            reply,
            e.details.map((d) => d[req.lang]),
            409,
          );
        throw e;
      }
      return reply.redirect('/console/sync?ok=resent', 303);
    },
  );

  r.post(
    '/console/sync/dossiers/:code/resync',
    { schema: { hide: true, params: Type.Object({ code: Type.String() }), querystring: AnyQuery } },
    async (req, reply) => {
      const code = req.params.code.slice(0, 40);
      try {
        await svc.resyncDossier(deps, requireActor(req), code);
      } catch (e) {
        if (e instanceof AppError && e.code === 'CONFLICT')
          return await render(
            deps,
            req,
            reply,
            e.details.map((d) => d[req.lang]),
            409,
          );
        throw e;
      }
      return reply.redirect(`/console/dossiers/${encodeURIComponent(code)}`, 303);
    },
  );
}

/** The JSON API (overview, re-send) and the portal's webhook. */
function registerSyncApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/sync',
    {
      schema: {
        operationId: 'getSyncOverview',
        tags: ['sync'],
        summary: 'DVCQG sync of a centre: health (queue length, last success, last error), failed and recent messages',
        security: [{ bearer: [] }],
        params: Type.Object({ slug: Type.String({ maxLength: 100 }) }),
        response: { 200: Obj, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (req) => svc.syncOverview(deps, req.actor, req.params.slug),
  );

  r.post(
    '/api/v1/centers/:slug/sync/:id/resend',
    {
      schema: {
        operationId: 'resendSyncMessage',
        tags: ['sync'],
        summary: 'Queue a failed sync message to be sent again now (its place in the dossier’s order is kept)',
        security: [{ bearer: [] }],
        params: Type.Object({ slug: Type.String({ maxLength: 100 }), id: Type.Integer({ minimum: 1 }) }),
        response: { 200: Obj, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema },
      },
    },
    async (req) => {
      const p = req.params;
      return svc.resendMessage(deps, req.actor, p.slug, p.id);
    },
  );

  r.post(
    '/api/v1/centers/:slug/dvcqg/webhook',
    {
      schema: {
        operationId: 'dvcqgSubmissionsWebhook',
        tags: ['sync'],
        summary:
          'The portal pushes online submissions { "HoSo": [...] } (shared secret in X-Webhook-Secret); each becomes a status-1 dossier, once per portal code',
        params: Type.Object({ slug: Type.String({ maxLength: 100 }) }),
        body: Obj,
        response: { 201: Obj, 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema },
      },
      config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const r = await svc.receiveWebhook(deps, req.params.slug, req.headers['x-webhook-secret'], req.body);
      return reply.code(201).send(r);
    },
  );
}

export function registerSyncRoutes(app: FastifyInstance, deps: Deps): void {
  registerSyncConsole(app, deps);
  registerSyncApi(app, deps);
}
