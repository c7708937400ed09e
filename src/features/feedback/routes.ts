/**
 * Feedback (PAKN) and staff obstacles over HTTP: public form, status and published answers under
 * /<centre>/phan-anh (rate limited per IP; honeypot and signed stamp checked by the service), the
 * console (/console/feedback, /console/obstacles) and the JSON API.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AnyQuery, FormBody, IdText, SlugParams } from '../../core/http/schemas.ts';
import { h } from 'preact';
import Type from 'typebox';
import type { Deps } from '../../core/deps.ts';
import { acceptedSubmissionLimit, PUBLIC_FORM_ACCEPTED, PUBLIC_FORM_FLOOD } from '../../core/http/submission-limit.ts';
import { AppError } from '../../core/http/errors.ts';
import { IdParam, IdPathParam } from '../../core/http/ids.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import { getCenter, getCenterById } from '../centers/index.ts';
import { presentCenter } from '../centers/index.ts';
import { consoleNav } from '../console/index.ts';
import * as svc from './service.ts';
import { ABOUT, CLASSIFICATIONS, CODE_RE } from './model.ts';
import {
  FeedbackFormPage,
  FeedbackSentPage,
  FeedbackStatusPage,
  PublishedPage,
  type FeedbackForm,
} from './pages/public.tsx';
import { FeedbackItemPage, FeedbackListPage, ObstaclesPage } from './pages/console.tsx';

const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }),
});
const Obj = Type.Object({}, { additionalProperties: true });
const Slug = Type.Object({ slug: Type.String({ maxLength: 100 }) });
/** Rejected attempts count only towards the flood guard; accepted ones towards `accepted` (decision 026). */
const PUBLIC_POST_LIMIT = PUBLIC_FORM_FLOOD;

function str(v: unknown, max: number): string {
  const s = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof s === 'string' ? s.normalize('NFC').trim().slice(0, max) : '';
}

const emptyForm: FeedbackForm = {
  about: '',
  procedureCode: '',
  dossierCode: '',
  content: '',
  anonymous: false,
  name: '',
  phone: '',
  email: '',
};

const noIndex = (reply: FastifyReply) =>
  reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex, nofollow');

/** Accepted public submissions per client (decision 026): one counter per app, shared by the public forms. */
type Accepted = ReturnType<typeof acceptedSubmissionLimit>;

async function formPage(
  deps: Deps,
  req: FastifyRequest<{ Params: { slug: string } }>,
  reply: FastifyReply,
  form: FeedbackForm,
  errors: string[],
  status: number,
) {
  const m = await svc.feedbackFormModel(deps, req.params.slug);
  return sendPage(
    reply,
    h(FeedbackFormPage, {
      lang: req.lang,
      path: req.url,
      center: presentCenter(m.center),
      csrf: req.csrfToken,
      stamp: m.stamp,
      procedures: m.procedures,
      form,
      errors,
    }),
    status,
  );
}

async function statusPage(
  deps: Deps,
  req: FastifyRequest<{ Params: { slug: string; code: string } }>,
  reply: FastifyReply,
  errors: string[],
  infoSent: boolean,
  status: number,
) {
  const { slug, code } = req.params;
  const r = await svc.feedbackStatusModel(deps, slug, code);
  noIndex(reply);
  return sendPage(
    reply,
    h(FeedbackStatusPage, {
      lang: req.lang,
      path: req.url,
      center: presentCenter(r.center),
      csrf: req.csrfToken,
      stamp: r.stamp,
      f: r.feedback,
      errors,
      infoSent,
    }),
    status,
  );
}

