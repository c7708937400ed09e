/**
 * Console pages of the home service:
 *   /console/home-service                    month figures, requests, new request (phone / dossier)
 *   /console/home-service/requests/:id       request, visits, scheduling, cancel
 *   /console/home-service/day?date=&officer= the day list (print CSS) and day.pdf (task pool)
 *   /console/home-service/visits/:id         the visit record (multipart, optional photo)
 *   /console/home-service/register[/:id]     the register (care.register.*)
 * Each page: parse, one view-model call (view-models.ts), render; each form: one service call, then
 * a redirect, or the page again with the reasons.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import type { Deps } from '../../core/deps.ts';
import { AnyQuery, FormBody, IdText } from '../../core/http/schemas.ts';
import { AppError } from '../../core/http/errors.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import type { Actor } from '../../core/auth/access.ts';
import { translator, type Lang } from '../../core/http/i18n.ts';
import { getCenterById } from '../centers/index.ts';
import { consoleNav } from '../console/index.ts';
import type { FieldError, Shell } from '../dossiers/index.ts';
import { offload } from '../tasks.ts';
import * as svc from './service.ts';
import { homeMessages } from './messages.ts';
import { personFormOf, recordFormOf, requestFormOf, scheduleFormOf, field, toErrors, withLang } from './form-input.ts';
import {
  dayPageModel,
  overviewPageModel,
  personPageModel,
  registerPageModel,
  requestPageModel,
  visitPageModel,
} from './view-models.ts';
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

const tOf = (lang: Lang) => translator(homeMessages, lang);
type HomeKey = Parameters<ReturnType<typeof tOf>>[0];

/** A page request: its query read field by field (`AnyQuery`). */
type QReq = FastifyRequest<{ Querystring: Record<string, unknown> }>;
type IdReq = FastifyRequest<{ Params: { id: string }; Querystring: Record<string, unknown> }>;
const page = { schema: { hide: true, querystring: AnyQuery } };
const form = { schema: { hide: true, querystring: AnyQuery, body: FormBody } };
const idPage = { schema: { hide: true, params: IdText, querystring: AnyQuery } };
const idForm = { schema: { hide: true, params: IdText, querystring: AnyQuery, body: FormBody } };

