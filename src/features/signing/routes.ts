/**
 * Digital signatures over HTTP.
 *
 *   GET  /api/v1/centers/:slug/signing/health            signers configured? certificate subject, expiry
 *   POST /api/v1/centers/:slug/signing/documents         {kind, ref, signer} → 201 signed | 202 pending (remote)
 *   GET  /api/v1/centers/:slug/signing/documents         the latest 100
 *   GET  /api/v1/centers/:slug/signing/documents/:id     status (a pending remote signature is checked)
 *   GET  /api/v1/centers/:slug/signing/documents/:id/file   the signed PDF
 *   POST /api/v1/centers/:slug/signing/images            multipart: kind (seal|signature), file (PNG), widthMm
 *
 *   /console/signing (health, images, sign, list), /console/signing/:id
 */
import { contentDisposition } from '../../core/http/download.ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AnyQuery, FormBody, IdText } from '../../core/http/schemas.ts';
import Type from 'typebox';
import { h } from 'preact';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { sendPage } from '../../core/http/context.ts';
import { consoleShell, langQuery, type ConsoleRequest } from './console.ts';
import * as svc from './service.ts';
import { SignedPage, SigningPage } from './pages.tsx';

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

export function sendPdf(reply: FastifyReply, f: { bytes: Buffer; name: string }, inline = false): FastifyReply {
  const disp = contentDisposition(f.name);
  return reply
    .type('application/pdf')
    .header('content-disposition', inline ? disp.replace(/^attachment/, 'inline') : disp)
    .header('cache-control', 'no-store')
    .send(f.bytes);
}

function field(b: Record<string, unknown>, k: string): unknown {
  const v = b[k];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

export function registerSigningRoutes(app: FastifyInstance, deps: Deps): void {
  refreshPendingInBackground(app, deps);
  registerSigningHealthApi(app, deps);
  registerSignedDocumentsApi(app, deps);
  registerSigningImagesApi(app, deps);
  registerSigningPages(app, deps);
}

/** Pending remote signatures are checked in the background (also after a restart). */
function refreshPendingInBackground(app: FastifyInstance, deps: Deps): void {
  if (!deps.config.signing.remote) return;
  const timer = setInterval(() => {
    svc.refreshAllPending(deps).catch((e: unknown) => {
      deps.log.warn({ err: e }, 'remote signatures: refresh failed');
    });
  }, 15_000);
  timer.unref();
  app.addHook('onClose', () => {
    clearInterval(timer);
  });
}

function registerSigningHealthApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/signing/health',
    {
      schema: {
        operationId: 'signingHealth',
        tags: ['signing'],
        summary: 'Which signers are configured, their certificate (subject, expiry) and the time-stamp authority',
        security: [{ bearer: [] }],
        params: Slug,
        response: { 200: Obj, ...errors },
      },
    },
    async (req) => {
      const r = await svc.health(deps, req.actor, req.params.slug);
      return { signers: r.signers, tsa: r.tsa, images: r.images.map(({ png: _png, ...i }) => i) };
    },
  );
}

function registerSignedDocumentsApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/api/v1/centers/:slug/signing/documents',
    {
      schema: {
        operationId: 'signDocument',
        tags: ['signing'],
        summary:
          'Render a document (kind: form04 | letter | quarterly_report) and sign it (PAdES). 201 when signed; 202 when a remote signature waits for the phone',
        security: [{ bearer: [] }],
        params: Slug,
        body: Type.Object({
          kind: Type.String({ maxLength: 40 }),
          ref: Type.String({ maxLength: 60 }),
          signer: Type.String({ maxLength: 10, description: 'pkcs12 | pkcs11 | remote' }),
        }),
        response: { 201: Obj, 202: Obj, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const d = await svc.signDocument(deps, req.actor, req.params.slug, {
        kind: b.kind,
        ref: b.ref,
        signer: b.signer,
      });
      return reply.code(d.status === 'pending' ? 202 : 201).send(d);
    },
  );

  r.get(
    '/api/v1/centers/:slug/signing/documents',
    {
      schema: {
        operationId: 'listSignedDocuments',
        tags: ['signing'],
        summary: 'The latest signings of the centre',
        security: [{ bearer: [] }],
        params: Slug,
        response: { 200: Type.Object({ items: Type.Array(Obj) }), ...errors },
      },
    },
    async (req) => ({ items: await svc.listSigned(deps, req.actor, req.params.slug) }),
  );

  r.get(
    '/api/v1/centers/:slug/signing/documents/:id',
    {
      schema: {
        operationId: 'getSignedDocument',
        tags: ['signing'],
        summary: 'A signing: status (a pending remote signature is checked with the service), signer, certificate',
        security: [{ bearer: [] }],
        params: SlugId,
        response: { 200: Obj, ...errors },
      },
    },
    async (req) => svc.getSigned(deps, req.actor, req.params.slug, req.params.id),
  );

  r.get(
    '/api/v1/centers/:slug/signing/documents/:id/file',
    {
      schema: {
        operationId: 'downloadSignedDocument',
        tags: ['signing'],
        summary: 'The signed PDF',
        security: [{ bearer: [] }],
        params: SlugId,
        response: { ...errors },
      },
    },
    async (req, reply) => sendPdf(reply, await svc.signedFile(deps, req.actor, req.params.slug, req.params.id), true),
  );
}

function registerSigningImagesApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/api/v1/centers/:slug/signing/images',
    {
      schema: {
        operationId: 'uploadSigningImage',
        tags: ['signing'],
        summary:
          "Multipart: kind = seal (the centre's seal, signing.configure) or signature (the caller's own); file = transparent PNG ≤ 1 MB; widthMm = real width",
        security: [{ bearer: [] }],
        consumes: ['multipart/form-data'],
        params: Slug,
        body: FormBody,
        response: { 200: Obj, ...errors, 413: ErrorSchema, 415: ErrorSchema },
      },
    },
    async (req) => {
      const b = req.body ?? {};
      return svc.saveImage(deps, req.actor, req.params.slug, field(b, 'kind'), field(b, 'file'), field(b, 'widthMm'));
    },
  );
}

// ---- console ----

const NAV = '/console/signing';

/** The messages to show on the page for an error the user can fix, or null to let it through. */
function messagesOf(req: ConsoleRequest, e: unknown): string[] | null {
  return e instanceof AppError && e.status !== 401 && e.code !== 'FORBIDDEN' && e.status !== 500
    ? e.details.length
      ? e.details.map((d) => d[req.lang])
      : [req.lang === 'vi' ? e.message.replace(/^[A-Z_]+: /, '') : e.message.replace(/^[A-Z_]+: /, '')]
    : null;
}

async function signingMainPage(
  deps: Deps,
  req: ConsoleRequest,
  reply: FastifyReply,
  errs: string[] = [],
  status = 200,
): Promise<FastifyReply> {
  const { actor, center, base } = await consoleShell(deps, req, NAV);
  const q = req.query;
  const s = (k: string) => (typeof q[k] === 'string' ? q[k].slice(0, 60) : '');
  const hlt = await svc.health(deps, actor, center.slug);
  return sendPage(
    reply,
    h(SigningPage, {
      ...base,
      signers: hlt.signers,
      tsa: hlt.tsa,
      images: hlt.images,
      kinds: svc.signableKinds(),
      docs: await svc.listSigned(deps, actor, center.slug),
      prefill: { kind: s('kind'), ref: s('ref') },
      errors: errs,
      ok: q.ok === 'image' ? 'image' : null,
    }),
    status,
  );
}

/** Runs a console form action; an error the user can fix re-renders the main page with its messages. */
async function formAction(
  deps: Deps,
  req: ConsoleRequest,
  reply: FastifyReply,
  action: () => Promise<FastifyReply>,
): Promise<FastifyReply> {
  try {
    return await action();
  } catch (e) {
    const msgs = messagesOf(req, e);
    if (msgs && e instanceof AppError) return signingMainPage(deps, req, reply, msgs, e.status);
    throw e;
  }
}

function registerSigningPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/signing', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    signingMainPage(deps, req, reply),
  );

  r.post('/console/signing', { schema: { hide: true, querystring: AnyQuery, body: FormBody } }, async (req, reply) => {
    const { actor, center } = await consoleShell(deps, req, NAV);
    const b = req.body ?? {};
    return formAction(deps, req, reply, async () => {
      const d = await svc.signDocument(deps, actor, center.slug, { kind: b.kind, ref: b.ref, signer: b.signer });
      return reply.redirect(`/console/signing/${String(d.id)}${langQuery(req)}`, 303);
    });
  });

  r.post(
    '/console/signing/images',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const { actor, center } = await consoleShell(deps, req, NAV);
      const b = req.body ?? {};
      return formAction(deps, req, reply, async () => {
        await svc.saveImage(deps, actor, center.slug, field(b, 'kind'), field(b, 'file'), field(b, 'widthMm'));
        return reply.redirect(`/console/signing?ok=image${langQuery(req, '&')}`, 303);
      });
    },
  );

  r.get(
    '/console/signing/:id',
    { schema: { hide: true, params: IdText, querystring: AnyQuery } },
    async (req, reply) => {
      const { actor, center, base } = await consoleShell(deps, req, NAV);
      const doc = await svc.getSigned(deps, actor, center.slug, req.params.id);
      return sendPage(reply, h(SignedPage, { ...base, doc }));
    },
  );
}