async function itemPage(
  deps: Deps,
  req: FastifyRequest<{ Params: { id: string }; Querystring: Record<string, unknown> }>,
  reply: FastifyReply,
  errors: string[],
  status: number,
) {
  const actor = requireActor(req);
  const center = await getCenterById(deps, actor.homeCenterId);
  const r = await svc.getFeedback(deps, actor, center.slug, Number(req.params.id));
  const ok = str(req.query.ok, 2) === '1';
  return sendPage(
    reply,
    h(FeedbackItemPage, {
      lang: req.lang,
      path: req.url,
      csrf: req.csrfToken ?? '',
      userName: actor.fullName,
      centerName: center.name,
      nav: consoleNav(req.lang, actor, '/console/feedback'),
      f: r.item,
      staff: r.staff,
      ok,
      errors,
    }),
    status,
  );
}

async function obstaclesPage(
  deps: Deps,
  req: FastifyRequest<{ Querystring: Record<string, unknown> }>,
  reply: FastifyReply,
  errors: string[],
  status: number,
) {
  const actor = requireActor(req);
  const center = await getCenterById(deps, actor.homeCenterId);
  const r = await svc.listObstacles(deps, actor, center.slug);
  const ok = str(req.query.ok, 20);
  return sendPage(
    reply,
    h(ObstaclesPage, {
      lang: req.lang,
      path: req.url,
      csrf: req.csrfToken ?? '',
      userName: actor.fullName,
      centerName: center.name,
      nav: consoleNav(req.lang, actor, '/console/obstacles'),
      items: r.items,
      all: r.all,
      ok: ok === 'raised' || ok === 'answered' ? ok : null,
      errors,
    }),
    status,
  );
}

/** The public form: show, send. */
function registerFeedbackForm(app: FastifyInstance, deps: Deps, accepted: Accepted): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/:slug/phan-anh',
    { schema: { hide: true, params: SlugParams, querystring: AnyQuery } },
    async (req, reply) => {
      const q = req.query;
      return formPage(
        deps,
        req,
        reply,
        { ...emptyForm, procedureCode: str(q['thu-tuc'], 40), dossierCode: str(q['ma-ho-so'], 40) },
        [],
        200,
      );
    },
  );

  r.post(
    '/:slug/phan-anh',
    {
      schema: { hide: true, params: SlugParams, querystring: AnyQuery, body: FormBody },
      config: { rateLimit: PUBLIC_POST_LIMIT },
    },
    async (req, reply) => {
      const slug = req.params.slug;
      const b = req.body ?? {};
      const form: FeedbackForm = {
        about: str(b['ve-viec'], 20),
        procedureCode: str(b['thu-tuc'], 40),
        dossierCode: str(b['ma-ho-so'], 40),
        content: str(b['noi-dung'], 5000),
        anonymous: str(b['an-danh'], 2) === '1',
        name: str(b['ho-ten'], 120),
        phone: str(b['dien-thoai'], 20),
        email: str(b['thu-dien-tu'], 120),
      };
      accepted.assertRoom(req);
      try {
        const r = await svc.submitFeedback(deps, slug, {
          about: form.about,
          procedureCode: form.procedureCode,
          dossierCode: form.dossierCode,
          content: form.content,
          anonymous: form.anonymous,
          name: form.name,
          phone: form.phone,
          email: form.email,
          stamp: str(b._t, 100),
          honeypot: b[svc.HONEYPOT],
        });
        accepted.record(req);
        const center = await getCenter(deps, slug);
        noIndex(reply);
        return sendPage(
          reply,
          h(FeedbackSentPage, {
            lang: req.lang,
            path: req.url,
            center: presentCenter(center),
            code: r.code,
            due: r.handleDueAt,
          }),
          201,
        );
      } catch (e) {
        if (e instanceof AppError && e.code === 'VALIDATION_FAILED')
          return formPage(
            deps,
            req,
            reply,
            form,
            e.details.map((d) => d[req.lang]),
            400,
          );
        throw e;
      }
    },
  );
}

