/**
 * Console pages of volunteers at the desk (session sign-in, CSRF-checked forms, POST-redirect-GET):
 * - /console/volunteers — today, on a phone: check in/out with one tap, one tap per kind of help;
 *   desk staff see every volunteer and may act for one (?v=id)
 * - /console/volunteers/roster?week=YYYY-MM-DD — the week, printable (print CSS) and as PDF
 * - /console/volunteers/people — records (managers), thank-you letters as PDF
 * - /console/volunteers/figures?month=YYYY-MM — month figures
 * Each page's data comes from one function of view-models.ts; the PDFs are rendered in the task pool.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AnyQuery, FormBody, IdText } from '../../core/http/schemas.ts';
import { h } from 'preact';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { parseId } from '../../core/http/ids.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import * as svc from './service.ts';
import { FiguresPage, PeoplePage, RosterPage, TodayPage } from './pages.tsx';
import { weekQuery } from './model.ts';
import { VOLUNTEERS_CSS } from './style.ts';
import {
  figuresPageModel,
  peoplePageModel,
  rosterPageModel,
  rosterPdfFile,
  thankYouPdfFile,
  todayPageModel,
  volunteerChrome,
  type PageRequest,
} from './view-models.ts';

/** With a hidden "0" before a checkbox, a ticked box sends ["0", "1"]: the last value wins. */
function lastValues(body: Record<string, unknown> | null): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>; // keys come from the request: no prototype
  for (const [k, v] of Object.entries(body ?? {})) out[k] = Array.isArray(v) ? (v as unknown[])[v.length - 1] : v;
  return out;
}

const positiveInt = (s: unknown): number | undefined => (typeof s === 'string' ? (parseId(s) ?? undefined) : undefined);

/** A page request: its query read field by field (`AnyQuery`). */
type QReq = FastifyRequest<{ Querystring: Record<string, unknown> }>;
type FormReq = FastifyRequest<{ Querystring: Record<string, unknown>; Body: Record<string, unknown> | null }>;
type Rerender = (errors: string[], status: number) => Promise<unknown>;

const pageOf = (req: QReq): PageRequest => ({ lang: req.lang, path: req.url, csrf: req.csrfToken ?? '' });
/** The slug of the actor's home centre (the writes go to it). */
const slugOf = async (deps: Deps, req: QReq) =>
  (await volunteerChrome(deps, requireActor(req), pageOf(req))).center.slug;
/** The id in the path, or 404. */
function pathId(req: FastifyRequest<{ Params: { id: string } }>): number {
  const id = positiveInt(req.params.id);
  if (!id) throw new AppError('NOT_FOUND');
  return id;
}

/** Runs a write; a user mistake re-renders the page with the reasons (400 or 409), anything else propagates. */
async function act(req: FastifyRequest, reply: FastifyReply, fn: () => Promise<string>, rerender: Rerender) {
  let to: string;
  try {
    to = await fn();
  } catch (e) {
    if (
      e instanceof AppError &&
      (e.code === 'VALIDATION_FAILED' || e.code === 'CONFLICT' || (e.code === 'FORBIDDEN' && e.details.length))
    )
      return await rerender(e.details.length ? e.details.map((d) => d[req.lang]) : [e.message], e.status);
    throw e;
  }
  return reply.redirect(to, 303);
}

async function renderToday(deps: Deps, req: QReq, reply: FastifyReply, errors: string[] = [], status = 200) {
  const q = req.query;
  const { c, today, done } = await todayPageModel(deps, requireActor(req), pageOf(req), {
    v: positiveInt(q.v),
    done: q.done,
    kind: q.kind,
    n: positiveInt(q.n),
  });
  return sendPage(reply, h(TodayPage, { ...c, today, errors, done }), status);
}

function registerTodayPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const form = { schema: { hide: true, querystring: AnyQuery, body: FormBody } };
  const vOf = (req: FormReq) => positiveInt(lastValues(req.body).v) ?? positiveInt(req.query.v);
  const back = (req: FormReq, extra: string) => {
    const v = vOf(req);
    return `/console/volunteers?${v ? `v=${v}&` : ''}${extra}`;
  };
  const today =
    (req: FormReq, reply: FastifyReply): Rerender =>
    (e, s) =>
      renderToday(deps, req, reply, e, s);
  r.get('/console/volunteers', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    renderToday(deps, req, reply),
  );
  r.post('/console/volunteers/check-in', form, async (req, reply) => {
    const slug = await slugOf(deps, req);
    const run = async () => (await svc.checkIn(deps, req.actor, slug, vOf(req)), back(req, 'done=in'));
    return act(req, reply, run, today(req, reply));
  });
  r.post('/console/volunteers/check-out', form, async (req, reply) => {
    const slug = await slugOf(deps, req);
    const run = async () => (await svc.checkOut(deps, req.actor, slug, vOf(req)), back(req, 'done=out'));
    return act(req, reply, run, today(req, reply));
  });
  r.post('/console/volunteers/log', form, async (req, reply) => {
    const slug = await slugOf(deps, req);
    const body = lastValues(req.body);
    const v = vOf(req);
    const run = async () => {
      const a = await svc.logAssist(deps, req.actor, slug, {
        kind: body.kind,
        count: body.count,
        dossierCode: body.dossierCode,
        note: body.note,
        ...(v ? { volunteerId: v } : {}),
      });
      return back(req, `done=log&kind=${a.kind}&n=${a.count}`);
    };
    return act(req, reply, run, today(req, reply));
  });
  r.post('/console/volunteers/log/:id/undo', { schema: { ...form.schema, params: IdText } }, async (req, reply) => {
    const slug = await slugOf(deps, req);
    const id = pathId(req);
    const run = async () => (await svc.undoAssist(deps, req.actor, slug, id), back(req, 'done=undo'));
    return act(req, reply, run, today(req, reply));
  });
}

