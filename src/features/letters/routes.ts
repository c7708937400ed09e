/**
 * Courtesy letters over HTTP: the JSON API (tag "letters"): /api/v1/centers/:slug/letters (list,
 * get, PATCH names, print, batch print, handover with optional evidence, decline, PDF/DOCX,
 * evidence), /letter-follow-ups, /letter-templates (+ preview PDF), /letter-triggers,
 * /letter-settings. The console pages are in console-routes.ts. PDF and DOCX are rendered in the
 * task pool (replies.ts → files.ts), never in the server.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { Deps } from '../../core/deps.ts';
import { IdParam } from '../../core/http/ids.ts';
import { requireActor } from '../../core/http/context.ts';
import * as svc from './service.ts';
import { LETTER_KINDS, LETTER_STATUSES, TITLES } from './model.ts';
import { apiView, followupApiView, sendEvidence, sendLetter, sendTemplatePreview } from './replies.ts';
import { registerLetterPages } from './console-routes.ts';

const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }),
});
const Obj = Type.Object({}, { additionalProperties: true });
const Slug = Type.Object({ slug: Type.String({ maxLength: 100 }) });
const SlugId = Type.Object({
  slug: Type.String({ maxLength: 100 }),
  id: Type.String({ pattern: '^[0-9]{1,20}$', description: 'Letter id; beyond 2147483647 answers 404' }),
});
const SlugKind = Type.Object({
  slug: Type.String({ maxLength: 100 }),
  kind: Type.Enum(LETTER_KINDS),
});
const TitleT = Type.Enum(TITLES);
const TemplateBody = Type.Object({
  title: Type.String({ maxLength: 120 }),
  addressee: Type.String({ maxLength: 300 }),
  body: Type.String({ maxLength: 6000 }),
  recipients: Type.Optional(Type.String({ maxLength: 600 })),
});
const TAGS = ['letters'];
const errs = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

function str(v: unknown, max = 10_000): string | undefined {
  const s: unknown = Array.isArray(v) ? (v as unknown[])[v.length - 1] : v;
  return typeof s === 'string' ? s.slice(0, max) : undefined;
}

export function registerLetterRoutes(app: FastifyInstance, deps: Deps): void {
  registerLetterReadApi(app, deps);
  registerPrintApi(app, deps);
  registerHandoverApi(app, deps);
  registerLetterFileApi(app, deps);
  registerFollowupApi(app, deps);
  registerTemplateApi(app, deps);
  registerTemplatePreviewApi(app, deps);
  registerTriggerApi(app, deps);
  registerSettingsApi(app, deps);
  registerLetterPages(app, deps);
}

/** JSON API: list, one letter, names. */
function registerLetterReadApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/letters',
    {
      schema: {
        operationId: 'listLetters',
        tags: TAGS,
        summary: 'Courtesy letters of a centre (print queue), newest first, with counts per status',
        security: [{ bearer: [] }],
        params: Slug,
        querystring: Type.Object({
          status: Type.Optional(Type.Enum(LETTER_STATUSES)),
          kind: Type.Optional(Type.Enum(LETTER_KINDS)),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(Obj), counts: Obj }), ...errs },
      },
    },
    async (req) => {
      const r = await svc.listLetters(deps, requireActor(req), req.params.slug, req.query);
      return { items: r.items.map(apiView), counts: r.counts };
    },
  );
  r.get(
    '/api/v1/centers/:slug/letters/:id',
    {
      schema: {
        operationId: 'getLetter',
        tags: TAGS,
        summary: 'One courtesy letter (audited read)',
        security: [{ bearer: [] }],
        params: SlugId,
        response: { 200: Obj, ...errs },
      },
    },
    async (req) => apiView((await svc.getLetter(deps, requireActor(req), req.params.slug, req.params.id)).letter),
  );
  r.patch(
    '/api/v1/centers/:slug/letters/:id',
    {
      schema: {
        operationId: 'updateLetterNames',
        tags: TAGS,
        summary: 'Correct the names and kinship terms (ông, bà, anh, chị, cháu, em) before printing',
        security: [{ bearer: [] }],
        params: SlugId,
        body: Type.Object(
          {
            titleA: Type.Optional(TitleT),
            nameA: Type.Optional(Type.String({ maxLength: 120 })),
            titleB: Type.Optional(TitleT),
            nameB: Type.Optional(Type.String({ maxLength: 120 })),
            version: Type.Optional(Type.Integer({ minimum: 1 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Obj, ...errs },
      },
    },
    async (req) => apiView(await svc.updateNames(deps, requireActor(req), req.params.slug, req.params.id, req.body)),
  );
}

/** JSON API: batch print, print one. */
function registerPrintApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/api/v1/centers/:slug/letters/print',
    {
      schema: {
        operationId: 'printLetters',
        tags: TAGS,
        summary:
          'Batch print: number and mark printed the given letters (default: every waiting letter with complete names); declined and incomplete ones are skipped',
        security: [{ bearer: [] }],
        params: Slug,
        body: Type.Optional(
          Type.Object(
            { ids: Type.Optional(Type.Array(IdParam(), { minItems: 1, maxItems: 200 })) },
            { additionalProperties: false },
          ),
        ),
        response: { 200: Type.Object({ printed: Type.Array(Obj), skipped: Type.Array(Obj) }), ...errs },
      },
    },
    async (req) => {
      const out = await svc.printBatch(deps, requireActor(req), req.params.slug, req.body.ids);
      return { printed: out.printed.map(apiView), skipped: out.skipped };
    },
  );
  r.post(
    '/api/v1/centers/:slug/letters/:id/print',
    {
      schema: {
        operationId: 'printLetter',
        tags: TAGS,
        summary:
          'Print one letter: its number of the year is given at the first print (restarts on 1 January), its text frozen; 409 when names are missing or the family declined',
        security: [{ bearer: [] }],
        params: SlugId,
        response: { 200: Obj, ...errs },
      },
    },
    async (req) => apiView(await svc.printOne(deps, requireActor(req), req.params.slug, req.params.id)),
  );
}

/** JSON API: handover, decline. */
function registerHandoverApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/api/v1/centers/:slug/letters/:id/handover',
    {
      schema: {
        operationId: 'recordLetterHandover',
        tags: TAGS,
        summary:
          'Record that the printed letter was handed to the family: JSON {at?, by?, note?} or multipart/form-data with an optional evidence file (JPEG, PNG or PDF by content, at most 5 MB)',
        security: [{ bearer: [] }],
        params: SlugId,
        consumes: ['application/json', 'multipart/form-data'],
        body: Type.Object(
          {
            at: Type.Optional(
              Type.String({
                maxLength: 40,
                description: 'ISO-8601 instant, or YYYY-MM-DDTHH:mm in Vietnam time; default now',
              }),
            ),
            by: Type.Optional(Type.String({ maxLength: 120 })),
            note: Type.Optional(Type.String({ maxLength: 500 })),
            file: Type.Optional(Type.Unsafe<Buffer>({ description: 'Evidence (binary, multipart only)' })),
          },
          { additionalProperties: true },
        ),
        response: { 200: Obj, 413: ErrorSchema, 415: ErrorSchema, ...errs },
      },
    },
    async (req) => {
      const b = req.body;
      return apiView(
        await svc.recordHandover(deps, requireActor(req), req.params.slug, req.params.id, {
          at: str(b.at, 40),
          by: str(b.by, 200),
          note: str(b.note, 1000),
          file: b.file,
        }),
      );
    },
  );
  r.post(
    '/api/v1/centers/:slug/letters/:id/decline',
    {
      schema: {
        operationId: 'declineLetter',
        tags: TAGS,
        summary:
          'The family declines: the letter is never printed or handed over, the follow-up is cancelled; the reason is kept',
        security: [{ bearer: [] }],
        params: SlugId,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }),
        response: { 200: Obj, ...errs },
      },
    },
    async (req) => apiView(await svc.declineLetter(deps, requireActor(req), req.params.slug, req.params.id, req.body)),
  );
}

