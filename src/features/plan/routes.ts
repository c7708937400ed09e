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
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AnyQuery, FormBody, IdText } from '../../core/http/schemas.ts';
import Type from 'typebox';
import { h } from 'preact';
import type { Deps } from '../../core/deps.ts';
import type { AppError } from '../../core/http/errors.ts';
import { sendPage } from '../../core/http/context.ts';
import { offload } from '../tasks.ts';
import { consoleShell, formMessages, langSuffix, okFlash, sendFile, streamExport, type QReq } from './console-http.ts';
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
const NAV = '/console/plan';

function field(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  return typeof v === 'string' ? v : undefined;
}

/** The plan of a year: list, seed, the reporting deadline. */
function registerPlanApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
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
      const r = await svc.listPlan(deps, req.actor, req.params.slug, req.query.year);
      return { year: r.year, years: r.years, tasks: r.tasks };
    },
  );

  r.post(
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
      const r = await svc.seedPlan(deps, req.actor, req.params.slug, req.body.year);
      return reply.code(r.added ? 201 : 200).send(r);
    },
  );

  r.get(
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
    async (req) => svc.reminder(deps, req.actor, req.params.slug, req.query),
  );
}

/** One task: read it, set its status and progress, its quarterly note. */
function registerPlanTaskApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
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
    async (req) => svc.getTask(deps, req.actor, req.params.slug, req.params.id),
  );

  r.patch(
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
            status: Type.Optional(Type.Enum(m.TASK_STATUSES)),
            progress: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Obj, ...errors },
      },
    },
    async (req) => svc.updateTask(deps, req.actor, req.params.slug, req.params.id, req.body),
  );

  r.put(
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
    async (req) => svc.setNote(deps, req.actor, req.params.slug, req.params.id, req.params.quarter, req.body.note),
  );
}

/** Evidence: upload a file, link a record the system holds. */
function registerPlanEvidenceApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
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
      const b = req.body;
      return reply.code(201).send(
        await svc.addFileEvidence(deps, req.actor, req.params.slug, req.params.id, {
          quarter: field(b, 'quarter'),
          title: field(b, 'title'),
          name: field(b, 'name'),
          file: b.file,
        }),
      );
    },
  );

  r.post(
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
      reply.code(201).send(await svc.addLinkEvidence(deps, req.actor, req.params.slug, req.params.id, req.body)),
  );
}

/** An evidence item: download its file, remove it. */
function registerPlanEvidenceFileApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
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
    async (req, reply) =>
      sendFile(reply, await svc.readEvidenceFile(deps, req.actor, req.params.slug, req.params.id), true),
  );

  r.delete(
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
      await svc.removeEvidence(deps, req.actor, req.params.slug, req.params.id);
      return reply.code(204).send(null);
    },
  );
}

/** The quarterly report (PDF, DOCX, evidence ZIP), rendered in the task pool. */
function registerPlanReportApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
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
      const p = req.params;
      const [q, ext] = p.file.split('.') as [string, 'pdf' | 'docx' | 'zip'];
      const qs = req.query;
      // Read and rendered in the task pool, written to a temporary file and streamed from there.
      const f = await offload(
        deps,
        req.params.slug,
        'planReport',
        req.actor,
        req.params.slug,
        { year: p.year, quarter: q, number: qs.number, date: qs.date },
        ext,
      );
      return streamExport(reply, f, ext === 'pdf');
    },
  );
}

type TaskReq = FastifyRequest<{
  Params: { id: string };
  Querystring: Record<string, unknown>;
  Body: Record<string, unknown> | null;
}>;

async function planPage(
  deps: Deps,
  req: QReq,
  reply: FastifyReply,
  yearIn: unknown,
  errs: string[] = [],
  status = 200,
) {
  const { actor, center, base } = await consoleShell(deps, req, NAV);
  const model = await svc.planPageModel(deps, actor, center.slug, yearIn);
  const yearErrors = model.yearError ? (formMessages(req.lang, model.yearError) ?? []) : [];
  return sendPage(
    reply,
    h(PlanPage, {
      ...base,
      year: model.year,
      years: model.years,
      tasks: model.tasks,
      reminder: model.reminder,
      deadlines: model.deadlines,
      slug: center.slug,
      ok: okFlash(req, OK_FLASHES),
      errors: [...errs, ...yearErrors],
    }),
    status,
  );
}

