/**
 * The queue over HTTP.
 * Public:  /<slug>/lay-so (kiosk, POST issues a ticket), /<slug>/lay-so/ve/<code> (printed ticket),
 *          /<slug>/man-hinh-xep-hang (TV board, live), /<slug>/xep-hang/<code> (phone page),
 *          /queue-assets/* (the queue's stylesheet and scripts).
 * Console: /console/queue (counter screen), /console/queue/setup, /console/queue/figures.
 * JSON:    /api/v1/centers/:slug/queue/... (config, groups, counters, tickets, actions, board, events, figures).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AnyQuery, FormBody, IdText, SlugParams } from '../../core/http/schemas.ts';
import { h } from 'preact';
import Type from 'typebox';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { IdParam, IdPathParam, idOr404 } from '../../core/http/ids.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import { translator } from '../../core/http/i18n.ts';
import { nfc } from '../../core/text/index.ts';
import { addDays, isLocalDate, toIsoVn, toLocal } from '../../core/calendar/index.ts';
import { qrSvg } from '../../core/documents/qr.ts';
import { getCenter, getCenterById } from '../centers/index.ts';
import { consoleNav } from '../console/index.ts';
import * as svc from './service.ts';
import { queueMessages, type QueueKey } from './messages.ts';
import { PRIORITY_REASONS, TICKET_STATUSES, type FloorState, type PriorityReason } from './model.ts';
import { BOARD_JS, QUEUE_CSS, TICKET_JS } from './assets.ts';
import { closeStreamsOnShutdown, liveFeeds, streamBoard } from './live.ts';
import { BoardPage, KioskPage, PhonePage, TicketPage, queuePaths } from './pages/public.tsx';
import { CounterPage, FiguresPage, SetupPage, type Shell } from './pages/console.tsx';

const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }),
});
const Obj = Type.Object({}, { additionalProperties: true });
const SlugParam = Type.String({ minLength: 1, maxLength: 100, description: 'Centre slug, e.g. cam-giang' });
const Priority = Type.Union(
  PRIORITY_REASONS.map((r) => Type.Literal(r)),
  { description: 'Priority ticket: elderly | disabled | pregnant | child' },
);
const Version = Type.Optional(
  Type.Integer({ minimum: 1, description: 'The ticket version read (optimistic lock): 409 when it changed since' }),
);
const KIOSK_LIMIT = { max: 60, timeWindow: '1 minute' };
const PUBLIC_LIMIT = { max: 300, timeWindow: '1 minute' };

const vn = (iso: string | null) => (iso ? toIsoVn(new Date(iso)) : null);
function ticketJson(t: svc.TicketView) {
  return {
    ...t,
    issuedAt: vn(t.issuedAt),
    firstCalledAt: vn(t.firstCalledAt),
    calledAt: vn(t.calledAt),
    finishedAt: vn(t.finishedAt),
  };
}

function str(v: unknown, max: number): string {
  const s = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof s === 'string' ? nfc(s).slice(0, max) : '';
}
function list(v: unknown): string[] {
  return (Array.isArray(v) ? v : v === undefined ? [] : [v])
    .filter((x): x is string => typeof x === 'string')
    .map((x) => nfc(x));
}

/** A form posted from another site (the kiosk has no session to protect it) is refused. */
function sameOrigin(req: FastifyRequest): boolean {
  if (req.headers['sec-fetch-site'] === 'cross-site') return false;
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** When calling starts, if not now: before the opening or during the lunch break. */
function callsFrom(floor: FloorState): Date | null {
  return floor.kind === 'closed' ? floor.opensAt : floor.kind === 'break' ? floor.resumesAt : null;
}

/** A page request: its query read field by field (`AnyQuery`). */
type QReq = FastifyRequest<{ Querystring: Record<string, unknown> }>;

export function registerQueueRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const live = liveFeeds(deps);
  closeStreamsOnShutdown(app, live);
  const baseUrl = (req: FastifyRequest) => deps.config.publicUrl ?? `${req.protocol}://${req.host}`;

  // ---- Assets ----
  const asset = (type: string, body: string) => async (_req: FastifyRequest, reply: FastifyReply) =>
    reply.type(type).header('cache-control', 'public, max-age=3600').send(body);
  r.get(
    '/queue-assets/queue.css',
    { schema: { hide: true, querystring: AnyQuery } },
    asset('text/css; charset=utf-8', QUEUE_CSS),
  );
  r.get(
    '/queue-assets/board.js',
    { schema: { hide: true, querystring: AnyQuery } },
    asset('text/javascript; charset=utf-8', BOARD_JS),
  );
  r.get(
    '/queue-assets/ticket.js',
    { schema: { hide: true, querystring: AnyQuery } },
    asset('text/javascript; charset=utf-8', TICKET_JS),
  );

  // ---- Kiosk ----
  async function kiosk(
    req: FastifyRequest<{ Params: { slug: string }; Querystring: Record<string, unknown> }>,
    reply: FastifyReply,
    priority: PriorityReason | null,
    errors: string[] = [],
    status = 200,
  ) {
    const { center, groups, floor, priorityGroups } = await svc.kioskGroups(deps, req.params.slug);
    // The kiosk screen goes back to its start by itself (a priority choice left behind is cleared).
    reply.header(
      'refresh',
      `${priority ? 60 : 300}; url=${queuePaths.kiosk(center.slug)}${req.lang === 'en' ? '?lang=en' : ''}`,
    );
    return sendPage(
      reply,
      h(KioskPage, {
        lang: req.lang,
        center: { slug: center.slug, shortName: center.short_name },
        groups,
        priority: priority && priorityGroups.includes(priority) ? priority : null,
        priorityGroups,
        floor,
        csrf: req.csrfToken ?? '',
        errors,
      }),
      status,
    );
  }
  const priorityOf = (v: unknown): PriorityReason | null =>
    (PRIORITY_REASONS as readonly unknown[]).includes(v) ? (v as PriorityReason) : null;

  r.get('/:slug/lay-so', { schema: { hide: true, params: SlugParams, querystring: AnyQuery } }, async (req, reply) =>
    kiosk(req, reply, priorityOf(req.query['uu-tien'])),
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
      const priority = priorityOf(str(b.priority, 20));
      if (!sameOrigin(req)) throw new AppError('CSRF_INVALID');
      try {
        const t = await svc.issueTicket(deps, slug, {
          groupId: str(b.groupId, 12),
          priority: str(b.priority, 20) || undefined,
        });
        return reply.redirect(
          `${queuePaths.ticket(slug, t.publicCode)}?in=1${req.lang === 'en' ? '&lang=en' : ''}`,
          303,
        );
      } catch (e) {
        if (e instanceof AppError && e.code === 'VALIDATION_FAILED')
          return kiosk(
            req,
            reply,
            priority,
            e.details.map((d) => d[req.lang]),
            400,
          );
        throw e;
      }
    },
  );

  r.get(
    '/:slug/lay-so/ve/:code',
    {
      schema: { hide: true, params: Type.Object({ slug: Type.String(), code: Type.String() }), querystring: AnyQuery },
    },
    async (req, reply) => {
      const { slug, code } = req.params;
      const full = await findPublic(slug, code);
      const center = full.center;
      const phoneUrl = `${baseUrl(req)}${queuePaths.phone(center.slug, full.ticket.publicCode)}`;
      const svg = await qrSvg(phoneUrl);
      const floor = await svc.floorOf(deps, center);
      reply
        .header('refresh', `45; url=${queuePaths.kiosk(center.slug)}${req.lang === 'en' ? '?lang=en' : ''}`)
        .header('referrer-policy', 'no-referrer')
        .header('x-robots-tag', 'noindex, nofollow');
      return sendPage(
        reply,
        h(TicketPage, {
          lang: req.lang,
          center: { slug: center.slug, name: center.name, shortName: center.short_name },
          ticket: full.ticket,
          ahead: full.ahead,
          estimateMinutes: full.estimateMinutes,
          phoneUrl,
          qrDataUri: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
          callsFrom: callsFrom(floor),
        }),
      );
    },
  );

  r.get(
    '/:slug/lay-so/ve/:code/in.pdf',
    {
      schema: { hide: true, params: Type.Object({ slug: Type.String(), code: Type.String() }), querystring: AnyQuery },
      config: { rateLimit: PUBLIC_LIMIT },
    },
    async (req, reply) => {
      const { slug, code } = req.params;
      const full = await findPublic(slug, code);
      const { ticketPdf } = await import('./ticket-pdf.ts');
      const pdf = await ticketPdf({
        lang: req.lang,
        centerName: full.center.name,
        ticket: full.ticket,
        ahead: full.ahead,
        estimateMinutes: full.estimateMinutes,
        phoneUrl: `${baseUrl(req)}${queuePaths.phone(full.center.slug, full.ticket.publicCode)}`,
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${full.ticket.code}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  /** The full ticket behind a public code (the printed ticket needs its group and priority). */
  async function findPublic(slug: string, code: string) {
    const { center, view } = await svc.phoneView(deps, slug, code);
    const t = await svc.ticketByPublic(deps, center, view.publicCode);
    return { center, ticket: t, ahead: view.ahead, estimateMinutes: view.estimateMinutes };
  }

  // ---- Board and phone ----
  r.get(
    '/:slug/man-hinh-xep-hang',
    { schema: { hide: true, params: SlugParams, querystring: AnyQuery } },
    async (req, reply) => {
      const state = await svc.boardState(deps, req.params.slug);
      return sendPage(reply, h(BoardPage, { lang: req.lang, state }));
    },
  );

  r.get(
    '/:slug/xep-hang/:code',
    {
      schema: { hide: true, params: Type.Object({ slug: Type.String(), code: Type.String() }), querystring: AnyQuery },
      config: { rateLimit: PUBLIC_LIMIT },
    },
    async (req, reply) => {
      const { slug, code } = req.params;
      const center = await getCenter(deps, slug);
      reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex, nofollow');
      try {
        const { view } = await svc.phoneView(deps, slug, code);
        const floor = await svc.floorOf(deps, center);
        if (view.today && (view.status === 'waiting' || view.status === 'called')) reply.header('refresh', '20');
        return sendPage(
          reply,
          h(PhonePage, {
            lang: req.lang,
            path: req.url,
            center: { slug: center.slug, shortName: center.short_name },
            view,
            callsFrom: callsFrom(floor),
          }),
        );
      } catch (e) {
        if (!(e instanceof AppError && e.code === 'NOT_FOUND')) throw e;
        return sendPage(
          reply,
          h(PhonePage, {
            lang: req.lang,
            path: req.url,
            center: { slug: center.slug, shortName: center.short_name },
            view: null,
          }),
          404,
        );
      }
    },
  );

  // ---- Console ----
  // A Map: the key is the ?ok= of the request ("constructor" must find nothing).
  const FLASH = new Map<string, QueueKey>([
    ['called', 'flashCalled'],
    ['nobody', 'flashNobody'],
    ['recalled', 'flashRecalled'],
    ['skipped', 'flashSkipped'],
    ['transferred', 'flashTransferred'],
    ['served', 'flashServed'],
    ['linked', 'flashLinked'],
    ['saved', 'flashSaved'],
    ['taken', 'flashTaken'],
  ]);

  async function shellOf(req: QReq, current: string): Promise<Shell> {
    const actor = requireActor(req);
    const center = await getCenterById(deps, actor.homeCenterId);
    return {
      lang: req.lang,
      path: req.url,
      csrf: req.csrfToken ?? '',
      userName: actor.fullName,
      centerName: center.name,
      nav: consoleNav(req.lang, actor, current),
      slug: center.slug,
    };
  }
  function okText(req: QReq): string | null {
    const q = req.query;
    const key = FLASH.get(str(q.ok, 20));
    return key ? translator(queueMessages, req.lang)(key, { code: str(q.so, 8) }) : null;
  }
  const lq = (req: QReq) => (req.lang === 'en' ? '&lang=en' : '');

  async function counterPage(
    req: FastifyRequest<{ Querystring: Record<string, unknown> }>,
    reply: FastifyReply,
    errors: string[] = [],
    status = 200,
    counterId: number | null = null,
  ) {
    const shell = await shellOf(req, '/console/queue');
    const q = req.query;
    const asked = counterId ?? (Number(str(q.quay, 6)) || null);
    const screen = await svc.counterScreen(deps, req.actor, shell.slug, asked);
    // While no one is being served the waiting list refreshes itself (never while a form is in use).
    if (screen.counter && !screen.current && status === 200)
      reply.header('refresh', `30; url=/console/queue?quay=${screen.counter.id}${lq(req)}`);
    return sendPage(
      reply,
      h(CounterPage, { ...shell, screen, ok: errors.length ? null : okText(req), errors }),
      status,
    );
  }

  /** Runs a counter action; the page comes back with a flash, or with the error and its status. */
  async function counterAct(
    req: FastifyRequest<{ Querystring: Record<string, unknown>; Body: Record<string, unknown> | null }>,
    reply: FastifyReply,
    fn: (
      slug: string,
      body: Record<string, unknown>,
    ) => Promise<{ ok: string; code?: string; counterId?: number | null }>,
  ) {
    const shell = await shellOf(req, '/console/queue');
    const body = req.body ?? {};
    try {
      const r = await fn(shell.slug, body);
      const quay = r.counterId ? `&quay=${r.counterId}` : '';
      return reply.redirect(
        `/console/queue?ok=${r.ok}${r.code ? `&so=${encodeURIComponent(r.code)}` : ''}${quay}${lq(req)}`,
        303,
      );
    } catch (e) {
      if (
        e instanceof AppError &&
        (e.code === 'VALIDATION_FAILED' || e.code === 'CONFLICT' || e.code === 'NOT_FOUND')
      ) {
        return counterPage(
          req,
          reply,
          e.details.length ? e.details.map((d) => d[req.lang]) : [e.message],
          e.status,
          Number(str(body.counterId, 6)) || null,
        );
      }
      throw e;
    }
  }
  const versionOf = (b: Record<string, unknown>) => str(b.version, 12) || undefined;

  r.get('/console/queue', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    counterPage(req, reply),
  );
  r.post('/console/queue/take', { schema: { hide: true, querystring: AnyQuery, body: FormBody } }, async (req, reply) =>
    counterAct(req, reply, async (slug, b) => {
      const c = await svc.takeCounter(deps, req.actor, slug, Number(str(b.counterId, 6)));
      return { ok: 'taken', counterId: c.id };
    }),
  );
  r.post('/console/queue/call', { schema: { hide: true, querystring: AnyQuery, body: FormBody } }, async (req, reply) =>
    counterAct(req, reply, async (slug, b) => {
      const counterId = Number(str(b.counterId, 6));
      const t = await svc.callNext(deps, req.actor, slug, counterId);
      return t ? { ok: 'called', code: t.code, counterId } : { ok: 'nobody', counterId };
    }),
  );
  r.post(
    '/console/queue/tickets/:id/:act',
    {
      schema: {
        hide: true,
        params: Type.Object({ id: Type.String(), act: Type.String() }),
        querystring: AnyQuery,
        body: FormBody,
      },
    },
    async (req, reply) =>
      counterAct(req, reply, async (slug, b) => {
        const act = req.params.act;
        const a = { ticketId: idOr404(req.params.id), version: versionOf(b) };
        let t: svc.TicketView;
        switch (act) {
          case 'recall':
            t = await svc.recall(deps, req.actor, slug, a);
            return { ok: 'recalled', counterId: t.counterId };
          case 'skip':
            t = await svc.skip(deps, req.actor, slug, a);
            return { ok: 'skipped', counterId: t.counterId };
          case 'finish':
            t = await svc.finish(deps, req.actor, slug, { ...a, dossierCode: str(b.dossierCode, 40) || undefined });
            return { ok: 'served', counterId: t.counterId };
          case 'transfer': {
            const before = await svc.getTicket(deps, req.actor, slug, a.ticketId);
            await svc.transfer(deps, req.actor, slug, {
              ...a,
              toCounterId: str(b.toCounterId, 6) || undefined,
              toGroupId: str(b.toGroupId, 6) || undefined,
            });
            return { ok: 'transferred', counterId: before.counterId };
          }
          case 'link':
            t = await svc.linkDossier(deps, req.actor, slug, { ...a, dossierCode: str(b.dossierCode, 40) });
            return { ok: 'linked', counterId: t.counterId };
          default:
            throw new AppError('NOT_FOUND');
        }
      }),
  );

  // Settings
  async function setupPage(req: QReq, reply: FastifyReply, errors: string[] = [], status = 200) {
    const shell = await shellOf(req, '/console/queue');
    const config = await svc.queueConfig(deps, req.actor, shell.slug);
    return sendPage(reply, h(SetupPage, { ...shell, config, ok: errors.length ? null : okText(req), errors }), status);
  }
  async function setupAct(
    req: FastifyRequest<{ Querystring: Record<string, unknown>; Body: Record<string, unknown> | null }>,
    reply: FastifyReply,
    fn: (slug: string, b: Record<string, unknown>) => Promise<unknown>,
  ) {
    const shell = await shellOf(req, '/console/queue');
    try {
      await fn(shell.slug, req.body ?? {});
      return reply.redirect(`/console/queue/setup?ok=saved${lq(req)}`, 303);
    } catch (e) {
      if (e instanceof AppError && (e.code === 'VALIDATION_FAILED' || e.code === 'CONFLICT' || e.code === 'NOT_FOUND'))
        return setupPage(req, reply, e.details.length ? e.details.map((d) => d[req.lang]) : [e.message], e.status);
      throw e;
    }
  }
  const activeOf = (b: Record<string, unknown>) => (str(b.activeSent, 2) ? (str(b.active, 2) ? '1' : '0') : undefined);
  const groupInput = (b: Record<string, unknown>): svc.GroupInput => ({
    letter: str(b.letter, 2),
    name: str(b.name, 80),
    nameEn: str(b.nameEn, 80),
    fields: list(b.fields),
    sortOrder: str(b.sortOrder, 4),
    active: activeOf(b),
  });
  const counterInput = (b: Record<string, unknown>): svc.CounterInput => ({
    number: str(b.number, 4),
    name: str(b.name, 100),
    groupIds: list(b.groupIds),
    staffUserId: str(b.staffUserId, 12),
    active: activeOf(b),
  });

  r.get('/console/queue/setup', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    setupPage(req, reply),
  );
  r.post(
    '/console/queue/setup/target',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) =>
      setupAct(req, reply, (slug, b) =>
        svc.saveTarget(deps, req.actor, slug, { targetWaitMinutes: str(b.targetWaitMinutes, 6) }),
      ),
  );
  r.post(
    '/console/queue/setup/floor',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) =>
      setupAct(req, reply, (slug, b) =>
        svc.saveFloor(deps, req.actor, slug, { priorityGroups: list(b.priorityGroups), earlyTickets: b.earlyTickets }),
      ),
  );
  r.post(
    '/console/queue/setup/default-groups',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => setupAct(req, reply, (slug) => svc.createDefaultGroups(deps, req.actor, slug)),
  );
  r.post(
    '/console/queue/setup/groups',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => setupAct(req, reply, (slug, b) => svc.saveGroup(deps, req.actor, slug, null, groupInput(b))),
  );
  r.post(
    '/console/queue/setup/groups/:id',
    { schema: { hide: true, params: IdText, querystring: AnyQuery, body: FormBody } },
    async (req, reply) =>
      setupAct(req, reply, (slug, b) => svc.saveGroup(deps, req.actor, slug, idOr404(req.params.id), groupInput(b))),
  );
  r.post(
    '/console/queue/setup/counters',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) =>
      setupAct(req, reply, (slug, b) => svc.saveCounter(deps, req.actor, slug, null, counterInput(b))),
  );
  r.post(
    '/console/queue/setup/counters/:id',
    { schema: { hide: true, params: IdText, querystring: AnyQuery, body: FormBody } },
    async (req, reply) =>
      setupAct(req, reply, (slug, b) =>
        svc.saveCounter(deps, req.actor, slug, idOr404(req.params.id), counterInput(b)),
      ),
  );

  // Figures
  function rangeOf(q: Record<string, unknown>, lang: 'vi' | 'en') {
    const to = isLocalDate(q.to) ? q.to : toLocal(deps.now()).date;
    const from = isLocalDate(q.from) ? q.from : addDays(to, -27);
    if (from > to)
      throw new AppError('VALIDATION_FAILED', [
        {
          field: 'from',
          vi: 'Ngày bắt đầu phải trước ngày kết thúc.',
          en: 'The start date must not be after the end date.',
        },
      ]);
    if (addDays(from, 366) < to)
      throw new AppError('RANGE_TOO_LARGE', [{ field: 'to', vi: 'Tối đa một năm.', en: 'One year at most.' }]);
    lang;
    return { from, to };
  }
  r.get('/console/queue/figures', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) => {
    const shell = await shellOf(req, '/console/queue');
    const figures = await svc.queueFiguresFor(deps, req.actor, shell.slug, rangeOf(req.query, req.lang));
    return sendPage(reply, h(FiguresPage, { ...shell, figures }));
  });

  // ---- JSON API ----
  const staff = <E extends object>(operationId: string, summary: string, extra: E) => ({
    schema: {
      operationId,
      tags: ['queue'],
      summary,
      security: [{ bearer: [] }],
      params: Type.Object({ slug: SlugParam }),
      response: {
        200: Obj,
        201: Obj,
        400: ErrorSchema,
        401: ErrorSchema,
        403: ErrorSchema,
        404: ErrorSchema,
        409: ErrorSchema,
      },
      ...extra,
    },
  });
  const withId = <E extends object>(operationId: string, summary: string, extra: E) => ({
    schema: {
      operationId,
      tags: ['queue'],
      summary,
      security: [{ bearer: [] }],
      params: Type.Object({ slug: SlugParam, id: IdPathParam() }),
      ...extra,
      response: { 200: Obj, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema },
    },
  });

  r.get(
    '/api/v1/centers/:slug/queue/config',
    staff('getQueueConfig', 'Service groups, counters (with the officer seated) and the target wait of a centre', {}),
    async (req) => svc.queueConfig(deps, req.actor, req.params.slug, 'queue.serve'),
  );
  r.put(
    '/api/v1/centers/:slug/queue/settings',
    staff('setQueueTarget', 'Set the target wait in minutes (1–240)', {
      body: Type.Object({ targetWaitMinutes: Type.Integer({ minimum: 1, maximum: 240 }) }),
    }),
    async (req) => ({
      targetWaitMinutes: await svc.saveTarget(deps, req.actor, req.params.slug, req.body),
    }),
  );
  const GroupBody = Type.Object({
    letter: Type.String({ pattern: '^[A-Za-z]$', description: 'Ticket prefix, one letter' }),
    name: Type.String({ minLength: 1, maxLength: 60 }),
    nameEn: Type.Optional(Type.String({ maxLength: 60 })),
    fields: Type.Optional(
      Type.Array(Type.String({ maxLength: 120 }), { maxItems: 30, description: 'Catalogue fields (lĩnh vực) served' }),
    ),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 999 })),
    active: Type.Optional(Type.Boolean()),
  });
  r.post(
    '/api/v1/centers/:slug/queue/groups',
    staff('createQueueGroup', 'Add a service group', { body: GroupBody }),
    async (req, reply) => reply.code(201).send(await svc.saveGroup(deps, req.actor, req.params.slug, null, req.body)),
  );
  r.post(
    '/api/v1/centers/:slug/queue/groups/defaults',
    staff(
      'createDefaultQueueGroups',
      'Create the default groups from the published catalogue’s fields (409 when groups exist)',
      {},
    ),
    async (req, reply) =>
      reply.code(201).send({ items: await svc.createDefaultGroups(deps, req.actor, req.params.slug) }),
  );
  r.put(
    '/api/v1/centers/:slug/queue/groups/:id',
    withId('updateQueueGroup', 'Change a service group', { body: GroupBody }),
    async (req) => svc.saveGroup(deps, req.actor, req.params.slug, idOr404(req.params.id), req.body),
  );
  const CounterBody = Type.Object({
    number: Type.Integer({ minimum: 1, maximum: 99 }),
    name: Type.Optional(Type.String({ maxLength: 80 })),
    groupIds: Type.Optional(Type.Array(IdParam(), { maxItems: 26 })),
    staffUserId: Type.Optional(Type.Union([IdParam(), Type.Null()])),
    active: Type.Optional(Type.Boolean()),
  });
  r.post(
    '/api/v1/centers/:slug/queue/counters',
    staff('createQueueCounter', 'Add a counter: number, name, groups served, officer', { body: CounterBody }),
    async (req, reply) => reply.code(201).send(await svc.saveCounter(deps, req.actor, req.params.slug, null, req.body)),
  );
  r.put(
    '/api/v1/centers/:slug/queue/counters/:id',
    withId('updateQueueCounter', 'Change a counter', { body: CounterBody }),
    async (req) => svc.saveCounter(deps, req.actor, req.params.slug, idOr404(req.params.id), req.body),
  );
  r.post(
    '/api/v1/centers/:slug/queue/counters/:id/take',
    withId('takeQueueCounter', 'The signed-in officer sits at this counter (and leaves any other)', {}),
    async (req) => svc.takeCounter(deps, req.actor, req.params.slug, idOr404(req.params.id)),
  );
  r.post(
    '/api/v1/centers/:slug/queue/counters/:id/call-next',
    withId(
      'callNextTicket',
      'Call the next ticket to this counter: priority first, then first come; { ticket: null } when nobody waits; 409 while the counter still serves a ticket',
      {},
    ),
    async (req) => {
      const t = await svc.callNext(deps, req.actor, req.params.slug, idOr404(req.params.id));
      return { ticket: t ? ticketJson(t) : null };
    },
  );

  r.post(
    '/api/v1/centers/:slug/queue/tickets',
    {
      schema: {
        operationId: 'issueTicket',
        tags: ['queue', 'public'],
        summary: 'Take a queue ticket (public kiosk, no sign-in): numbered per group and day, gapless',
        params: Type.Object({ slug: SlugParam }),
        body: Type.Object({ groupId: IdParam(), priority: Type.Optional(Priority) }),
        response: { 201: Obj, 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 429: ErrorSchema },
      },
      config: { rateLimit: KIOSK_LIMIT },
    },
    async (req, reply) => {
      if (!sameOrigin(req)) throw new AppError('CSRF_INVALID');
      const t = await svc.issueTicket(deps, req.params.slug, req.body);
      return reply
        .code(201)
        .send({ ...ticketJson(t), phoneUrl: `${baseUrl(req)}${queuePaths.phone(req.params.slug, t.publicCode)}` });
    },
  );
  r.get(
    '/api/v1/centers/:slug/queue/tickets',
    staff('listQueueTickets', 'Tickets of a day (today by default), newest first', {
      querystring: Type.Object({
        day: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
        status: Type.Optional(Type.Enum(TICKET_STATUSES)),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
      }),
    }),
    async (req) => ({
      items: (await svc.listTickets(deps, req.actor, req.params.slug, req.query)).map(ticketJson),
    }),
  );
  r.get('/api/v1/centers/:slug/queue/tickets/:id', withId('getQueueTicket', 'One ticket (staff)', {}), async (req) =>
    ticketJson(await svc.getTicket(deps, req.actor, req.params.slug, idOr404(req.params.id))),
  );
  const V = Type.Object({ version: Version });
  r.post(
    '/api/v1/centers/:slug/queue/tickets/:id/recall',
    withId('recallTicket', 'Call the ticket again (the board chimes again)', { body: V }),
    async (req) =>
      ticketJson(await svc.recall(deps, req.actor, req.params.slug, { ticketId: idOr404(req.params.id), ...req.body })),
  );
  r.post(
    '/api/v1/centers/:slug/queue/tickets/:id/skip',
    withId('skipTicket', 'The citizen did not come: close the ticket as a no-show', { body: V }),
    async (req) =>
      ticketJson(await svc.skip(deps, req.actor, req.params.slug, { ticketId: idOr404(req.params.id), ...req.body })),
  );
  r.post(
    '/api/v1/centers/:slug/queue/tickets/:id/transfer',
    withId('transferTicket', 'Send the ticket to another counter or group; it keeps its place in the queue', {
      body: Type.Object({
        version: Version,
        toCounterId: Type.Optional(IdParam()),
        toGroupId: Type.Optional(IdParam()),
      }),
    }),
    async (req) =>
      ticketJson(
        await svc.transfer(deps, req.actor, req.params.slug, { ticketId: idOr404(req.params.id), ...req.body }),
      ),
  );
  r.post(
    '/api/v1/centers/:slug/queue/tickets/:id/serve',
    withId('serveTicket', 'Finish serving the ticket, optionally linking the dossier taken', {
      body: Type.Object({ version: Version, dossierCode: Type.Optional(Type.String({ maxLength: 40 })) }),
    }),
    async (req) =>
      ticketJson(await svc.finish(deps, req.actor, req.params.slug, { ticketId: idOr404(req.params.id), ...req.body })),
  );
  r.post(
    '/api/v1/centers/:slug/queue/tickets/:id/link',
    withId('linkTicketDossier', 'Link a called or served ticket to the dossier taken for it', {
      body: Type.Object({ version: Version, dossierCode: Type.String({ minLength: 1, maxLength: 40 }) }),
    }),
    async (req) =>
      ticketJson(
        await svc.linkDossier(deps, req.actor, req.params.slug, {
          ticketId: idOr404(req.params.id),
          ...req.body,
        }),
      ),
  );

  r.get(
    '/api/v1/centers/:slug/queue/board',
    {
      schema: {
        operationId: 'getQueueBoard',
        tags: ['queue', 'public'],
        summary:
          'What the display board shows: the latest calls with their counters and the people waiting per group (no personal data)',
        params: Type.Object({ slug: SlugParam }),
        response: { 200: Obj, 404: ErrorSchema, 429: ErrorSchema },
      },
      config: { rateLimit: PUBLIC_LIMIT },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return svc.boardState(deps, req.params.slug);
    },
  );
  r.get(
    '/api/v1/centers/:slug/queue/board/events',
    {
      schema: {
        operationId: 'streamQueueBoard',
        tags: ['queue', 'public'],
        summary:
          'Server-sent events: `state` (the board state, id = last change) at once and on every change, `ping` every 15 s. At most 200 open streams per server and 20 per client address: beyond, 503 with Retry-After (poll /queue/board instead)',
        params: Type.Object({ slug: SlugParam }),
      },
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const center = await getCenter(deps, req.params.slug);
      await streamBoard(deps, live, center, reply, req.ip);
    },
  );
  r.get(
    '/api/v1/centers/:slug/queue/public/:code',
    {
      schema: {
        operationId: 'followTicket',
        tags: ['queue', 'public'],
        summary: 'A ticket by the code printed on it: status, people ahead, estimated wait',
        params: Type.Object({ slug: SlugParam, code: Type.String({ maxLength: 40 }) }),
        response: { 200: Obj, 404: ErrorSchema, 429: ErrorSchema },
      },
      config: { rateLimit: PUBLIC_LIMIT },
    },
    async (req) => {
      const { view } = await svc.phoneView(deps, req.params.slug, req.params.code);
      return { ...view, issuedAt: vn(view.issuedAt) };
    },
  );
  r.get(
    '/api/v1/centers/:slug/queue/figures',
    staff(
      'getQueueFigures',
      'Waiting and service times per group, hour and weekday; share called within the target wait; same-day weekdays apart (default: the last 28 days)',
      {
        querystring: Type.Object({
          from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
          to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
        }),
      },
    ),
    async (req) => svc.queueFiguresFor(deps, req.actor, req.params.slug, rangeOf(req.query, req.lang)),
  );
}