/** JSON API: the letter as PDF and DOCX, the evidence. */
function registerLetterFileApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/letters/:id/letter.pdf',
    {
      schema: {
        operationId: 'letterPdf',
        tags: TAGS,
        summary: 'The letter as PDF (A4, Decree 30 thư công); before the first print a preview without number',
        security: [{ bearer: [] }],
        params: SlugId,
        response: errs,
      },
    },
    async (req, reply) => sendLetter(deps, req, reply, req.params.slug, req.params.id, 'pdf'),
  );
  r.get(
    '/api/v1/centers/:slug/letters/:id/letter.docx',
    {
      schema: {
        operationId: 'letterDocx',
        tags: TAGS,
        summary: 'The letter as a Word document (same content as the PDF)',
        security: [{ bearer: [] }],
        params: SlugId,
        response: errs,
      },
    },
    async (req, reply) => sendLetter(deps, req, reply, req.params.slug, req.params.id, 'docx'),
  );
  r.get(
    '/api/v1/centers/:slug/letters/:id/evidence',
    {
      schema: {
        operationId: 'letterEvidence',
        tags: TAGS,
        summary: 'The handover evidence file (audited)',
        security: [{ bearer: [] }],
        params: SlugId,
        response: errs,
      },
    },
    async (req, reply) => sendEvidence(deps, req, reply, req.params.slug, req.params.id),
  );
}