async function taskPage(deps: Deps, req: QReq, reply: FastifyReply, id: string, errs: string[] = [], status = 200) {
  const { actor, center, base } = await consoleShell(deps, req, NAV);
  const { task, quarter } = await svc.taskPageModel(deps, actor, center.slug, id);
  return sendPage(
    reply,
    h(TaskPage, { ...base, task, quarter, slug: center.slug, ok: okFlash(req, OK_FLASHES), errors: errs }),
    status,
  );
}

/** A task form: run `fn`, then back to the task (#evidence) with its flash, or the page again with the messages. */
async function taskAction(
  deps: Deps,
  req: TaskReq,
  reply: FastifyReply,
  fn: (slug: string, b: Record<string, unknown>) => Promise<string>,
) {
  const { center } = await consoleShell(deps, req, NAV);
  const b = req.body ?? {};
  try {
    const ok = await fn(center.slug, b);
    return reply.redirect(`/console/plan/tasks/${req.params.id}?ok=${ok}${langSuffix(req, '&')}#evidence`, 303);
  } catch (e) {
    const msgs = formMessages(req.lang, e);
    if (msgs) return taskPage(deps, req, reply, req.params.id, msgs, (e as AppError).status);
    throw e;
  }
}

/** /console/plan and a task's page; seeding a year. */
function registerPlanPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/plan', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    planPage(deps, req, reply, req.query.year),
  );
  r.get(
    '/console/plan/tasks/:id',
    { schema: { hide: true, params: IdText, querystring: AnyQuery } },
    async (req, reply) => taskPage(deps, req, reply, req.params.id),
  );
  r.post(
    '/console/plan/seed',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const { actor, center } = await consoleShell(deps, req, NAV);
      const b = req.body ?? {};
      try {
        await svc.seedPlan(deps, actor, center.slug, field(b, 'year'));
        return reply.redirect(
          `/console/plan?year=${m.parseYear(field(b, 'year'))}&ok=seeded${langSuffix(req, '&')}`,
          303,
        );
      } catch (e) {
        const msgs = formMessages(req.lang, e);
        if (msgs) return planPage(deps, req, reply, undefined, msgs, (e as AppError).status);
        throw e;
      }
    },
  );
  r.post(
    '/console/plan/evidence/:id/delete',
    { schema: { hide: true, params: IdText, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const { actor, center } = await consoleShell(deps, req, NAV);
      const r = await svc.removeEvidence(deps, actor, center.slug, req.params.id);
      return reply.redirect(`/console/plan/tasks/${r.taskId}?ok=removed${langSuffix(req, '&')}#evidence`, 303);
    },
  );
}

/** The task page's forms: status and progress, the quarter's note, a file, a link. */
function registerPlanTaskForms(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const form = { schema: { hide: true, params: IdText, querystring: AnyQuery, body: FormBody } };
  r.post('/console/plan/tasks/:id', form, async (req, reply) =>
    taskAction(deps, req, reply, async (slug, b) => {
      await svc.updateTask(deps, req.actor, slug, req.params.id, {
        status: field(b, 'status'),
        progress: field(b, 'progress'),
      });
      return 'saved';
    }),
  );
  r.post('/console/plan/tasks/:id/notes', form, async (req, reply) =>
    taskAction(deps, req, reply, async (slug, b) => {
      await svc.setNote(deps, req.actor, slug, req.params.id, field(b, 'quarter'), field(b, 'note') ?? '');
      return 'saved';
    }),
  );
  r.post('/console/plan/tasks/:id/evidence-file', form, async (req, reply) =>
    taskAction(deps, req, reply, async (slug, b) => {
      await svc.addFileEvidence(deps, req.actor, slug, req.params.id, {
        quarter: field(b, 'quarter'),
        title: field(b, 'title'),
        file: b.file,
      });
      return 'added';
    }),
  );
  r.post('/console/plan/tasks/:id/evidence-link', form, async (req, reply) =>
    taskAction(deps, req, reply, async (slug, b) => {
      await svc.addLinkEvidence(deps, req.actor, slug, req.params.id, {
        quarter: field(b, 'quarter'),
        linkKind: field(b, 'linkKind'),
        title: field(b, 'title'),
        ref: field(b, 'ref'),
        url: field(b, 'url'),
      });
      return 'added';
    }),
  );
}

export function registerPlanRoutes(app: FastifyInstance, deps: Deps): void {
  registerPlanApi(app, deps);
  registerPlanTaskApi(app, deps);
  registerPlanEvidenceApi(app, deps);
  registerPlanEvidenceFileApi(app, deps);
  registerPlanReportApi(app, deps);
  registerPlanPages(app, deps);
  registerPlanTaskForms(app, deps);
}
