/**
 * Surveys over HTTP: the citizen's survey page (/<centre>/danh-gia, reached from the receipt's QR,
 * the result-ready message and the lookup page), the counter tablet (/<centre>/danh-gia/quay/<counter>,
 * unlocked from the console with a signed cookie), the console (/console/surveys) and the JSON API.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AnyQuery, FormBody, IdText, SlugParams } from '../../core/http/schemas.ts';
import { h } from 'preact';
import Type from 'typebox';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { IdParam, IdPathParam } from '../../core/http/ids.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import { cookieOptions } from '../../core/auth/http.ts';
import { getCenter, getCenterById } from '../centers/index.ts';
import { presentCenter } from '../centers/index.ts';
import { consoleNav } from '../console/index.ts';
import * as svc from './service.ts';
import {
  CHANNELS,
  OVERALL,
  checkResultsPeriod,
  deviceOf,
  stageFromSlug,
  type Stage,
  type SurveyChannel,
} from './model.ts';
import { KioskPage, SurveyPage, ThanksPage, type SurveyFormState } from './pages/public.tsx';
import { SurveysConsolePage } from './pages/console.tsx';

const KIOSK_COOKIE = 'mc_survey_kiosk';
const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }),
});
const Obj = Type.Object({}, { additionalProperties: true });
const Slug = Type.Object({ slug: Type.String({ maxLength: 100 }) });
const OK_FLASHES = new Set(['saved', 'assigned', 'resolved']);
const CriterionSchema = Type.Object({
  code: Type.String(),
  kind: Type.Union([Type.Literal('indicator'), Type.Literal('conduct')]),
  vi: Type.String(),
  en: Type.String(),
  active: Type.Boolean(),
});

function str(v: unknown, max: number): string {
  const s = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof s === 'string' ? s.normalize('NFC').trim().slice(0, max) : '';
}

function formOf(src: Record<string, unknown>, channel: string): SurveyFormState {
  const scores = Object.create(null) as Record<string, string>; // keys come from the form: no prototype
  for (const [k, v] of Object.entries(src)) if (k.startsWith('tc-')) scores[k.slice(3)] = str(v, 20);
  return {
    code: str(src.ma, 40),
    secret: str(src['bi-mat'], 16),
    ticket: str(src.ve, 20),
    channel,
    stage: stageFromSlug(str(src.buoc, 20)),
    overall: str(src['muc-do'], 20),
    scores,
    comment: str(src['gop-y'], 1000),
  };
}

function channelOf(v: unknown): SurveyChannel {
  const c = str(v, 10);
  return c === 'qr' || c === 'link' || c === 'web' ? c : 'web';
}

/** The criteria form's rows (vi_0…vi_59; rows without a Vietnamese text are dropped). */
function criteriaOfForm(b: Record<string, unknown>): Record<string, unknown>[] {
  const criteria: Record<string, unknown>[] = [];
  for (let i = 0; i < 60; i++) {
    if (!(`vi_${i}` in b)) continue;
    const vi = str(b[`vi_${i}`], 300);
    if (!vi) continue;
    criteria.push({
      code: str(b[`code_${i}`], 40),
      kind: str(b[`kind_${i}`], 20),
      vi,
      en: str(b[`en_${i}`], 300),
      active: str(b[`active_${i}`], 2) === '1',
    });
  }
  return criteria;
}

const noIndex = (reply: FastifyReply) =>
  reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex, nofollow');

/** A page request: its query read field by field (`AnyQuery`). */
type QReq = FastifyRequest<{ Querystring: Record<string, unknown> }>;

/** A form post: query and fields read one by one (`AnyQuery`, `FormBody`). */
type FormReq = FastifyRequest<{ Querystring: Record<string, unknown>; Body: Record<string, unknown> | null }>;

type SlugReq = FastifyRequest<{ Params: { slug: string } }>;
type KioskReq = FastifyRequest<{ Params: { slug: string; counter: string } }>;

