/** Console routes of the catalogue: list, upload, review, publish/discard, edit one procedure. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { h } from 'preact';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import { FormBody, AnyQuery } from '../../core/http/schemas.ts';
import { getCenterById } from '../centers/index.ts';
import { consoleNav } from '../console/index.ts';
import { readCatalogFile } from './import-file.ts';
import { ProcedureValidationError } from './model.ts';
import type { ProcedureForm } from './form.ts';
import * as svc from './service.ts';
import { CatalogConsolePage, GuidanceConsolePage, ImportReviewPage, ProcedureEditPage } from './pages/console.tsx';
import { confirmProcedure, saveGuidance } from './review-service.ts';
import {
  catalogConsoleModel,
  editFormOf,
  guidanceModel,
  importReviewModel,
  NEW_PROCEDURE_FORM,
  procedureEditModel,
} from './view-models.ts';

function detailsOf(e: unknown, lang: 'vi' | 'en'): string[] | null {
  if (e instanceof AppError && (e.code === 'VALIDATION_FAILED' || e.code === 'CONFLICT'))
    return e.details.length ? e.details.map((d) => d[lang]) : [e.message];
  if (e instanceof ProcedureValidationError) return e.problems.map((p) => `${p.path}: ${p[lang]}`);
  return null;
}

/** A console request whose query string was declared `AnyQuery` (any parameters, read by hand). */
type PageRequest = FastifyRequest<{ Querystring: Record<string, unknown> }>;

// Pages and forms validate by hand: errors re-render the page with messages, never a 400 JSON.
const page = { schema: { hide: true, querystring: AnyQuery } };
const form = { schema: { hide: true, querystring: AnyQuery, body: FormBody } };
const CodePage = Type.Object({ code: Type.String() });
const IdPage = Type.Object({ id: Type.String() });

/** The signed-in officer, their centre and the console's frame. */
async function shell(deps: Deps, req: FastifyRequest) {
  const actor = requireActor(req);
  const center = await getCenterById(deps, actor.homeCenterId);
  return {
    actor,
    center,
    shell: {
      lang: req.lang,
      path: req.url,
      csrf: req.csrfToken ?? '',
      userName: actor.fullName,
      centerName: center.name,
      nav: consoleNav(req.lang, actor, '/console/catalog'),
    },
  };
}

/** Runs a form's action; a validation failure or conflict re-renders the page with its messages. */
async function orRerender(
  req: FastifyRequest,
  action: () => Promise<unknown>,
  rerender: (errors: string[]) => Promise<unknown>,
): Promise<unknown> {
  try {
    return await action();
  } catch (e) {
    const d = detailsOf(e, req.lang);
    if (d) return rerender(d);
    throw e;
  }
}

async function renderList(deps: Deps, req: PageRequest, reply: FastifyReply, errors: string[] = [], status = 200) {
  const { actor, center, shell: s } = await shell(deps, req);
  const view = await catalogConsoleModel(deps, actor, center, req.lang, req.query, errors);
  return sendPage(reply, h(CatalogConsolePage, { ...s, ...view }), status);
}

/** The list, the upload of a file and the confirmation of a procedure's fees and limits. */
function registerCatalogListPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/catalog', page, async (req, reply) => renderList(deps, req, reply));

  r.post(
    '/console/catalog/procedures/:code/confirm',
    { schema: { ...form.schema, params: CodePage } },
    async (req, reply) => {
      const { actor, center } = await shell(deps, req);
      const { code } = req.params;
      const source = typeof req.body?.source === 'string' ? req.body.source : '';
      return orRerender(
        req,
        async () => {
          await confirmProcedure(deps, actor, center.slug, code, source);
          return reply.redirect(`/console/catalog?ok=confirmed&ma=${encodeURIComponent(code)}#confirm-${code}`, 303);
        },
        (d) => renderList(deps, req, reply, d, 400),
      );
    },
  );

  r.post('/console/catalog/imports', form, async (req, reply) => {
    const { actor, center } = await shell(deps, req);
    const body = req.body ?? {};
    const file = body.file;
    if (!Buffer.isBuffer(file) || file.length === 0)
      return renderList(
        deps,
        req,
        reply,
        [req.lang === 'vi' ? 'Hãy chọn một tệp JSON hoặc CSV.' : 'Choose a JSON or CSV file.'],
        400,
      );
    return orRerender(
      req,
      async () => {
        const { format, procedures } = readCatalogFile('upload', file);
        const staged = await svc.stageImport(deps, actor, center.slug, {
          sourceName: `Tệp tải lên (${format.toUpperCase()}, ${procedures.length} thủ tục)`,
          format,
          procedures,
          full: body.partial !== '1',
        });
        return reply.redirect(`/console/catalog/imports/${staged.importId}`, 303);
      },
      (d) => renderList(deps, req, reply, d, 400),
    );
  });
}