/** Published answers, the status lookup and a feedback's public status (with the "more information" reply). */
function registerFeedbackPublicStatus(app: FastifyInstance, deps: Deps, accepted: Accepted): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/:slug/phan-anh/da-tra-loi',
    { schema: { hide: true, params: SlugParams, querystring: AnyQuery } },
    async (req, reply) => {
      const r = await svc.publishedAnswers(deps, req.params.slug);
      return sendPage(
        reply,
        h(PublishedPage, { lang: req.lang, path: req.url, center: presentCenter(r.center), items: r.items }),
      );
    },
  );

  r.get(
    '/:slug/phan-anh/tra-cuu',
    { schema: { hide: true, params: SlugParams, querystring: AnyQuery } },
    async (req, reply) => {
      const slug = req.params.slug;
      const code = str(req.query.ma, 20).toUpperCase();
      await getCenter(deps, slug);
      return reply.redirect(CODE_RE.test(code) ? `/${slug}/phan-anh/${code}` : `/${slug}/phan-anh`, 303);
    },
  );

  r.get(
    '/:slug/phan-anh/:code',
    {
      schema: { hide: true, params: Type.Object({ slug: Type.String(), code: Type.String() }), querystring: AnyQuery },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => statusPage(deps, req, reply, [], false, 200),
  );

  r.post(
    '/:slug/phan-anh/:code',
    {
      schema: {
        hide: true,
        params: Type.Object({ slug: Type.String(), code: Type.String() }),
        querystring: AnyQuery,
        body: FormBody,
      },
      config: { rateLimit: PUBLIC_POST_LIMIT },
    },
    async (req, reply) => {
      const { slug, code } = req.params;
      const b = req.body ?? {};
      accepted.assertRoom(req);
      try {
        await svc.replyInfo(deps, slug, code, {
          text: str(b['bo-sung'], 5000),
          stamp: str(b._t, 100),
          honeypot: b[svc.HONEYPOT],
        });
        accepted.record(req);
        return statusPage(deps, req, reply, [], true, 200);
      } catch (e) {
        if (e instanceof AppError && (e.code === 'VALIDATION_FAILED' || e.code === 'CONFLICT'))
          return statusPage(
            deps,
            req,
            reply,
            e.details.map((d) => d[req.lang]),
            false,
            e.status,
          );
        throw e;
      }
    },
  );
}

/** /console/feedback: the list, one item and its actions. */
function registerFeedbackConsole(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/feedback', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) => {
    const actor = requireActor(req);
    const center = await getCenterById(deps, actor.homeCenterId);
    const q = req.query;
    const filter = { status: str(q['trang-thai'], 20), overdue: str(q['qua-han'], 2) === '1' };
    const r = await svc.feedbackListModel(deps, actor, center, filter);
    return sendPage(
      reply,
      h(FeedbackListPage, {
        lang: req.lang,
        path: req.url,
        csrf: req.csrfToken ?? '',
        userName: actor.fullName,
        centerName: center.name,
        nav: consoleNav(req.lang, actor, '/console/feedback'),
        items: r.items,
        overdue: r.overdue,
        filter,
      }),
    );
  });

  r.get(
    '/console/feedback/:id',
    { schema: { hide: true, params: IdText, querystring: AnyQuery } },
    async (req, reply) => itemPage(deps, req, reply, [], 200),
  );

  r.post(
    '/console/feedback/:id',
    { schema: { hide: true, params: IdText, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const actor = requireActor(req);
      const center = await getCenterById(deps, actor.homeCenterId);
      const id = Number(req.params.id);
      const b = req.body ?? {};
      try {
        await svc.actOnFeedback(deps, actor, center.slug, id, str(b.action, 20), {
          classification: str(b.classification, 20),
          topic: str(b.topic, 200),
          assignee: str(b.assignee, 12),
          text: str(b.text, 5000),
          reason: str(b.reason, 2000),
          publish: str(b.publish, 2),
          version: str(b.version, 12),
        });
        return reply.redirect(`/console/feedback/${id}?ok=1`, 303);
      } catch (e) {
        if (e instanceof AppError && (e.code === 'VALIDATION_FAILED' || e.code === 'CONFLICT'))
          return itemPage(
            deps,
            req,
            reply,
            e.details.length ? e.details.map((d) => d[req.lang]) : [e.message],
            e.status,
          );
        throw e;
      }
    },
  );
}

