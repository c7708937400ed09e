/**
 * Home service over HTTP. The public request form is in public-routes.ts, the console pages in
 * console-routes.ts; here the JSON API under /api/v1/centers/:slug/home-service/… and
 * /api/v1/centers/:slug/care-register/…: parse, one service call, present.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { Deps } from '../../core/deps.ts';
import { IdParam, IdPathParam } from '../../core/http/ids.ts';
import { toIsoVn } from '../../core/calendar/index.ts';
import * as svc from './service.ts';
import { CARE_CATEGORIES, CONSENT_METHODS, NEEDS, OUTCOMES, RELATIONSHIPS, SLOTS, TASKS } from './model.ts';
import { registerPublicPages } from './public-routes.ts';
import { registerHomeServicePages } from './console-routes.ts';

const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }),
});
const Obj = Type.Object({}, { additionalProperties: true });
const Slug = Type.Object({ slug: Type.String({ maxLength: 100 }) });
const SlugId = Type.Object({ slug: Type.String({ maxLength: 100 }), id: IdPathParam() });
const errs = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const lit = <T extends string>(xs: readonly T[]) => Type.Enum(xs);
const vn = (iso: string | null) => (iso ? toIsoVn(new Date(iso)) : null);

export function registerHomeServiceRoutes(app: FastifyInstance, deps: Deps): void {
  registerPublicPages(app, deps);
  registerHomeServicePages(app, deps);
  registerRequestApi(app, deps);
  registerVisitApi(app, deps);
  registerRecordApi(app, deps);
  registerCareRegisterListApi(app, deps);
  registerCareRegisterEntryApi(app, deps);
}

const requestJson = (r: svc.RequestView) => ({
  ...r,
  createdAt: vn(r.createdAt),
  closedAt: vn(r.closedAt),
  consentAt: vn(r.consentAt),
});
const visitJson = (v: svc.VisitView) => ({ ...v, visitedAt: vn(v.visitedAt), recordedAt: vn(v.recordedAt) });
const personJson = (p: svc.PersonView) => ({
  ...p,
  createdAt: vn(p.createdAt),
  consent: { ...p.consent, withdrawnAt: vn(p.consent.withdrawnAt) },
});
const base = '/api/v1/centers/:slug/home-service';
const tags = ['home-service'];
const security = [{ bearer: [] }];

const RequestBody = Type.Object({
  dossierCode: Type.Optional(Type.String({ maxLength: 40 })),
  carePersonId: Type.Optional(IdParam()),
  personName: Type.Optional(Type.String({ maxLength: 120 })),
  relationship: Type.Optional(lit(RELATIONSHIPS)),
  requesterName: Type.Optional(Type.String({ maxLength: 120 })),
  phone: Type.Optional(Type.String({ maxLength: 30 })),
  address: Type.Optional(Type.String({ maxLength: 300 })),
  needs: Type.Array(lit(NEEDS), { minItems: 1, maxItems: 4 }),
  needsOther: Type.Optional(Type.String({ maxLength: 500 })),
  preferredDate: Type.Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD (Vietnam)' })),
  preferredSlot: Type.Optional(lit(SLOTS)),
  notes: Type.Optional(Type.String({ maxLength: 1000 })),
});
const reg = '/api/v1/centers/:slug/care-register';
const regTags = ['care-register'];

/** JSON API: requests: list, record, one, cancel. */
function registerRequestApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    `${base}/requests`,
    {
      schema: {
        operationId: 'listHomeRequests',
        tags,
        summary: 'Home-service requests of a centre, newest first (status: open, new, scheduled, done, cancelled)',
        security,
        params: Slug,
        querystring: Type.Object({ status: Type.Optional(lit(['open', 'new', 'scheduled', 'done', 'cancelled'])) }),
        response: { 200: Type.Object({ items: Type.Array(Obj) }), ...errs },
      },
    },
    async (req) => ({
      items: (await svc.listRequests(deps, req.actor, req.params.slug, req.query)).map(requestJson),
    }),
  );

  r.post(
    `${base}/requests`,
    {
      schema: {
        operationId: 'createHomeRequest',
        tags,
        summary:
          'Record a request taken by phone, or raised from a dossier (dossierCode) or a register entry (carePersonId)',
        security,
        params: Slug,
        body: RequestBody,
        response: { 201: Obj, ...errs },
      },
    },
    async (req, reply) =>
      reply.code(201).send(requestJson(await svc.createRequest(deps, req.actor, req.params.slug, req.body))),
  );

  r.get(
    `${base}/requests/:id`,
    {
      schema: {
        operationId: 'getHomeRequest',
        tags,
        summary: 'One request with its visits',
        security,
        params: SlugId,
        response: { 200: Obj, ...errs },
      },
    },
    async (req) => {
      const r = await svc.getRequest(deps, req.actor, req.params.slug, String(req.params.id));
      return { ...requestJson(r.request), visits: r.visits.map(visitJson) };
    },
  );

  r.post(
    `${base}/requests/:id/cancel`,
    {
      schema: {
        operationId: 'cancelHomeRequest',
        tags,
        summary: 'Cancel an open request (its scheduled visits are cancelled too)',
        security,
        params: SlugId,
        body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 500 }) }),
        response: { 200: Obj, ...errs },
      },
    },
    async (req) =>
      requestJson(await svc.cancelRequest(deps, req.actor, req.params.slug, String(req.params.id), req.body.note)),
  );
}

