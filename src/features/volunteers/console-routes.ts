/**
 * Console pages of volunteers at the desk (session sign-in, CSRF-checked forms, POST-redirect-GET):
 * - /console/volunteers — today, on a phone: check in/out with one tap, one tap per kind of help;
 *   desk staff see every volunteer and may act for one (?v=id)
 * - /console/volunteers/roster?week=YYYY-MM-DD — the week, printable (print CSS) and as PDF
 * - /console/volunteers/people — records (managers), thank-you letters as PDF
 * - /console/volunteers/figures?month=YYYY-MM — month figures
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AnyQuery, FormBody, IdText } from '../../core/http/schemas.ts';
import { h } from 'preact';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { parseId } from '../../core/http/ids.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import { translator } from '../../core/http/i18n.ts';
import { formatHm, toLocal } from '../../core/calendar/index.ts';
import { getCenterById } from '../centers/index.ts';
import { consoleNav } from '../console/index.ts';
import * as svc from './service.ts';
import { FiguresPage, PeoplePage, RosterPage, TodayPage, type Chrome } from './pages.tsx';
import { volunteerMessages } from './messages.ts';
import { KINDS, KIND_LABELS, monthRange, type Kind } from './model.ts';
import { VOLUNTEERS_CSS } from './style.ts';

// The PDF renderer (pdfkit) loads on first use, not with the server.
const printables = () => import('./printables.ts');

/** With a hidden "0" before a checkbox, a ticked box sends ["0", "1"]: the last value wins. */
function lastValues(body: Record<string, unknown> | null): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>; // keys come from the request: no prototype
  for (const [k, v] of Object.entries(body ?? {})) out[k] = Array.isArray(v) ? v[v.length - 1] : v;
  return out;
}

const positiveInt = (s: unknown): number | undefined => (typeof s === 'string' ? (parseId(s) ?? undefined) : undefined);

/** A page request: its query read field by field (`AnyQuery`). */
type QReq = FastifyRequest<{ Querystring: Record<string, unknown> }>;