/** JSON API: condolence follow-ups. */
function registerFollowupApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/letter-follow-ups',
    {
      schema: {
        operationId: 'listLetterFollowups',
        tags: TAGS,
        summary: 'Visits and funeral offerings that go with condolence letters',
        security: [{ bearer: [] }],
        params: Slug,
        querystring: Type.Object({
          status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('cancelled')])),
        }),
        response: { 200: Type.Object({ items: Type.Array(Obj) }), ...errs },
      },
    },
    async (req) => ({
      items: (await svc.listFollowups(deps, requireActor(req), req.params.slug, req.query.status)).map(followupApiView),
    }),
  );
  r.patch(
    '/api/v1/centers/:slug/letter-follow-ups/:id',
    {
      schema: {
        operationId: 'updateLetterFollowup',
        tags: TAGS,
        summary: 'Plan or close a visit: what (visit, offering), who goes, when, done',
        security: [{ bearer: [] }],
        params: SlugId,
        body: Type.Object(
          {
            visit: Type.Optional(Type.Boolean()),
            offering: Type.Optional(Type.Boolean()),
            assignee: Type.Optional(Type.String({ maxLength: 200 })),
            plannedDate: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()])),
            note: Type.Optional(Type.String({ maxLength: 1000 })),
            done: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Obj, ...errs },
      },
    },
    async (req) =>
      followupApiView(await svc.updateFollowup(deps, requireActor(req), req.params.slug, req.params.id, req.body)),
  );
}

/** JSON API: templates: list, save, reset. */
function registerTemplateApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/letter-templates',
    {
      schema: {
        operationId: 'listLetterTemplates',
        tags: TAGS,
        summary: 'The centre’s letter templates (its own or the shipped default), with the placeholders',
        security: [{ bearer: [] }],
        params: Slug,
        response: { 200: Type.Object({ items: Type.Array(Obj) }), ...errs },
      },
    },
    async (req) => ({ items: (await svc.listTemplates(deps, requireActor(req), req.params.slug)).templates }),
  );
  r.put(
    '/api/v1/centers/:slug/letter-templates/:kind',
    {
      schema: {
        operationId: 'saveLetterTemplate',
        tags: TAGS,
        summary: 'Save the centre’s own template of a kind (placeholders checked)',
        security: [{ bearer: [] }],
        params: SlugKind,
        body: TemplateBody,
        response: { 200: Obj, ...errs },
      },
    },
    async (req) => svc.saveTemplate(deps, requireActor(req), req.params.slug, req.params.kind, req.body),
  );
  r.delete(
    '/api/v1/centers/:slug/letter-templates/:kind',
    {
      schema: {
        operationId: 'resetLetterTemplate',
        tags: TAGS,
        summary: 'Back to the shipped default template',
        security: [{ bearer: [] }],
        params: SlugKind,
        response: { 200: Obj, ...errs },
      },
    },
    async (req) => svc.resetTemplate(deps, requireActor(req), req.params.slug, req.params.kind),
  );
}

