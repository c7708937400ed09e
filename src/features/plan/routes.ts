/**
 * Plan tasks, evidence and the quarterly report over HTTP.
 *
 *   GET    /api/v1/centers/:slug/plan?year=                       tasks with notes and evidence
 *   POST   /api/v1/centers/:slug/plan/seed {year}                 seed the plan's items for a year
 *   GET    /api/v1/centers/:slug/plan/deadline[?year&quarter]     reporting deadline + working days left
 *   GET    /api/v1/centers/:slug/plan/tasks/:id
 *   PATCH  /api/v1/centers/:slug/plan/tasks/:id {status, progress}
 *   PUT    /api/v1/centers/:slug/plan/tasks/:id/notes/:quarter {note}
 *   POST   /api/v1/centers/:slug/plan/tasks/:id/evidence/files    multipart: file, quarter, title
 *   POST   /api/v1/centers/:slug/plan/tasks/:id/evidence/links    JSON: quarter, linkKind, title, ref?, url?
 *   GET    /api/v1/centers/:slug/plan/evidence/:id/file           the file (audited)
 *   DELETE /api/v1/centers/:slug/plan/evidence/:id
 *   GET    /api/v1/centers/:slug/plan/reports/:year/:quarter.(pdf|docx|zip)
 *
 *   /console/plan, /console/plan/tasks/:id and their POST forms (POST-redirect-GET).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { h } from 'preact';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import { getCenterById } from '../centers/service.ts';
import { calendarOf } from '../calendar/service.ts';
import { consoleNav } from '../console/nav.ts';
import { contentDisposition } from './files.ts';
import { offload } from '../tasks.ts';
import { takeExport } from '../../core/documents/files.ts';
import * as m from './model.ts';
import * as svc from './service.ts';
import { PlanPage, TaskPage } from './pages/plan.tsx';

const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }),
});
const Obj = Type.Object({}, { additionalProperties: true });
const Slug = Type.Object({ slug: Type.String({ maxLength: 100 }) });
const SlugId = Type.Object({ slug: Type.String({ maxLength: 100 }), id: Type.String({ maxLength: 12 }) });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const OK_FLASHES = new Set(['seeded', 'saved', 'added', 'removed']);

function field(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  return typeof v === 'string' ? v : undefined;
}

export function sendFile(reply: FastifyReply, f: { bytes: Buffer; contentType: string; name: string }, inline = false) {
  const disp = contentDisposition(f.name);
  return reply
    .type(f.contentType)
    .header('content-disposition', inline ? disp.replace(/^attachment/, 'inline') : disp)
    .header('cache-control', 'no-store')
    .send(f.bytes);
}

export function registerPlanRoutes(app: FastifyInstance, deps: Deps): void {
  const slugOf = (req: FastifyRequest) => (req.params as { slug: string }).slug;
  const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;

  // ---- JSON API ----

  app.get(
    '/api/v1/centers/:slug/plan',
    {
      schema: {
        operationId: 'listPlanTasks',
        tags: ['plan'],
        summary: 'The plan’s tasks for a year, with status, progress, quarterly notes and evidence',
        security: [{ bearer: [] }],
        params: Slug,
        querystring: Type.Object({ year: Type.Integer({ minimum: m.MIN_YEAR, maximum: m.MAX_YEAR }) }),
        response: { 200: Obj, ...errors },
      },
    },
    async (req) => {
      const r = await svc.listPlan(deps, req.actor, slugOf(req), (req.query as { year: number }).year);
      return { year: r.year, years: r.years, tasks: r.tasks };
    },
  );

  app.post(
    '/api/v1/centers/:slug/plan/seed',
    {
      schema: {
        operationId: 'seedPlan',
        tags: ['plan'],
        summary: 'Seed the plan’s items (data/plan) for a year; existing items are kept',
        security: [{ bearer: [] }],
        params: Slug,
        body: Type.Object({ year: Type.Integer({ minimum: m.MIN_YEAR, maximum: m.MAX_YEAR }) }),
        response: {
          200: Type.Object({ added: Type.Integer(), total: Type.Integer() }),
          201: Type.Object({ added: Type.Integer(), total: Type.Integer() }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const r = await svc.seedPlan(deps, req.actor, slugOf(req), (req.body as { year: number }).year);
      return reply.code(r.added ? 201 : 200).send(r);
    },
  );

  app.get(
    '/api/v1/centers/:slug/plan/deadline',
    {
      schema: {
        operationId: 'planReportDeadline',
        tags: ['plan'],
        summary:
          'The quarterly report deadline (last working day of the quarter in the centre’s calendar) and the working days left; without year/quarter, the next one',
        security: [{ bearer: [] }],
        params: Slug,
        querystring: Type.Object({
          year: Type.Optional(Type.Integer({ minimum: m.MIN_YEAR, maximum: m.MAX_YEAR })),
          quarter: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
        }),
        response: { 200: Obj, ...errors },
      },
    },
    async (req) => svc.reminder(deps, req.actor, slugOf(req), req.query as { year?: number; quarter?: number }),
  );

  app.get(
    '/api/v1/centers/:slug/plan/tasks/:id',
    {
      schema: {
        operationId: 'getPlanTask',
        tags: ['plan'],
        summary: 'One plan task',
        security: [{ bearer: [] }],
        params: SlugId,
        response: { 200: Obj, ...errors },
      },
    },
    async (req) => svc.getTask(deps, req.actor, slugOf(req), idOf(req)),
  );

  app.patch(
    '/api/v1/centers/:slug/plan/tasks/:id',
    {
      schema: {
        operationId: 'updatePlanTask',
        tags: ['plan'],
        summary: 'Set a task’s status (not_started | in_progress | done | regular) and progress (0–100)',
        security: [{ bearer: [] }],
        params: SlugId,
        body: Type.Object(
          {
            status: Type.Optional(Type.Union(m.TASK_STATUSES.map((s) => Type.Literal(s)))),
            progress: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Obj, ...errors },
      },
    },
    async (req) => svc.updateTask(deps, req.actor, slugOf(req), idOf(req), req.body as svc.TaskUpdate),
  );

  app.put(
    '/api/v1/centers/:slug/plan/tasks/:id/notes/:quarter',
    {
      schema: {
        operationId: 'setPlanTaskNote',
        tags: ['plan'],
        summary: 'The task’s note for a quarter (empty removes it)',
        security: [{ bearer: [] }],
        params: Type.Object({
          slug: Type.String({ maxLength: 100 }),
          id: Type.String({ maxLength: 12 }),
          quarter: Type.Integer({ minimum: 1, maximum: 4 }),
        }),
        body: Type.Object({ note: Type.String({ maxLength: 4000 }) }),
        response: { 200: Obj, ...errors },
      },
    },
    async (req) =>
      svc.setNote(
        deps,
        req.actor,
        slugOf(req),
        idOf(req),
        (req.params as { quarter: number }).quarter,
        (req.body as { note: string }).note,
      ),
  );

  app.post(
    '/api/v1/centers/:slug/plan/tasks/:id/evidence/files',
    {
      schema: {
        operationId: 'addPlanEvidenceFile',
        tags: ['plan'],
        summary:
          'Upload a photo, screenshot or document as evidence (multipart: file, quarter, title). PDF, JPEG or PNG by content, at most 5 MB',
        consumes: ['multipart/form-data'],
        security: [{ bearer: [] }],
        params: SlugId,
        body: Type.Object(
          {
            file: Type.Unsafe<Buffer>({ description: 'PDF, JPEG or PNG, at most 5 MB' }),
            quarter: Type.String({ maxLength: 1 }),
            title: Type.Optional(Type.String({ maxLength: 300 })),
          },
          { additionalProperties: true },
        ),
        response: { 201: Obj, ...errors, 413: ErrorSchema, 415: ErrorSchema },
      },
    },
    async (req, reply) => {
      const b = (req.body ?? {}) as Record<string, unknown>;
      return reply.code(201).send(
        await svc.addFileEvidence(deps, req.actor, slugOf(req), idOf(req), {
          quarter: field(b, 'quarter'),
          title: field(b, 'title'),
          name: field(b, 'name'),
          file: b.file,
        }),
      );
    },
  );

  app.post(
    '/api/v1/centers/:slug/plan/tasks/:id/evidence/links',
    {
      schema: {
        operationId: 'addPlanEvidenceLink',
        tags: ['plan'],
        summary:
          'Link evidence the system holds: letter, home_visit, report, public_page (url), dossier (ref = code), register_document (ref = id)',
        security: [{ bearer: [] }],
        params: SlugId,
        body: Type.Object({
          quarter: Type.Integer({ minimum: 1, maximum: 4 }),
          linkKind: Type.String({ maxLength: 30 }),
          title: Type.String({ maxLength: 300 }),
          ref: Type.Optional(Type.String({ maxLength: 100 })),
          url: Type.Optional(Type.String({ maxLength: 500 })),
        }),
        response: { 201: Obj, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await svc.addLinkEvidence(deps, req.actor, slugOf(req), idOf(req), req.body as svc.LinkEvidenceInput)),
  );

  app.get(
    '/api/v1/centers/:slug/plan/evidence/:id/file',
    {
      schema: {
        operationId: 'downloadPlanEvidence',
        tags: ['plan'],
        summary: 'Download an evidence file',
        security: [{ bearer: [] }],
        params: SlugId,
        response: { ...errors },
      },
    },
    async (req, reply) => sendFile(reply, await svc.readEvidenceFile(deps, req.actor, slugOf(req), idOf(req)), true),
  );

  app.delete(
    '/api/v1/centers/:slug/plan/evidence/:id',
    {
      schema: {
        operationId: 'removePlanEvidence',
        tags: ['plan'],
        summary: 'Remove an evidence item',
        security: [{ bearer: [] }],
        params: SlugId,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      await svc.removeEvidence(deps, req.actor, slugOf(req), idOf(req));
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/centers/:slug/plan/reports/:year/:file',
    {
      schema: {
        operationId: 'planQuarterlyReport',
        tags: ['plan'],
        summary:
          'The quarterly report in the Decree 30/2020 layout: :file = <quarter>.pdf | <quarter>.docx | <quarter>.zip (the evidence archive: report, evidence files under pseudonymised names, index.csv). ?number= sets the report number, ?date= its date. 413 when the evidence files to include exceed 60 MB',
        security: [{ bearer: [] }],
        params: Type.Object({
          slug: Type.String({ maxLength: 100 }),
          year: Type.Integer({ minimum: m.MIN_YEAR, maximum: m.MAX_YEAR }),
          file: Type.String({ pattern: '^[1-4]\\.(pdf|docx|zip)$' }),
        }),
        querystring: Type.Object({
          number: Type.Optional(Type.String({ maxLength: 40 })),
          date: Type.Optional(Type.String({ maxLength: 10 })),
        }),
        response: { ...errors, 413: ErrorSchema },
      },
    },
    async (req, reply) => {
      const p = req.params as { year: number; file: string };
      const [q, ext] = p.file.split('.') as [string, 'pdf' | 'docx' | 'zip'];
      const qs = req.query as { number?: string; date?: string };
      // Read and rendered in the task pool, written to a temporary file and streamed from there.
      const f = await offload(
        deps,
        slugOf(req),
        'planReport',
        req.actor,
        slugOf(req),
        {
          year: p.year,
          quarter: q,
          number: qs.number,
          date: qs.date,
        },
        ext,
      );
      const { stream, size } = await takeExport(f.path);
      const disp = contentDisposition(f.fileName);
      return reply
        .type(f.contentType)
        .header('content-disposition', ext === 'pdf' ? disp.replace(/^attachment/, 'inline') : disp)
        .header('cache-control', 'no-store')
        .header('content-length', size)
        .send(stream);
    },
  );

  // ---- Console ----

  const lq = (req: FastifyRequest, sep = '?') => (req.lang === 'en' ? `${sep}lang=en` : '');
  const shell = async (req: FastifyRequest) => {
    const actor = requireActor(req);
    const center = await getCenterById(deps, actor.homeCenterId);
    return {
      actor,
      center,
      base: {
        lang: req.lang,
        path: req.url,
        csrf: req.csrfToken ?? '',
        userName: actor.fullName,
        centerName: center.name,
        nav: consoleNav(req.lang, actor, '/console/plan'),
      },
    };
  };
  const query = (req: FastifyRequest) => (req.query ?? {}) as Record<string, unknown>;
  const okOf = (req: FastifyRequest) => {
    const ok = query(req).ok;
    return typeof ok === 'string' && OK_FLASHES.has(ok) ? ok : null;
  };
  const messagesOf = (req: FastifyRequest, e: unknown): string[] | null =>
    e instanceof AppError &&
    e.status < 500 &&
    e.code !== 'NOT_FOUND' &&
    e.code !== 'FORBIDDEN' &&
    e.code !== 'UNAUTHENTICATED'
      ? e.details.length
        ? e.details.map((d) => d[req.lang])
        : [e.message]
      : null;

  async function planPage(
    req: FastifyRequest,
    reply: FastifyReply,
    yearIn: unknown,
    errs: string[] = [],
    status = 200,
  ) {
    const { actor, center, base } = await shell(req);
    const today = svc.todayOf(deps);
    let year: number;
    try {
      year = yearIn === undefined || yearIn === '' ? Number(today.slice(0, 4)) : m.parseYear(yearIn);
    } catch (e) {
      year = Number(today.slice(0, 4));
      errs = [...errs, ...(messagesOf(req, e) ?? [])];
    }
    const plan = await svc.listPlan(deps, actor, center.slug, year);
    const reminder = await svc.reminder(deps, actor, center.slug);
    const cal = await calendarOf(deps, center);
    const deadlines = ([1, 2, 3, 4] as const).map((q) => ({ q, date: m.quarterDeadline(cal, year, q) }));
    return sendPage(
      reply,
      h(PlanPage, {
        ...base,
        year,
        years: plan.years,
        tasks: plan.tasks,
        reminder,
        deadlines,
        slug: center.slug,
        ok: okOf(req),
        errors: errs,
      }),
      status,
    );
  }

  async function taskPage(req: FastifyRequest, reply: FastifyReply, id: string, errs: string[] = [], status = 200) {
    const { actor, center, base } = await shell(req);
    const task = await svc.getTask(deps, actor, center.slug, id);
    const today = svc.todayOf(deps);
    const quarter = Number(today.slice(0, 4)) === task.year ? m.quarterOfDate(today) : 4;
    return sendPage(
      reply,
      h(TaskPage, { ...base, task, quarter, slug: center.slug, ok: okOf(req), errors: errs }),
      status,
    );
  }

  app.get('/console/plan', { schema: { hide: true } }, async (req, reply) => planPage(req, reply, query(req).year));
  app.get('/console/plan/tasks/:id', { schema: { hide: true } }, async (req, reply) => taskPage(req, reply, idOf(req)));

  app.post('/console/plan/seed', { schema: { hide: true } }, async (req, reply) => {
    const { actor, center } = await shell(req);
    const b = (req.body ?? {}) as Record<string, unknown>;
    try {
      await svc.seedPlan(deps, actor, center.slug, field(b, 'year'));
      return reply.redirect(`/console/plan?year=${m.parseYear(field(b, 'year'))}&ok=seeded${lq(req, '&')}`, 303);
    } catch (e) {
      const msgs = messagesOf(req, e);
      if (msgs) return planPage(req, reply, undefined, msgs, (e as AppError).status);
      throw e;
    }
  });

  async function taskAction(
    req: FastifyRequest,
    reply: FastifyReply,
    fn: (slug: string, b: Record<string, unknown>) => Promise<string>,
  ) {
    const { center } = await shell(req);
    const b = (req.body ?? {}) as Record<string, unknown>;
    try {
      const ok = await fn(center.slug, b);
      return reply.redirect(`/console/plan/tasks/${idOf(req)}?ok=${ok}${lq(req, '&')}#evidence`, 303);
    } catch (e) {
      const msgs = messagesOf(req, e);
      if (msgs) return taskPage(req, reply, idOf(req), msgs, (e as AppError).status);
      throw e;
    }
  }

  app.post('/console/plan/tasks/:id', { schema: { hide: true } }, async (req, reply) =>
    taskAction(req, reply, async (slug, b) => {
      await svc.updateTask(deps, req.actor, slug, idOf(req), {
        status: field(b, 'status'),
        progress: field(b, 'progress'),
      });
      return 'saved';
    }),
  );
  app.post('/console/plan/tasks/:id/notes', { schema: { hide: true } }, async (req, reply) =>
    taskAction(req, reply, async (slug, b) => {
      await svc.setNote(deps, req.actor, slug, idOf(req), field(b, 'quarter'), field(b, 'note') ?? '');
      return 'saved';
    }),
  );
  app.post('/console/plan/tasks/:id/evidence-file', { schema: { hide: true } }, async (req, reply) =>
    taskAction(req, reply, async (slug, b) => {
      await svc.addFileEvidence(deps, req.actor, slug, idOf(req), {
        quarter: field(b, 'quarter'),
        title: field(b, 'title'),
        file: b.file,
      });
      return 'added';
    }),
  );
  app.post('/console/plan/tasks/:id/evidence-link', { schema: { hide: true } }, async (req, reply) =>
    taskAction(req, reply, async (slug, b) => {
      await svc.addLinkEvidence(deps, req.actor, slug, idOf(req), {
        quarter: field(b, 'quarter'),
        linkKind: field(b, 'linkKind'),
        title: field(b, 'title'),
        ref: field(b, 'ref'),
        url: field(b, 'url'),
      });
      return 'added';
    }),
  );
  app.post('/console/plan/evidence/:id/delete', { schema: { hide: true } }, async (req, reply) => {
    const { actor, center } = await shell(req);
    const r = await svc.removeEvidence(deps, actor, center.slug, idOf(req));
    return reply.redirect(`/console/plan/tasks/${r.taskId}?ok=removed${lq(req, '&')}#evidence`, 303);
  });
}
