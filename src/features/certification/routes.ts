/**
 * Electronic certified copies over HTTP.
 *
 *   POST /api/v1/centers/:slug/certified-copies              multipart: dossierCode, documentTitle, requester, signer, file → 201
 *   GET  /api/v1/centers/:slug/certified-copies?year=        the book of a year (JSON)
 *   GET  /api/v1/centers/:slug/certified-copies/book/:file   <year>.pdf | <year>.xlsx
 *   GET  /api/v1/centers/:slug/certified-copies/:id/file     the signed copy (staff)
 *   GET  /:slug/ban-sao-dien-tu?ma=&bi-mat=                  public: the dossier's signed copies
 *   GET  /:slug/ban-sao-dien-tu/:id.pdf?ma=&bi-mat=          public: one copy (same answer for a wrong secret and an unknown code)
 *
 *   /console/certification (issue + book)
 */
import { stripDiacritics } from '../../core/text/index.ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AnyQuery, FormBody, SlugParams } from '../../core/http/schemas.ts';
import Type from 'typebox';
import { h } from 'preact';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { sendPage } from '../../core/http/context.ts';
import { localDateOf, parseLocalDate } from '../../core/calendar/index.ts';
import { getCenter } from '../centers/index.ts';
import { consoleShell, langQuery, type ConsoleRequest } from '../signing/index.ts';
import { offload } from '../tasks.ts';
import * as svc from './service.ts';
import { CertificationPage, PublicCopiesPage } from './pages.tsx';

const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }),
});
const Obj = Type.Object({}, { additionalProperties: true });
const Slug = Type.Object({ slug: Type.String({ maxLength: 100 }) });
const SlugId = Type.Object({ slug: Type.String({ maxLength: 100 }), id: Type.String({ maxLength: 12 }) });
const errors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  502: ErrorSchema,
};

function field(b: Record<string, unknown>, k: string): unknown {
  const v = b[k];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

function asciiName(name: string): string {
  return stripDiacritics(name).replace(/[^A-Za-z0-9._-]/g, '_');
}

function send(reply: FastifyReply, f: { bytes: Buffer; name: string }, type: string, inline: boolean): FastifyReply {
  return reply
    .type(type)
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${asciiName(f.name)}"`)
    .header('cache-control', 'no-store')
    .send(f.bytes);
}

function param(query: unknown, name: string, max: number): string {
  const v = typeof query === 'object' && query !== null ? (query as Record<string, unknown>)[name] : undefined;
  if (typeof v !== 'string') return '';
  const s = v.normalize('NFC').trim();
  return s.length > max ? '' : s;
}

function issueInput(b: Record<string, unknown>): svc.IssueInput {
  const file = field(b, 'file');
  return {
    dossierCode: field(b, 'dossierCode'),
    documentTitle: field(b, 'documentTitle'),
    requester: field(b, 'requester'),
    signer: field(b, 'signer'),
    file: Buffer.isBuffer(file) && file.length ? file : undefined,
    fileName: field(b, 'fileName'),
  };
}

export function registerCertificationRoutes(app: FastifyInstance, deps: Deps): void {
  registerCertifiedCopiesApi(app, deps);
  registerCertificationBookApi(app, deps);
  registerPublicCopiesPages(app, deps);
  registerCertificationPages(app, deps);
}

function registerCertifiedCopiesApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/api/v1/centers/:slug/certified-copies',
    {
      schema: {
        operationId: 'issueCertifiedCopy',
        tags: ['certification'],
        summary:
          'Certify an electronic copy from a scanned original (multipart: file = PDF/JPEG/PNG ≤ 5 MB, documentTitle, dossierCode, requester, signer = pkcs12 | pkcs11 | remote): next number of the book (gapless per year), fee, signed PDF',
        security: [{ bearer: [] }],
        consumes: ['multipart/form-data'],
        params: Slug,
        body: FormBody,
        response: { 201: Obj, ...errors, 413: ErrorSchema, 415: ErrorSchema },
      },
    },
    async (req, reply) => {
      const b = req.body ?? {};
      return reply.code(201).send(await svc.issueCopy(deps, req.actor, req.params.slug, issueInput(b)));
    },
  );

  r.get(
    '/api/v1/centers/:slug/certified-copies/:id/file',
    {
      schema: {
        operationId: 'downloadCertifiedCopy',
        tags: ['certification'],
        summary: 'The signed electronic copy (PDF)',
        security: [{ bearer: [] }],
        params: SlugId,
        response: { ...errors },
      },
    },
    async (req, reply) =>
      send(reply, await svc.copyFile(deps, req.actor, req.params.slug, req.params.id), 'application/pdf', true),
  );
}

/** The book of a year as a PDF or an XLSX file (`<year>.pdf` | `<year>.xlsx`). */
async function sendBookFile(
  deps: Deps,
  reply: FastifyReply,
  r: Awaited<ReturnType<typeof svc.book>>,
  ext: string | undefined,
) {
  const organisation = r.center.parent_body || r.center.name;
  if (ext === 'xlsx')
    return send(
      reply,
      {
        bytes: Buffer.from(await offload(deps, r.center.id, 'certificationBookXlsx', organisation, r.year, r.copies)),
        name: `so-chung-thuc-${String(r.year)}.xlsx`,
      },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      false,
    );
  const place = organisation.replace(/^(UBND|Ủy ban nhân dân)\s+(xã|phường|thị trấn)\s+/iu, '');
  return send(
    reply,
    {
      bytes: Buffer.from(
        await offload(
          deps,
          r.center.id,
          'certificationBookPdf',
          organisation,
          place,
          localDateOf(deps.now()),
          r.year,
          r.copies,
        ),
      ),
      name: `so-chung-thuc-${String(r.year)}.pdf`,
    },
    'application/pdf',
    true,
  );
}

function registerCertificationBookApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/certified-copies',
    {
      schema: {
        operationId: 'certificationBook',
        tags: ['certification'],
        summary: 'The certification book of a year (numbers in order)',
        security: [{ bearer: [] }],
        params: Slug,
        querystring: Type.Object({ year: Type.Optional(Type.String({ maxLength: 4 })) }),
        response: { 200: Obj, ...errors },
      },
    },
    async (req) => {
      const r = await svc.book(deps, req.actor, req.params.slug, req.query.year);
      return { year: r.year, items: r.copies };
    },
  );

  r.get(
    '/api/v1/centers/:slug/certified-copies/book/:file',
    {
      schema: {
        operationId: 'downloadCertificationBook',
        tags: ['certification'],
        summary: 'The certification book of a year: :file = <year>.pdf | <year>.xlsx',
        security: [{ bearer: [] }],
        params: Type.Object({ slug: Type.String({ maxLength: 100 }), file: Type.String({ maxLength: 12 }) }),
        response: { ...errors },
      },
    },
    async (req, reply) => {
      const m = /^(\d{4})\.(pdf|xlsx)$/.exec(req.params.file);
      if (!m) throw new AppError('NOT_FOUND');
      const r = await svc.book(deps, req.actor, req.params.slug, m[1]);
      return sendBookFile(deps, reply, r, m[2]);
    },
  );
}

// ---- public ----

type PublicReq = ConsoleRequest & { params: { slug: string } };

async function publicCopiesPage(deps: Deps, req: PublicReq, reply: FastifyReply): Promise<FastifyReply> {
  const center = await getCenter(deps, req.params.slug);
  const code = param(req.query, 'ma', 40);
  const secret = param(req.query, 'bi-mat', 16);
  reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex, nofollow');
  let copies: Awaited<ReturnType<typeof svc.publicCopies>>['copies'] | null = null;
  let message: 'notFound' | null = null;
  if (code || secret) {
    try {
      copies = (await svc.publicCopies(deps, center.slug, code, secret)).copies;
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'NOT_FOUND')) throw e;
      message = 'notFound';
    }
  }
  return sendPage(
    reply,
    h(PublicCopiesPage, {
      lang: req.lang,
      path: req.url,
      center: { slug: center.slug, name: center.name },
      code,
      secret,
      copies,
      message,
    }),
    message ? 404 : 200,
  );
}

function registerPublicCopiesPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/:slug/ban-sao-dien-tu',
    {
      schema: { hide: true, params: SlugParams, querystring: AnyQuery },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => publicCopiesPage(deps, req, reply),
  );

  r.get(
    '/:slug/ban-sao-dien-tu/:file',
    {
      schema: {
        hide: true,
        params: Type.Object({ slug: Type.String(), file: Type.String() }),
        querystring: AnyQuery,
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const m = /^(\d{1,10})\.pdf$/.exec(req.params.file);
      const f = await svc.publicCopyFile(
        deps,
        req.params.slug,
        param(req.query, 'ma', 40),
        param(req.query, 'bi-mat', 16),
        m ? m[1] : '',
      );
      reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex, nofollow');
      return send(reply, f, 'application/pdf', false);
    },
  );
}

// ---- console ----

const NAV = '/console/certification';

async function certificationPage(
  deps: Deps,
  req: ConsoleRequest,
  reply: FastifyReply,
  errs: string[] = [],
  status = 200,
): Promise<FastifyReply> {
  const { actor, center, base } = await consoleShell(deps, req, NAV);
  const q = req.query;
  const yearRaw = typeof q.year === 'string' ? q.year : undefined;
  const r = await svc.book(deps, actor, center.slug, yearRaw ?? String(parseLocalDate(localDateOf(deps.now())).y));
  const okRaw = typeof q.ok === 'string' && /^\d{1,7}$/.test(q.ok) ? Number(q.ok) : null;
  const signers = (['pkcs11', 'pkcs12', 'remote'] as const).filter((k) => deps.config.signing[k] !== null);
  return sendPage(
    reply,
    h(CertificationPage, {
      ...base,
      slug: center.slug,
      year: r.year,
      copies: r.copies,
      signers: [...signers],
      prefill: { dossierCode: typeof q.dossier === 'string' ? q.dossier.slice(0, 40) : '' },
      ok: okRaw,
      errors: errs,
    }),
    status,
  );
}

async function issueFromConsole(
  deps: Deps,
  req: ConsoleRequest,
  reply: FastifyReply,
  b: Record<string, unknown>,
): Promise<FastifyReply> {
  const { actor, center } = await consoleShell(deps, req, NAV);
  try {
    const c = await svc.issueCopy(deps, actor, center.slug, issueInput(b));
    return await reply.redirect(
      `/console/certification?ok=${String(c.number)}&year=${String(c.year)}${langQuery(req, '&')}`,
      303,
    );
  } catch (e) {
    if (e instanceof AppError && e.status < 500 && e.status !== 401 && e.code !== 'FORBIDDEN') {
      const msgs = e.details.length ? e.details.map((d) => d[req.lang]) : [e.message];
      return certificationPage(deps, req, reply, msgs, e.status);
    }
    throw e;
  }
}

function registerCertificationPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/certification', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    certificationPage(deps, req, reply),
  );

  r.post(
    '/console/certification',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => issueFromConsole(deps, req, reply, req.body ?? {}),
  );
}
