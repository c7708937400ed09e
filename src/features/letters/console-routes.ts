/**
 * Console pages of courtesy letters: /console/letters (print queue, batch print), /console/letters/:id
 * (names, print, handover, decline, PDF/DOCX), /follow-ups, /templates (+ preview PDF), /settings.
 * Each page: parse, one view-model call (view-models.ts), render; each form: one service call,
 * then a redirect, or the page again with the reasons (never a 400 for a user's mistake).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import Type from 'typebox';
import type { Deps } from '../../core/deps.ts';
import type { Center } from '../../core/db/schema.ts';
import { AppError } from '../../core/http/errors.ts';
import { FormBody, AnyQuery } from '../../core/http/schemas.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import type { Actor } from '../../core/auth/access.ts';
import { getCenterById } from '../centers/index.ts';
import { consoleNav } from '../console/index.ts';
import * as svc from './service.ts';
import { parseIdList } from './model.ts';
import {
  followupsPageModel,
  letterPageModel,
  queuePageModel,
  saveFollowupFromPage,
  settingsPageModel,
  templatesPageModel,
} from './view-models.ts';
import { sendBatch, sendEvidence, sendLetter, sendTemplatePreview } from './replies.ts';
import {
  FollowupsPage,
  LetterPage,
  LettersQueuePage,
  SettingsPage,
  TemplatesPage,
  type Shell,
} from './pages/console.tsx';

/** Console pages read their forms and query strings by hand (friendly re-rendered errors, never a 400). */
const page = { schema: { hide: true, querystring: AnyQuery } };
const form = { schema: { hide: true, querystring: AnyQuery, body: FormBody } };
const IdPage = Type.Object({ id: Type.String() });
const KindPage = Type.Object({ kind: Type.String() });
const letterRoute = { schema: { ...page.schema, params: IdPage } };
const letterForm = { schema: { ...form.schema, params: IdPage } };
const kindRoute = { schema: { ...page.schema, params: KindPage } };
const kindForm = { schema: { ...form.schema, params: KindPage } };
const okFlashes = new Set(['saved', 'printed', 'handed', 'declined', 'reset', 'batch']);
type Query = Record<string, unknown>;
type Errors = string[];
type Page = Shell & { slug: string; actor: Actor; center: Center };

function str(v: unknown, max = 10_000): string | undefined {
  const s: unknown = Array.isArray(v) ? (v as unknown[])[v.length - 1] : v;
  return typeof s === 'string' ? s.slice(0, max) : undefined;
}