/** JSON API: visits: schedule, the day list, one visit. */
function registerVisitApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    `${base}/requests/:id/visits`,
    {
      schema: {
        operationId: 'scheduleHomeVisit',
        tags,
        summary:
          'Schedule a visit: officer (a staff user who may record visits), Vietnam date and time, address, tasks',
        security,
        params: SlugId,
        body: Type.Object({
          officerId: IdParam(),
          date: Type.String({ maxLength: 10 }),
          time: Type.String({ maxLength: 5 }),
          address: Type.Optional(Type.String({ maxLength: 300 })),
          tasks: Type.Array(lit(TASKS), { minItems: 1, maxItems: 3 }),
          dossierCode: Type.Optional(Type.String({ maxLength: 40 })),
          notes: Type.Optional(Type.String({ maxLength: 1000 })),
        }),
        response: { 201: Obj, ...errs },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(visitJson(await svc.scheduleVisit(deps, req.actor, req.params.slug, String(req.params.id), req.body))),
  );

  r.get(
    `${base}/day`,
    {
      schema: {
        operationId: 'homeVisitDayList',
        tags,
        summary: 'The visits of one day (YYYY-MM-DD, Vietnam; today by default), for one officer or all',
        security,
        params: Slug,
        querystring: Type.Object({
          date: Type.Optional(Type.String({ maxLength: 10 })),
          officer: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
        response: { 200: Obj, ...errs },
      },
    },
    async (req) => {
      const q = req.query;
      const d = await svc.dayList(deps, req.actor, req.params.slug, q.date, q.officer);
      return { date: d.date, officer: d.officer, items: d.visits.map(visitJson) };
    },
  );

  r.get(
    `${base}/visits/:id`,
    {
      schema: {
        operationId: 'getHomeVisit',
        tags,
        summary: 'One visit',
        security,
        params: SlugId,
        response: { 200: Obj, ...errs },
      },
    },
    async (req) => visitJson((await svc.getVisit(deps, req.actor, req.params.slug, String(req.params.id))).visit),
  );
}

/** JSON API: the visit record and the figures. */
function registerRecordApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    `${base}/visits/:id/record`,
    {
      schema: {
        operationId: 'recordHomeVisit',
        tags,
        summary:
          'Record the outcome of a visit. Done + resultReturned returns the dossier’s result with method "home" (409 when the dossier is not ready, nothing written); completing closes the request',
        security,
        params: SlugId,
        body: Type.Object({
          outcome: lit(OUTCOMES),
          time: Type.Optional(Type.String({ maxLength: 5, description: 'HH:mm, Vietnam time, on the visit’s date' })),
          notes: Type.Optional(Type.String({ maxLength: 1000 })),
          confirmKind: Type.Optional(lit(['typed', 'paper'])),
          confirmName: Type.Optional(Type.String({ maxLength: 120 })),
          confirmed: Type.Optional(Type.Boolean()),
          takenCodes: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
          resultReturned: Type.Optional(Type.Boolean()),
          cardDelivered: Type.Optional(Type.Boolean()),
        }),
        response: { 200: Obj, 413: ErrorSchema, 415: ErrorSchema, ...errs },
      },
    },
    async (req) => visitJson(await svc.recordVisit(deps, req.actor, req.params.slug, String(req.params.id), req.body)),
  );

  r.get(
    `${base}/figures`,
    {
      schema: {
        operationId: 'homeServiceFigures',
        tags,
        summary:
          'Counts for a range of Vietnam days: requests, visits made, dossiers taken and results returned at home, cards delivered',
        security,
        params: Slug,
        querystring: Type.Object({
          from: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
          to: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
        }),
        response: { 200: Obj, ...errs },
      },
    },
    async (req) => svc.figuresBetween(deps, req.actor, req.params.slug, req.query.from, req.query.to),
  );
}

