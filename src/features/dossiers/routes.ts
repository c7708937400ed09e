/** Dossier JSON API: intake, read, actions, list (staff), and the public masked lookup. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { Deps } from '../../core/deps.ts';
import { toIsoVn } from '../../core/calendar/index.ts';
import { invalid } from '../../core/http/errors.ts';
import { STATUS_LABELS, type Status } from './model.ts';
import * as svc from './service.ts';
import * as apologies from './apologies/apologies.ts';

const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }),
});
const Obj = Type.Object({}, { additionalProperties: true });

const vn = (iso: string | null) => (iso ? toIsoVn(new Date(iso)) : null);

function staffView(d: svc.DossierView, lang: 'vi' | 'en') {
  return {
    ...d,
    statusLabel: STATUS_LABELS[d.status][lang],
    receivedAt: vn(d.receivedAt),
    dueAt: vn(d.dueAt),
    extendedDueAt: vn(d.extendedDueAt),
    effectiveDueAt: vn(d.effectiveDueAt),
    processedAt: vn(d.processedAt),
    returnedAt: vn(d.returnedAt),
    endedAt: vn(d.endedAt),
  };
}

/** A dossier taken at the desk or recorded from an online submission. */
const IntakeBody = Type.Object({
  procedureCode: Type.String({ minLength: 1, maxLength: 20 }),
  applicant: Type.Object({
    kind: Type.Optional(Type.Union([Type.Literal('citizen'), Type.Literal('organization')])),
    fullName: Type.String({ maxLength: 120 }),
    idNumber: Type.Optional(Type.String({ maxLength: 20 })),
    phone: Type.Optional(Type.String({ maxLength: 20 })),
    email: Type.Optional(Type.String({ maxLength: 120 })),
    address: Type.Optional(Type.String({ maxLength: 300 })),
    orgName: Type.Optional(Type.String({ maxLength: 300 })),
    taxCode: Type.Optional(Type.String({ maxLength: 20 })),
  }),
  owner: Type.Optional(Obj),
  channel: Type.Optional(
    Type.Union([Type.Literal('direct'), Type.Literal('online'), Type.Literal('postal'), Type.Literal('home')]),
  ),
  sets: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  subject: Type.Optional(Type.String({ maxLength: 1000 })),
  components: Type.Optional(Type.Array(Obj, { maxItems: 50 })),
  submittedOnline: Type.Optional(Type.Boolean()),
  receivedAt: Type.Optional(Type.String({ maxLength: 40 })),
  vneidVerified: Type.Optional(Type.Boolean()),
  fromCitizenStore: Type.Optional(
    Type.Boolean({ description: 'A component was taken from the citizen’s data store (DuocLayTuKhoDMQG)' }),
  ),
  populationData: Type.Optional(
    Type.Boolean({ description: 'The national population database was consulted (MaCSDL; indicator 4.5a)' }),
  ),
  dueAt: Type.Optional(
    Type.String({
      maxLength: 40,
      description:
        'Only for procedures whose time limit has no fixed amount: the appointment the officer gives (ISO instant), or "unknown" / absent for “không xác định”',
    }),
  ),
  outcome: Type.Optional(
    Type.Union([Type.Literal('accept'), Type.Literal('refuse'), Type.Literal('guide')], {
      description:
        'At the counter: refuse (form 03, a dossier at status 3) or guide — incomplete: a guidance record with form 02, not a dossier',
    }),
  ),
  reason: Type.Optional(Type.String({ maxLength: 1000 })),
  missing: Type.Optional(Type.Array(Type.String({ maxLength: 300 }), { maxItems: 30 })),
  fee: Type.Optional(Obj),
});

const ListQuery = Type.Object({
  status: Type.Optional(Type.String({ pattern: '^(10|[1-9])(,(10|[1-9]))*$' })),
  field: Type.Optional(Type.String({ maxLength: 120 })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  mine: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('true')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  cursor: Type.Optional(
    Type.String({
      maxLength: 120,
      description:
        'Keyset paging (decision 039): the nextCursor or prevCursor of the page before; omit it for the first page. Opaque; an altered cursor answers 400.',
    }),
  ),
  offset: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 1_000_000,
      description: 'Deprecated: rows to skip (slow on long lists); use cursor. Not with cursor.',
    }),
  ),
});
const ListResponse = Type.Object({
  items: Type.Array(Obj),
  nextCursor: Type.Optional(
    Type.Union([Type.String(), Type.Null()], {
      description: 'Cursor of the next (older) page; null on the last page',
    }),
  ),
  prevCursor: Type.Optional(
    Type.Union([Type.String(), Type.Null()], {
      description: 'Cursor of the previous (newer) page; null on the first page',
    }),
  ),
});