async function renderGuidance(
  deps: Deps,
  req: PageRequest,
  reply: FastifyReply,
  o: { json?: string; errors?: string[]; status?: number } = {},
) {
  const { actor, center, shell: s } = await shell(deps, req);
  const view = await guidanceModel(deps, actor, center, req.lang, { ...o, saved: req.query.ok === 'saved' });
  return sendPage(reply, h(GuidanceConsolePage, { ...s, ...view }), o.status ?? 200);
}

/** The centre's search guidance table. */
function registerGuidancePages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/catalog/guidance', page, async (req, reply) => renderGuidance(deps, req, reply));

  r.post('/console/catalog/guidance', form, async (req, reply) => {
    const { actor, center } = await shell(deps, req);
    const body = req.body ?? {};
    const json = typeof body.topics === 'string' ? body.topics : '';
    return orRerender(
      req,
      async () => {
        await saveGuidance(deps, actor, center.slug, body.action === 'reset' ? null : json);
        return reply.redirect('/console/catalog/guidance?ok=saved', 303);
      },
      (errors) => renderGuidance(deps, req, reply, { json, errors, status: 400 }),
    );
  });
}

async function renderReview(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  id: number,
  errors: string[] = [],
  status = 200,
) {
  const { actor, center, shell: s } = await shell(deps, req);
  const view = await importReviewModel(deps, actor, center, id, errors);
  return sendPage(reply, h(ImportReviewPage, { ...s, ...view }), status);
}

const idOf = (raw: string) => {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
  return id;
};

/** A draft's review page and its decision (publish or discard). */
function registerImportPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/catalog/imports/:id', { schema: { ...page.schema, params: IdPage } }, async (req, reply) =>
    renderReview(deps, req, reply, idOf(req.params.id)),
  );

  for (const action of ['publish', 'discard'] as const) {
    r.post(
      `/console/catalog/imports/:id/${action}`,
      { schema: { ...form.schema, params: IdPage } },
      async (req, reply) => {
        const { actor, center } = await shell(deps, req);
        const id = idOf(req.params.id);
        try {
          if (action === 'publish')
            await svc.publishImport(deps, actor, center.slug, id, { origin: `${req.protocol}://${req.host}` });
          else await svc.discardImport(deps, actor, center.slug, id);
          return reply.redirect(`/console/catalog/imports/${id}`, 303);
        } catch (e) {
          const d = detailsOf(e, req.lang);
          if (d) return renderReview(deps, req, reply, id, d, e instanceof AppError ? e.status : 400);
          throw e;
        }
      },
    );
  }
}

async function renderEdit(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  isNew: boolean,
  values: ProcedureForm,
  errors: string[] = [],
  status = 200,
) {
  const { actor, center, shell: s } = await shell(deps, req);
  const view = await procedureEditModel(deps, actor, center, isNew, values, errors);
  return sendPage(reply, h(ProcedureEditPage, { ...s, ...view }), status);
}

/** Saves the procedure form; `code` is the edited procedure's (null: a new one). */
async function saveEdit(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  body: Record<string, unknown>,
  code: string | null,
) {
  const { actor, center } = await shell(deps, req);
  const edit: ProcedureForm = Object.fromEntries(
    Object.entries(body).filter((kv): kv is [string, string] => typeof kv[1] === 'string'),
  );
  if (code !== null) edit.code = code;
  try {
    const staged = await svc.stageProcedureForm(deps, actor, center, edit, code);
    return await reply.redirect(`/console/catalog/imports/${staged.importId}`, 303);
  } catch (e) {
    const d = detailsOf(e, req.lang);
    if (d) return renderEdit(deps, req, reply, code === null, edit, d, 400);
    throw e;
  }
}

/** A new procedure and the edit of a published one (each staged as a one-item draft). */
function registerProcedurePages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/catalog/procedures/new', page, async (req, reply) =>
    renderEdit(deps, req, reply, true, { ...NEW_PROCEDURE_FORM }),
  );

  r.get(
    '/console/catalog/procedures/:code/edit',
    { schema: { ...page.schema, params: CodePage } },
    async (req, reply) => {
      const { center } = await shell(deps, req);
      return renderEdit(deps, req, reply, false, await editFormOf(deps, center, req.params.code));
    },
  );

  r.post('/console/catalog/procedures/new', form, async (req, reply) =>
    saveEdit(deps, req, reply, req.body ?? {}, null),
  );
  r.post(
    '/console/catalog/procedures/:code/edit',
    { schema: { ...form.schema, params: CodePage } },
    async (req, reply) => saveEdit(deps, req, reply, req.body ?? {}, req.params.code),
  );
}

export function registerCatalogConsoleRoutes(app: FastifyInstance, deps: Deps): void {
  registerCatalogListPages(app, deps);
  registerGuidancePages(app, deps);
  registerImportPages(app, deps);
  registerProcedurePages(app, deps);
}