/** /console/obstacles: the list, raising and answering one. */
function registerObstacleConsole(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/obstacles', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    obstaclesPage(deps, req, reply, [], 200),
  );

  r.post(
    '/console/obstacles',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const actor = requireActor(req);
      const center = await getCenterById(deps, actor.homeCenterId);
      const b = req.body ?? {};
      try {
        await svc.raiseObstacle(deps, actor, center.slug, {
          title: str(b['tieu-de'], 200),
          content: str(b['noi-dung'], 5000),
        });
        return reply.redirect('/console/obstacles?ok=raised', 303);
      } catch (e) {
        if (e instanceof AppError && (e.code === 'VALIDATION_FAILED' || e.code === 'CONFLICT'))
          return obstaclesPage(
            deps,
            req,
            reply,
            e.details.map((d) => d[req.lang]),
            e.status,
          );
        throw e;
      }
    },
  );

  r.post(
    '/console/obstacles/:id/answer',
    { schema: { hide: true, params: IdText, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const actor = requireActor(req);
      const center = await getCenterById(deps, actor.homeCenterId);
      const b = req.body ?? {};
      try {
        await svc.answerObstacle(deps, actor, center.slug, Number(req.params.id), {
          answer: str(b.answer, 5000),
        });
        return reply.redirect('/console/obstacles?ok=answered', 303);
      } catch (e) {
        if (e instanceof AppError && (e.code === 'VALIDATION_FAILED' || e.code === 'CONFLICT'))
          return obstaclesPage(
            deps,
            req,
            reply,
            e.details.map((d) => d[req.lang]),
            e.status,
          );
        throw e;
      }
    },
  );
}

/** JSON API: the signed form stamp. */
function registerFeedbackStampApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/feedback/form-stamp',
    {
      schema: {
        operationId: 'feedbackFormStamp',
        tags: ['feedback'],
        summary:
          'A signed time stamp to send with a feedback (valid from 3 s to 2 h after issue); leave the honeypot field empty',
        params: Slug,
        response: {
          200: Type.Object({
            stamp: Type.String(),
            honeypot: Type.String(),
            minSeconds: Type.Integer(),
            maxSeconds: Type.Integer(),
          }),
          404: ErrorSchema,
        },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req) => {
      const center = await getCenter(deps, req.params.slug);
      return {
        stamp: await svc.formStamp(deps, center.id),
        honeypot: svc.HONEYPOT,
        minSeconds: svc.MIN_FILL_MS / 1000,
        maxSeconds: svc.MAX_FORM_AGE_MS / 1000,
      };
    },
  );
}

/** JSON API: sending a feedback. */
function registerFeedbackSubmitApi(app: FastifyInstance, deps: Deps, accepted: Accepted): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/api/v1/centers/:slug/feedback',
    {
      schema: {
        operationId: 'submitFeedback',
        tags: ['feedback'],
        summary:
          'File feedback (PAKN) from the public site: anonymous or with private contact details; needs a form stamp; 5 per 10 minutes per IP',
        params: Slug,
        body: Type.Object({
          about: Type.Enum(ABOUT),
          procedureCode: Type.Optional(Type.String({ maxLength: 40 })),
          dossierCode: Type.Optional(Type.String({ maxLength: 40 })),
          content: Type.String({ maxLength: 5000 }),
          anonymous: Type.Optional(Type.Boolean()),
          name: Type.Optional(Type.String({ maxLength: 120 })),
          phone: Type.Optional(Type.String({ maxLength: 20 })),
          email: Type.Optional(Type.String({ maxLength: 120 })),
          stamp: Type.String({ maxLength: 100 }),
          website: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        response: {
          201: Type.Object({ code: Type.String(), handleDueAt: Type.String(), statusUrl: Type.String() }),
          400: ErrorSchema,
          404: ErrorSchema,
          429: ErrorSchema,
        },
      },
      config: { rateLimit: PUBLIC_POST_LIMIT },
    },
    async (req, reply) => {
      const slug = req.params.slug;
      const b = req.body;
      accepted.assertRoom(req);
      const r = await svc.submitFeedback(deps, slug, {
        about: b.about,
        procedureCode: b.procedureCode,
        dossierCode: b.dossierCode,
        content: b.content,
        anonymous: b.anonymous,
        name: b.name,
        phone: b.phone,
        email: b.email,
        stamp: b.stamp,
        honeypot: b.website,
      });
      accepted.record(req);
      return reply.code(201).send({ ...r, statusUrl: `/${slug}/phan-anh/${r.code}` });
    },
  );
}