/** JSON API: the care register: list and add. */
function registerCareRegisterListApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    reg,
    {
      schema: {
        operationId: 'listCareRegister',
        tags: regTags,
        summary:
          'The register of people who may need service at home (care.register.read; every read is audited); q searches names without diacritics',
        security,
        params: Slug,
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 60 })),
          withdrawn: Type.Optional(Type.Boolean()),
        }),
        response: { 200: Type.Object({ items: Type.Array(Obj) }), ...errs },
      },
    },
    async (req) => ({
      items: (await svc.listPeople(deps, req.actor, req.params.slug, req.query)).map(personJson),
    }),
  );

  r.post(
    reg,
    {
      schema: {
        operationId: 'addCareRegister',
        tags: regTags,
        summary: 'Add a person with their recorded consent (care.register.manage)',
        security,
        params: Slug,
        body: Type.Object({
          fullName: Type.String({ maxLength: 120 }),
          birthYear: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })),
          address: Type.String({ maxLength: 300 }),
          phone: Type.Optional(Type.String({ maxLength: 30 })),
          categories: Type.Array(lit(CARE_CATEGORIES), { minItems: 1, maxItems: 7 }),
          carerName: Type.Optional(Type.String({ maxLength: 120 })),
          carerRelation: Type.Optional(Type.String({ maxLength: 60 })),
          carerPhone: Type.Optional(Type.String({ maxLength: 30 })),
          notes: Type.Optional(Type.String({ maxLength: 1000 })),
          consentDate: Type.String({ maxLength: 10 }),
          consentMethod: lit(CONSENT_METHODS),
          consentGivenBy: Type.String({ maxLength: 120 }),
        }),
        response: { 201: Obj, ...errs },
      },
    },
    async (req, reply) =>
      reply.code(201).send(personJson(await svc.createPerson(deps, req.actor, req.params.slug, req.body))),
  );
}

/** JSON API: the care register: one entry, withdrawal. */
function registerCareRegisterEntryApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    `${reg}/:id`,
    {
      schema: {
        operationId: 'getCareRegister',
        tags: regTags,
        summary: 'One register entry (audited)',
        security,
        params: SlugId,
        response: { 200: Obj, ...errs },
      },
    },
    async (req) => personJson(await svc.getPerson(deps, req.actor, req.params.slug, String(req.params.id))),
  );

  r.post(
    `${reg}/:id/withdraw`,
    {
      schema: {
        operationId: 'withdrawCareConsent',
        tags: regTags,
        summary: 'The person withdraws consent: their personal data is erased, the consent history kept',
        security,
        params: SlugId,
        body: Type.Object({ note: Type.Optional(Type.String({ maxLength: 300 })) }),
        response: { 200: Obj, ...errs },
      },
    },
    async (req) =>
      personJson(await svc.withdrawConsent(deps, req.actor, req.params.slug, String(req.params.id), req.body.note)),
  );
}