/** JSON API: template previews (PDF). */
function registerTemplatePreviewApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/letter-templates/:kind/preview.pdf',
    {
      schema: {
        operationId: 'previewLetterTemplate',
        tags: TAGS,
        summary: 'The saved template filled with sample names, as PDF',
        security: [{ bearer: [] }],
        params: SlugKind,
        response: errs,
      },
    },
    async (req, reply) => sendTemplatePreview(deps, req, reply, req.params.slug, req.params.kind),
  );
  r.post(
    '/api/v1/centers/:slug/letter-templates/:kind/preview.pdf',
    {
      schema: {
        operationId: 'previewLetterTemplateDraft',
        tags: TAGS,
        summary: 'An unsaved template filled with sample names, as PDF (live preview)',
        security: [{ bearer: [] }],
        params: SlugKind,
        body: TemplateBody,
        response: errs,
      },
    },
    async (req, reply) => sendTemplatePreview(deps, req, reply, req.params.slug, req.params.kind, req.body),
  );
}

/** JSON API: triggers. */
function registerTriggerApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/letter-triggers',
    {
      schema: {
        operationId: 'getLetterTriggers',
        tags: TAGS,
        summary: 'Which procedure codes prepare which letter',
        security: [{ bearer: [] }],
        params: Slug,
        response: { 200: Obj, ...errs },
      },
    },
    async (req) => (await svc.getSettings(deps, requireActor(req), req.params.slug)).settings.triggers,
  );
  r.put(
    '/api/v1/centers/:slug/letter-triggers',
    {
      schema: {
        operationId: 'saveLetterTriggers',
        tags: TAGS,
        summary: 'Set which procedure codes prepare marriage, birth and death letters',
        security: [{ bearer: [] }],
        params: Slug,
        body: Type.Object(
          {
            marriage: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 50 }),
            birth: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 50 }),
            death: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 50 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Obj, ...errs },
      },
    },
    async (req) => svc.saveTriggers(deps, requireActor(req), req.params.slug, req.body),
  );
}

/** JSON API: settings. */
function registerSettingsApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/letter-settings',
    {
      schema: {
        operationId: 'getLetterSettings',
        tags: TAGS,
        summary: 'Letter settings: triggers, number symbol, signing authority',
        security: [{ bearer: [] }],
        params: Slug,
        response: { 200: Obj, ...errs },
      },
    },
    async (req) => (await svc.getSettings(deps, requireActor(req), req.params.slug)).settings,
  );
  r.put(
    '/api/v1/centers/:slug/letter-settings',
    {
      schema: {
        operationId: 'saveLetterSettings',
        tags: TAGS,
        summary: 'Set the number symbol and the signing authority ("" auto, none, TM., KT.)',
        security: [{ bearer: [] }],
        params: Slug,
        body: Type.Object(
          {
            symbol: Type.String({ maxLength: 30 }),
            signPrefix: Type.Union([Type.Literal(''), Type.Literal('none'), Type.Literal('TM.'), Type.Literal('KT.')]),
            signAuthority: Type.Optional(Type.String({ maxLength: 120 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Obj, ...errs },
      },
    },
    async (req) => svc.saveLetterSettings(deps, requireActor(req), req.params.slug, req.body),
  );
}