/** JSON API: published answers, a feedback's public status, the centre's list. */
function registerFeedbackPublicApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/feedback/published',
    {
      schema: {
        operationId: 'listPublishedFeedback',
        tags: ['feedback'],
        summary: 'Published answers, personal data masked',
        params: Slug,
        response: { 200: Type.Object({ items: Type.Array(Obj) }), 404: ErrorSchema },
      },
    },
    async (req) => ({ items: (await svc.publishedAnswers(deps, req.params.slug)).items }),
  );

  r.get(
    '/api/v1/centers/:slug/feedback/status/:code',
    {
      schema: {
        operationId: 'feedbackStatus',
        tags: ['feedback'],
        summary: 'Status of a feedback by its tracking code (masked)',
        params: Type.Object({ slug: Type.String({ maxLength: 100 }), code: Type.String({ maxLength: 20 }) }),
        response: { 200: Obj, 404: ErrorSchema, 429: ErrorSchema },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req) => {
      const { slug, code } = req.params;
      return (await svc.publicStatus(deps, slug, code)).feedback;
    },
  );

  r.get(
    '/api/v1/centers/:slug/feedback/items',
    {
      schema: {
        operationId: 'listFeedback',
        tags: ['feedback'],
        summary: 'Feedback of a centre with private contact details (feedback.handle); filter by status or overdue',
        security: [{ bearer: [] }],
        params: Slug,
        querystring: Type.Object({
          status: Type.Optional(Type.Enum(['received', 'info_requested', 'answered', 'refused'])),
          overdue: Type.Optional(Type.Boolean()),
        }),
        response: {
          200: Type.Object({ items: Type.Array(Obj), overdue: Type.Integer() }),
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
        },
      },
    },
    async (req) => {
      const slug = req.params.slug;
      const r = await svc.listFeedback(deps, req.actor, slug, req.query);
      return { items: r.items, overdue: await svc.overdueFeedbackCount(deps, r.center.id) };
    },
  );
}