/** The console frame of the actor's own centre. */
async function shell(deps: Deps, req: FastifyRequest): Promise<Page> {
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

function flashOf(qs: Query) {
  const ok = str(qs.ok, 20) ?? '';
  const n = Number(str(qs.n, 5));
  return { ok: okFlashes.has(ok) ? ok : null, okVars: { n: Number.isInteger(n) ? n : 0 }, errors: [] as Errors };
}
const lq = (req: FastifyRequest, sep = '?') => (req.lang === 'en' ? `${sep}lang=en` : '');
const messagesOf = (req: FastifyRequest, e: AppError) =>
  e.details.length ? e.details.map((d) => d[req.lang]) : [e.message];
const userError = (e: unknown): e is AppError =>
  e instanceof AppError &&
  ['VALIDATION_FAILED', 'CONFLICT', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'].includes(e.code);
const back = (req: FastifyRequest, id: string, ok: string) => `/console/letters/${id}?ok=${ok}${lq(req, '&')}`;

/** Runs a console write; user errors re-render `again` with the messages, success redirects. */
async function write(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  fn: (slug: string, actor: Actor) => Promise<string>,
  again: (errors: Errors, status: number) => Promise<FastifyReply>,
) {
  const s = await shell(deps, req);
  let to: string;
  try {
    to = await fn(s.slug, s.actor);
  } catch (e) {
    if (userError(e)) return again(messagesOf(req, e), e.status);
    throw e;
  }
  return reply.redirect(to, 303);
}

interface TemplateDraft {
  kind: string;
  values: { title: string; addressee: string; body: string; recipients: string };
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

// ---- Pages ----

async function queuePage(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  qs: Query,
  errors: Errors = [],
  status = 200,
) {
  const s = await shell(deps, req);
  const m = await queuePageModel(deps, s.actor, s.slug, str(qs.status, 20));
  return sendPage(reply, h(LettersQueuePage, { ...s, ...flashOf(qs), ...m, errors }), status);
}

async function letterPage(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  id: string,
  qs: Query,
  errors: Errors = [],
  status = 200,
) {
  const s = await shell(deps, req);
  const m = await letterPageModel(deps, s.actor, s.slug, id);
  return sendPage(reply, h(LetterPage, { ...s, ...flashOf(qs), ...m, errors }), status);
}

async function followupsPage(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  errors: Errors | null,
  status = 200,
  qs: Query = {},
) {
  const s = await shell(deps, req);
  const m = await followupsPageModel(deps, s.actor, s.slug);
  const flash = errors ? { ok: null, errors } : flashOf(qs);
  return sendPage(reply, h(FollowupsPage, { ...s, ...flash, ...m }), status);
}

async function templatesPage(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  qs: Query,
  errors: Errors = [],
  status = 200,
  draft?: TemplateDraft,
) {
  const s = await shell(deps, req);
  const m = await templatesPageModel(deps, s.actor, s.slug);
  return sendPage(reply, h(TemplatesPage, { ...s, ...flashOf(qs), ...m, errors, draft }), status);
}

async function settingsPage(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  qs: Query,
  errors: Errors = [],
  status = 200,
) {
  const s = await shell(deps, req);
  const m = await settingsPageModel(deps, s.actor, s.slug);
  return sendPage(reply, h(SettingsPage, { ...s, ...flashOf(qs), ...m, errors }), status);
}

// ---- Routes ----

export function registerLetterPages(app: FastifyInstance, deps: Deps): void {
  registerQueuePages(app, deps);
  registerFollowupPages(app, deps);
  registerTemplatePages(app, deps);
  registerSettingsPages(app, deps);
  registerLetterFilePages(app, deps);
  registerLetterForms(app, deps);
}

/** The print queue and the batch print (all waiting letters numbered, then their PDF). */
function registerQueuePages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/letters', page, async (req, reply) => queuePage(deps, req, reply, req.query));
  r.post('/console/letters/print-all', form, async (req, reply) =>
    write(
      deps,
      req,
      reply,
      async (slug, actor) => {
        const out = await svc.printBatch(deps, actor, slug);
        if (!out.printed.length && !out.skipped.length) return `/console/letters${lq(req)}`;
        return `/console/letters/batch.pdf?ids=${out.printed.map((l) => l.id).join(',')}`;
      },
      (errors, status) => queuePage(deps, req, reply, req.query, errors, status),
    ),
  );
  r.get('/console/letters/batch.pdf', page, async (req, reply) => {
    const s = await shell(deps, req);
    return sendBatch(deps, req, reply, s.slug, parseIdList(str(req.query.ids, 3000) ?? ''));
  });
}

function registerFollowupPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/letters/follow-ups', page, async (req, reply) =>
    followupsPage(deps, req, reply, null, 200, req.query),
  );
  r.post('/console/letters/follow-ups/:id', letterForm, async (req, reply) => {
    const b = req.body ?? {};
    const input = {
      visit: str(b.visit, 5),
      offering: str(b.offering, 5),
      assignee: str(b.assignee, 200),
      plannedDate: str(b.plannedDate, 20),
      note: str(b.note, 1000),
      done: str(b.done, 5),
    };
    return write(
      deps,
      req,
      reply,
      async (slug, actor) => {
        const { letterId } = await saveFollowupFromPage(deps, actor, slug, req.params.id, input);
        return letterId !== null
          ? `/console/letters/${String(letterId)}?ok=saved${lq(req, '&')}#follow-up`
          : `/console/letters/follow-ups?ok=saved${lq(req, '&')}`;
      },
      (errors, status) => followupsPage(deps, req, reply, errors, status),
    );
  });
}