// ---- Citizen's survey page ----

async function surveyPage(
  deps: Deps,
  req: SlugReq,
  reply: FastifyReply,
  form: SurveyFormState,
  errors: string[],
  status: number,
) {
  const m = await svc.surveyPageModel(deps, req.params.slug, form, req.lang, status);
  noIndex(reply);
  return sendPage(
    reply,
    h(SurveyPage, {
      lang: req.lang,
      path: req.url,
      center: presentCenter(m.center),
      csrf: req.csrfToken,
      ctx: m.ctx,
      form,
      errors,
      already: m.already,
      notFound: m.notFound,
    }),
    m.status,
  );
}

async function thanksPage(
  deps: Deps,
  req: SlugReq,
  reply: FastifyReply,
  p: { code: string | null; stage: Stage; low: boolean; kioskBack?: string },
) {
  const center = await getCenter(deps, req.params.slug);
  noIndex(reply);
  return sendPage(reply, h(ThanksPage, { lang: req.lang, path: req.url, center: presentCenter(center), ...p }));
}

async function submitSurvey(deps: Deps, req: SlugReq & { body: Record<string, unknown> | null }, reply: FastifyReply) {
  const b = req.body ?? {};
  const form = formOf(b, channelOf(b.kenh));
  try {
    const r = await svc.submitResponse(deps, req.params.slug, {
      code: form.code,
      secret: form.secret,
      ticket: form.ticket || undefined,
      stage: form.stage,
      channel: form.channel as SurveyChannel,
      device: deviceOf(req.headers['user-agent']),
      overall: form.overall,
      scores: form.scores,
      comment: form.comment,
    });
    return thanksPage(deps, req, reply, { code: form.code, stage: r.stage, low: r.followup });
  } catch (e) {
    if (e instanceof AppError && e.code === 'VALIDATION_FAILED')
      return surveyPage(
        deps,
        req,
        reply,
        form,
        e.details.map((d) => d[req.lang]),
        400,
      );
    if (e instanceof AppError && (e.code === 'CONFLICT' || e.code === 'NOT_FOUND'))
      return surveyPage(deps, req, reply, form, [], e.status);
    throw e;
  }
}

function registerSurveyPublicPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/:slug/danh-gia',
    {
      schema: { hide: true, params: SlugParams, querystring: AnyQuery },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => surveyPage(deps, req, reply, formOf(req.query, channelOf(req.query.kenh)), [], 200),
  );
  r.post(
    '/:slug/danh-gia',
    {
      schema: { hide: true, params: SlugParams, querystring: AnyQuery, body: FormBody },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => submitSurvey(deps, req, reply),
  );
}

// ---- Counter tablet ----

async function kioskPage(
  deps: Deps,
  req: KioskReq,
  reply: FastifyReply,
  form: SurveyFormState,
  errors: string[],
  already: string | null,
  status: number,
) {
  const { slug, counter } = req.params;
  const m = await svc.kioskPageModel(deps, slug, counter, req.cookies[KIOSK_COOKIE]);
  noIndex(reply);
  return sendPage(
    reply,
    h(KioskPage, {
      lang: req.lang,
      path: req.url,
      center: presentCenter(m.center),
      csrf: req.csrfToken,
      counter: m.counter,
      action: `/${m.center.slug}/danh-gia/quay/${encodeURIComponent(counter)}`,
      criteria: m.criteria,
      form,
      errors,
      already,
    }),
    m.counter !== null ? status : 403,
  );
}