/** JSON API: one item, its actions, the overdue count. */
function registerFeedbackItemApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/feedback/items/:id',
    {
      schema: {
        operationId: 'getFeedback',
        tags: ['feedback'],
        summary: 'One feedback item (feedback.handle; the read is logged)',
        security: [{ bearer: [] }],
        params: Type.Object({ slug: Type.String({ maxLength: 100 }), id: IdPathParam() }),
        response: { 200: Obj, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (req) => {
      const { slug, id } = req.params;
      return (await svc.getFeedback(deps, req.actor, slug, id)).item;
    },
  );

  r.post(
    '/api/v1/centers/:slug/feedback/items/:id/actions',
    {
      schema: {
        operationId: 'actOnFeedback',
        tags: ['feedback'],
        summary:
          'Handle a feedback item: classify {classification: tthc|behaviour, topic}, assign {assignee}, request_info {text}, refuse {reason}, answer {text, publish?}, publish, unpublish; 409 when not allowed in its status',
        security: [{ bearer: [] }],
        params: Type.Object({ slug: Type.String({ maxLength: 100 }), id: IdPathParam() }),
        body: Type.Object({
          action: Type.Enum(svc.FEEDBACK_ACTIONS),
          classification: Type.Optional(Type.Enum(CLASSIFICATIONS)),
          topic: Type.Optional(Type.String({ maxLength: 200 })),
          assignee: Type.Optional(IdParam()),
          text: Type.Optional(Type.String({ maxLength: 5000 })),
          reason: Type.Optional(Type.String({ maxLength: 2000 })),
          publish: Type.Optional(Type.Boolean()),
          version: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
        response: {
          200: Obj,
          400: ErrorSchema,
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
          409: ErrorSchema,
        },
      },
    },
    async (req) => {
      const { slug, id } = req.params;
      const b = req.body;
      return svc.actOnFeedback(deps, req.actor, slug, id, b.action, b);
    },
  );

  r.get(
    '/api/v1/centers/:slug/feedback/overdue-count',
    {
      schema: {
        operationId: 'overdueFeedbackCount',
        tags: ['feedback'],
        summary: 'Open feedback past its 15-working-day limit (feedback.handle)',
        security: [{ bearer: [] }],
        params: Slug,
        response: {
          200: Type.Object({ overdue: Type.Integer() }),
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
        },
      },
    },
    async (req) => {
      const r = await svc.listFeedback(deps, req.actor, req.params.slug, { overdue: true });
      return { overdue: await svc.overdueFeedbackCount(deps, r.center.id) };
    },
  );
}

/** JSON API: obstacles. */
function registerObstacleApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/obstacles',
    {
      schema: {
        operationId: 'listObstacles',
        tags: ['obstacles'],
        summary: 'Staff obstacles: all of them for the leadership (obstacles.read), one’s own otherwise',
        security: [{ bearer: [] }],
        params: Slug,
        response: {
          200: Type.Object({ items: Type.Array(Obj) }),
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
        },
      },
    },
    async (req) => ({ items: (await svc.listObstacles(deps, req.actor, req.params.slug)).items }),
  );

  r.post(
    '/api/v1/centers/:slug/obstacles',
    {
      schema: {
        operationId: 'raiseObstacle',
        tags: ['obstacles'],
        summary: 'Raise an obstacle to the centre’s leadership (any staff)',
        security: [{ bearer: [] }],
        params: Slug,
        body: Type.Object({ title: Type.String({ maxLength: 200 }), content: Type.String({ maxLength: 5000 }) }),
        response: {
          201: Type.Object({ id: Type.Integer() }),
          400: ErrorSchema,
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
        },
      },
    },
    async (req, reply) =>
      reply.code(201).send({
        id: await svc.raiseObstacle(deps, req.actor, req.params.slug, req.body),
      }),
  );

  r.post(
    '/api/v1/centers/:slug/obstacles/:id/answer',
    {
      schema: {
        operationId: 'answerObstacle',
        tags: ['obstacles'],
        summary: 'The leadership answers an obstacle (obstacles.read)',
        security: [{ bearer: [] }],
        params: Type.Object({ slug: Type.String({ maxLength: 100 }), id: IdPathParam() }),
        body: Type.Object({ answer: Type.String({ maxLength: 5000 }) }),
        response: {
          200: Obj,
          400: ErrorSchema,
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
          409: ErrorSchema,
        },
      },
    },
    async (req) => {
      const { slug, id } = req.params;
      return svc.answerObstacle(deps, req.actor, slug, id, req.body);
    },
  );
}

export function registerFeedbackRoutes(app: FastifyInstance, deps: Deps): void {
  const accepted = acceptedSubmissionLimit('feedback', PUBLIC_FORM_ACCEPTED);
  registerFeedbackForm(app, deps, accepted);
  registerFeedbackPublicStatus(app, deps, accepted);
  registerFeedbackConsole(app, deps);
  registerObstacleConsole(app, deps);
  registerFeedbackStampApi(app, deps);
  registerFeedbackSubmitApi(app, deps, accepted);
  registerFeedbackPublicApi(app, deps);
  registerFeedbackItemApi(app, deps);
  registerObstacleApi(app, deps);
}
