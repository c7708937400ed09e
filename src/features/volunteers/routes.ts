/** JSON API of volunteers at the desk: records, roster, check-ins, assistance log, figures. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { IdParam, IdPathParam, idOr404 } from '../../core/http/ids.ts';
import type { Deps } from '../../core/deps.ts';
import { toIsoVn } from '../../core/calendar/index.ts';
import * as svc from './service.ts';
import { KINDS, ORGANISATIONS, SESSIONS } from './model.ts';
import { figuresJson, rangeOf } from './view-models.ts';

const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }),
});
const Obj = Type.Object({}, { additionalProperties: true });
const TAGS = ['volunteers'];
const SLUG = Type.Object({ slug: Type.String({ maxLength: 100 }) });
const SLUG_ID = Type.Object({ slug: Type.String({ maxLength: 100 }), id: IdPathParam() });
const RANGE = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 10, description: 'First day, YYYY-MM-DD (Vietnam)' })),
  to: Type.Optional(Type.String({ maxLength: 10, description: 'Last day, YYYY-MM-DD (Vietnam)' })),
  month: Type.Optional(Type.String({ maxLength: 7, description: 'A whole month, YYYY-MM (instead of from/to)' })),
});
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const Str = (max: number) => Type.String({ maxLength: max });
const VolunteerBody = Type.Object({
  fullName: Type.Optional(Str(120)),
  organisation: Type.Optional(Type.String({ maxLength: 20, description: ORGANISATIONS.join(' | ') })),
  organisationName: Type.Optional(Type.Union([Str(200), Type.Null()])),
  phone: Type.Optional(Type.Union([Str(20), Type.Null()])),
  active: Type.Optional(Type.Boolean()),
  username: Type.Optional(
    Type.Union([
      Type.String({ maxLength: 60, description: 'A staff account of this centre with the role volunteer' }),
      Type.Null(),
    ]),
  ),
});

const vn = (iso: string | null) => (iso ? toIsoVn(new Date(iso)) : null);

const base = '/api/v1/centers/:slug/volunteers';
const nullToUndef = (b: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v === null ? '' : v]));
const CheckBody = Type.Object({
  volunteerId: Type.Optional(IdParam({ description: 'Staff only; a volunteer acts for themselves' })),
});
const presentCheckin = (c: svc.CheckinView) => ({
  ...c,
  checkedInAt: vn(c.checkedInAt),
  checkedOutAt: vn(c.checkedOutAt),
});
const presentAssist = (a: svc.AssistView) => ({ ...a, at: vn(a.at) });

/** Records: list, add, read, change. */
function registerRecordsApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    base,
    {
      schema: {
        operationId: 'listVolunteers',
        tags: TAGS,
        summary: 'Volunteers of a centre (a volunteer sees only their own record)',
        security: [{ bearer: [] }],
        params: SLUG,
        response: { 200: Type.Object({ items: Type.Array(Obj) }), ...errors },
      },
    },
    async (req) => ({
      items: (await svc.listVolunteers(deps, req.actor, req.params.slug)).items,
    }),
  );

  r.post(
    base,
    {
      schema: {
        operationId: 'createVolunteer',
        tags: TAGS,
        summary:
          "Add a volunteer (Youth Union, Women's Union or another organisation), optionally linked to a volunteer account",
        security: [{ bearer: [] }],
        params: SLUG,
        body: VolunteerBody,
        response: { 201: Obj, ...errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await svc.createVolunteer(deps, req.actor, req.params.slug, nullToUndef(req.body))),
  );

  r.get(
    `${base}/:id`,
    {
      schema: {
        operationId: 'getVolunteer',
        tags: TAGS,
        summary: 'One volunteer',
        security: [{ bearer: [] }],
        params: SLUG_ID,
        response: { 200: Obj, ...errors },
      },
    },
    async (req) => svc.getVolunteer(deps, req.actor, req.params.slug, idOr404(req.params.id)),
  );

  r.patch(
    `${base}/:id`,
    {
      schema: {
        operationId: 'updateVolunteer',
        tags: TAGS,
        summary: 'Change a volunteer record (fields given are replaced; active false retires it)',
        security: [{ bearer: [] }],
        params: SLUG_ID,
        body: VolunteerBody,
        response: { 200: Obj, ...errors },
      },
    },
    async (req) => svc.updateVolunteer(deps, req.actor, req.params.slug, idOr404(req.params.id), nullToUndef(req.body)),
  );
}

/** The roster: shifts in a range, add, remove. */
function registerRosterApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    `${base}/shifts`,
    {
      schema: {
        operationId: 'listVolunteerShifts',
        tags: TAGS,
        summary:
          'Roster shifts in a range (default: this month); each says whether its day is a working day of the centre',
        security: [{ bearer: [] }],
        params: SLUG,
        querystring: RANGE,
        response: { 200: Type.Object({ items: Type.Array(Obj) }), ...errors },
      },
    },
    async (req) => ({
      items: await svc.listShifts(deps, req.actor, req.params.slug, rangeOf(req.query, deps.now())),
    }),
  );

  r.post(
    `${base}/shifts`,
    {
      schema: {
        operationId: 'addVolunteerShift',
        tags: TAGS,
        summary:
          'Put a volunteer on the roster: a day and the morning or afternoon session, or set hours (Vietnam time); nonWorkingDay days are allowed and flagged',
        security: [{ bearer: [] }],
        params: SLUG,
        body: Type.Object({
          volunteerId: IdParam(),
          date: Type.String({ maxLength: 10 }),
          session: Type.Optional(Type.String({ maxLength: 10, description: SESSIONS.join(' | ') })),
          start: Type.Optional(Type.String({ maxLength: 5, description: 'HH:mm' })),
          end: Type.Optional(Type.String({ maxLength: 5, description: 'HH:mm' })),
          note: Type.Optional(Str(300)),
        }),
        response: { 201: Obj, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.addShift(deps, req.actor, req.params.slug, req.body)),
  );

  r.delete(
    `${base}/shifts/:id`,
    {
      schema: {
        operationId: 'removeVolunteerShift',
        tags: TAGS,
        summary: 'Remove a roster shift',
        security: [{ bearer: [] }],
        params: SLUG_ID,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      await svc.removeShift(deps, req.actor, req.params.slug, idOr404(req.params.id));
      return reply.code(204).send(null);
    },
  );
}

/** Check-ins and check-outs. */
function registerCheckinApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    `${base}/check-ins`,
    {
      schema: {
        operationId: 'listVolunteerCheckins',
        tags: TAGS,
        summary: 'Check-ins in a range (default: this month)',
        security: [{ bearer: [] }],
        params: SLUG,
        querystring: RANGE,
        response: { 200: Type.Object({ items: Type.Array(Obj) }), ...errors },
      },
    },
    async (req) => ({
      items: (await svc.listCheckins(deps, req.actor, req.params.slug, rangeOf(req.query, deps.now()))).map(
        presentCheckin,
      ),
    }),
  );

  r.post(
    `${base}/check-ins`,
    {
      schema: {
        operationId: 'volunteerCheckIn',
        tags: TAGS,
        summary: 'Check in at the desk now (409 when already checked in)',
        security: [{ bearer: [] }],
        params: SLUG,
        body: Type.Optional(CheckBody),
        response: { 201: Obj, ...errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(presentCheckin(await svc.checkIn(deps, req.actor, req.params.slug, req.body.volunteerId))),
  );

  r.post(
    `${base}/check-outs`,
    {
      schema: {
        operationId: 'volunteerCheckOut',
        tags: TAGS,
        summary: 'Check out now (409 when not checked in)',
        security: [{ bearer: [] }],
        params: SLUG,
        body: Type.Optional(CheckBody),
        response: { 200: Obj, ...errors },
      },
    },
    async (req) => presentCheckin(await svc.checkOut(deps, req.actor, req.params.slug, req.body.volunteerId)),
  );
}

/** The assistance log and the figures. */
function registerAssistApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    `${base}/assistance`,
    {
      schema: {
        operationId: 'listVolunteerAssistance',
        tags: TAGS,
        summary: 'Assistance log entries in a range (default: this month), newest first',
        security: [{ bearer: [] }],
        params: SLUG,
        querystring: RANGE,
        response: { 200: Type.Object({ items: Type.Array(Obj) }), ...errors },
      },
    },
    async (req) => ({
      items: (await svc.listAssists(deps, req.actor, req.params.slug, rangeOf(req.query, deps.now()))).map(
        presentAssist,
      ),
    }),
  );

  r.post(
    `${base}/assistance`,
    {
      schema: {
        operationId: 'logVolunteerAssistance',
        tags: TAGS,
        summary:
          'Log help given at the desk: kind, number of people (1–100, default 1), optional dossier code of this centre, optional note',
        security: [{ bearer: [] }],
        params: SLUG,
        body: Type.Object({
          kind: Type.String({ maxLength: 30, description: KINDS.join(' | ') }),
          count: Type.Optional(Type.Integer({ description: 'People helped, 1–100 (default 1)' })),
          dossierCode: Type.Optional(Str(60)),
          note: Type.Optional(Str(600)),
          volunteerId: Type.Optional(IdParam({ description: 'Staff only; a volunteer logs for themselves' })),
        }),
        response: { 201: Obj, ...errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(presentAssist(await svc.logAssist(deps, req.actor, req.params.slug, req.body))),
  );

  r.delete(
    `${base}/assistance/:id`,
    {
      schema: {
        operationId: 'undoVolunteerAssistance',
        tags: TAGS,
        summary: "Take back a log entry (a volunteer: their own, today's)",
        security: [{ bearer: [] }],
        params: SLUG_ID,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      await svc.undoAssist(deps, req.actor, req.params.slug, idOr404(req.params.id));
      return reply.code(204).send(null);
    },
  );
}

function registerFiguresApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    `${base}/figures`,
    {
      schema: {
        operationId: 'volunteerFigures',
        tags: TAGS,
        summary:
          'Figures in a range (default: this month): volunteers who served, shifts, people helped (all, online submissions, VNeID, …), hours; a volunteer gets their own',
        security: [{ bearer: [] }],
        params: SLUG,
        querystring: RANGE,
        response: { 200: Obj, ...errors },
      },
    },
    async (req) => figuresJson(await svc.figures(deps, req.actor, req.params.slug, rangeOf(req.query, deps.now()))),
  );
}

export function registerVolunteerApi(app: FastifyInstance, deps: Deps): void {
  registerRecordsApi(app, deps);
  registerRosterApi(app, deps);
  registerCheckinApi(app, deps);
  registerAssistApi(app, deps);
  registerFiguresApi(app, deps);
}