async function submitKiosk(deps: Deps, req: KioskReq & { body: Record<string, unknown> | null }, reply: FastifyReply) {
  const { slug, counter } = req.params;
  const center = await getCenter(deps, slug);
  const unlocked = await svc.kioskCounter(deps, center, req.cookies[KIOSK_COOKIE]);
  const form = formOf(req.body ?? {}, 'tablet');
  if (unlocked === null || unlocked !== counter.normalize('NFC'))
    return kioskPage(deps, req, reply, form, [], null, 403);
  const t =
    req.lang === 'vi' ? 'Nhập mã hồ sơ hoặc số phiếu xếp hàng.' : 'Enter a dossier code or a queue ticket number.';
  if (!form.code && !form.ticket) return kioskPage(deps, req, reply, form, [t], null, 400);
  try {
    const r = await svc.submitResponse(deps, slug, {
      code: form.code || undefined,
      ticket: form.ticket || undefined,
      stage: null,
      channel: 'tablet',
      device: deviceOf(req.headers['user-agent']),
      overall: form.overall,
      scores: form.scores,
      comment: form.comment,
      counter: unlocked,
      trusted: true,
    });
    const back = `/${center.slug}/danh-gia/quay/${encodeURIComponent(counter)}${req.lang === 'en' ? '?lang=en' : ''}`;
    return thanksPage(deps, req, reply, { code: form.code || null, stage: r.stage, low: r.followup, kioskBack: back });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const msgs = e.details.map((d) => d[req.lang]);
    if (e.code === 'VALIDATION_FAILED') return kioskPage(deps, req, reply, form, msgs, null, 400);
    if (e.code === 'NOT_FOUND') return kioskPage(deps, req, reply, form, msgs, null, 404);
    if (e.code === 'CONFLICT') return kioskPage(deps, req, reply, formOf({}, 'tablet'), [], msgs.join(' '), 409);
    throw e;
  }
}

function registerSurveyKiosk(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const params = Type.Object({ slug: Type.String(), counter: Type.String() });
  r.get(
    '/:slug/danh-gia/quay/:counter',
    { schema: { hide: true, params, querystring: AnyQuery } },
    async (req, reply) => kioskPage(deps, req, reply, formOf({}, 'tablet'), [], null, 200),
  );
  r.post(
    '/:slug/danh-gia/quay/:counter',
    {
      schema: { hide: true, params, querystring: AnyQuery, body: FormBody },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (req, reply) => submitKiosk(deps, req, reply),
  );
}

// ---- Console ----

async function consolePage(deps: Deps, req: QReq, reply: FastifyReply, errors: string[] = [], status = 200) {
  const actor = requireActor(req);
  const { center, ...m } = await svc.surveysConsoleModel(deps, actor, str(req.query.thang, 7));
  const ok = str(req.query.ok, 20);
  return sendPage(
    reply,
    h(SurveysConsolePage, {
      lang: req.lang,
      path: req.url,
      csrf: req.csrfToken ?? '',
      userName: actor.fullName,
      centerName: center.name,
      nav: consoleNav(req.lang, actor, '/console/surveys'),
      ...m,
      ok: OK_FLASHES.has(ok) ? ok : null,
      errors,
    }),
    status,
  );
}

async function consoleAction(deps: Deps, req: FormReq, reply: FastifyReply, fn: (slug: string) => Promise<string>) {
  const actor = requireActor(req);
  const center = await getCenterById(deps, actor.homeCenterId);
  try {
    return reply.redirect(`/console/surveys?ok=${await fn(center.slug)}`, 303);
  } catch (e) {
    if (e instanceof AppError && (e.code === 'VALIDATION_FAILED' || e.code === 'CONFLICT'))
      return consolePage(
        deps,
        req,
        reply,
        e.details.length ? e.details.map((d) => d[req.lang]) : [e.message],
        e.status,
      );
    throw e;
  }
}

async function unlockKiosk(deps: Deps, req: FormReq, reply: FastifyReply) {
  const actor = requireActor(req);
  const center = await getCenterById(deps, actor.homeCenterId);
  const b = req.body ?? {};
  try {
    const k = await svc.kioskToken(deps, actor, center.slug, str(b.quay, 60));
    reply.setCookie(KIOSK_COOKIE, k.token, cookieOptions(deps, svc.KIOSK_HOURS * 3600));
    return reply.redirect(`/${center.slug}/danh-gia/quay/${encodeURIComponent(k.counter)}`, 303);
  } catch (e) {
    if (e instanceof AppError && e.code === 'VALIDATION_FAILED')
      return consolePage(
        deps,
        req,
        reply,
        e.details.map((d) => d[req.lang]),
        400,
      );
    throw e;
  }
}

function registerSurveyConsole(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/surveys', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    consolePage(deps, req, reply),
  );
  r.post(
    '/console/surveys/criteria',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) =>
      consoleAction(deps, req, reply, async (slug) => {
        const b = req.body ?? {};
        await svc.saveCriteria(deps, req.actor, slug, {
          criteria: criteriaOfForm(b),
          lowThresholdPct: str(b.nguong, 4),
        });
        return 'saved';
      }),
  );
  r.post(
    '/console/surveys/followups/:id',
    { schema: { hide: true, params: IdText, querystring: AnyQuery, body: FormBody } },
    async (req, reply) =>
      consoleAction(deps, req, reply, async (slug) => {
        const b = req.body ?? {};
        const action = str(b.action, 20);
        await svc.updateFollowup(deps, req.actor, slug, req.params.id, {
          action,
          assignee: str(b.assignee, 12),
          note: str(b.note, 2000),
        });
        return action === 'assign' ? 'assigned' : 'resolved';
      }),
  );
  r.post(
    '/console/surveys/kiosk',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => unlockKiosk(deps, req, reply),
  );
}