async function renderRoster(deps: Deps, req: QReq, reply: FastifyReply, errors: string[] = [], status = 200) {
  const { c, week, centerFullName } = await rosterPageModel(deps, requireActor(req), pageOf(req), req.query.week);
  return sendPage(reply, h(RosterPage, { ...c, week, errors, centerFullName }), status);
}

function registerRosterPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const form = { schema: { hide: true, querystring: AnyQuery, body: FormBody } };
  r.get('/console/volunteers/roster', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    renderRoster(deps, req, reply),
  );
  r.post('/console/volunteers/roster', form, async (req, reply) => {
    const slug = await slugOf(deps, req);
    const run = async () =>
      `/console/volunteers/roster?week=${(await svc.addShift(deps, req.actor, slug, lastValues(req.body))).date}`;
    return act(req, reply, run, (e, s) => renderRoster(deps, req, reply, e, s));
  });
  r.post(
    '/console/volunteers/roster/:id/delete',
    { schema: { ...form.schema, params: IdText } },
    async (req, reply) => {
      const slug = await slugOf(deps, req);
      await svc.removeShift(deps, req.actor, slug, pathId(req));
      return reply.redirect(`/console/volunteers/roster${weekQuery(req.query.week)}`, 303);
    },
  );
  r.get('/console/volunteers/roster.pdf', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) => {
    const { fileName, pdf } = await rosterPdfFile(deps, requireActor(req), req.query.week);
    return sendPdf(reply, fileName, pdf);
  });
}

const sendPdf = (reply: FastifyReply, fileName: string, pdf: Buffer) =>
  reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .send(pdf);

async function renderPeople(deps: Deps, req: QReq, reply: FastifyReply, errors: string[] = [], status = 200) {
  const { c, volunteers, month } = await peoplePageModel(deps, requireActor(req), pageOf(req));
  return sendPage(reply, h(PeoplePage, { ...c, volunteers, errors, month }), status);
}

function registerPeoplePages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const form = { schema: { hide: true, querystring: AnyQuery, body: FormBody } };
  const people =
    (req: QReq, reply: FastifyReply): Rerender =>
    (e, s) =>
      renderPeople(deps, req, reply, e, s);
  r.get('/console/volunteers/people', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    renderPeople(deps, req, reply),
  );
  r.post('/console/volunteers/people', form, async (req, reply) => {
    const slug = await slugOf(deps, req);
    const run = async () => (
      await svc.createVolunteer(deps, req.actor, slug, lastValues(req.body)),
      '/console/volunteers/people'
    );
    return act(req, reply, run, people(req, reply));
  });
  r.post('/console/volunteers/people/:id', { schema: { ...form.schema, params: IdText } }, async (req, reply) => {
    const slug = await slugOf(deps, req);
    const id = pathId(req);
    const run = async () => (
      await svc.updateVolunteer(deps, req.actor, slug, id, lastValues(req.body)),
      '/console/volunteers/people'
    );
    return act(req, reply, run, people(req, reply));
  });
  r.get(
    '/console/volunteers/people/:id/thank-you.pdf',
    { schema: { hide: true, params: IdText, querystring: AnyQuery } },
    async (req, reply) => {
      const actor = requireActor(req);
      const { fileName, pdf } = await thankYouPdfFile(deps, actor, pathId(req), req.query);
      return sendPdf(reply, fileName, pdf);
    },
  );
}

export function registerVolunteerConsole(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/volunteers/style.css', { schema: { hide: true, querystring: AnyQuery } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(VOLUNTEERS_CSS),
  );
  registerTodayPages(app, deps);
  registerRosterPages(app, deps);
  registerPeoplePages(app, deps);
  r.get('/console/volunteers/figures', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) => {
    const { c, view, month } = await figuresPageModel(deps, requireActor(req), pageOf(req), req.query.month);
    return sendPage(reply, h(FiguresPage, { ...c, view, month }));
  });
}
