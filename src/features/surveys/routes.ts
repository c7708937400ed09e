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
import { can } from '../../core/auth/access.ts';
import { cookieOptions } from '../../core/auth/http.ts';
import { addDays, isLocalDate, toLocal } from '../../core/calendar/index.ts';
import { getCenter, getCenterById } from '../centers/index.ts';
import { presentCenter } from '../centers/index.ts';
import { consoleNav } from '../console/index.ts';
import * as svc from './service.ts';
import * as repo from './repo.ts';
import { CHANNELS, OVERALL, deviceOf, stageFromSlug, type SurveyChannel } from './model.ts';
import { KioskPage, SurveyPage, ThanksPage, type SurveyFormState } from './pages/public.tsx';
import { SurveysConsolePage } from './pages/console.tsx';

const KIOSK_COOKIE = 'mc_survey_kiosk';
const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }),
});
const Obj = Type.Object({}, { additionalProperties: true });
const Slug = Type.Object({ slug: Type.String({ maxLength: 100 }) });
const OK_FLASHES = new Set(['saved', 'assigned', 'resolved']);

function str(v: unknown, max: number): string {
  const s = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof s === 'string' ? s.normalize('NFC').trim().slice(0, max) : '';
}

/** A real 'YYYY-MM-DD' date between the years 2000 and 2100 (calendar arithmetic is safe on it). */
function saneDate(d: unknown): d is string {
  return isLocalDate(d) && d >= '2000-01-01' && d <= '2100-12-31';
}

/** Last day of a 'YYYY-MM' month. */
function monthRange(m: string): { from: string; to: string } {
  const from = `${m}-01`;
  const [y, mo] = m.split('-').map(Number) as [number, number];
  const next = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
}