// ---- JSON API ----

/** The criteria: read (public) and replace (surveys.manage). */
function registerSurveyCriteriaApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/surveys/criteria',
    {
      schema: {
        operationId: 'listSurveyCriteria',
        tags: ['surveys'],
        summary: 'The centre’s survey criteria (public: what the survey form asks)',
        params: Slug,
        response: { 200: Type.Object({ items: Type.Array(CriterionSchema) }), 404: ErrorSchema },
      },
    },
    async (req) => {
      const center = await getCenter(deps, req.params.slug);
      return { items: await svc.criteriaOf(deps, center.id) };
    },
  );

  r.put(
    '/api/v1/centers/:slug/surveys/criteria',
    {
      schema: {
        operationId: 'saveSurveyCriteria',
        tags: ['surveys'],
        summary: 'Replace the survey criteria and the low-score threshold (surveys.manage)',
        security: [{ bearer: [] }],
        params: Slug,
        body: Type.Object({
          criteria: Type.Array(
            Type.Object({
              code: Type.Optional(Type.String({ maxLength: 40 })),
              kind: Type.Optional(Type.Union([Type.Literal('indicator'), Type.Literal('conduct')])),
              vi: Type.String({ minLength: 1, maxLength: 300 }),
              en: Type.Optional(Type.String({ maxLength: 300 })),
              active: Type.Optional(Type.Boolean()),
            }),
            { maxItems: 40 },
          ),
          lowThresholdPct: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(CriterionSchema), lowThresholdPct: Type.Integer() }),
          400: ErrorSchema,
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
        },
      },
    },
    async (req) => {
      const slug = req.params.slug;
      const b = req.body;
      await svc.saveCriteria(deps, req.actor, slug, { criteria: b.criteria, lowThresholdPct: b.lowThresholdPct });
      const s = await svc.surveySettings(deps, req.actor, slug);
      return { items: s.criteria, lowThresholdPct: s.lowThresholdPct };
    },
  );
}