const ApologyDraftBody = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 1000 }),
  proposedDueAt: Type.Optional(Type.String({ maxLength: 40 })),
  responsibleUnit: Type.Optional(Type.String({ maxLength: 200 })),
  signerTitle: Type.Optional(Type.String({ maxLength: 100 })),
  signerName: Type.Optional(Type.String({ maxLength: 100 })),
});
const ApologyReviseBody = Type.Object({ ...ApologyDraftBody.properties, reason: Type.String({ maxLength: 1000 }) });

/** Taking a dossier (or guidance at the counter). */
function registerIntakeApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/api/v1/centers/:slug/dossiers',
    {
      schema: {
        operationId: 'createDossier',
        tags: ['dossiers'],
        summary:
          'Take a dossier at the one-stop desk (or record an online submission); returns its code, appointment and lookup secret',
        security: [{ bearer: [] }],
        params: Type.Object({ slug: Type.String({ maxLength: 100 }) }),
        body: IntakeBody,
        response: { 201: Obj, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const { slug } = req.params;
      if (body.outcome === 'guide') {
        // Guidance at the counter is not a dossier: no status, no appointment; form 02 only.
        const g = await svc.guideAtCounter(deps, req.actor, slug, body);
        return reply.code(201).send({ guidance: { ...g, at: vn(g.at), form02: `/console/guidance/${g.id}/02.pdf` } });
      }
      const d = await svc.intake(deps, req.actor, slug, body);
      return reply.code(201).send(staffView(d, req.lang));
    },
  );
}

/** The centre's dossiers, a keyset page at a time. */
function registerListApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/dossiers',
    {
      schema: {
        operationId: 'listDossiers',
        tags: ['dossiers'],
        summary:
          'Dossiers of a centre (staff), newest first; q finds them by name (with or without diacritics), ID number, phone or code fragment; mine=1 lists those the caller holds. Every call is an audited read.',
        security: [{ bearer: [] }],
        params: Type.Object({ slug: Type.String({ maxLength: 100 }) }),
        querystring: ListQuery,
        response: {
          200: ListResponse,
          400: ErrorSchema,
          401: ErrorSchema,
          403: ErrorSchema,
        },
      },
    },
    async (req) => {
      const q = req.query;
      const { slug } = req.params;
      const filter = {
        status: q.status?.split(',').map(Number),
        field: q.field,
        q: q.q,
        mine: q.mine !== undefined,
        limit: q.limit,
      };
      if (q.offset !== undefined) {
        if (q.cursor !== undefined)
          throw invalid('offset', 'Không dùng offset cùng với cursor.', 'offset cannot be used with cursor.');
        const items = await svc.listDossiers(deps, req.actor, slug, { ...filter, offset: q.offset });
        return { items: items.map((d) => staffView(d, req.lang)) };
      }
      const page = await svc.listDossierPage(deps, req.actor, slug, { ...filter, cursor: q.cursor });
      return {
        items: page.items.map((d) => staffView(d, req.lang)),
        nextCursor: page.next,
        prevCursor: page.prev,
      };
    },
  );
}

