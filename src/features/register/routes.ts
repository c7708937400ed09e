/**
 * The document register over HTTP.
 *
 *   GET   /api/v1/centers/:slug/register?year&direction&status&q&from&to   list (newest first)
 *   POST  /api/v1/centers/:slug/register          JSON, or multipart with a file → 201 with its number
 *   GET   /api/v1/centers/:slug/register/export.xlsx  the filtered register as XLSX
 *   GET   /api/v1/centers/:slug/register/:id
 *   PATCH /api/v1/centers/:slug/register/:id      details, assignee, deadline, status
 *   POST  /api/v1/centers/:slug/register/:id/file multipart: file
 *   GET   /api/v1/centers/:slug/register/:id/file
 *
 *   /console/register, /console/register/:id and their forms.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AnyQuery, FormBody, IdText } from '../../core/http/schemas.ts';
import Type from 'typebox';
import { h } from 'preact';
import type { Deps } from '../../core/deps.ts';
import type { AppError } from '../../core/http/errors.ts';
import { sendPage } from '../../core/http/context.ts';
import { consoleShell, formMessages, langSuffix, sendFile, type QReq } from '../plan/index.ts';
import { offload } from '../tasks.ts';
import * as svc from './service.ts';
import { isRegisterFlash } from './model.ts';
import { RegisterEntryPage, RegisterPage } from './pages.tsx';

const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }),
});
const Obj = Type.Object({}, { additionalProperties: true });
const Slug = Type.Object({ slug: Type.String({ maxLength: 100 }) });
const SlugId = Type.Object({ slug: Type.String({ maxLength: 100 }), id: Type.String({ maxLength: 12 }) });
const NAV = '/console/register';
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const ListQuery = Type.Object({
  year: Type.Optional(Type.String({ maxLength: 4 })),
  direction: Type.Optional(Type.String({ maxLength: 3 })),
  status: Type.Optional(Type.String({ maxLength: 20 })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(Type.String({ maxLength: 10 })),
  to: Type.Optional(Type.String({ maxLength: 10 })),
  limit: Type.Optional(Type.String({ maxLength: 5 })),
});

function str(b: Record<string, unknown>, k: string): string | undefined {
  const v = b[k];
  return typeof v === 'string' ? v : undefined;
}

function docInput(b: Record<string, unknown>): svc.DocInput {
  return {
    direction: b.direction,
    date: b.date,
    symbol: b.symbol,
    party: b.party,
    abstract: b.abstract,
    assignee: b.assignee,
    deadline: b.deadline,
    status: b.status,
  };
}

/** The register: list and add. */
function registerRegisterListApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/register',
    {
      schema: {
        operationId: 'listRegister',
        tags: ['register'],
        summary: 'The document register (incoming and outgoing), filtered',
        security: [{ bearer: [] }],
        params: Slug,
        querystring: ListQuery,
        response: { 200: Type.Object({ items: Type.Array(Obj) }), ...errors },
      },
    },
    async (req) => ({ items: await svc.listDocs(deps, req.actor, req.params.slug, req.query) }),
  );

  r.post(
    '/api/v1/centers/:slug/register',
    {
      schema: {
        operationId: 'addRegisterDocument',
        tags: ['register'],
        summary:
          'Register a document: the next number of its direction in the year of its date (gapless). JSON, or multipart/form-data with a file (PDF, JPEG or PNG, at most 5 MB)',
        security: [{ bearer: [] }],
        params: Slug,
        body: Type.Object(
          {
            direction: Type.String({ maxLength: 3, description: 'in | out' }),
            date: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }),
            symbol: Type.Optional(Type.String({ maxLength: 60 })),
            party: Type.String({ maxLength: 300 }),
            abstract: Type.String({ maxLength: 1000 }),
            assignee: Type.Optional(Type.String({ maxLength: 200 })),
            deadline: Type.Optional(Type.String({ maxLength: 10 })),
            status: Type.Optional(Type.String({ maxLength: 20 })),
            file: Type.Optional(Type.Unsafe<Buffer>({ description: 'multipart only' })),
          },
          { additionalProperties: true },
        ),
        response: { 201: Obj, ...errors, 413: ErrorSchema, 415: ErrorSchema },
      },
    },
    async (req, reply) => {
      const b = req.body;
      return reply.code(201).send(
        await svc.addDoc(deps, req.actor, req.params.slug, {
          ...docInput(b),
          file: b.file,
          fileName: str(b, 'fileName'),
        }),
      );
    },
  );
}

