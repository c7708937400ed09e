/**
 * Home service over HTTP.
 *
 * Public (no account; JS-free; before the centre catch-all):
 *   GET  /<slug>/ho-tro-tai-nha              the request form (signed timestamp, honeypot)
 *   POST /<slug>/ho-tro-tai-nha              rate limited per IP → 303 to the confirmation
 *   GET  /<slug>/ho-tro-tai-nha/da-gui?ma=   the confirmation (code, needs, phone's last digits)
 * Console:
 *   /console/home-service                    month figures, requests, new request (phone / dossier)
 *   /console/home-service/requests/:id       request, visits, scheduling, cancel
 *   /console/home-service/day?date=&officer= the day list (print CSS) and day.pdf
 *   /console/home-service/visits/:id         the visit record (multipart, optional photo)
 *   /console/home-service/register[/:id]     the register (care.register.*)
 * JSON API under /api/v1/centers/:slug/home-service/… and /api/v1/centers/:slug/care-register/….
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AnyQuery, FormBody, IdText, SlugParams } from '../../core/http/schemas.ts';
import { h } from 'preact';
import Type from 'typebox';
import type { Deps } from '../../core/deps.ts';
import { authorizeCenter } from '../../core/auth/authorize.ts';
import { acceptedSubmissionLimit, PUBLIC_FORM_FLOOD } from '../../core/http/submission-limit.ts';
import { AppError, type ErrorDetail } from '../../core/http/errors.ts';
import { IdParam, IdPathParam } from '../../core/http/ids.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import { can, type Actor } from '../../core/auth/access.ts';
import { translator, type Lang } from '../../core/http/i18n.ts';
import { daysInMonth, localDateOf, toIsoVn } from '../../core/calendar/index.ts';
import type { Center } from '../../core/db/schema.ts';
import { getCenter, getCenterById } from '../centers/index.ts';
import { presentCenter } from '../centers/index.ts';
import { consoleNav } from '../console/index.ts';
import type { FieldError, Shell } from '../dossiers/index.ts';
import * as svc from './service.ts';
import { homeServiceFigures } from './figures.ts';
import { checkFormToken, issueFormToken } from './form-token.ts';
import { homeMessages, publicHomeMessages } from './messages.ts';
import {
  CARE_CATEGORIES,
  CONSENT_METHODS,
  NEEDS,
  OUTCOMES,
  PUBLIC_RATE_ACCEPTED,
  RELATIONSHIPS,
  SLOTS,
  TASKS,
} from './model.ts';
import {
  blankPublicForm,
  PublicDonePage,
  PublicRequestPage,
  publicFormPath,
  type PublicForm,
} from './pages/public.tsx';
import {
  blankPersonForm,
  blankRequestForm,
  DayPage,
  HomeServicePage,
  PersonPage,
  RegisterPage,
  RequestPage,
  VisitPage,
  personHref,
  requestHref,
  visitHref,
  type PersonForm,
  type RequestForm,
  type ScheduleForm,
} from './pages/console.tsx';
import { HOME_SERVICE_CSS } from './style.ts';

const dayPdf = () => import('./day-pdf.ts');

const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }),
});
const Obj = Type.Object({}, { additionalProperties: true });
const Slug = Type.Object({ slug: Type.String({ maxLength: 100 }) });
const SlugId = Type.Object({ slug: Type.String({ maxLength: 100 }), id: IdPathParam() });
const errs = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const lit = <T extends string>(xs: readonly T[]) => Type.Enum(xs);
const vn = (iso: string | null) => (iso ? toIsoVn(new Date(iso)) : null);

/** A form field: the last value of a repeated string, NFC, trimmed. */
function field(body: Record<string, unknown>, name: string, max = 1000): string {
  const v = body[name];
  const s = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof s === 'string' ? s.normalize('NFC').trim().slice(0, max) : '';
}
function fieldList(body: Record<string, unknown>, name: string): string[] {
  const v = body[name];
  return (Array.isArray(v) ? v : [v])
    .filter((x): x is string => typeof x === 'string' && x !== '')
    .map((x) => x.slice(0, 40));
}
const toErrors = (d: ErrorDetail[], lang: Lang): FieldError[] => d.map((x) => ({ field: x.field, message: x[lang] }));
const isFormError = (e: unknown): e is AppError =>
  e instanceof AppError &&
  ['VALIDATION_FAILED', 'CONFLICT', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'].includes(e.code);
const withLang = (url: string, lang: Lang) => (lang === 'en' ? `${url}${url.includes('?') ? '&' : '?'}lang=en` : url);

/** A page request: its query read field by field (`AnyQuery`). */
type QReq = FastifyRequest<{ Querystring: Record<string, unknown> }>;

export function registerHomeServiceRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const today = () => localDateOf(deps.now());

  r.get('/console/home-service/style.css', { schema: { hide: true, querystring: AnyQuery } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(HOME_SERVICE_CSS),
  );

  // ---------------------------------------------------------------------------------------------
  // Public form

  async function publicForm(
    req: FastifyRequest<{ Querystring: Record<string, unknown> }>,
    reply: FastifyReply,
    center: Center,
    form: PublicForm,
    errors: FieldError[],
    status: number,
  ) {
    reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');
    const token = await issueFormToken(deps, center.slug);
    return sendPage(
      reply,
      h(PublicRequestPage, {
        lang: req.lang,
        path: req.url,
        center: presentCenter(center),
        csrf: req.csrfToken,
        token,
        today: today(),
        form,
        errors,
      }),
      status,
    );
  }

  r.get(
    '/:slug/ho-tro-tai-nha',
    {
      schema: { hide: true, params: SlugParams, querystring: AnyQuery },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const center = await getCenter(deps, req.params.slug);
      return publicForm(req, reply, center, blankPublicForm(), [], 200);
    },
  );

  // Only accepted requests count towards the 5 per 10 minutes; a form shown again with errors does not (decision 026).
  const accepted = acceptedSubmissionLimit('home-service', PUBLIC_RATE_ACCEPTED);
  r.post(
    '/:slug/ho-tro-tai-nha',
    {
      schema: { hide: true, params: SlugParams, querystring: AnyQuery, body: FormBody },
      config: { rateLimit: { ...PUBLIC_FORM_FLOOD } },
    },
    async (req, reply) => {
      accepted.assertRoom(req);
      const center = await getCenter(deps, req.params.slug);
      const t = translator(publicHomeMessages, req.lang);
      const b = req.body ?? {};
      const form: PublicForm = {
        personName: field(b, 'personName', 120),
        relationship: field(b, 'relationship', 20),
        requesterName: field(b, 'requesterName', 120),
        phone: field(b, 'phone', 30),
        address: field(b, 'address', 300),
        needs: fieldList(b, 'needs'),
        needsOther: field(b, 'needsOther', 500),
        preferredDate: field(b, 'preferredDate', 10),
        preferredSlot: field(b, 'preferredSlot', 20) || 'any',
        consent: field(b, 'consent', 5) === 'yes',
      };
      // Spam checks first: nothing is stored when one fails.
      if (field(b, 'website', 200) !== '')
        return publicForm(req, reply, center, form, [{ message: t('spamHoneypot') }], 400);
      const verdict = await checkFormToken(deps, center.slug, field(b, '_ts', 200));
      if (verdict !== 'ok')
        return publicForm(
          req,
          reply,
          center,
          form,
          [
            {
              message: t(
                verdict === 'too_fast' ? 'spamTooFast' : verdict === 'expired' ? 'spamExpired' : 'spamInvalid',
              ),
            },
          ],
          400,
        );
      try {
        const r = await svc.submitPublicRequest(deps, center.slug, { ...form, consent: form.consent ? 'yes' : '' });
        accepted.record(req);
        return reply.redirect(withLang(`${publicFormPath(center.slug)}/da-gui?ma=${r.code}`, req.lang), 303);
      } catch (e) {
        if (e instanceof AppError && e.code === 'VALIDATION_FAILED')
          return publicForm(req, reply, center, form, toErrors(e.details, req.lang), 400);
        throw e;
      }
    },
  );

  r.get(
    '/:slug/ho-tro-tai-nha/da-gui',
    {
      schema: { hide: true, params: SlugParams, querystring: AnyQuery },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const c = await svc.publicConfirmation(deps, req.params.slug, req.query.ma);
      reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex, nofollow');
      return sendPage(
        reply,
        h(PublicDonePage, {
          lang: req.lang,
          path: req.url,
          center: presentCenter(c.center),
          code: c.code,
          needs: c.needs,
          preferredDate: c.preferredDate,
          preferredSlot: c.preferredSlot,
          phoneEnd: c.phoneEnd,
        }),
      );
    },
  );

  // ---------------------------------------------------------------------------------------------
  // Console

  async function shellOf(req: QReq): Promise<{ actor: Actor; center: Center; shell: Shell }> {
    const actor = requireActor(req);
    const center = await getCenterById(deps, actor.homeCenterId);
    return {
      actor,
      center,
      shell: {
        lang: req.lang,
        path: req.url,
        csrf: req.csrfToken ?? '',
        userName: actor.fullName,
        centerName: center.name,
        nav: consoleNav(req.lang, actor, '/console/home-service'),
      },
    };
  }
  const flashOf = (req: QReq, allowed: string[]) => {
    const ok = req.query.ok;
    return typeof ok === 'string' && allowed.includes(ok) ? ok : null;
  };
  const tOf = (req: QReq) => translator(homeMessages, req.lang);

  async function overview(
    req: FastifyRequest<{ Querystring: Record<string, unknown> }>,
    reply: FastifyReply,
    form: RequestForm = blankRequestForm(),
    errors: FieldError[] = [],
    status = 200,
    flash: string | null = null,
  ) {
    const { actor, center, shell } = await shellOf(req);
    await authorizeCenter(deps, actor, center.slug, 'homeservice.visit');
    const first = `${today().slice(0, 8)}01`;
    const lastDay = `${first.slice(0, 8)}${String(daysInMonth(Number(first.slice(0, 4)), Number(first.slice(5, 7)))).padStart(2, '0')}`;
    const figures = await homeServiceFigures(deps, [center.id], { from: first, to: lastDay });
    const q = req.query;
    const st = typeof q.status === 'string' ? q.status : 'open';
    const manage = can(actor, 'homeservice.manage', center.id);
    const requests = manage
      ? await svc.listRequests(deps, actor, center.slug, { status: st === 'all' ? undefined : st })
      : null;
    return sendPage(
      reply,
      h(HomeServicePage, {
        ...shell,
        month: `${first.slice(5, 7)}/${first.slice(0, 4)}`,
        figures,
        requests,
        status: st,
        form,
        errors,
        flash,
        slug: center.slug,
        canRegister: can(actor, 'care.register.read', center.id),
        officerId: actor.userId,
        today: today(),
      }),
      status,
    );
  }

  r.get('/console/home-service', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) => {
    const ok = flashOf(req, ['created']);
    const code = req.query.code;
    return overview(
      req,
      reply,
      blankRequestForm(),
      [],
      200,
      ok && typeof code === 'string' ? tOf(req)('created', { code: code.slice(0, 12) }) : null,
    );
  });

  r.post(
    '/console/home-service/requests',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const { actor, center } = await shellOf(req);
      const b = req.body ?? {};
      const form: RequestForm = {
        dossierCode: field(b, 'dossierCode', 40),
        personName: field(b, 'personName', 120),
        relationship: field(b, 'relationship', 20),
        requesterName: field(b, 'requesterName', 120),
        phone: field(b, 'phone', 30),
        address: field(b, 'address', 300),
        needsOther: field(b, 'needsOther', 500),
        preferredDate: field(b, 'preferredDate', 10),
        preferredSlot: field(b, 'preferredSlot', 20),
        notes: field(b, 'notes', 1000),
        needs: fieldList(b, 'needs'),
      };
      try {
        const r = await svc.createRequest(deps, actor, center.slug, {
          ...form,
          carePersonId: field(b, 'carePersonId', 12) || undefined,
        });
        return reply.redirect(withLang(`${requestHref(r.id)}?ok=created`, req.lang), 303);
      } catch (e) {
        if (isFormError(e)) return overview(req, reply, form, toErrors(e.details, req.lang), e.status);
        throw e;
      }
    },
  );

  async function requestPage(
    req: FastifyRequest<{ Params: { id: string }; Querystring: Record<string, unknown> }>,
    reply: FastifyReply,
    form: ScheduleForm | null = null,
    errors: FieldError[] = [],
    status = 200,
  ) {
    const { actor, center, shell } = await shellOf(req);
    const id = req.params.id;
    const { request, visits } = await svc.getRequest(deps, actor, center.slug, id);
    const officers = await svc.officersOf(deps, center.id);
    const ok = flashOf(req, ['created', 'scheduled', 'cancelled']);
    const tasks = request.needs.filter((n) => n !== 'other');
    const f: ScheduleForm = form ?? {
      officerId: '',
      date: request.preferredDate ?? today(),
      time: request.preferredSlot === 'afternoon' ? '14:00' : '08:30',
      address: request.address,
      tasks,
      dossierCode: request.dossierCode ?? '',
      notes: '',
    };
    return sendPage(
      reply,
      h(RequestPage, {
        ...shell,
        request,
        visits,
        officers,
        form: f,
        errors,
        flash: ok ? tOf(req)(ok as 'created', { code: request.code }) : null,
        today: today(),
      }),
      status,
    );
  }

  r.get(
    '/console/home-service/requests/:id',
    { schema: { hide: true, params: IdText, querystring: AnyQuery } },
    async (req, reply) => requestPage(req, reply),
  );

  r.post(
    '/console/home-service/requests/:id/visits',
    { schema: { hide: true, params: IdText, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const { actor, center } = await shellOf(req);
      const id = req.params.id;
      const b = req.body ?? {};
      const form: ScheduleForm = {
        officerId: field(b, 'officerId', 12),
        date: field(b, 'date', 10),
        time: field(b, 'time', 5),
        address: field(b, 'address', 300),
        tasks: fieldList(b, 'tasks'),
        dossierCode: field(b, 'dossierCode', 40),
        notes: field(b, 'notes', 1000),
      };
      try {
        await svc.scheduleVisit(deps, actor, center.slug, id, { ...form, tasks: form.tasks });
        return reply.redirect(withLang(`${requestHref(Number(id))}?ok=scheduled`, req.lang), 303);
      } catch (e) {
        if (isFormError(e))
          return requestPage(
            req,
            reply,
            form,
            toErrors(e.details.length ? e.details : [{ vi: e.message, en: e.message }], req.lang),
            e.status,
          );
        throw e;
      }
    },
  );

  r.post(
    '/console/home-service/requests/:id/cancel',
    { schema: { hide: true, params: IdText, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const { actor, center } = await shellOf(req);
      const id = req.params.id;
      try {
        await svc.cancelRequest(deps, actor, center.slug, id, field(req.body ?? {}, 'note', 500));
        return reply.redirect(withLang(`${requestHref(Number(id))}?ok=cancelled`, req.lang), 303);
      } catch (e) {
        if (isFormError(e)) return requestPage(req, reply, null, toErrors(e.details, req.lang), e.status);
        throw e;
      }
    },
  );

  r.get('/console/home-service/day', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) => {
    const { actor, center, shell } = await shellOf(req);
    const q = req.query;
    const d = await svc.dayList(deps, actor, center.slug, q.date, q.officer);
    return sendPage(
      reply,
      h(DayPage, {
        ...shell,
        date: d.date,
        officer: d.officer,
        officers: await svc.officersOf(deps, center.id),
        visits: d.visits,
        centerAddress: center.address,
      }),
    );
  });

  r.get('/console/home-service/day.pdf', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) => {
    const { actor, center } = await shellOf(req);
    const q = req.query;
    const d = await svc.dayList(deps, actor, center.slug, q.date, q.officer);
    const { dayListPdf } = await dayPdf();
    const pdf = await dayListPdf({ center, date: d.date, today: today(), officer: d.officer, visits: d.visits });
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="lich-phuc-vu-tai-nha-${d.date}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });

  async function visitPage(
    req: FastifyRequest<{ Params: { id: string }; Querystring: Record<string, unknown> }>,
    reply: FastifyReply,
    form: Record<string, string> = {},
    errors: FieldError[] = [],
    status = 200,
  ) {
    const { actor, center, shell } = await shellOf(req);
    const { visit } = await svc.getVisit(deps, actor, center.slug, req.params.id);
    const ok = flashOf(req, ['recorded']);
    return sendPage(
      reply,
      h(VisitPage, { ...shell, visit, form, errors, flash: ok ? tOf(req)('recorded') : null }),
      status,
    );
  }

  r.get(
    '/console/home-service/visits/:id',
    { schema: { hide: true, params: IdText, querystring: AnyQuery } },
    async (req, reply) => visitPage(req, reply),
  );

  r.post(
    '/console/home-service/visits/:id/record',
    { schema: { hide: true, params: IdText, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const { actor, center } = await shellOf(req);
      const id = req.params.id;
      const b = req.body ?? {};
      const form: Record<string, string> = {};
      for (const k of [
        'outcome',
        'time',
        'notes',
        'confirmKind',
        'confirmName',
        'confirmed',
        'takenCodes',
        'resultReturned',
        'cardDelivered',
      ])
        form[k] = field(b, k, k === 'notes' ? 1000 : 400);
      try {
        await svc.recordVisit(deps, actor, center.slug, id, form, b.photo);
        return reply.redirect(withLang(`${visitHref(Number(id))}?ok=recorded`, req.lang), 303);
      } catch (e) {
        if (isFormError(e) || (e instanceof AppError && e.code === 'FORBIDDEN' && e.details.length))
          return visitPage(
            req,
            reply,
            form,
            toErrors(e.details.length ? e.details : [{ vi: e.message, en: e.message }], req.lang),
            e.status,
          );
        throw e;
      }
    },
  );

  r.get(
    '/console/home-service/visits/:id/photo',
    { schema: { hide: true, params: IdText, querystring: AnyQuery } },
    async (req, reply) => {
      const { actor, center } = await shellOf(req);
      const p = await svc.visitPhoto(deps, actor, center.slug, req.params.id);
      return reply
        .type(p.contentType)
        .header('cache-control', 'no-store')
        .header('content-disposition', 'inline')
        .send(p.bytes);
    },
  );

  async function registerPage(
    req: FastifyRequest<{ Querystring: Record<string, unknown> }>,
    reply: FastifyReply,
    form: PersonForm | null = null,
    errors: FieldError[] = [],
    status = 200,
  ) {
    const { actor, center, shell } = await shellOf(req);
    const q = req.query;
    const search = typeof q.q === 'string' ? q.q.slice(0, 60) : '';
    const withdrawn = q.withdrawn === '1';
    const people = await svc.listPeople(deps, actor, center.slug, { q: search, withdrawn });
    return sendPage(
      reply,
      h(RegisterPage, {
        ...shell,
        q: search,
        withdrawn,
        people,
        canManage: can(actor, 'care.register.manage', center.id),
        form: form ?? blankPersonForm(today()),
        errors,
        flash: flashOf(req, ['saved']) ? tOf(req)('personSaved') : null,
      }),
      status,
    );
  }

  r.get('/console/home-service/register', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    registerPage(req, reply),
  );

  r.post(
    '/console/home-service/register',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const { actor, center } = await shellOf(req);
      const b = req.body ?? {};
      const form: PersonForm = {
        fullName: field(b, 'fullName', 120),
        birthYear: field(b, 'birthYear', 4),
        address: field(b, 'address', 300),
        phone: field(b, 'phone', 30),
        carerName: field(b, 'carerName', 120),
        carerRelation: field(b, 'carerRelation', 60),
        carerPhone: field(b, 'carerPhone', 30),
        notes: field(b, 'notes', 1000),
        consentDate: field(b, 'consentDate', 10),
        consentMethod: field(b, 'consentMethod', 20),
        consentGivenBy: field(b, 'consentGivenBy', 120),
        categories: fieldList(b, 'categories'),
      };
      try {
        const p = await svc.createPerson(deps, actor, center.slug, form);
        return reply.redirect(withLang(`${personHref(p.id)}?ok=saved`, req.lang), 303);
      } catch (e) {
        if (isFormError(e)) return registerPage(req, reply, form, toErrors(e.details, req.lang), e.status);
        throw e;
      }
    },
  );

  async function personPage(
    req: FastifyRequest<{ Params: { id: string }; Querystring: Record<string, unknown> }>,
    reply: FastifyReply,
    errors: FieldError[] = [],
    status = 200,
  ) {
    const { actor, center, shell } = await shellOf(req);
    const person = await svc.getPerson(deps, actor, center.slug, req.params.id);
    const ok = flashOf(req, ['saved', 'withdrawn']);
    return sendPage(
      reply,
      h(PersonPage, {
        ...shell,
        person,
        canManage: can(actor, 'care.register.manage', center.id),
        canRequest: can(actor, 'homeservice.manage', center.id),
        flash: ok ? tOf(req)('personSaved') : null,
        errors,
      }),
      status,
    );
  }

  r.get(
    '/console/home-service/register/:id',
    { schema: { hide: true, params: IdText, querystring: AnyQuery } },
    async (req, reply) => personPage(req, reply),
  );

  r.post(
    '/console/home-service/register/:id/withdraw',
    { schema: { hide: true, params: IdText, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const { actor, center } = await shellOf(req);
      const id = req.params.id;
      try {
        await svc.withdrawConsent(deps, actor, center.slug, id, field(req.body ?? {}, 'note', 300));
        return reply.redirect(withLang(`${personHref(Number(id))}?ok=withdrawn`, req.lang), 303);
      } catch (e) {
        if (isFormError(e)) return personPage(req, reply, toErrors(e.details, req.lang), e.status);
        throw e;
      }
    },
  );

  // ---------------------------------------------------------------------------------------------
  // JSON API

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
    async (req) => {
      const { center } = await authorizeCenter(deps, req.actor, req.params.slug, 'homeservice.manage');
      const q = req.query;
      if (q.from > q.to)
        throw new AppError('VALIDATION_FAILED', [
          { field: 'from', vi: 'Ngày bắt đầu phải trước ngày kết thúc.', en: 'from must not be after to.' },
        ]);
      return { from: q.from, to: q.to, ...(await homeServiceFigures(deps, [center.id], q)) };
    },
  );

  const reg = '/api/v1/centers/:slug/care-register';
  const regTags = ['care-register'];
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