/** A citizen's rating. */
function registerSurveyResponseApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/api/v1/centers/:slug/surveys/responses',
    {
      schema: {
        operationId: 'submitSurveyResponse',
        tags: ['surveys'],
        summary:
          'A citizen’s rating of a dossier (code + the receipt’s lookup code), once per dossier and stage; 409 for a second rating (nothing changes), 404 for an unknown code or another centre’s',
        params: Slug,
        body: Type.Object({
          code: Type.String({ minLength: 1, maxLength: 40 }),
          secret: Type.String({ minLength: 1, maxLength: 16 }),
          stage: Type.Optional(Type.Union([Type.Literal('receipt'), Type.Literal('result')])),
          channel: Type.Optional(Type.Enum(CHANNELS.filter((c) => c !== 'tablet'))),
          ticket: Type.Optional(Type.String({ maxLength: 20 })),
          overall: Type.Enum(OVERALL),
          scores: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.Enum(OVERALL))),
          comment: Type.Optional(Type.String({ maxLength: 1000 })),
        }),
        response: {
          201: Type.Object({ id: Type.Integer(), stage: Type.String(), followup: Type.Boolean() }),
          400: ErrorSchema,
          404: ErrorSchema,
          409: ErrorSchema,
          429: ErrorSchema,
        },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const b = req.body;
      const r = await svc.submitResponse(deps, req.params.slug, {
        code: b.code,
        secret: b.secret,
        stage: b.stage ?? null,
        channel: b.channel ?? 'web',
        ticket: b.ticket,
        device: deviceOf(req.headers['user-agent']),
        overall: b.overall,
        scores: b.scores,
        comment: b.comment,
      });
      return reply.code(201).send(r);
    },
  );
}

/** Results of a period (surveys.read). */
function registerSurveyResultsApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/surveys/results',
    {
      schema: {
        operationId: 'surveyResults',
        tags: ['surveys'],
        summary:
          'Results of a period (local days, at most 400): totals and per officer, counter, field, month, stage, channel (surveys.read)',
        security: [{ bearer: [] }],
        params: Slug,
        querystring: Type.Object({ from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) }),
        response: { 200: Obj, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (req) => {
      const q = req.query;
      checkResultsPeriod(q);
      const r = await svc.surveyResults(deps, req.actor, req.params.slug, q);
      return {
        from: q.from,
        to: q.to,
        total: r.total,
        byOfficer: r.byOfficer,
        byCounter: r.byCounter,
        byField: r.byField,
        byMonth: r.byMonth,
        byStage: r.byStage,
        byChannel: r.byChannel,
      };
    },
  );
}

/** The follow-ups of low ratings: list, assign, resolve. */
function registerSurveyFollowupApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/surveys/followups',
    {
      schema: {
        operationId: 'listSurveyFollowups',
        tags: ['surveys'],
        summary: 'Follow-up tasks opened by low ratings (surveys.read); the viewer’s own ratings are left out',
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
    async (req) => ({
      items: (await svc.listFollowups(deps, req.actor, req.params.slug)).map(({ ownRating: _o, ...f }) => f),
    }),
  );

  r.post(
    '/api/v1/centers/:slug/surveys/followups/:id',
    {
      schema: {
        operationId: 'updateSurveyFollowup',
        tags: ['surveys'],
        summary: 'Assign (assignee = user id) or resolve (note required) a follow-up task (surveys.manage)',
        security: [{ bearer: [] }],
        params: Type.Object({ slug: Type.String({ maxLength: 100 }), id: IdPathParam() }),
        body: Type.Object({
          action: Type.Union([Type.Literal('assign'), Type.Literal('resolve')]),
          assignee: Type.Optional(IdParam()),
          note: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
        response: {
          200: Type.Object({ id: Type.Integer(), status: Type.String() }),
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
      await svc.updateFollowup(deps, req.actor, slug, id, b);
      return { id, status: b.action === 'assign' ? 'assigned' : 'resolved' };
    },
  );
}

export function registerSurveyRoutes(app: FastifyInstance, deps: Deps): void {
  registerSurveyPublicPages(app, deps);
  registerSurveyKiosk(app, deps);
  registerSurveyConsole(app, deps);
  registerSurveyCriteriaApi(app, deps);
  registerSurveyResponseApi(app, deps);
  registerSurveyResultsApi(app, deps);
  registerSurveyFollowupApi(app, deps);
}
