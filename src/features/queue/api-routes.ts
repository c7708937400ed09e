/** The queue's JSON API: /api/v1/centers/:slug/queue/... (staff: config, groups, counters, tickets; public: tickets, board, follow). */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { IdParam, IdPathParam, idOr404 } from '../../core/http/ids.ts';
import { toLocal } from '../../core/calendar/index.ts';
import { getCenter } from '../centers/index.ts';
import * as svc from './service.ts';
import { PRIORITY_REASONS, TICKET_STATUSES, figuresRange } from './model.ts';
import { streamBoard, type LiveFeeds } from './live.ts';
import { queuePaths } from './pages/public.tsx';
import { ErrorSchema, KIOSK_LIMIT, Obj, PUBLIC_LIMIT, SlugParam, baseUrl, sameOrigin, ticketJson, vn } from './http.ts';

const Priority = Type.Union(
  PRIORITY_REASONS.map((r) => Type.Literal(r)),
  { description: 'Priority ticket: elderly | disabled | pregnant | child' },
);
const Version = Type.Optional(
  Type.Integer({ minimum: 1, description: 'The ticket version read (optimistic lock): 409 when it changed since' }),
);
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

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
const CounterBody = Type.Object({
  number: Type.Integer({ minimum: 1, maximum: 99 }),
  name: Type.Optional(Type.String({ maxLength: 80 })),
  groupIds: Type.Optional(Type.Array(IdParam(), { maxItems: 26 })),
  staffUserId: Type.Optional(Type.Union([IdParam(), Type.Null()])),
  active: Type.Optional(Type.Boolean()),
});

/** Configuration: settings, groups, counters. */
function registerConfigApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
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
    async (req) => ({ targetWaitMinutes: await svc.saveTarget(deps, req.actor, req.params.slug, req.body) }),
  );
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
}

/** The counter's calls: take a counter, call next. */
function registerCounterApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
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
}

/** Tickets for staff: list, read, and what an officer does with a called ticket (recall, skip, transfer, serve, link). */
function registerTicketsApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/queue/tickets',
    staff('listQueueTickets', 'Tickets of a day (today by default), newest first', {
      querystring: Type.Object({
        day: Type.Optional(Day),
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
  const id = (p: { id: string | number }) => idOr404(p.id);
  r.post(
    '/api/v1/centers/:slug/queue/tickets/:id/recall',
    withId('recallTicket', 'Call the ticket again (the board chimes again)', { body: V }),
    async (req) =>
      ticketJson(await svc.recall(deps, req.actor, req.params.slug, { ticketId: id(req.params), ...req.body })),
  );
  r.post(
    '/api/v1/centers/:slug/queue/tickets/:id/skip',
    withId('skipTicket', 'The citizen did not come: close the ticket as a no-show', { body: V }),
    async (req) =>
      ticketJson(await svc.skip(deps, req.actor, req.params.slug, { ticketId: id(req.params), ...req.body })),
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
      ticketJson(await svc.transfer(deps, req.actor, req.params.slug, { ticketId: id(req.params), ...req.body })),
  );
  r.post(
    '/api/v1/centers/:slug/queue/tickets/:id/serve',
    withId('serveTicket', 'Finish serving the ticket, optionally linking the dossier taken', {
      body: Type.Object({ version: Version, dossierCode: Type.Optional(Type.String({ maxLength: 40 })) }),
    }),
    async (req) =>
      ticketJson(await svc.finish(deps, req.actor, req.params.slug, { ticketId: id(req.params), ...req.body })),
  );
  r.post(
    '/api/v1/centers/:slug/queue/tickets/:id/link',
    withId('linkTicketDossier', 'Link a called or served ticket to the dossier taken for it', {
      body: Type.Object({ version: Version, dossierCode: Type.String({ minLength: 1, maxLength: 40 }) }),
    }),
    async (req) =>
      ticketJson(await svc.linkDossier(deps, req.actor, req.params.slug, { ticketId: id(req.params), ...req.body })),
  );
}

/** The public kiosk's call: take a ticket. */
function registerIssueApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
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
      const phoneUrl = `${baseUrl(deps, req)}${queuePaths.phone(req.params.slug, t.publicCode)}`;
      return reply.code(201).send({ ...ticketJson(t), phoneUrl });
    },
  );
}

/** The public side: the board (JSON and live), follow a ticket. */
function registerPublicApi(app: FastifyInstance, deps: Deps, live: LiveFeeds): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
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
}

function registerFiguresApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/queue/figures',
    staff(
      'getQueueFigures',
      'Waiting and service times per group, hour and weekday; share called within the target wait; same-day weekdays apart (default: the last 28 days)',
      { querystring: Type.Object({ from: Type.Optional(Day), to: Type.Optional(Day) }) },
    ),
    async (req) =>
      svc.queueFiguresFor(deps, req.actor, req.params.slug, figuresRange(req.query, toLocal(deps.now()).date)),
  );
}

/** The queue's JSON API (registered in the order the routes were written before: the OpenAPI document keeps its order). */
export function registerQueueApi(app: FastifyInstance, deps: Deps, live: LiveFeeds): void {
  registerConfigApi(app, deps);
  registerCounterApi(app, deps);
  registerIssueApi(app, deps);
  registerTicketsApi(app, deps);
  registerPublicApi(app, deps, live);
  registerFiguresApi(app, deps);
}
