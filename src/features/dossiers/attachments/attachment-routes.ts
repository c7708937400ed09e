/**
 * Digitised dossier documents (attachments.ts), over HTTP:
 *
 *   POST /api/v1/dossiers/:code/attachments              multipart: file, kind, componentIndex, name → 201 (200 when already attached)
 *   GET  /api/v1/dossiers/:code/attachments              the dossier's attachments and flags
 *   GET  /api/v1/dossiers/:code/attachments/reusable     earlier documents of the same person
 *   POST /api/v1/dossiers/:code/attachments/reuse        JSON {componentIndex, fromAttachmentId} → 201
 *   GET  /api/v1/dossiers/:code/attachments/:id          the file (attachment, no-store; audited)
 *
 *   POST /console/dossiers/:code/attachments             the dossier page's upload forms (multipart, _csrf) → 303 back
 *   GET  /console/dossiers/:code/attachments/reuse       earlier documents of the same person, with a reuse form each
 *   POST /console/dossiers/:code/attachments/reuse       → 303 back to the dossier
 *   GET  /console/dossiers/:code/attachments/:id         the file, for the console (errors as pages)
 *
 * Multipart bodies are buffered by the global plugin (one file, 5 MB: more is 413 before the
 * handler). Rules and access are the service's.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { h } from 'preact';
import type { Deps } from '../../../core/deps.ts';
import { toIsoVn } from '../../../core/calendar/index.ts';
import { requireActor, sendPage } from '../../../core/http/context.ts';
import { FormBody } from '../../../core/http/schemas.ts';
import { consoleNav } from '../../console/index.ts';
import * as svc from './attachments.ts';
import { dossierHref } from '../pages/common.tsx';
import { ReusePage } from '../pages/attachments.tsx';
import { attachSchema, downloadSchema, listSchema, reusableSchema, reuseSchema } from './attachment-schemas.ts';

/** A form field of a multipart or urlencoded body (strings only; a file is not a field). */
function text(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  return typeof v === 'string' ? v : undefined;
}

function attachInput(body: Record<string, unknown>): svc.AttachInput {
  const index = text(body, 'componentIndex');
  return {
    kind: text(body, 'kind'),
    componentIndex: index === undefined || index === '' ? undefined : index,
    name: text(body, 'name'),
    file: body.file,
  };
}

/** Times on the wire in Vietnam time (ISO with +07:00). */
function present(a: svc.AttachmentView) {
  return { ...a, uploadedAt: toIsoVn(new Date(a.uploadedAt)) };
}

function presentReusable(x: svc.ReusableView) {
  return {
    ...x,
    uploadedAt: toIsoVn(new Date(x.uploadedAt)),
    dossier: { ...x.dossier, receivedAt: toIsoVn(new Date(x.dossier.receivedAt)) },
  };
}

function sendFile(reply: FastifyReply, f: { bytes: Buffer; contentType: string; name: string }) {
  return reply
    .type(f.contentType)
    .header('content-disposition', svc.contentDisposition(f.name))
    .header('cache-control', 'no-store')
    .send(f.bytes);
}

/** POST a file; POST a reuse of an earlier document (201, or 200 when already there). */
function registerAttachmentWrites(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post('/api/v1/dossiers/:code/attachments', { schema: attachSchema }, async (req, reply) => {
    const out = await svc.attach(deps, requireActor(req), req.params.code, attachInput(req.body));
    return reply.code(out.created ? 201 : 200).send(present(out.attachment));
  });
  r.post('/api/v1/dossiers/:code/attachments/reuse', { schema: reuseSchema }, async (req, reply) => {
    const { componentIndex, fromAttachmentId } = req.body;
    const out = await svc.reuseComponent(deps, requireActor(req), req.params.code, componentIndex, fromAttachmentId);
    return reply.code(out.created ? 201 : 200).send(present(out.attachment));
  });
}

/** GET the list, the reusable documents of the same person, one file. */
function registerAttachmentReads(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/v1/dossiers/:code/attachments', { schema: listSchema }, async (req) => {
    const list = await svc.listAttachments(deps, requireActor(req), req.params.code);
    return { ...list, items: list.items.map(present) };
  });
  r.get('/api/v1/dossiers/:code/attachments/reusable', { schema: reusableSchema }, async (req) => ({
    items: (await svc.reusableFor(deps, requireActor(req), req.params.code)).map(presentReusable),
  }));
  r.get('/api/v1/dossiers/:code/attachments/:id', { schema: downloadSchema }, async (req, reply) =>
    sendFile(reply, await svc.readAttachment(deps, requireActor(req), req.params.code, req.params.id)),
  );
}

/** The dossier page's forms post here and go back to its attachments section (303). */
function registerAttachmentPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const back = (req: FastifyRequest, code: string) =>
    `${dossierHref(code)}${req.lang === 'en' ? '?lang=en' : ''}#attachments`;
  // The console's forms: the service checks every field itself (no schema error for a form).
  const page = { schema: { hide: true, params: Type.Object({ code: Type.String() }) } };
  const form = { schema: { ...page.schema, body: FormBody } };

  r.post('/console/dossiers/:code/attachments', form, async (req, reply) => {
    const { code } = req.params;
    await svc.attach(deps, requireActor(req), code, attachInput(req.body ?? {}));
    return reply.redirect(back(req, code), 303);
  });

  r.get('/console/dossiers/:code/attachments/reuse', page, async (req, reply) => {
    const actor = requireActor(req);
    const model = await svc.reusePageModel(deps, actor, req.params.code);
    const shell = {
      lang: req.lang,
      path: req.url,
      csrf: req.csrfToken ?? '',
      userName: actor.fullName,
      centerName: model.centerName,
      nav: consoleNav(req.lang, actor, '/console/dossiers'),
    };
    return sendPage(reply, h(ReusePage, { ...shell, dossier: model.dossier, reusable: model.reusable }));
  });

  r.post('/console/dossiers/:code/attachments/reuse', form, async (req, reply) => {
    const body = req.body ?? {};
    const { code } = req.params;
    await svc.reuseComponent(
      deps,
      requireActor(req),
      code,
      text(body, 'componentIndex'),
      text(body, 'fromAttachmentId'),
    );
    return reply.redirect(back(req, code), 303);
  });

  const file = { schema: { hide: true, params: Type.Object({ code: Type.String(), id: Type.String() }) } };
  r.get('/console/dossiers/:code/attachments/:id', file, async (req, reply) =>
    sendFile(reply, await svc.readAttachment(deps, requireActor(req), req.params.code, req.params.id)),
  );
}

export function registerAttachmentRoutes(app: FastifyInstance, deps: Deps): void {
  registerAttachmentWrites(app, deps);
  registerAttachmentReads(app, deps);
  registerAttachmentPages(app, deps);
}