function registerTemplatePages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/letters/templates', page, async (req, reply) => templatesPage(deps, req, reply, req.query));
  r.post('/console/letters/templates/:kind', kindForm, async (req, reply) => {
    const { kind } = req.params;
    const values = templateInput(req.body);
    return write(
      deps,
      req,
      reply,
      async (slug, actor) => {
        await svc.saveTemplate(deps, actor, slug, kind, values);
        return `/console/letters/templates?ok=saved${lq(req, '&')}#${kind}`;
      },
      (errors, status) => templatesPage(deps, req, reply, req.query, errors, status, { kind, values }),
    );
  });
  r.post('/console/letters/templates/:kind/reset', kindForm, async (req, reply) =>
    write(
      deps,
      req,
      reply,
      async (slug, actor) => {
        await svc.resetTemplate(deps, actor, slug, req.params.kind);
        return `/console/letters/templates?ok=reset${lq(req, '&')}`;
      },
      (errors, status) => templatesPage(deps, req, reply, req.query, errors, status),
    ),
  );
  r.get('/console/letters/templates/:kind/preview.pdf', kindRoute, async (req, reply) =>
    sendTemplatePreview(deps, req, reply, (await shell(deps, req)).slug, req.params.kind),
  );
  r.post('/console/letters/templates/:kind/preview.pdf', kindForm, async (req, reply) => {
    const s = await shell(deps, req);
    const { kind } = req.params;
    const values = templateInput(req.body);
    try {
      return await sendTemplatePreview(deps, req, reply, s.slug, kind, values);
    } catch (e) {
      if (userError(e))
        return templatesPage(deps, req, reply, req.query, messagesOf(req, e), e.status, { kind, values });
      throw e;
    }
  });
}

function registerSettingsPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/letters/settings', page, async (req, reply) => settingsPage(deps, req, reply, req.query));
  r.post('/console/letters/settings', form, async (req, reply) => {
    const b = req.body ?? {};
    return write(
      deps,
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
      (errors, status) => settingsPage(deps, req, reply, req.query, errors, status),
    );
  });
}

/** One letter's page and its files (PDF and DOCX rendered in the task pool; the evidence). */
function registerLetterFilePages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/letters/:id', letterRoute, async (req, reply) =>
    letterPage(deps, req, reply, req.params.id, req.query),
  );
  r.get('/console/letters/:id/letter.pdf', letterRoute, async (req, reply) =>
    sendLetter(deps, req, reply, (await shell(deps, req)).slug, req.params.id, 'pdf'),
  );
  r.get('/console/letters/:id/letter.docx', letterRoute, async (req, reply) =>
    sendLetter(deps, req, reply, (await shell(deps, req)).slug, req.params.id, 'docx'),
  );
  r.get('/console/letters/:id/evidence', letterRoute, async (req, reply) =>
    sendEvidence(deps, req, reply, (await shell(deps, req)).slug, req.params.id),
  );
}

/** One letter's forms: names, print, handover (multipart, optional evidence), decline. */
function registerLetterForms(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const letterWrite = (
    req: FastifyRequest<{ Params: { id: string }; Querystring: Query }>,
    reply: FastifyReply,
    ok: string,
    fn: (slug: string, actor: Actor) => Promise<unknown>,
  ) =>
    write(
      deps,
      req,
      reply,
      async (slug, actor) => {
        await fn(slug, actor);
        return back(req, req.params.id, ok);
      },
      (errors, status) => letterPage(deps, req, reply, req.params.id, req.query, errors, status),
    );
  r.post('/console/letters/:id/names', letterForm, async (req, reply) => {
    const b = req.body ?? {};
    const input = {
      titleA: str(b.titleA, 20),
      nameA: str(b.nameA, 200),
      titleB: str(b.titleB, 20),
      nameB: str(b.nameB, 200),
      version: str(b.version, 12),
    };
    return letterWrite(req, reply, 'saved', (slug, actor) => svc.updateNames(deps, actor, slug, req.params.id, input));
  });
  r.post('/console/letters/:id/print', letterForm, async (req, reply) =>
    letterWrite(req, reply, 'printed', (slug, actor) => svc.printOne(deps, actor, slug, req.params.id)),
  );
  r.post('/console/letters/:id/handover', letterForm, async (req, reply) => {
    const b = req.body ?? {};
    const input = {
      at: str(b.at, 40),
      by: str(b.by, 200),
      note: str(b.note, 1000),
      file: Buffer.isBuffer(b.file) && b.file.length ? b.file : undefined,
    };
    return letterWrite(req, reply, 'handed', (slug, actor) =>
      svc.recordHandover(deps, actor, slug, req.params.id, input),
    );
  });
  r.post('/console/letters/:id/decline', letterForm, async (req, reply) => {
    const reason = str(req.body?.reason, 1000);
    return letterWrite(req, reply, 'declined', (slug, actor) =>
      svc.declineLetter(deps, actor, slug, req.params.id, { reason }),
    );
  });
}