/** The (filtered) register as XLSX. */
function registerRegisterExportApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/register/export.xlsx',
    {
      schema: {
        operationId: 'exportRegister',
        tags: ['register'],
        summary: 'The (filtered) register as an Excel workbook: one sheet for incoming, one for outgoing',
        security: [{ bearer: [] }],
        params: Slug,
        querystring: ListQuery,
        response: { ...errors },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const { centerName, docs } = await svc.exportData(deps, req.actor, req.params.slug, q);
      const title = q.year ? `Năm ${q.year}` : 'Tất cả các năm';
      const bytes = Buffer.from(await offload(deps, req.params.slug, 'registerXlsx', centerName, docs, title));
      return sendFile(reply, {
        bytes,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        name: `so-cong-van-${req.params.slug}${q.year ? `-${q.year}` : ''}.xlsx`,
      });
    },
  );
}

/** One registered document: read and change it. */
function registerRegisterEntryApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/register/:id',
    {
      schema: {
        operationId: 'getRegisterDocument',
        tags: ['register'],
        summary: 'One registered document',
        security: [{ bearer: [] }],
        params: SlugId,
        response: { 200: Obj, ...errors },
      },
    },
    async (req) => svc.getDoc(deps, req.actor, req.params.slug, req.params.id),
  );

  r.patch(
    '/api/v1/centers/:slug/register/:id',
    {
      schema: {
        operationId: 'updateRegisterDocument',
        tags: ['register'],
        summary:
          'Change a registered document’s details, assignee, deadline or status (new | processing | done); its number never changes',
        security: [{ bearer: [] }],
        params: SlugId,
        body: Type.Object(
          {
            date: Type.Optional(Type.String({ maxLength: 10 })),
            symbol: Type.Optional(Type.String({ maxLength: 60 })),
            party: Type.Optional(Type.String({ maxLength: 300 })),
            abstract: Type.Optional(Type.String({ maxLength: 1000 })),
            assignee: Type.Optional(Type.String({ maxLength: 200 })),
            deadline: Type.Optional(Type.Union([Type.String({ maxLength: 10 }), Type.Null()])),
            status: Type.Optional(Type.String({ maxLength: 20 })),
            direction: Type.Optional(Type.String({ maxLength: 3 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Obj, ...errors },
      },
    },
    async (req) => svc.updateDoc(deps, req.actor, req.params.slug, req.params.id, req.body),
  );
}

/** A registered document's scan: attach and download. */
function registerRegisterFileApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/api/v1/centers/:slug/register/:id/file',
    {
      schema: {
        operationId: 'attachRegisterFile',
        tags: ['register'],
        summary: 'Attach (or replace) the scanned document (multipart: file)',
        consumes: ['multipart/form-data'],
        security: [{ bearer: [] }],
        params: SlugId,
        body: Type.Object(
          { file: Type.Unsafe<Buffer>({ description: 'PDF, JPEG or PNG, at most 5 MB' }) },
          { additionalProperties: true },
        ),
        response: { 200: Obj, ...errors, 413: ErrorSchema, 415: ErrorSchema },
      },
    },
    async (req) => {
      const b = req.body;
      return svc.attachDocFile(deps, req.actor, req.params.slug, req.params.id, b.file, str(b, 'name'));
    },
  );

  r.get(
    '/api/v1/centers/:slug/register/:id/file',
    {
      schema: {
        operationId: 'downloadRegisterFile',
        tags: ['register'],
        summary: 'The scanned document',
        security: [{ bearer: [] }],
        params: SlugId,
        response: { ...errors },
      },
    },
    async (req, reply) => sendFile(reply, await svc.readDocFile(deps, req.actor, req.params.slug, req.params.id), true),
  );
}

type EntryReq = FastifyRequest<{ Params: { id: string }; Querystring: Record<string, unknown> }>;

const okOf = (req: QReq) => (isRegisterFlash(req.query.ok) ? req.query.ok : null);

async function listPage(deps: Deps, req: QReq, reply: FastifyReply, errs: string[] = [], status = 200) {
  const { actor, center, base } = await consoleShell(deps, req, NAV);
  const model = await svc.registerPageModel(deps, actor, center.slug, req.query);
  const filterErrors = model.filterError ? (formMessages(req.lang, model.filterError) ?? []) : [];
  return sendPage(
    reply,
    h(RegisterPage, {
      ...base,
      docs: model.docs,
      filter: model.filter,
      slug: center.slug,
      today: model.today,
      ok: okOf(req),
      errors: [...errs, ...filterErrors],
    }),
    status,
  );
}

async function entryPage(deps: Deps, req: EntryReq, reply: FastifyReply, errs: string[] = [], status = 200) {
  const { actor, center, base } = await consoleShell(deps, req, NAV);
  const doc = await svc.getDoc(deps, actor, center.slug, req.params.id);
  return sendPage(reply, h(RegisterEntryPage, { ...base, doc, ok: okOf(req), errors: errs }), status);
}

/** An entry's form: run `fn`, then back to the entry with "saved", or the page again with the messages. */
async function entryAction(
  deps: Deps,
  req: EntryReq & { body: Record<string, unknown> | null },
  reply: FastifyReply,
  fn: (slug: string, b: Record<string, unknown>) => Promise<unknown>,
) {
  const { center } = await consoleShell(deps, req, NAV);
  try {
    await fn(center.slug, req.body ?? {});
    return reply.redirect(`/console/register/${req.params.id}?ok=saved${langSuffix(req, '&')}`, 303);
  } catch (e) {
    const msgs = formMessages(req.lang, e);
    if (msgs) return entryPage(deps, req, reply, msgs, (e as AppError).status);
    throw e;
  }
}

/** /console/register (list and new entry) and /console/register/:id (edit, attach). */
function registerRegisterPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const form = { schema: { hide: true, params: IdText, querystring: AnyQuery, body: FormBody } };
  r.get('/console/register', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    listPage(deps, req, reply),
  );
  r.get(
    '/console/register/:id',
    { schema: { hide: true, params: IdText, querystring: AnyQuery } },
    async (req, reply) => entryPage(deps, req, reply),
  );
  r.post('/console/register', { schema: { hide: true, querystring: AnyQuery, body: FormBody } }, async (req, reply) => {
    const { actor, center } = await consoleShell(deps, req, NAV);
    const b = req.body ?? {};
    try {
      const d = await svc.addDoc(deps, actor, center.slug, {
        ...docInput(b),
        file: Buffer.isBuffer(b.file) && b.file.length ? b.file : undefined,
      });
      return reply.redirect(`/console/register?ok=added&year=${d.year}${langSuffix(req, '&')}`, 303);
    } catch (e) {
      const msgs = formMessages(req.lang, e);
      if (msgs) return listPage(deps, req, reply, msgs, (e as AppError).status);
      throw e;
    }
  });
  r.post('/console/register/:id', form, async (req, reply) =>
    entryAction(deps, req, reply, (slug, b) =>
      svc.updateDoc(deps, req.actor, slug, req.params.id, {
        date: b.date,
        symbol: b.symbol,
        party: b.party,
        abstract: b.abstract,
        assignee: b.assignee,
        deadline: b.deadline ?? '',
        status: b.status,
      }),
    ),
  );
  r.post('/console/register/:id/file', form, async (req, reply) =>
    entryAction(deps, req, reply, (slug, b) =>
      svc.attachDocFile(deps, req.actor, slug, req.params.id, b.file, undefined),
    ),
  );
}

export function registerRegisterRoutes(app: FastifyInstance, deps: Deps): void {
  registerRegisterListApi(app, deps);
  registerRegisterExportApi(app, deps);
  registerRegisterEntryApi(app, deps);
  registerRegisterFileApi(app, deps);
  registerRegisterPages(app, deps);
}