/** One dossier, and its workflow actions. */
function registerDossierApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/dossiers/:code',
    {
      schema: {
        operationId: 'getDossier',
        tags: ['dossiers'],
        summary: 'One dossier with its event history (staff of its centre)',
        security: [{ bearer: [] }],
        params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
        response: { 200: Obj, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (req) => {
      const got = await svc.getDossier(deps, req.actor, req.params.code);
      return { ...staffView(got.dossier, req.lang), events: got.events.map((e) => ({ ...e, at: vn(e.at) })) };
    },
  );

  r.post(
    '/api/v1/dossiers/:code/actions',
    {
      schema: {
        operationId: 'actOnDossier',
        tags: ['dossiers'],
        summary:
          'Apply a workflow action (accept, refuse, handoff, request_supplement, complete_supplement, request_payment, confirm_payment, mark_processed, return_result, withdraw, stop, extend); 409 when not allowed in the current status; 422 for an electronic result without its file',
        security: [{ bearer: [] }],
        params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
        body: Type.Object({ action: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: true }),
        response: {
          200: Obj,
          400: ErrorSchema,
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
          409: ErrorSchema,
          422: ErrorSchema,
        },
      },
    },
    async (req) => {
      const { action, ...payload } = req.body;
      return staffView(await svc.act(deps, req.actor, req.params.code, action, payload), req.lang);
    },
  );
}

/** Apology letters (form 04): draft, revise, approve or reject, delivery. */
function registerApologyApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const apology = (operationId: string, summary: string) => ({
    operationId,
    tags: ['dossiers'],
    summary,
    security: [{ bearer: [] }],
    params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
    response: {
      200: Obj,
      201: Obj,
      400: ErrorSchema,
      401: ErrorSchema,
      403: ErrorSchema,
      404: ErrorSchema,
      409: ErrorSchema,
    },
  });
  r.get(
    '/api/v1/dossiers/:code/apologies',
    { schema: apology('listApologies', 'Apology letters (form 04) of a dossier') },
    async (req) => ({ items: await apologies.apologiesOf(deps, req.actor, req.params.code) }),
  );
  r.post(
    '/api/v1/dossiers/:code/apologies',
    {
      schema: {
        ...apology(
          'draftApology',
          'Draft an apology and a new appointment (proposed by the calendar engine when omitted) for the director',
        ),
        body: ApologyDraftBody,
      },
    },
    async (req, reply) =>
      reply.code(201).send(await apologies.draftApology(deps, req.actor, req.params.code, req.body)),
  );
  r.put(
    '/api/v1/dossiers/:code/apologies/draft',
    {
      schema: {
        ...apology(
          'reviseApology',
          'The specialist (or holder) writes the reason, proposes the new appointment and may name the body responsible and the signer of form 04 (empty: the centre and its leader) on the pending draft (the at-risk watch drafts without a reason)',
        ),
        body: ApologyReviseBody,
      },
    },
    async (req) => apologies.reviseApology(deps, req.actor, req.params.code, req.body),
  );
  r.post(
    '/api/v1/dossiers/:code/apologies/approve',
    {
      schema: {
        ...apology(
          'approveApology',
          'The director approves the draft: numbered …/PXL, the dossier is re-appointed; 409 while the draft has no real reason (empty, placeholder or too short)',
        ),
        body: Type.Object({ newDueAt: Type.Optional(Type.String({ maxLength: 40 })) }),
      },
    },
    async (req) => apologies.decideApology(deps, req.actor, req.params.code, 'approve', req.body),
  );
  r.post(
    '/api/v1/dossiers/:code/apologies/reject',
    { schema: apology('rejectApology', 'The director rejects the draft') },
    async (req) => apologies.decideApology(deps, req.actor, req.params.code, 'reject'),
  );
  r.post(
    '/api/v1/dossiers/:code/apologies/deliver',
    {
      schema: {
        ...apology('deliverApology', 'Record how the approved letter reached the citizen'),
        body: Type.Object({ channel: Type.String({ maxLength: 20 }) }),
      },
    },
    async (req) => apologies.deliverApology(deps, req.actor, req.params.code, req.body.channel),
  );
}

/** The deadline monitor (staff) and the citizen's masked lookup. */
function registerMonitorAndLookupApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/deadlines',
    {
      schema: {
        operationId: 'deadlineMonitor',
        tags: ['dossiers'],
        summary:
          'The deadline monitor through the one clock: overdue (clock running, past the Decision 766 limit), due today, due on the next working day, awaiting acceptance (status 1), paused (waiting for a supplement)',
        security: [{ bearer: [] }],
        params: Type.Object({ slug: Type.String({ maxLength: 100 }) }),
        response: { 200: Obj, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (req) => svc.deadlineMonitor(deps, req.actor, req.params.slug),
  );

  r.get(
    '/api/v1/public/dossiers/:code',
    {
      schema: {
        operationId: 'lookupDossier',
        tags: ['public'],
        summary: 'Masked status of a dossier for the citizen: code and the secret printed on the receipt',
        params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
        querystring: Type.Object({ secret: Type.String({ minLength: 1, maxLength: 16 }) }),
        response: { 200: Obj, 400: ErrorSchema, 404: ErrorSchema, 429: ErrorSchema },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const v = await svc.lookupPublic(deps, req.params.code, req.query.secret);
      reply.header('cache-control', 'no-store');
      return {
        ...v,
        statusLabel: STATUS_LABELS[v.status][req.lang],
        receivedAt: vn(v.receivedAt),
        dueAt: vn(v.dueAt),
        originalDueAt: vn(v.originalDueAt),
        returnedAt: vn(v.returnedAt),
        timeline: v.timeline.map((e) => ({ ...e, at: vn(e.at) })),
        steps: v.steps.map((s) => ({ ...s, at: vn(s.at), newDueAt: s.newDueAt ? vn(s.newDueAt) : undefined })),
        supplement: v.supplement ? { ...v.supplement, requestedAt: vn(v.supplement.requestedAt) } : null,
      };
    },
  );
}

export function registerDossierRoutes(app: FastifyInstance, deps: Deps): void {
  registerIntakeApi(app, deps);
  registerListApi(app, deps);
  registerDossierApi(app, deps);
  registerApologyApi(app, deps);
  registerMonitorAndLookupApi(app, deps);
}
