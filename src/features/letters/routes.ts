/**
 * Courtesy letters over HTTP.
 *
 * JSON API (tag "letters"): /api/v1/centers/:slug/letters (list, get, PATCH names, print, batch
 * print, handover with optional evidence, decline, PDF/DOCX, evidence), /letter-follow-ups,
 * /letter-templates (+ preview PDF), /letter-triggers, /letter-settings.
 * Console: /console/letters (print queue, batch print), /console/letters/:id, /follow-ups,
 * /templates, /settings. The PDF/DOCX renderers are loaded with import() on first use.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import Type from 'typebox';
import type { Deps } from '../../core/deps.ts';
import type { Center } from '../../core/db/schema.ts';
import { AppError } from '../../core/http/errors.ts';
import { IdParam } from '../../core/http/ids.ts';
import { FormBody, AnyQuery } from '../../core/http/schemas.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import type { Actor } from '../../core/auth/access.ts';
import { formatHm, toIsoVn, toLocal } from '../../core/calendar/index.ts';
import { getCenterById } from '../centers/index.ts';
import { consoleNav } from '../console/index.ts';
import { contentDisposition } from '../dossiers/index.ts';
import * as svc from './service.ts';
import { LETTER_KINDS, LETTER_STATUSES, TITLES, type LetterContent } from './model.ts';
import {
  FollowupsPage,
  LetterPage,
  LettersQueuePage,
  SettingsPage,
  TemplatesPage,
  type Shell,
} from './pages/console.tsx';

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

const vn = (iso: string | null) => (iso ? toIsoVn(new Date(iso)) : null);

function apiView(l: svc.LetterView) {
  return {
    ...l,
    preparedAt: vn(l.preparedAt),
    printedAt: vn(l.printedAt),
    handedOverAt: vn(l.handedOverAt),
    declinedAt: vn(l.declinedAt),
    followUp: l.followUp ? { ...l.followUp, doneAt: vn(l.followUp.doneAt) } : null,
  };
}

function str(v: unknown, max = 10_000): string | undefined {
  const s = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof s === 'string' ? s.slice(0, max) : undefined;
}

async function renderPdf(center: Center, letters: { content: LetterContent; draft: boolean }[], title: string) {
  const { lettersPdf } = await import('./render.ts');
  return lettersPdf(center, letters, title);
}

function sendBytes(reply: FastifyReply, bytes: Buffer, type: string, name: string, inline: boolean) {
  return reply
    .type(type)
    .header(
      'content-disposition',
      inline ? contentDisposition(name).replace(/^attachment/, 'inline') : contentDisposition(name),
    )
    .header('cache-control', 'no-store')
    .send(bytes);
}

const fileBase = (l: svc.LetterView) => `thu-${l.kind === 'condolence' ? 'chia-buon' : 'chuc-mung'}-${l.dossierCode}`;

export function registerLetterRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  async function letterPdf(req: FastifyRequest, reply: FastifyReply, slug: string, id: string) {
    const r = await svc.letterDocument(deps, requireActor(req), slug, id);
    if (r.letter.status === 'declined')
      throw new AppError('CONFLICT', [
        { vi: 'Gia đình đã từ chối nhận thư: không in.', en: 'The family declined the letter: nothing to print.' },
      ]);
    return sendBytes(
      reply,
      await renderPdf(
        r.center,
        [{ content: r.content, draft: r.draft }],
        `${r.content.title} – ${r.letter.dossierCode}`,
      ),
      'application/pdf',
      `${fileBase(r.letter)}.pdf`,
      true,
    );
  }
  async function letterDocx(req: FastifyRequest, reply: FastifyReply, slug: string, id: string) {
    const r = await svc.letterDocument(deps, requireActor(req), slug, id);
    if (r.letter.status === 'declined')
      throw new AppError('CONFLICT', [
        { vi: 'Gia đình đã từ chối nhận thư: không in.', en: 'The family declined the letter: nothing to print.' },
      ]);
    const { letterDocx: docx } = await import('./render.ts');
    return sendBytes(
      reply,
      await docx(r.center, r.content, `${r.content.title} – ${r.letter.dossierCode}`),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      `${fileBase(r.letter)}.docx`,
      false,
    );
  }
  async function evidence(req: FastifyRequest, reply: FastifyReply, slug: string, id: string) {
    const f = await svc.readEvidence(deps, requireActor(req), slug, id);
    return sendBytes(reply, f.bytes, f.contentType, f.name, false);
  }
  async function templatePreview(
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    kind: string,
    draft?: Record<string, unknown>,
  ) {
    const r = await svc.previewTemplate(deps, requireActor(req), slug, kind, draft);
    return sendBytes(
      reply,
      await renderPdf(r.center, [{ content: r.content, draft: true }], `Mẫu – ${r.content.title}`),
      'application/pdf',
      `mau-thu-${kind}.pdf`,
      true,
    );
  }

  // ---- JSON API ----

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
      const actor = requireActor(req);
      const ids = req.body.ids ?? (await svc.waitingIds(deps, actor, req.params.slug));
      if (!ids.length) return { printed: [], skipped: [] };
      const out = await svc.printLetters(deps, actor, req.params.slug, ids);
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
    async (req, reply) => letterPdf(req, reply, req.params.slug, req.params.id),
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
    async (req, reply) => letterDocx(req, reply, req.params.slug, req.params.id),
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
    async (req, reply) => evidence(req, reply, req.params.slug, req.params.id),
  );

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
      items: (await svc.listFollowups(deps, requireActor(req), req.params.slug, req.query.status)).map((f) => ({
        ...f,
        doneAt: vn(f.doneAt),
      })),
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
    async (req) => {
      const f = await svc.updateFollowup(deps, requireActor(req), req.params.slug, req.params.id, req.body);
      return { ...f, doneAt: vn(f.doneAt) };
    },
  );

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
    async (req, reply) => templatePreview(req, reply, req.params.slug, req.params.kind),
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
    async (req, reply) => templatePreview(req, reply, req.params.slug, req.params.kind, req.body),
  );

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

  // ---- Console ----

  /** Console pages read their forms and query strings by hand (friendly re-rendered errors, never a 400). */
  const page = { schema: { hide: true, querystring: AnyQuery } };
  const form = { schema: { hide: true, querystring: AnyQuery, body: FormBody } };
  const IdPage = Type.Object({ id: Type.String() });
  const KindPage = Type.Object({ kind: Type.String() });
  const okFlashes = new Set(['saved', 'printed', 'handed', 'declined', 'reset', 'batch']);
  type Query = Record<string, unknown>;

  async function shell(
    req: FastifyRequest,
  ): Promise<Shell & { slug: string; actor: Actor; center: Awaited<ReturnType<typeof getCenterById>> }> {
    const actor = requireActor(req);
    const center = await getCenterById(deps, actor.homeCenterId);
    return {
      lang: req.lang,
      path: req.url,
      csrf: req.csrfToken ?? '',
      userName: actor.fullName,
      centerName: center.name,
      nav: consoleNav(req.lang, actor, '/console/letters'),
      slug: center.slug,
      actor,
      center,
    };
  }
  const flashOf = (qs: Query) => {
    const ok = str(qs.ok, 20) ?? '';
    const n = Number(str(qs.n, 5));
    return { ok: okFlashes.has(ok) ? ok : null, okVars: { n: Number.isInteger(n) ? n : 0 }, errors: [] as string[] };
  };
  const lq = (req: FastifyRequest, sep = '?') => (req.lang === 'en' ? `${sep}lang=en` : '');
  const messagesOf = (req: FastifyRequest, e: AppError) =>
    e.details.length ? e.details.map((d) => d[req.lang]) : [e.message];
  const userError = (e: unknown): e is AppError =>
    e instanceof AppError &&
    ['VALIDATION_FAILED', 'CONFLICT', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'].includes(e.code);

  async function queuePage(req: FastifyRequest, reply: FastifyReply, qs: Query, errors: string[] = [], status = 200) {
    const s = await shell(req);
    const st = str(qs.status, 20);
    const filter = st && (LETTER_STATUSES as readonly string[]).includes(st) ? st : null;
    const list = await svc.listLetters(deps, s.actor, s.slug, { status: filter ?? undefined });
    const waiting = (await svc.waitingIds(deps, s.actor, s.slug)).length;
    return sendPage(
      reply,
      h(LettersQueuePage, {
        ...s,
        ...flashOf(qs),
        errors,
        items: list.items,
        counts: list.counts,
        status: filter,
        waiting,
      }),
      status,
    );
  }

  async function letterPage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    qs: Query,
    errors: string[] = [],
    status = 200,
  ) {
    const s = await shell(req);
    const { letter } = await svc.getLetter(deps, s.actor, s.slug, id);
    const lt = toLocal(deps.now());
    return sendPage(
      reply,
      h(LetterPage, { ...s, ...flashOf(qs), errors, letter, nowLocal: `${lt.date}T${formatHm(lt.minute)}` }),
      status,
    );
  }

  /** Runs a console write; user errors re-render `again` with the messages, success redirects. */
  async function write(
    req: FastifyRequest,
    reply: FastifyReply,
    fn: (slug: string, actor: Actor) => Promise<string>,
    again: (errors: string[], status: number) => Promise<FastifyReply>,
  ) {
    const s = await shell(req);
    try {
      return reply.redirect(await fn(s.slug, s.actor), 303);
    } catch (e) {
      if (userError(e)) return again(messagesOf(req, e), e.status);
      throw e;
    }
  }

  r.get('/console/letters', page, async (req, reply) => queuePage(req, reply, req.query));

  r.post('/console/letters/print-all', form, async (req, reply) =>
    write(
      req,
      reply,
      async (slug, actor) => {
        const ids = await svc.waitingIds(deps, actor, slug);
        if (!ids.length) return `/console/letters${lq(req)}`;
        const out = await svc.printLetters(deps, actor, slug, ids);
        return `/console/letters/batch.pdf?ids=${out.printed.map((l) => l.id).join(',')}`;
      },
      (errors, status) => queuePage(req, reply, req.query, errors, status),
    ),
  );

  r.get('/console/letters/batch.pdf', page, async (req, reply) => {
    const s = await shell(req);
    const raw = str(req.query.ids, 3000) ?? '';
    const ids = raw
      .split(',')
      .filter((x) => /^\d{1,12}$/.test(x))
      .map(Number)
      .slice(0, 200);
    const docs = await svc.letterDocuments(deps, s.actor, s.slug, ids);
    return sendBytes(
      reply,
      await renderPdf(
        docs.center,
        docs.contents.map((c) => ({ content: c, draft: false })),
        'Thư chúc mừng, chia buồn',
      ),
      'application/pdf',
      'thu-cong.pdf',
      true,
    );
  });

  r.get('/console/letters/follow-ups', page, async (req, reply) => {
    const s = await shell(req);
    return sendPage(
      reply,
      h(FollowupsPage, { ...s, ...flashOf(req.query), items: await svc.listFollowups(deps, s.actor, s.slug) }),
    );
  });

  r.post('/console/letters/follow-ups/:id', { schema: { ...form.schema, params: IdPage } }, async (req, reply) => {
    const b = req.body ?? {};
    const { id } = req.params;
    const input = {
      visit: str(b.visit, 5),
      offering: str(b.offering, 5),
      assignee: str(b.assignee, 200),
      plannedDate: str(b.plannedDate, 20),
      note: str(b.note, 1000),
      done: str(b.done, 5),
    };
    let letterId = '';
    return write(
      req,
      reply,
      async (slug, actor) => {
        await svc.updateFollowup(deps, actor, slug, id, input);
        letterId = String(
          (await svc.listFollowups(deps, actor, slug)).find((f) => String(f.id) === id)?.letterId ?? '',
        );
        return letterId
          ? `/console/letters/${letterId}?ok=saved${lq(req, '&')}#follow-up`
          : `/console/letters/follow-ups?ok=saved${lq(req, '&')}`;
      },
      async (errors, status) => {
        const s = await shell(req);
        return sendPage(
          reply,
          h(FollowupsPage, { ...s, ok: null, errors, items: await svc.listFollowups(deps, s.actor, s.slug) }),
          status,
        );
      },
    );
  });

  async function templatesPage(
    req: FastifyRequest,
    reply: FastifyReply,
    qs: Query,
    errors: string[] = [],
    status = 200,
    draft?: { kind: string; values: { title: string; addressee: string; body: string; recipients: string } },
  ) {
    const s = await shell(req);
    const list = await svc.listTemplates(deps, s.actor, s.slug);
    return sendPage(
      reply,
      h(TemplatesPage, { ...s, ...flashOf(qs), errors, templates: list.templates, canEdit: list.canEdit, draft }),
      status,
    );
  }
  const templateInput = (body: Query | null) => {
    const b = body ?? {};
    return {
      title: str(b.title, 200) ?? '',
      addressee: str(b.addressee, 400) ?? '',
      body: str(b.body, 7000) ?? '',
      recipients: str(b.recipients, 700) ?? '',
    };
  };

  r.get('/console/letters/templates', page, async (req, reply) => templatesPage(req, reply, req.query));
  r.post('/console/letters/templates/:kind', { schema: { ...form.schema, params: KindPage } }, async (req, reply) => {
    const { kind } = req.params;
    const values = templateInput(req.body);
    return write(
      req,
      reply,
      async (slug, actor) => {
        await svc.saveTemplate(deps, actor, slug, kind, values);
        return `/console/letters/templates?ok=saved${lq(req, '&')}#${kind}`;
      },
      (errors, status) => templatesPage(req, reply, req.query, errors, status, { kind, values }),
    );
  });
  r.post(
    '/console/letters/templates/:kind/reset',
    { schema: { ...form.schema, params: KindPage } },
    async (req, reply) =>
      write(
        req,
        reply,
        async (slug, actor) => {
          await svc.resetTemplate(deps, actor, slug, req.params.kind);
          return `/console/letters/templates?ok=reset${lq(req, '&')}`;
        },
        (errors, status) => templatesPage(req, reply, req.query, errors, status),
      ),
  );
  r.get(
    '/console/letters/templates/:kind/preview.pdf',
    { schema: { ...page.schema, params: KindPage } },
    async (req, reply) => templatePreview(req, reply, (await shell(req)).slug, req.params.kind),
  );
  r.post(
    '/console/letters/templates/:kind/preview.pdf',
    { schema: { ...form.schema, params: KindPage } },
    async (req, reply) => {
      const s = await shell(req);
      const { kind } = req.params;
      try {
        return await templatePreview(req, reply, s.slug, kind, templateInput(req.body));
      } catch (e) {
        if (userError(e))
          return templatesPage(req, reply, req.query, messagesOf(req, e), e.status, {
            kind,
            values: templateInput(req.body),
          });
        throw e;
      }
    },
  );

  async function settingsPage(
    req: FastifyRequest,
    reply: FastifyReply,
    qs: Query,
    errors: string[] = [],
    status = 200,
  ) {
    const s = await shell(req);
    const got = await svc.getSettings(deps, s.actor, s.slug);
    const leader = [s.center.leader_title, s.center.leader_name].filter(Boolean).join(' ') || '—';
    return sendPage(
      reply,
      h(SettingsPage, { ...s, ...flashOf(qs), errors, settings: got.settings, canEdit: got.canEdit, leader }),
      status,
    );
  }
  r.get('/console/letters/settings', page, async (req, reply) => settingsPage(req, reply, req.query));
  r.post('/console/letters/settings', form, async (req, reply) => {
    const b = req.body ?? {};
    return write(
      req,
      reply,
      async (slug, actor) => {
        await svc.saveTriggers(deps, actor, slug, {
          marriage: str(b.marriage, 2000) ?? '',
          birth: str(b.birth, 2000) ?? '',
          death: str(b.death, 2000) ?? '',
        });
        await svc.saveLetterSettings(deps, actor, slug, {
          symbol: str(b.symbol, 40) ?? '',
          signPrefix: str(b.signPrefix, 10) ?? '',
          signAuthority: str(b.signAuthority, 200) ?? '',
        });
        return `/console/letters/settings?ok=saved${lq(req, '&')}`;
      },
      (errors, status) => settingsPage(req, reply, req.query, errors, status),
    );
  });

  const letterRoute = { schema: { ...page.schema, params: IdPage } };
  const letterForm = { schema: { ...form.schema, params: IdPage } };
  r.get('/console/letters/:id', letterRoute, async (req, reply) => letterPage(req, reply, req.params.id, req.query));
  r.get('/console/letters/:id/letter.pdf', letterRoute, async (req, reply) =>
    letterPdf(req, reply, (await shell(req)).slug, req.params.id),
  );
  r.get('/console/letters/:id/letter.docx', letterRoute, async (req, reply) =>
    letterDocx(req, reply, (await shell(req)).slug, req.params.id),
  );
  r.get('/console/letters/:id/evidence', letterRoute, async (req, reply) =>
    evidence(req, reply, (await shell(req)).slug, req.params.id),
  );

  const back = (req: FastifyRequest, id: string, ok: string) => `/console/letters/${id}?ok=${ok}${lq(req, '&')}`;
  r.post('/console/letters/:id/names', letterForm, async (req, reply) => {
    const b = req.body ?? {};
    const { id } = req.params;
    return write(
      req,
      reply,
      async (slug, actor) => {
        await svc.updateNames(deps, actor, slug, id, {
          titleA: str(b.titleA, 20),
          nameA: str(b.nameA, 200),
          titleB: str(b.titleB, 20),
          nameB: str(b.nameB, 200),
          version: str(b.version, 12),
        });
        return back(req, id, 'saved');
      },
      (errors, status) => letterPage(req, reply, id, req.query, errors, status),
    );
  });
  r.post('/console/letters/:id/print', letterForm, async (req, reply) => {
    const { id } = req.params;
    return write(
      req,
      reply,
      async (slug, actor) => {
        await svc.printOne(deps, actor, slug, id);
        return back(req, id, 'printed');
      },
      (errors, status) => letterPage(req, reply, id, req.query, errors, status),
    );
  });
  r.post('/console/letters/:id/handover', letterForm, async (req, reply) => {
    const b = req.body ?? {};
    const { id } = req.params;
    return write(
      req,
      reply,
      async (slug, actor) => {
        await svc.recordHandover(deps, actor, slug, id, {
          at: str(b.at, 40),
          by: str(b.by, 200),
          note: str(b.note, 1000),
          file: Buffer.isBuffer(b.file) && b.file.length ? b.file : undefined,
        });
        return back(req, id, 'handed');
      },
      (errors, status) => letterPage(req, reply, id, req.query, errors, status),
    );
  });
  r.post('/console/letters/:id/decline', letterForm, async (req, reply) => {
    const b = req.body ?? {};
    const { id } = req.params;
    return write(
      req,
      reply,
      async (slug, actor) => {
        await svc.declineLetter(deps, actor, slug, id, { reason: str(b.reason, 1000) });
        return back(req, id, 'declined');
      },
      (errors, status) => letterPage(req, reply, id, req.query, errors, status),
    );
  });
}
