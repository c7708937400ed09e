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
import { getCenterById } from '../../centers/index.ts';
import { consoleNav } from '../../console/index.ts';
import * as svc from './attachments.ts';
import { getDossier } from '../service.ts';
import { dossierHref } from '../pages/common.tsx';
import { ReusePage } from '../pages/attachments.tsx';

const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }),
});
const Obj = Type.Object({}, { additionalProperties: true });
const CodeParams = Type.Object({ code: Type.String({ maxLength: 40 }) });

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

function present(a: svc.AttachmentView) {
  return { ...a, uploadedAt: toIsoVn(new Date(a.uploadedAt)) };
}

function sendFile(reply: FastifyReply, f: { bytes: Buffer; contentType: string; name: string }) {
  return reply
    .type(f.contentType)
    .header('content-disposition', svc.contentDisposition(f.name))
    .header('cache-control', 'no-store')
    .send(f.bytes);
}

export function registerAttachmentRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const back = (req: FastifyRequest, code: string) =>
    `${dossierHref(code)}${req.lang === 'en' ? '?lang=en' : ''}#attachments`;

  // ---- JSON API ----

  r.post(
    '/api/v1/dossiers/:code/attachments',
    {
      schema: {
        operationId: 'attachDossierFile',
        tags: ['dossiers'],
        summary:
          'Attach a scanned component or result (multipart/form-data: file, kind = component | result, componentIndex, name). PDF, JPEG or PNG by content, at most 5 MB; 201, or 200 when the same file is already there',
        consumes: ['multipart/form-data'],
        security: [{ bearer: [] }],
        params: CodeParams,
        // Documents the form; the service checks every field (and the file's bytes) itself.
        body: Type.Object(
          {
            file: Type.Unsafe<Buffer>({ description: 'The scanned file (binary): PDF, JPEG or PNG, at most 5 MB' }),
            kind: Type.String({ maxLength: 20, description: 'component | result' }),
            componentIndex: Type.Optional(
              Type.String({ maxLength: 4, description: 'Index of the component in the dossier (kind = component)' }),
            ),
            name: Type.Optional(
              Type.String({ maxLength: 300, description: 'File name; default: the component’s name' }),
            ),
          },
          { additionalProperties: true },
        ),
        response: {
          200: Obj,
          201: Obj,
          400: ErrorSchema,
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
          409: ErrorSchema,
          413: ErrorSchema,
          415: ErrorSchema,
        },
      },
    },
    async (req, reply) => {
      const out = await svc.attach(deps, requireActor(req), req.params.code, attachInput(req.body));
      return reply.code(out.created ? 201 : 200).send(present(out.attachment));
    },
  );

  r.get(
    '/api/v1/dossiers/:code/attachments',
    {
      schema: {
        operationId: 'listDossierAttachments',
        tags: ['dossiers'],
        summary:
          'The digitised components and results of a dossier, with its digitisation flags (Decision 766 indicators 4.1–4.3)',
        security: [{ bearer: [] }],
        params: CodeParams,
        response: { 200: Obj, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (req) => {
      const list = await svc.listAttachments(deps, requireActor(req), req.params.code);
      return { ...list, items: list.items.map(present) };
    },
  );

  r.get(
    '/api/v1/dossiers/:code/attachments/reusable',
    {
      schema: {
        operationId: 'listReusableAttachments',
        tags: ['dossiers'],
        summary:
          'Documents already digitised for earlier dossiers of the same applicant (same centre, same citizen ID)',
        security: [{ bearer: [] }],
        params: CodeParams,
        response: {
          200: Type.Object({ items: Type.Array(Obj) }),
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
        },
      },
    },
    async (req) => ({
      items: (await svc.reusableFor(deps, requireActor(req), req.params.code)).map((x) => ({
        ...x,
        uploadedAt: toIsoVn(new Date(x.uploadedAt)),
        dossier: { ...x.dossier, receivedAt: toIsoVn(new Date(x.dossier.receivedAt)) },
      })),
    }),
  );

  r.post(
    '/api/v1/dossiers/:code/attachments/reuse',
    {
      schema: {
        operationId: 'reuseDossierAttachment',
        tags: ['dossiers'],
        summary:
          'Use a document digitised for an earlier dossier of the same person as a component of this one (marks it reused)',
        security: [{ bearer: [] }],
        params: CodeParams,
        body: Type.Object({
          componentIndex: Type.Integer({ minimum: 0, maximum: 999 }),
          fromAttachmentId: Type.Integer({ minimum: 1 }),
        }),
        response: {
          200: Obj,
          201: Obj,
          400: ErrorSchema,
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
          409: ErrorSchema,
        },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const out = await svc.reuseComponent(
        deps,
        requireActor(req),
        req.params.code,
        b.componentIndex,
        b.fromAttachmentId,
      );
      return reply.code(out.created ? 201 : 200).send(present(out.attachment));
    },
  );

  r.get(
    '/api/v1/dossiers/:code/attachments/:id',
    {
      schema: {
        operationId: 'downloadDossierAttachment',
        tags: ['dossiers'],
        summary: 'Download one attached file (every download is recorded in the audit log)',
        security: [{ bearer: [] }],
        params: Type.Object({ code: Type.String({ maxLength: 40 }), id: Type.String({ pattern: '^[0-9]{1,12}$' }) }),
        response: { 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (req, reply) =>
      sendFile(reply, await svc.readAttachment(deps, requireActor(req), req.params.code, req.params.id)),
  );

  // ---- Console ----

  // The console's forms: the service checks every field itself (no schema error for a form).
  const page = { schema: { hide: true, params: Type.Object({ code: Type.String() }) } };
  const form = { schema: { ...page.schema, body: FormBody } };

  r.post('/console/dossiers/:code/attachments', form, async (req, reply) => {
    const actor = requireActor(req);
    const { code } = req.params;
    await svc.attach(deps, actor, code, attachInput(req.body ?? {}));
    return reply.redirect(back(req, code), 303);
  });

  r.get('/console/dossiers/:code/attachments/reuse', page, async (req, reply) => {
    const actor = requireActor(req);
    const center = await getCenterById(deps, actor.homeCenterId);
    const { dossier } = await getDossier(deps, actor, req.params.code);
    const reusable = await svc.reusableFor(deps, actor, dossier.code);
    const shell = {
      lang: req.lang,
      path: req.url,
      csrf: req.csrfToken ?? '',
      userName: actor.fullName,
      centerName: center.name,
      nav: consoleNav(req.lang, actor, '/console/dossiers'),
    };
    return sendPage(reply, h(ReusePage, { ...shell, dossier, reusable }));
  });

  r.post('/console/dossiers/:code/attachments/reuse', form, async (req, reply) => {
    const actor = requireActor(req);
    const body = req.body ?? {};
    const { code } = req.params;
    await svc.reuseComponent(deps, actor, code, text(body, 'componentIndex'), text(body, 'fromAttachmentId'));
    return reply.redirect(back(req, code), 303);
  });

  const file = { schema: { hide: true, params: Type.Object({ code: Type.String(), id: Type.String() }) } };
  r.get('/console/dossiers/:code/attachments/:id', file, async (req, reply) => {
    const actor = requireActor(req);
    return sendFile(reply, await svc.readAttachment(deps, actor, req.params.code, req.params.id));
  });
}