const isFormError = (e: unknown): e is AppError =>
  e instanceof AppError &&
  ['VALIDATION_FAILED', 'CONFLICT', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'].includes(e.code);
/** The reasons of an error for the page: its details, else its message. */
const reasonsOf = (e: AppError) => (e.details.length ? e.details : [{ vi: e.message, en: e.message }]);

/** The console frame, and the actor's own centre (whose slug every call names). */
async function shellOf(deps: Deps, req: QReq): Promise<{ actor: Actor; slug: string; shell: Shell }> {
  const actor = requireActor(req);
  const center = await getCenterById(deps, actor.homeCenterId);
  return {
    actor,
    slug: center.slug,
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

/** The flash message of `?ok=` when it is one of `allowed`. */
function flashOf(req: QReq, allowed: readonly HomeKey[], vars?: Record<string, string>): string | null {
  const ok = req.query.ok;
  const key = allowed.find((k) => k === ok);
  return key ? tOf(req.lang)(key, vars) : null;
}

// ---- Pages (shown again with the form and its errors after a failed post) ----

async function overviewPage(
  deps: Deps,
  req: QReq,
  reply: FastifyReply,
  f: RequestForm = blankRequestForm(),
  errors: FieldError[] = [],
  status = 200,
) {
  const { actor, slug, shell } = await shellOf(deps, req);
  const m = await overviewPageModel(deps, actor, slug, req.query.status);
  const code = req.query.code;
  const flash = typeof code === 'string' ? flashOf(req, ['created'], { code: code.slice(0, 12) }) : null;
  return sendPage(reply, h(HomeServicePage, { ...shell, ...m, form: f, errors, flash }), status);
}

async function requestPage(
  deps: Deps,
  req: IdReq,
  reply: FastifyReply,
  f: ScheduleForm | null = null,
  errors: FieldError[] = [],
  status = 200,
) {
  const { actor, slug, shell } = await shellOf(deps, req);
  const { proposal, ...m } = await requestPageModel(deps, actor, slug, req.params.id);
  const flash = flashOf(req, ['created', 'scheduled', 'cancelled'], { code: m.request.code });
  return sendPage(reply, h(RequestPage, { ...shell, ...m, form: f ?? proposal, errors, flash }), status);
}

async function visitPage(
  deps: Deps,
  req: IdReq,
  reply: FastifyReply,
  f: Record<string, string> = {},
  errors: FieldError[] = [],
  status = 200,
) {
  const { actor, slug, shell } = await shellOf(deps, req);
  const m = await visitPageModel(deps, actor, slug, req.params.id);
  return sendPage(reply, h(VisitPage, { ...shell, ...m, form: f, errors, flash: flashOf(req, ['recorded']) }), status);
}

async function registerPage(
  deps: Deps,
  req: QReq,
  reply: FastifyReply,
  f: PersonForm | null = null,
  errors: FieldError[] = [],
  status = 200,
) {
  const { actor, slug, shell } = await shellOf(deps, req);
  const { today, ...m } = await registerPageModel(deps, actor, slug, req.query.q, req.query.withdrawn);
  const flash = req.query.ok === 'saved' ? tOf(req.lang)('personSaved') : null;
  return sendPage(reply, h(RegisterPage, { ...shell, ...m, form: f ?? blankPersonForm(today), errors, flash }), status);
}

async function personPage(deps: Deps, req: IdReq, reply: FastifyReply, errors: FieldError[] = [], status = 200) {
  const { actor, slug, shell } = await shellOf(deps, req);
  const m = await personPageModel(deps, actor, slug, req.params.id);
  const ok = req.query.ok === 'saved' || req.query.ok === 'withdrawn';
  const flash = ok ? tOf(req.lang)('personSaved') : null;
  return sendPage(reply, h(PersonPage, { ...shell, ...m, flash, errors }), status);
}

// ---- Routes ----

export function registerHomeServicePages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/home-service/style.css', page, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(HOME_SERVICE_CSS),
  );
  registerRequestPages(app, deps);
  registerDayPages(app, deps);
  registerVisitPages(app, deps);
  registerRegisterPages(app, deps);
}

/** The overview with its new-request form, one request, scheduling a visit, cancelling. */
function registerRequestPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/home-service', page, async (req, reply) => overviewPage(deps, req, reply));
  r.post('/console/home-service/requests', form, async (req, reply) => {
    const { actor, slug } = await shellOf(deps, req);
    const b = req.body ?? {};
    const f = requestFormOf(b);
    let to: string;
    try {
      const created = await svc.createRequest(deps, actor, slug, {
        ...f,
        carePersonId: field(b, 'carePersonId', 12) || undefined,
      });
      to = withLang(`${requestHref(created.id)}?ok=created`, req.lang);
    } catch (e) {
      if (isFormError(e)) return overviewPage(deps, req, reply, f, toErrors(e.details, req.lang), e.status);
      throw e;
    }
    return reply.redirect(to, 303);
  });
  r.get('/console/home-service/requests/:id', idPage, async (req, reply) => requestPage(deps, req, reply));
  r.post('/console/home-service/requests/:id/visits', idForm, async (req, reply) => {
    const { actor, slug } = await shellOf(deps, req);
    const f = scheduleFormOf(req.body ?? {});
    let to: string;
    try {
      await svc.scheduleVisit(deps, actor, slug, req.params.id, { ...f });
      to = withLang(`${requestHref(Number(req.params.id))}?ok=scheduled`, req.lang);
    } catch (e) {
      if (isFormError(e)) return requestPage(deps, req, reply, f, toErrors(reasonsOf(e), req.lang), e.status);
      throw e;
    }
    return reply.redirect(to, 303);
  });
  r.post('/console/home-service/requests/:id/cancel', idForm, async (req, reply) => {
    const { actor, slug } = await shellOf(deps, req);
    let to: string;
    try {
      await svc.cancelRequest(deps, actor, slug, req.params.id, field(req.body ?? {}, 'note', 500));
      to = withLang(`${requestHref(Number(req.params.id))}?ok=cancelled`, req.lang);
    } catch (e) {
      if (isFormError(e)) return requestPage(deps, req, reply, null, toErrors(e.details, req.lang), e.status);
      throw e;
    }
    return reply.redirect(to, 303);
  });
}

