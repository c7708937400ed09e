/** Calendar JSON API (public, cached) and the console year page with its forms. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AnyQuery, FormBody, IdText } from '../../core/http/schemas.ts';
import { h } from 'preact';
import Type from 'typebox';
import type { Deps } from '../../core/deps.ts';
import { can } from '../../core/auth/access.ts';
import { AppError } from '../../core/http/errors.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import { toIsoVn, formatInstantVi, toLocal, type DayInfo } from '../../core/calendar/index.ts';
import { getCenterById, updateSettings } from '../centers/index.ts';
import { consoleNav } from '../console/index.ts';
import * as svc from './service.ts';
import { YearPage } from './pages/year.tsx';

const ErrorSchema = Type.Object({
  error: Type.Object(
    {
      code: Type.String(),
      message: Type.String(),
      messageVi: Type.String(),
      messageEn: Type.String(),
      requestId: Type.String(),
    },
    { additionalProperties: true },
  ),
});

const LunarSchema = Type.Object({
  day: Type.Integer(),
  month: Type.Integer(),
  year: Type.Integer(),
  leap: Type.Boolean(),
});

const DaySchema = Type.Object({
  date: Type.String({ format: 'date' }),
  weekday: Type.Integer({ minimum: 0, maximum: 6, description: '0 = Sunday' }),
  working: Type.Boolean(),
  kind: Type.String({ description: 'workday | weekend | holiday | compensation | notice_off | make_up' }),
  reason: Type.String({ description: 'Vietnamese, e.g. “Tết Nguyên đán”, “Nghỉ bù”, “Làm bù”' }),
  reasonEn: Type.String(),
  source: Type.String({ description: 'weekly | computed | notice' }),
  pending: Type.Boolean({ description: 'true when the rule still awaits an administrator’s confirmation' }),
  legalBasis: Type.Optional(Type.String()),
  lunar: LunarSchema,
});

function presentDay(d: DayInfo) {
  return {
    date: d.date,
    weekday: d.weekday,
    working: d.working,
    kind: d.kind,
    reason: d.reason,
    reasonEn: d.reasonEn,
    source: d.source,
    pending: d.pending === true,
    ...(d.legalBasis ? { legalBasis: d.legalBasis } : {}),
    lunar: { day: d.lunar.day, month: d.lunar.month, year: d.lunar.year, leap: d.lunar.leap },
  };
}

const PUBLIC_CACHE = 'public, max-age=60';

/** A page request: its query read field by field (`AnyQuery`). */
type QReq = FastifyRequest<{ Querystring: Record<string, unknown> }>;