export function registerVolunteerConsole(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  async function chrome(req: QReq) {
    const actor = requireActor(req);
    const center = await getCenterById(deps, actor.homeCenterId);
    const c: Chrome = {
      lang: req.lang,
      path: req.url,
      csrf: req.csrfToken ?? '',
      userName: actor.fullName,
      centerName: center.name,
      nav: consoleNav(req.lang, actor, '/console/volunteers'),
    };
    return { actor, center, c };
  }

  r.get('/console/volunteers/style.css', { schema: { hide: true, querystring: AnyQuery } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(VOLUNTEERS_CSS),
  );

  // ---- Today (phone) ----

  async function renderToday(req: QReq, reply: FastifyReply, errors: string[] = [], status = 200) {
    const { center, c } = await chrome(req);
    const q = req.query;
    const today = await svc.today(deps, req.actor, center.slug, positiveInt(q.v));
    const t = translator(volunteerMessages, req.lang);
    let done: string | null = null;
    if (q.done === 'in' && today.open)
      done = t('checkedIn', { time: formatHm(toLocal(new Date(today.open.checkedInAt)).minute) });
    else if (q.done === 'out') done = t('checkedOut', { time: formatHm(toLocal(deps.now()).minute) });
    else if (q.done === 'undo') done = t('undone');
    else if (q.done === 'log' && typeof q.kind === 'string' && (KINDS as readonly string[]).includes(q.kind))
      done = t('logged', { kind: KIND_LABELS[q.kind as Kind][req.lang], count: positiveInt(q.n) ?? 1 });
    return sendPage(reply, h(TodayPage, { ...c, today, errors, done }), status);
  }

  /** Runs a write; a user mistake re-renders the page with the reasons (400 or 409), anything else propagates. */
  async function act(
    req: FastifyRequest,
    reply: FastifyReply,
    fn: () => Promise<string>,
    rerender: (errors: string[], status: number) => Promise<unknown>,
  ) {
    try {
      return reply.redirect(await fn(), 303);
    } catch (e) {
      if (
        e instanceof AppError &&
        (e.code === 'VALIDATION_FAILED' || e.code === 'CONFLICT' || (e.code === 'FORBIDDEN' && e.details.length))
      ) {
        return rerender(e.details.length ? e.details.map((d) => d[req.lang]) : [e.message], e.status);
      }
      throw e;
    }
  }

  type FormReq = FastifyRequest<{ Querystring: Record<string, unknown>; Body: Record<string, unknown> | null }>;
  const vOf = (req: FormReq) => positiveInt(lastValues(req.body).v) ?? positiveInt(req.query.v);
  const back = (req: FormReq, extra: string) => {
    const v = vOf(req);
    return `/console/volunteers?${v ? `v=${v}&` : ''}${extra}`;
  };

  r.get('/console/volunteers', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    renderToday(req, reply),
  );
  r.post(
    '/console/volunteers/check-in',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const { center } = await chrome(req);
      return act(
        req,
        reply,
        async () => (await svc.checkIn(deps, req.actor, center.slug, vOf(req)), back(req, 'done=in')),
        (e, s) => renderToday(req, reply, e, s),
      );
    },
  );
  r.post(
    '/console/volunteers/check-out',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const { center } = await chrome(req);
      return act(
        req,
        reply,
        async () => (await svc.checkOut(deps, req.actor, center.slug, vOf(req)), back(req, 'done=out')),
        (e, s) => renderToday(req, reply, e, s),
      );
    },
  );
  r.post(
    '/console/volunteers/log',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const { center } = await chrome(req);
      const body = lastValues(req.body);
      const v = vOf(req);
      return act(
        req,
        reply,
        async () => {
          const a = await svc.logAssist(deps, req.actor, center.slug, {
            kind: body.kind,
            count: body.count,
            dossierCode: body.dossierCode,
            note: body.note,
            ...(v ? { volunteerId: v } : {}),
          });
          return back(req, `done=log&kind=${a.kind}&n=${a.count}`);
        },
        (e, s) => renderToday(req, reply, e, s),
      );
    },
  );
  r.post(
    '/console/volunteers/log/:id/undo',
    { schema: { hide: true, params: IdText, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const { center } = await chrome(req);
      const id = positiveInt(req.params.id);
      if (!id) throw new AppError('NOT_FOUND');
      return act(
        req,
        reply,
        async () => (await svc.undoAssist(deps, req.actor, center.slug, id), back(req, 'done=undo')),
        (e, s) => renderToday(req, reply, e, s),
      );
    },
  );

  // ---- Roster ----

  async function renderRoster(req: QReq, reply: FastifyReply, errors: string[] = [], status = 200) {
    const { center, c } = await chrome(req);
    const week = await svc.week(deps, req.actor, center.slug, req.query.week);
    return sendPage(reply, h(RosterPage, { ...c, week, errors, centerFullName: center.name }), status);
  }
  r.get('/console/volunteers/roster', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    renderRoster(req, reply),
  );
  r.post(
    '/console/volunteers/roster',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const { center } = await chrome(req);
      return act(
        req,
        reply,
        async () => {
          const s = await svc.addShift(deps, req.actor, center.slug, lastValues(req.body));
          return `/console/volunteers/roster?week=${s.date}`;
        },
        (e, s) => renderRoster(req, reply, e, s),
      );
    },
  );
  r.post(
    '/console/volunteers/roster/:id/delete',
    { schema: { hide: true, params: IdText, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const { center } = await chrome(req);
      const id = positiveInt(req.params.id);
      if (!id) throw new AppError('NOT_FOUND');
      await svc.removeShift(deps, req.actor, center.slug, id);
      const w = req.query.week;
      return reply.redirect(
        `/console/volunteers/roster${typeof w === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(w) ? `?week=${w}` : ''}`,
        303,
      );
    },
  );
  r.get('/console/volunteers/roster.pdf', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) => {
    const { center } = await chrome(req);
    const week = await svc.week(deps, req.actor, center.slug, req.query.week);
    const { rosterPdf } = await printables();
    const pdf = await rosterPdf(center, week, toLocal(deps.now()).date);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="lich-truc-tinh-nguyen-${week.monday}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });

  // ---- Records ----

  const thisMonth = () => toLocal(deps.now()).date.slice(0, 7);
  async function renderPeople(req: QReq, reply: FastifyReply, errors: string[] = [], status = 200) {
    const { center, c } = await chrome(req);
    const { scope, items } = await svc.listVolunteers(deps, req.actor, center.slug);
    if (!scope.manager) throw new AppError('FORBIDDEN');
    return sendPage(reply, h(PeoplePage, { ...c, volunteers: items, errors, month: thisMonth() }), status);
  }
  r.get('/console/volunteers/people', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    renderPeople(req, reply),
  );
  r.post(
    '/console/volunteers/people',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const { center } = await chrome(req);
      return act(
        req,
        reply,
        async () => (
          await svc.createVolunteer(deps, req.actor, center.slug, lastValues(req.body)),
          '/console/volunteers/people'
        ),
        (e, s) => renderPeople(req, reply, e, s),
      );
    },
  );
  r.post(
    '/console/volunteers/people/:id',
    { schema: { hide: true, params: IdText, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const { center } = await chrome(req);
      const id = positiveInt(req.params.id);
      if (!id) throw new AppError('NOT_FOUND');
      return act(
        req,
        reply,
        async () => (
          await svc.updateVolunteer(deps, req.actor, center.slug, id, lastValues(req.body)),
          '/console/volunteers/people'
        ),
        (e, s) => renderPeople(req, reply, e, s),
      );
    },
  );
  r.get(
    '/console/volunteers/people/:id/thank-you.pdf',
    { schema: { hide: true, params: IdText, querystring: AnyQuery } },
    async (req, reply) => {
      const { center } = await chrome(req);
      const id = positiveInt(req.params.id);
      if (!id) throw new AppError('NOT_FOUND');
      const q = req.query;
      const letter = await svc.thankYouData(
        deps,
        req.actor,
        center.slug,
        id,
        typeof q.month === 'string' ? q.month : thisMonth(),
        q.to === 'organisation' ? 'organisation' : 'person',
      );
      const { thankYouPdf } = await printables();
      const pdf = await thankYouPdf(letter);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="thu-cam-on-${id}-${letter.month}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  // ---- Figures ----

  r.get('/console/volunteers/figures', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) => {
    const { center, c } = await chrome(req);
    const month = (typeof req.query.month === 'string' && req.query.month) || thisMonth();
    const view = await svc.figures(deps, req.actor, center.slug, monthRange(month));
    return sendPage(reply, h(FiguresPage, { ...c, view, month }));
  });
}