function monthsBack(m: string, n: number): string {
  let [y, mo] = m.split('-').map(Number) as [number, number];
  mo -= n;
  while (mo < 1) {
    mo += 12;
    y -= 1;
  }
  return `${y}-${String(mo).padStart(2, '0')}`;
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

/** A page request: its query read field by field (`AnyQuery`). */
type QReq = FastifyRequest<{ Querystring: Record<string, unknown> }>;

/** A form post: query and fields read one by one (`AnyQuery`, `FormBody`). */
type FormReq = FastifyRequest<{ Querystring: Record<string, unknown>; Body: Record<string, unknown> | null }>;

export function registerSurveyRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const noIndex = (reply: FastifyReply) =>
    reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex, nofollow');

  // ---- Citizen's survey page ----

  async function surveyPage(
    req: FastifyRequest<{ Params: { slug: string } }>,
    reply: FastifyReply,
    form: SurveyFormState,
    errors: string[],
    status: number,
  ) {
    const center = await getCenter(deps, req.params.slug);
    noIndex(reply);
    let ctx: Awaited<ReturnType<typeof svc.surveyContext>> | null = null;
    let already: string | null = null;
    let notFound = false;
    let st = status;
    if (form.code || form.secret) {
      try {
        ctx = await svc.surveyContext(deps, center.slug, { code: form.code, secret: form.secret, stage: form.stage });
        if (ctx.alreadyRated) {
          already = svc.ALREADY_RATED[req.lang];
          st = 409;
        }
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        if (e.code === 'NOT_FOUND') {
          notFound = true;
          st = 404;
        } else if (e.code === 'CONFLICT') {
          already = e.details.map((d) => d[req.lang]).join(' ');
          st = 409;
        } else throw e;
      }
    }
    return sendPage(
      reply,
      h(SurveyPage, {
        lang: req.lang,
        path: req.url,
        center: presentCenter(center),
        csrf: req.csrfToken,
        ctx,
        form,
        errors,
        already,
        notFound,
      }),
      st,
    );
  }

  r.get(
    '/:slug/danh-gia',
    {
      schema: { hide: true, params: SlugParams, querystring: AnyQuery },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const q = req.query;
      return surveyPage(req, reply, formOf(q, channelOf(q.kenh)), [], 200);
    },
  );

  r.post(
    '/:slug/danh-gia',
    {
      schema: { hide: true, params: SlugParams, querystring: AnyQuery, body: FormBody },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const slug = req.params.slug;
      const b = req.body ?? {};
      const form = formOf(b, channelOf(b.kenh));
      try {
        const r = await svc.submitResponse(deps, slug, {
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
        const center = await getCenter(deps, slug);
        noIndex(reply);
        return sendPage(
          reply,
          h(ThanksPage, {
            lang: req.lang,
            path: req.url,
            center: presentCenter(center),
            code: form.code,
            stage: r.stage,
            low: r.followup,
          }),
        );
      } catch (e) {
        if (e instanceof AppError && e.code === 'VALIDATION_FAILED')
          return surveyPage(
            req,
            reply,
            form,
            e.details.map((d) => d[req.lang]),
            400,
          );
        if (e instanceof AppError && (e.code === 'CONFLICT' || e.code === 'NOT_FOUND'))
          return surveyPage(req, reply, form, [], e.status);
        throw e;
      }
    },
  );

  // ---- Counter tablet ----

  async function kioskPage(
    req: FastifyRequest<{ Params: { slug: string; counter: string } }>,
    reply: FastifyReply,
    form: SurveyFormState,
    errors: string[],
    already: string | null,
    status: number,
  ) {
    const { slug, counter } = req.params;
    const center = await getCenter(deps, slug);
    const unlocked = await svc.kioskCounter(deps, center, req.cookies[KIOSK_COOKIE]);
    noIndex(reply);
    const ok = unlocked !== null && unlocked === counter.normalize('NFC');
    const criteria = (await svc.criteriaOf(deps, center.id)).filter((c) => c.active);
    return sendPage(
      reply,
      h(KioskPage, {
        lang: req.lang,
        path: req.url,
        center: presentCenter(center),
        csrf: req.csrfToken,
        counter: ok ? unlocked : null,
        action: `/${center.slug}/danh-gia/quay/${encodeURIComponent(counter)}`,
        criteria,
        form,
        errors,
        already,
      }),
      ok ? status : 403,
    );
  }

  r.get(
    '/:slug/danh-gia/quay/:counter',
    {
      schema: {
        hide: true,
        params: Type.Object({ slug: Type.String(), counter: Type.String() }),
        querystring: AnyQuery,
      },
    },
    async (req, reply) => kioskPage(req, reply, formOf({}, 'tablet'), [], null, 200),
  );

  r.post(
    '/:slug/danh-gia/quay/:counter',
    {
      schema: {
        hide: true,
        params: Type.Object({ slug: Type.String(), counter: Type.String() }),
        querystring: AnyQuery,
        body: FormBody,
      },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { slug, counter } = req.params;
      const center = await getCenter(deps, slug);
      const unlocked = await svc.kioskCounter(deps, center, req.cookies[KIOSK_COOKIE]);
      const b = req.body ?? {};
      const form = formOf(b, 'tablet');
      if (unlocked === null || unlocked !== counter.normalize('NFC')) return kioskPage(req, reply, form, [], null, 403);
      const t =
        req.lang === 'vi' ? 'Nhập mã hồ sơ hoặc số phiếu xếp hàng.' : 'Enter a dossier code or a queue ticket number.';
      if (!form.code && !form.ticket) return kioskPage(req, reply, form, [t], null, 400);
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
        noIndex(reply);
        return sendPage(
          reply,
          h(ThanksPage, {
            lang: req.lang,
            path: req.url,
            center: presentCenter(center),
            code: form.code || null,
            stage: r.stage,
            low: r.followup,
            kioskBack: back,
          }),
        );
      } catch (e) {
        if (e instanceof AppError && e.code === 'VALIDATION_FAILED')
          return kioskPage(
            req,
            reply,
            form,
            e.details.map((d) => d[req.lang]),
            null,
            400,
          );
        if (e instanceof AppError && e.code === 'NOT_FOUND')
          return kioskPage(
            req,
            reply,
            form,
            e.details.map((d) => d[req.lang]),
            null,
            404,
          );
        if (e instanceof AppError && e.code === 'CONFLICT')
          return kioskPage(req, reply, formOf({}, 'tablet'), [], e.details.map((d) => d[req.lang]).join(' '), 409);
        throw e;
      }
    },
  );

  // ---- Console ----

  async function render(req: QReq, reply: FastifyReply, errors: string[] = [], status = 200) {
    const actor = requireActor(req);
    const center = await getCenterById(deps, actor.homeCenterId);
    const q = req.query;
    const asked = str(q.thang, 7);
    // A malformed or out-of-range month (year outside 2000–2100) falls back to the current month.
    const month =
      /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) && saneDate(`${asked}-01`) ? asked : toLocal(deps.now()).date.slice(0, 7);
    const results = await svc.surveyResults(deps, actor, center.slug, monthRange(month));
    const year = await svc.surveyResults(deps, actor, center.slug, {
      from: `${monthsBack(month, 11)}-01`,
      to: monthRange(month).to,
    });
    const settings = await svc.surveySettings(deps, actor, center.slug);
    const ok = str(q.ok, 20);
    return sendPage(
      reply,
      h(SurveysConsolePage, {
        lang: req.lang,
        path: req.url,
        csrf: req.csrfToken ?? '',
        userName: actor.fullName,
        centerName: center.name,
        nav: consoleNav(req.lang, actor, '/console/surveys'),
        month,
        results,
        year,
        followups: await svc.listFollowups(deps, actor, center.slug),
        staff: await svc.staffList(deps, center.id),
        criteria: settings.criteria,
        lowThresholdPct: settings.lowThresholdPct,
        canManage: can(actor, 'surveys.manage', center.id),
        canUnlock: can(actor, 'dossier.intake', center.id) || can(actor, 'surveys.manage', center.id),
        counters: (await repo.countersOf(deps.db, center.id)).map((c) => c.counter),
        ok: OK_FLASHES.has(ok) ? ok : null,
        errors,
      }),
      status,
    );
  }

  async function act(req: FormReq, reply: FastifyReply, fn: (slug: string) => Promise<string>) {
    const actor = requireActor(req);
    const center = await getCenterById(deps, actor.homeCenterId);
    try {
      return reply.redirect(`/console/surveys?ok=${await fn(center.slug)}`, 303);
    } catch (e) {
      if (e instanceof AppError && (e.code === 'VALIDATION_FAILED' || e.code === 'CONFLICT'))
        return render(req, reply, e.details.length ? e.details.map((d) => d[req.lang]) : [e.message], e.status);
      throw e;
    }
  }

  r.get('/console/surveys', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    render(req, reply),
  );

  r.post(
    '/console/surveys/criteria',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) =>
      act(req, reply, async (slug) => {
        const b = req.body ?? {};
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
        await svc.saveCriteria(deps, req.actor, slug, { criteria, lowThresholdPct: str(b.nguong, 4) });
        return 'saved';
      }),
  );

  r.post(
    '/console/surveys/followups/:id',
    { schema: { hide: true, params: IdText, querystring: AnyQuery, body: FormBody } },
    async (req, reply) =>
      act(req, reply, async (slug) => {
        const b = req.body ?? {};
        const id = req.params.id;
        const action = str(b.action, 20);
        await svc.updateFollowup(deps, req.actor, slug, id, {
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
    async (req, reply) => {
      const actor = requireActor(req);
      const center = await getCenterById(deps, actor.homeCenterId);
      const b = req.body ?? {};
      try {
        const k = await svc.kioskToken(deps, actor, center.slug, str(b.quay, 60));
        reply.setCookie(KIOSK_COOKIE, k.token, cookieOptions(deps, svc.KIOSK_HOURS * 3600));
        return reply.redirect(`/${center.slug}/danh-gia/quay/${encodeURIComponent(k.counter)}`, 303);
      } catch (e) {
        if (e instanceof AppError && e.code === 'VALIDATION_FAILED')
          return render(
            req,
            reply,
            e.details.map((d) => d[req.lang]),
            400,
          );
        throw e;
      }
    },
  );

  // ---- JSON API ----

  const CriterionSchema = Type.Object({
    code: Type.String(),
    kind: Type.Union([Type.Literal('indicator'), Type.Literal('conduct')]),
    vi: Type.String(),
    en: Type.String(),
    active: Type.Boolean(),
  });

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
      const bad = (['from', 'to'] as const).filter((k) => !saneDate(q[k]));
      if (bad.length)
        throw new AppError(
          'VALIDATION_FAILED',
          bad.map((field) => ({
            field,
            vi: 'Ngày phải là một ngày có thật dạng YYYY-MM-DD, trong khoảng năm 2000–2100.',
            en: 'The date must be a real date YYYY-MM-DD between the years 2000 and 2100.',
          })),
        );
      if (q.to < q.from)
        throw new AppError('VALIDATION_FAILED', [
          {
            field: 'to',
            vi: 'Ngày kết thúc phải từ ngày bắt đầu trở đi.',
            en: 'The end date must not be before the start date.',
          },
        ]);
      if (addDays(q.from, 400) < q.to)
        throw new AppError('RANGE_TOO_LARGE', [
          { field: 'to', vi: 'Khoảng thời gian tối đa 400 ngày.', en: 'The period is at most 400 days.' },
        ]);
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