export function registerCalendarRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/calendar/deadline',
    {
      schema: {
        operationId: 'computeDeadline',
        tags: ['calendar'],
        summary: 'Appointment (due) instant for a time limit received at an instant, in the centre’s working time',
        querystring: Type.Object({
          center: Type.String({ minLength: 1, maxLength: 100, description: 'Centre slug, e.g. cam-giang' }),
          receivedAt: Type.String({
            minLength: 1,
            maxLength: 40,
            description: 'ISO-8601 instant; without an offset it is read as Vietnam time (+07:00)',
          }),
          amount: Type.Optional(Type.Number({ minimum: 0, maximum: 10000 })),
          unit: Type.String({
            minLength: 1,
            maxLength: 20,
            description: 'working_days | working_hours | calendar_days | same_day',
          }),
        }),
        response: {
          200: Type.Object({
            center: Type.String(),
            receivedAt: Type.String(),
            effectiveStart: Type.String({
              description: 'When the clock starts (next session if received outside working hours)',
            }),
            amount: Type.Number(),
            unit: Type.String(),
            dueAt: Type.String({ description: 'ISO-8601 with +07:00' }),
            dueAtUtc: Type.String(),
            dueDate: Type.String({ format: 'date' }),
            dueText: Type.String({ description: 'HH:mm dd/MM/yyyy, Vietnam time' }),
            rule: Type.String(),
          }),
          400: ErrorSchema,
          404: ErrorSchema,
        },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const r = await svc.deadline(deps, q);
      reply.header('cache-control', PUBLIC_CACHE);
      return {
        center: r.center.slug,
        receivedAt: toIsoVn(r.receivedAt),
        effectiveStart: toIsoVn(r.effectiveStart),
        amount: r.amount,
        unit: r.unit,
        dueAt: toIsoVn(r.dueAt),
        dueAtUtc: r.dueAt.toISOString(),
        dueDate: toLocal(r.dueAt).date,
        dueText: formatInstantVi(r.dueAt),
        rule: r.rule,
      };
    },
  );

  r.get(
    '/api/v1/calendar/days',
    {
      schema: {
        operationId: 'listCalendarDays',
        tags: ['calendar'],
        summary: 'Working and non-working days of a centre between two dates (inclusive), with lunar dates',
        querystring: Type.Object({
          center: Type.String({ minLength: 1, maxLength: 100 }),
          from: Type.String({ minLength: 1, maxLength: 20, description: 'YYYY-MM-DD' }),
          to: Type.String({ minLength: 1, maxLength: 20, description: 'YYYY-MM-DD' }),
        }),
        response: {
          200: Type.Object({
            center: Type.String(),
            from: Type.String(),
            to: Type.String(),
            years: Type.Array(Type.Object({ year: Type.Integer(), status: Type.String() })),
            days: Type.Array(DaySchema),
          }),
          400: ErrorSchema,
          404: ErrorSchema,
        },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const r = await svc.days(deps, q);
      const years: { year: number; status: string }[] = [];
      for (let y = Number(q.from.slice(0, 4)); y <= Number(q.to.slice(0, 4)); y++)
        years.push({ year: y, status: r.cal.yearStatus(y) });
      reply.header('cache-control', PUBLIC_CACHE);
      return { center: r.center.slug, from: q.from, to: q.to, years, days: r.days.map(presentDay) };
    },
  );

  r.post(
    '/api/v1/calendar/notices',
    {
      schema: {
        operationId: 'recordCalendarNotice',
        tags: ['calendar'],
        summary: 'Record an official notice for one day of a centre (day off or make-up working day)',
        security: [{ bearer: [] }],
        body: Type.Object({
          center: Type.String({ minLength: 1, maxLength: 100 }),
          date: Type.String({ minLength: 10, maxLength: 10 }),
          working: Type.Boolean(),
          reason: Type.String({ minLength: 1, maxLength: 200 }),
          reasonEn: Type.Optional(Type.String({ maxLength: 200 })),
          legalBasis: Type.String({ minLength: 1, maxLength: 300 }),
        }),
        response: {
          201: Type.Object({ id: Type.Integer() }),
          400: ErrorSchema,
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
        },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const id = await svc.recordNotice(deps, req.actor, b.center, b);
      return reply.code(201).send({ id });
    },
  );

  // ---- Console ----

  async function renderYear(
    req: FastifyRequest,
    reply: FastifyReply,
    year: number,
    opts: { saved?: boolean; errors?: string[]; status?: number } = {},
  ) {
    const actor = requireActor(req);
    const home = await getCenterById(deps, actor.homeCenterId);
    const v = await svc.yearOverview(deps, actor, home.slug, year);
    return sendPage(
      reply,
      h(YearPage, {
        lang: req.lang,
        path: req.url,
        csrf: req.csrfToken ?? '',
        userName: actor.fullName,
        centerName: home.name,
        nav: consoleNav(req.lang, actor, '/console/calendar'),
        year,
        status: v.status,
        days: v.days,
        notices: v.notices,
        shippedTitles: v.shipped.map((n) => `${n.title} (${n.legalBasis})`),
        confirmationNote: v.confirmation ? (v.confirmation.note ?? v.confirmation.confirmed_at.slice(0, 10)) : null,
        canEdit: can(actor, 'calendar.notice.write', home.id),
        canConfirm: can(actor, 'calendar.year.confirm', home.id),
        cultureDay: v.settings.cultureDay,
        sessionsText: v.settings.sessions.map((s) => `${s.start}–${s.end}`).join(', '),
        cutoff: v.settings.cutoff,
        saved: opts.saved ?? false,
        errors: opts.errors ?? [],
      }),
      opts.status ?? 200,
    );
  }

  function yearParam(v: unknown): number {
    const n = Number(v);
    if (v === undefined || v === '') return Number(toLocal(deps.now()).date.slice(0, 4));
    if (!Number.isInteger(n) || n < 1901 || n > 2099)
      throw new AppError('VALIDATION_FAILED', [
        { field: 'year', vi: 'Năm phải từ 1901 đến 2099.', en: 'The year must be between 1901 and 2099.' },
      ]);
    return n;
  }

  /** Runs a console form action; validation errors re-render the page with an error summary. */
  async function formAction(req: QReq, reply: FastifyReply, year: number, action: () => Promise<void>) {
    try {
      await action();
      return reply.redirect(`/console/calendar?year=${year}&saved=1`, 303);
    } catch (e) {
      if (e instanceof AppError && e.code === 'VALIDATION_FAILED') {
        return renderYear(req, reply, year, { errors: e.details.map((d) => d[req.lang]), status: 400 });
      }
      throw e;
    }
  }

  r.get('/console/calendar', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) => {
    const q = req.query;
    return renderYear(req, reply, yearParam(q.year), { saved: q.saved === '1' });
  });

  r.post(
    '/console/calendar/notices',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const actor = requireActor(req);
      const b = req.body ?? {};
      const date = typeof b.date === 'string' ? b.date : '';
      const year = /^\d{4}/.test(date) ? Number(date.slice(0, 4)) : yearParam(undefined);
      const home = await getCenterById(deps, actor.homeCenterId);
      return formAction(req, reply, year >= 1901 && year <= 2099 ? year : yearParam(undefined), async () => {
        await svc.recordNotice(deps, actor, home.slug, {
          date: b.date,
          working: b.working,
          reason: b.reason,
          reasonEn: b.reasonEn,
          legalBasis: b.legalBasis,
        });
      });
    },
  );

  r.post(
    '/console/calendar/notices/:id/delete',
    { schema: { hide: true, params: IdText, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const actor = requireActor(req);
      const home = await getCenterById(deps, actor.homeCenterId);
      const b = req.body ?? {};
      const year = yearParam(b.year);
      return formAction(req, reply, year, async () => svc.removeNotice(deps, actor, home.slug, Number(req.params.id)));
    },
  );

  r.post(
    '/console/calendar/confirm',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const actor = requireActor(req);
      const home = await getCenterById(deps, actor.homeCenterId);
      const b = req.body ?? {};
      const year = yearParam(b.year);
      return formAction(req, reply, year, async () =>
        svc.confirmYear(deps, actor, home.slug, year, typeof b.note === 'string' ? b.note : null),
      );
    },
  );

  r.post(
    '/console/calendar/culture-day',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const actor = requireActor(req);
      const home = await getCenterById(deps, actor.homeCenterId);
      const b = req.body ?? {};
      const year = yearParam(b.year);
      return formAction(req, reply, year, async () => {
        await updateSettings(deps, actor, home.slug, {
          cultureDayEnabled: b.enabled === '1',
          cultureDayConfirmed: b.confirmed === '1',
        });
      });
    },
  );
}
