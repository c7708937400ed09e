/**
 * The queue over HTTP.
 * Public:  /<slug>/lay-so (kiosk, POST issues a ticket), /<slug>/lay-so/ve/<code> (printed ticket),
 *          /<slug>/man-hinh-xep-hang (TV board, live), /<slug>/xep-hang/<code> (phone page),
 *          /queue-assets/* (the queue's stylesheet and scripts).
 * Console: /console/queue (counter screen), /console/queue/setup, /console/queue/figures (console-routes.ts).
 * JSON:    /api/v1/centers/:slug/queue/... (config, groups, counters, tickets, actions, board, events, figures) (api-routes.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AnyQuery, FormBody, SlugParams } from '../../core/http/schemas.ts';
import { h } from 'preact';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { sendPage } from '../../core/http/context.ts';
import * as svc from './service.ts';
import type { PriorityReason } from './model.ts';
import { BOARD_JS, QUEUE_CSS, TICKET_JS } from './assets.ts';
import { closeStreamsOnShutdown, liveFeeds } from './live.ts';
import { BoardPage, KioskPage, PhonePage, TicketPage, queuePaths } from './pages/public.tsx';
import { kioskPageModel, phonePageModel, ticketPageModel, ticketPdfFile } from './view-models.ts';
import { KIOSK_LIMIT, PUBLIC_LIMIT, SlugCode, baseUrl, langSuffix, priorityOf, sameOrigin, str } from './http.ts';
import { registerQueueConsole } from './console-routes.ts';
import { registerQueueApi } from './api-routes.ts';

function registerQueueAssets(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const asset = (type: string, body: string) => async (_req: FastifyRequest, reply: FastifyReply) =>
    reply.type(type).header('cache-control', 'public, max-age=3600').send(body);
  const hidden = { schema: { hide: true, querystring: AnyQuery } };
  r.get('/queue-assets/queue.css', hidden, asset('text/css; charset=utf-8', QUEUE_CSS));
  r.get('/queue-assets/board.js', hidden, asset('text/javascript; charset=utf-8', BOARD_JS));
  r.get('/queue-assets/ticket.js', hidden, asset('text/javascript; charset=utf-8', TICKET_JS));
}

type KioskReq = FastifyRequest<{ Params: { slug: string }; Querystring: Record<string, unknown> }>;

/** The kiosk page (with the errors of a refused ticket, if any). */
async function kioskPage(
  deps: Deps,
  req: KioskReq,
  reply: FastifyReply,
  priority: PriorityReason | null,
  errors: string[] = [],
  status = 200,
) {
  const model = await kioskPageModel(deps, req.params.slug, priority);
  // The kiosk screen goes back to its start by itself (a priority choice left behind is cleared).
  reply.header('refresh', `${priority ? 60 : 300}; url=${queuePaths.kiosk(model.center.slug)}${langSuffix(req)}`);
  return sendPage(reply, h(KioskPage, { lang: req.lang, ...model, csrf: req.csrfToken ?? '', errors }), status);
}

function registerKiosk(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/:slug/lay-so', { schema: { hide: true, params: SlugParams, querystring: AnyQuery } }, async (req, reply) =>
    kioskPage(deps, req, reply, priorityOf(req.query['uu-tien'])),
  );
  r.post(
    '/:slug/lay-so',
    {
      schema: { hide: true, params: SlugParams, querystring: AnyQuery, body: FormBody },
      config: { rateLimit: KIOSK_LIMIT },
    },
    async (req, reply) => {
      const slug = req.params.slug;
      const b = req.body ?? {};
      if (!sameOrigin(req)) throw new AppError('CSRF_INVALID');
      try {
        const t = await svc.issueTicket(deps, slug, {
          groupId: str(b.groupId, 12),
          priority: str(b.priority, 20) || undefined,
        });
        return reply.redirect(`${queuePaths.ticket(slug, t.publicCode)}?in=1${langSuffix(req, '&')}`, 303);
      } catch (e) {
        if (e instanceof AppError && e.code === 'VALIDATION_FAILED')
          return kioskPage(
            deps,
            req,
            reply,
            priorityOf(str(b.priority, 20)),
            e.details.map((d) => d[req.lang]),
            400,
          );
        throw e;
      }
    },
  );
}

function registerTicketPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/:slug/lay-so/ve/:code',
    { schema: { hide: true, params: SlugCode, querystring: AnyQuery } },
    async (req, reply) => {
      const model = await ticketPageModel(deps, req.params.slug, req.params.code, baseUrl(deps, req));
      reply
        .header('refresh', `45; url=${queuePaths.kiosk(model.center.slug)}${langSuffix(req)}`)
        .header('referrer-policy', 'no-referrer')
        .header('x-robots-tag', 'noindex, nofollow');
      return sendPage(reply, h(TicketPage, { lang: req.lang, ...model }));
    },
  );
  r.get(
    '/:slug/lay-so/ve/:code/in.pdf',
    {
      schema: { hide: true, params: SlugCode, querystring: AnyQuery },
      config: { rateLimit: PUBLIC_LIMIT },
    },
    async (req, reply) => {
      const { fileName, pdf } = await ticketPdfFile(
        deps,
        req.params.slug,
        req.params.code,
        baseUrl(deps, req),
        req.lang,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );
}

function registerBoardAndPhone(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/:slug/man-hinh-xep-hang',
    { schema: { hide: true, params: SlugParams, querystring: AnyQuery } },
    async (req, reply) =>
      sendPage(reply, h(BoardPage, { lang: req.lang, state: await svc.boardState(deps, req.params.slug) })),
  );
  r.get(
    '/:slug/xep-hang/:code',
    {
      schema: { hide: true, params: SlugCode, querystring: AnyQuery },
      config: { rateLimit: PUBLIC_LIMIT },
    },
    async (req, reply) => {
      const m = await phonePageModel(deps, req.params.slug, req.params.code);
      reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex, nofollow');
      const center = { slug: m.center.slug, shortName: m.center.short_name };
      if (!m.found) return sendPage(reply, h(PhonePage, { lang: req.lang, path: req.url, center, view: null }), 404);
      if (m.refresh) reply.header('refresh', '20');
      return sendPage(
        reply,
        h(PhonePage, { lang: req.lang, path: req.url, center, view: m.view, callsFrom: m.callsFrom }),
      );
    },
  );
}

export function registerQueueRoutes(app: FastifyInstance, deps: Deps): void {
  const live = liveFeeds(deps);
  closeStreamsOnShutdown(app, live);
  registerQueueAssets(app);
  registerKiosk(app, deps);
  registerTicketPages(app, deps);
  registerBoardAndPhone(app, deps);
  registerQueueConsole(app, deps);
  registerQueueApi(app, deps, live);
}
