/** Calendar JSON API (public, cached) and the console year page with its forms. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AnyQuery, FormBody, IdText } from '../../core/http/schemas.ts';
import { h } from 'preact';
import Type from 'typebox';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import { toIsoVn, formatInstantVi, toLocal, type DayInfo } from '../../core/calendar/index.ts';
import { getCenterById, updateSettings } from '../centers/index.ts';
import { consoleNav } from '../console/index.ts';
import * as svc from './service.ts';
import { YearPage } from './pages/year.tsx';
import { formYear } from './model.ts';

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

const deadlineSchema = {
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
};

const daysSchema = {
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
};

const noticeSchema = {
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
};

/** The public JSON API (deadline, days) and the notices API. */
function registerCalendarApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/v1/calendar/deadline', { schema: deadlineSchema }, async (req, reply) => {
    const d = await svc.deadline(deps, req.query);
    reply.header('cache-control', PUBLIC_CACHE);
    return {
      center: d.center.slug,
      receivedAt: toIsoVn(d.receivedAt),
      effectiveStart: toIsoVn(d.effectiveStart),
      amount: d.amount,
      unit: d.unit,
      dueAt: toIsoVn(d.dueAt),
      dueAtUtc: d.dueAt.toISOString(),
      dueDate: toLocal(d.dueAt).date,
      dueText: formatInstantVi(d.dueAt),
      rule: d.rule,
    };
  });

  r.get('/api/v1/calendar/days', { schema: daysSchema }, async (req, reply) => {
    const q = req.query;
    const d = await svc.days(deps, q);
    reply.header('cache-control', PUBLIC_CACHE);
    const years = svc.yearStatuses(d.cal, q.from, q.to);
    return { center: d.center.slug, from: q.from, to: q.to, years, days: d.days.map(presentDay) };
  });

  r.post('/api/v1/calendar/notices', { schema: noticeSchema }, async (req, reply) => {
    const id = await svc.recordNotice(deps, req.actor, req.body.center, req.body);
    return reply.code(201).send({ id });
  });
}

async function renderYear(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  year: number,
  opts: { saved?: boolean; errors?: string[]; status?: number } = {},
) {
  const actor = requireActor(req);
  const home = await getCenterById(deps, actor.homeCenterId);
  const view = await svc.yearPageModel(deps, actor, home.slug, year, opts);
  const shell = {
    lang: req.lang,
    path: req.url,
    csrf: req.csrfToken ?? '',
    userName: actor.fullName,
    centerName: home.name,
    nav: consoleNav(req.lang, actor, '/console/calendar'),
  };
  return sendPage(reply, h(YearPage, { ...shell, ...view }), opts.status ?? 200);
}

function yearParam(deps: Deps, v: unknown): number {
  const n = Number(v);
  if (v === undefined || v === '') return Number(toLocal(deps.now()).date.slice(0, 4));
  if (!Number.isInteger(n) || n < 1901 || n > 2099)
    throw new AppError('VALIDATION_FAILED', [
      { field: 'year', vi: 'Năm phải từ 1901 đến 2099.', en: 'The year must be between 1901 and 2099.' },
    ]);
  return n;
}

/** Runs a console form action; validation errors re-render the page with an error summary. */
async function formAction(deps: Deps, req: QReq, reply: FastifyReply, year: number, action: () => Promise<unknown>) {
  try {
    await action();
    return await reply.redirect(`/console/calendar?year=${year}&saved=1`, 303);
  } catch (e) {
    if (e instanceof AppError && e.code === 'VALIDATION_FAILED') {
      return renderYear(deps, req, reply, year, { errors: e.details.map((d) => d[req.lang]), status: 400 });
    }
    throw e;
  }
}

const consoleForm = { schema: { hide: true, querystring: AnyQuery, body: FormBody } };

/** The console's year page and its forms (notices, confirmation, culture day). */
function registerCalendarConsole(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/calendar', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    renderYear(deps, req, reply, yearParam(deps, req.query.year), { saved: req.query.saved === '1' }),
  );

  r.post('/console/calendar/notices', consoleForm, async (req, reply) => {
    const actor = requireActor(req);
    const b = req.body ?? {};
    const home = await getCenterById(deps, actor.homeCenterId);
    const year = formYear(b.date) ?? yearParam(deps, undefined);
    return formAction(deps, req, reply, year, () =>
      svc.recordNotice(deps, actor, home.slug, {
        date: b.date,
        working: b.working,
        reason: b.reason,
        reasonEn: b.reasonEn,
        legalBasis: b.legalBasis,
      }),
    );
  });

  r.post(
    '/console/calendar/notices/:id/delete',
    { schema: { ...consoleForm.schema, params: IdText } },
    async (req, reply) => {
      const actor = requireActor(req);
      const home = await getCenterById(deps, actor.homeCenterId);
      const year = yearParam(deps, req.body?.year);
      return formAction(deps, req, reply, year, () => svc.removeNotice(deps, actor, home.slug, Number(req.params.id)));
    },
  );

  r.post('/console/calendar/confirm', consoleForm, async (req, reply) => {
    const actor = requireActor(req);
    const home = await getCenterById(deps, actor.homeCenterId);
    const b = req.body ?? {};
    const year = yearParam(deps, b.year);
    return formAction(deps, req, reply, year, () =>
      svc.confirmYear(deps, actor, home.slug, year, typeof b.note === 'string' ? b.note : null),
    );
  });

  r.post('/console/calendar/culture-day', consoleForm, async (req, reply) => {
    const actor = requireActor(req);
    const home = await getCenterById(deps, actor.homeCenterId);
    const b = req.body ?? {};
    const year = yearParam(deps, b.year);
    return formAction(deps, req, reply, year, () =>
      updateSettings(deps, actor, home.slug, {
        cultureDayEnabled: b.enabled === '1',
        cultureDayConfirmed: b.confirmed === '1',
      }),
    );
  });
}

export function registerCalendarRoutes(app: FastifyInstance, deps: Deps): void {
  registerCalendarApi(app, deps);
  registerCalendarConsole(app, deps);
}
