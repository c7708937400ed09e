/**
 * The facility checklist and spending over HTTP.
 *
 *   GET    /api/v1/centers/:slug/facilities                   checklist, spending lines, total
 *   PUT    /api/v1/centers/:slug/facilities/items/:code       JSON {status, note} or multipart with a photo
 *   GET    /api/v1/centers/:slug/facilities/items/:code/photo
 *   POST   /api/v1/centers/:slug/facilities/spending          {date, item, amount, source, note}
 *   DELETE /api/v1/centers/:slug/facilities/spending/:id
 *
 *   /console/facilities and its forms.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AnyQuery, FormBody, IdText } from '../../core/http/schemas.ts';
import Type from 'typebox';
import { h } from 'preact';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import { localDateOf } from '../../core/calendar/index.ts';
import { getCenterById } from '../centers/index.ts';
import { consoleNav } from '../console/index.ts';
import { sendFile } from '../plan/index.ts';
import * as svc from './service.ts';
import { FacilitiesPage } from './pages.tsx';

const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }),
});
const Obj = Type.Object({}, { additionalProperties: true });
const Slug = Type.Object({ slug: Type.String({ maxLength: 100 }) });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

/** A page request: its query read field by field (`AnyQuery`). */
type QReq = FastifyRequest<{ Querystring: Record<string, unknown> }>;

/** A form post: query and fields read one by one (`AnyQuery`, `FormBody`). */
type FormReq = FastifyRequest<{ Querystring: Record<string, unknown>; Body: Record<string, unknown> | null }>;

/** The JSON API: the overview and the checklist items (with their photos). */
function registerFacilityApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/centers/:slug/facilities',
    {
      schema: {
        operationId: 'facilityOverview',
        tags: ['facilities'],
        summary:
          'The facility checklist (plan III.2.3) and the spending lines (plan V.2.6) with their total; ?from&to filter spending by date',
        security: [{ bearer: [] }],
        params: Slug,
        querystring: Type.Object({
          from: Type.Optional(Type.String({ format: 'date' })),
          to: Type.Optional(Type.String({ format: 'date' })),
        }),
        response: { 200: Obj, ...errors },
      },
    },
    async (req) => svc.overview(deps, req.actor, req.params.slug, req.query),
  );

  r.put(
    '/api/v1/centers/:slug/facilities/items/:code',
    {
      schema: {
        operationId: 'setFacilityItem',
        tags: ['facilities'],
        summary:
          'Set an item’s status (available | partly | missing) and note; multipart/form-data may add a photo (JPEG or PNG, at most 5 MB)',
        security: [{ bearer: [] }],
        params: Type.Object({ slug: Type.String({ maxLength: 100 }), code: Type.String({ maxLength: 40 }) }),
        body: Type.Object(
          {
            status: Type.Optional(Type.String({ maxLength: 20 })),
            note: Type.Optional(Type.String({ maxLength: 1000 })),
            photo: Type.Optional(Type.Unsafe<Buffer>({ description: 'multipart only' })),
          },
          { additionalProperties: true },
        ),
        response: { 200: Obj, ...errors, 413: ErrorSchema, 415: ErrorSchema },
      },
    },
    async (req) => {
      const b = req.body;
      return svc.setItem(deps, req.actor, req.params.slug, req.params.code, {
        status: b.status,
        note: b.note,
        photo: b.photo,
      });
    },
  );

  r.get(
    '/api/v1/centers/:slug/facilities/items/:code/photo',
    {
      schema: {
        operationId: 'facilityItemPhoto',
        tags: ['facilities'],
        summary: 'The item’s photo',
        security: [{ bearer: [] }],
        params: Type.Object({ slug: Type.String({ maxLength: 100 }), code: Type.String({ maxLength: 40 }) }),
        response: { ...errors },
      },
    },
    async (req, reply) => sendFile(reply, await svc.readPhoto(deps, req.actor, req.params.slug, req.params.code), true),
  );
}