/** The officer's day list, as a page and as a PDF rendered in the task pool. */
function registerDayPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/home-service/day', page, async (req, reply) => {
    const { actor, slug, shell } = await shellOf(deps, req);
    const m = await dayPageModel(deps, actor, slug, req.query.date, req.query.officer);
    return sendPage(reply, h(DayPage, { ...shell, ...m }));
  });
  r.get('/console/home-service/day.pdf', page, async (req, reply) => {
    const { actor, slug } = await shellOf(deps, req);
    const f = await offload(deps, actor.homeCenterId, 'homeDayList', actor, slug, req.query.date, req.query.officer);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${f.fileName}"`)
      .header('cache-control', 'no-store')
      .send(Buffer.from(f.bytes));
  });
}

/** One visit: its record (multipart with an optional photo) and the photo. */
function registerVisitPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/home-service/visits/:id', idPage, async (req, reply) => visitPage(deps, req, reply));
  r.post('/console/home-service/visits/:id/record', idForm, async (req, reply) => {
    const { actor, slug } = await shellOf(deps, req);
    const b = req.body ?? {};
    const f = recordFormOf(b);
    let to: string;
    try {
      await svc.recordVisit(deps, actor, slug, req.params.id, f, b.photo);
      to = withLang(`${visitHref(Number(req.params.id))}?ok=recorded`, req.lang);
    } catch (e) {
      // A refusal with a reason (may not return results) is shown on the form too.
      if (isFormError(e) || (e instanceof AppError && e.code === 'FORBIDDEN' && e.details.length))
        return visitPage(deps, req, reply, f, toErrors(reasonsOf(e), req.lang), e.status);
      throw e;
    }
    return reply.redirect(to, 303);
  });
  r.get('/console/home-service/visits/:id/photo', idPage, async (req, reply) => {
    const { actor, slug } = await shellOf(deps, req);
    const p = await svc.visitPhoto(deps, actor, slug, req.params.id);
    return reply
      .type(p.contentType)
      .header('cache-control', 'no-store')
      .header('content-disposition', 'inline')
      .send(p.bytes);
  });
}

/** The register: the list with its add form, one entry, the withdrawal of consent. */
function registerRegisterPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/home-service/register', page, async (req, reply) => registerPage(deps, req, reply));
  r.post('/console/home-service/register', form, async (req, reply) => {
    const { actor, slug } = await shellOf(deps, req);
    const f = personFormOf(req.body ?? {});
    let to: string;
    try {
      const p = await svc.createPerson(deps, actor, slug, f);
      to = withLang(`${personHref(p.id)}?ok=saved`, req.lang);
    } catch (e) {
      if (isFormError(e)) return registerPage(deps, req, reply, f, toErrors(e.details, req.lang), e.status);
      throw e;
    }
    return reply.redirect(to, 303);
  });
  r.get('/console/home-service/register/:id', idPage, async (req, reply) => personPage(deps, req, reply));
  r.post('/console/home-service/register/:id/withdraw', idForm, async (req, reply) => {
    const { actor, slug } = await shellOf(deps, req);
    let to: string;
    try {
      await svc.withdrawConsent(deps, actor, slug, req.params.id, field(req.body ?? {}, 'note', 300));
      to = withLang(`${personHref(Number(req.params.id))}?ok=withdrawn`, req.lang);
    } catch (e) {
      if (isFormError(e)) return personPage(deps, req, reply, toErrors(e.details, req.lang), e.status);
      throw e;
    }
    return reply.redirect(to, 303);
  });
}