/** Spending lines: add, remove. */
function registerSpendingApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/api/v1/centers/:slug/facilities/spending',
    {
      schema: {
        operationId: 'addFacilitySpending',
        tags: ['facilities'],
        summary: 'Add a facility spending line: amount in whole đồng (number, or text such as "1.234.567")',
        security: [{ bearer: [] }],
        params: Slug,
        body: Type.Object({
          date: Type.String({ maxLength: 10 }),
          item: Type.String({ maxLength: 300 }),
          amount: Type.Union([Type.Integer(), Type.String({ maxLength: 25 })]),
          source: Type.String({ maxLength: 200 }),
          note: Type.Optional(Type.String({ maxLength: 1000 })),
        }),
        response: { 201: Obj, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.addSpending(deps, req.actor, req.params.slug, req.body)),
  );

  r.delete(
    '/api/v1/centers/:slug/facilities/spending/:id',
    {
      schema: {
        operationId: 'removeFacilitySpending',
        tags: ['facilities'],
        summary: 'Remove a spending line',
        security: [{ bearer: [] }],
        params: Type.Object({ slug: Type.String({ maxLength: 100 }), id: Type.String({ maxLength: 12 }) }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      await svc.removeSpending(deps, req.actor, req.params.slug, req.params.id);
      return reply.code(204).send(null);
    },
  );
}

// ---- Console ----

const lq = (req: QReq, sep = '?') => (req.lang === 'en' ? `${sep}lang=en` : '');
const messagesOf = (req: QReq, e: unknown): string[] | null =>
  e instanceof AppError &&
  e.status < 500 &&
  e.code !== 'NOT_FOUND' &&
  e.code !== 'FORBIDDEN' &&
  e.code !== 'UNAUTHENTICATED'
    ? e.details.length
      ? e.details.map((d) => d[req.lang])
      : [e.message]
    : null;

async function page(deps: Deps, req: QReq, reply: FastifyReply, errs: string[] = [], status = 200) {
  const actor = requireActor(req);
  const center = await getCenterById(deps, actor.homeCenterId);
  const o = await svc.overview(deps, actor, center.slug);
  const okq = req.query.ok;
  const ok = okq === 'saved' || okq === 'added' || okq === 'removed' ? okq : null;
  return sendPage(
    reply,
    h(FacilitiesPage, {
      lang: req.lang,
      path: req.url,
      csrf: req.csrfToken ?? '',
      userName: actor.fullName,
      centerName: center.name,
      nav: consoleNav(req.lang, actor, '/console/facilities'),
      items: o.items,
      spending: o.spending,
      totalText: o.totalText,
      counts: o.counts,
      today: localDateOf(deps.now()),
      ok,
      errors: errs,
    }),
    status,
  );
}

async function act(
  deps: Deps,
  req: FormReq,
  reply: FastifyReply,
  fn: (slug: string, b: Record<string, unknown>) => Promise<string>,
) {
  const actor = requireActor(req);
  const center = await getCenterById(deps, actor.homeCenterId);
  try {
    const ok = await fn(center.slug, req.body ?? {});
    return reply.redirect(`/console/facilities?ok=${ok}${lq(req, '&')}`, 303);
  } catch (e) {
    const msgs = messagesOf(req, e);
    if (msgs) return page(deps, req, reply, msgs, (e as AppError).status);
    throw e;
  }
}

/** The console page and its forms. */
function registerFacilityConsole(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/console/facilities', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    page(deps, req, reply),
  );
  r.post(
    '/console/facilities/items/:code',
    { schema: { hide: true, params: Type.Object({ code: Type.String() }), querystring: AnyQuery, body: FormBody } },
    async (req, reply) =>
      act(deps, req, reply, async (slug, b) => {
        await svc.setItem(deps, req.actor, slug, req.params.code, {
          status: b.status,
          note: b.note,
          photo: Buffer.isBuffer(b.photo) && b.photo.length ? b.photo : undefined,
        });
        return 'saved';
      }),
  );
  r.post(
    '/console/facilities/spending',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) =>
      act(deps, req, reply, async (slug, b) => {
        await svc.addSpending(deps, req.actor, slug, b);
        return 'added';
      }),
  );
  r.post(
    '/console/facilities/spending/:id/delete',
    { schema: { hide: true, params: IdText, querystring: AnyQuery, body: FormBody } },
    async (req, reply) =>
      act(deps, req, reply, async (slug) => {
        await svc.removeSpending(deps, req.actor, slug, req.params.id);
        return 'removed';
      }),
  );
}

export function registerFacilityRoutes(app: FastifyInstance, deps: Deps): void {
  registerFacilityApi(app, deps);
  registerSpendingApi(app, deps);
  registerFacilityConsole(app, deps);
}
