/** Console routes of the catalogue: list, upload, review, publish/discard, edit one procedure. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { h } from 'preact';
import type { Deps } from '../../core/deps.ts';
import { can } from '../../core/auth/access.ts';
import { AppError } from '../../core/http/errors.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import { FormBody, AnyQuery } from '../../core/http/schemas.ts';
import { getCenterById } from '../centers/index.ts';
import { consoleNav } from '../console/index.ts';
import { readCatalogFile } from './import-file.ts';
import { ProcedureValidationError } from './model.ts';
import { formToInput, procedureToForm, type ProcedureForm } from './form.ts';
import * as svc from './service.ts';
import { CatalogConsolePage, GuidanceConsolePage, ImportReviewPage, ProcedureEditPage } from './pages/console.tsx';
import { catalogMessages } from './messages.ts';
import { confirmationsOf, confirmProcedure, guidanceTable, saveGuidance } from './review-service.ts';
import { translator } from '../../core/http/i18n.ts';

function detailsOf(e: unknown, lang: 'vi' | 'en'): string[] | null {
  if (e instanceof AppError && (e.code === 'VALIDATION_FAILED' || e.code === 'CONFLICT'))
    return e.details.length ? e.details.map((d) => d[lang]) : [e.message];
  if (e instanceof ProcedureValidationError) return e.problems.map((p) => `${p.path}: ${p[lang]}`);
  return null;
}

/** A console request whose query string was declared `AnyQuery` (any parameters, read by hand). */
type PageRequest = FastifyRequest<{ Querystring: Record<string, unknown> }>;

export function registerCatalogConsoleRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // Pages and forms validate by hand: errors re-render the page with messages, never a 400 JSON.
  const page = { schema: { hide: true, querystring: AnyQuery } };
  const form = { schema: { hide: true, querystring: AnyQuery, body: FormBody } };
  const CodePage = Type.Object({ code: Type.String() });
  const IdPage = Type.Object({ id: Type.String() });

  async function shell(req: FastifyRequest) {
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

  async function renderList(req: PageRequest, reply: FastifyReply, errors: string[] = [], status = 200) {
    const { actor, center, shell: s } = await shell(req);
    const cat = await svc.catalogOf(deps, center);
    const canManage = can(actor, 'catalog.manage', center.id);
    const imports = canManage ? await svc.listImports(deps, actor, center.slug) : [];
    const confirmations = await confirmationsOf(deps, center, cat);
    const canConfirm = can(actor, 'catalog.publish', center.id);
    const ok = req.query.ok;
    const code = req.query.ma;
    const flash =
      ok === 'confirmed' && typeof code === 'string' && cat.byCode.has(code)
        ? translator(catalogMessages, req.lang)('flashConfirmed', { code })
        : null;
    return sendPage(
      reply,
      h(CatalogConsolePage, { ...s, fields: cat.fields, imports, canManage, errors, confirmations, canConfirm, flash }),
      status,
    );
  }

  r.post(
    '/console/catalog/procedures/:code/confirm',
    { schema: { ...form.schema, params: CodePage } },
    async (req, reply) => {
      const { actor, center } = await shell(req);
      const { code } = req.params;
      const body = req.body ?? {};
      const source = typeof body.source === 'string' ? body.source : '';
      try {
        await confirmProcedure(deps, actor, center.slug, code, source);
      } catch (e) {
        const d = detailsOf(e, req.lang);
        if (d) return renderList(req, reply, d, 400);
        throw e;
      }
      return reply.redirect(`/console/catalog?ok=confirmed&ma=${encodeURIComponent(code)}#confirm-${code}`, 303);
    },
  );

  async function renderGuidance(
    req: PageRequest,
    reply: FastifyReply,
    o: { json?: string; errors?: string[]; status?: number } = {},
  ) {
    const { actor, center, shell: s } = await shell(req);
    if (!can(actor, 'catalog.publish', center.id)) throw new AppError('FORBIDDEN');
    const table = await guidanceTable(deps, center);
    const saved = req.query.ok === 'saved';
    return sendPage(
      reply,
      h(GuidanceConsolePage, {
        ...s,
        path: '/console/catalog/guidance',
        json: o.json ?? JSON.stringify(table.topics, null, 2),
        custom: table.custom,
        updatedAt: table.updatedAt,
        errors: o.errors ?? [],
        flash: saved && !o.errors ? translator(catalogMessages, req.lang)('guidanceSaved') : null,
      }),
      o.status ?? 200,
    );
  }

  r.get('/console/catalog/guidance', page, async (req, reply) => renderGuidance(req, reply));

  r.post('/console/catalog/guidance', form, async (req, reply) => {
    const { actor, center } = await shell(req);
    const body = req.body ?? {};
    const json = typeof body.topics === 'string' ? body.topics : '';
    try {
      await saveGuidance(deps, actor, center.slug, body.action === 'reset' ? null : json);
    } catch (e) {
      const d = detailsOf(e, req.lang);
      if (d) return renderGuidance(req, reply, { json, errors: d, status: 400 });
      throw e;
    }
    return reply.redirect('/console/catalog/guidance?ok=saved', 303);
  });

  r.get('/console/catalog', page, async (req, reply) => renderList(req, reply));

  r.post('/console/catalog/imports', form, async (req, reply) => {
    const { actor, center } = await shell(req);
    const body = req.body ?? {};
    const file = body.file;
    if (!Buffer.isBuffer(file) || file.length === 0)
      return renderList(
        req,
        reply,
        [req.lang === 'vi' ? 'Hãy chọn một tệp JSON hoặc CSV.' : 'Choose a JSON or CSV file.'],
        400,
      );
    try {
      const { format, procedures } = readCatalogFile('upload', file);
      const staged = await svc.stageImport(deps, actor, center.slug, {
        sourceName: `Tệp tải lên (${format.toUpperCase()}, ${procedures.length} thủ tục)`,
        format,
        procedures,
        full: body.partial !== '1',
      });
      return reply.redirect(`/console/catalog/imports/${staged.importId}`, 303);
    } catch (e) {
      const d = detailsOf(e, req.lang);
      if (d) return renderList(req, reply, d, 400);
      throw e;
    }
  });

  async function renderReview(
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    errors: string[] = [],
    status = 200,
  ) {
    const { actor, center, shell: s } = await shell(req);
    const staged = await svc.getImport(deps, actor, center.slug, id);
    return sendPage(
      reply,
      h(ImportReviewPage, {
        ...s,
        id,
        source: staged.import.source_name,
        status: staged.import.status,
        summary: staged.import.summary,
        items: staged.items,
        canPublish: can(actor, 'catalog.publish', center.id),
        errors,
      }),
      status,
    );
  }

  const idOf = (raw: string) => {
    const id = Number(raw);
    if (!Number.isInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
    return id;
  };

  r.get('/console/catalog/imports/:id', { schema: { ...page.schema, params: IdPage } }, async (req, reply) =>
    renderReview(req, reply, idOf(req.params.id)),
  );

  for (const action of ['publish', 'discard'] as const) {
    r.post(
      `/console/catalog/imports/:id/${action}`,
      { schema: { ...form.schema, params: IdPage } },
      async (req, reply) => {
        const { actor, center } = await shell(req);
        const id = idOf(req.params.id);
        try {
          if (action === 'publish')
            await svc.publishImport(deps, actor, center.slug, id, { origin: `${req.protocol}://${req.host}` });
          else await svc.discardImport(deps, actor, center.slug, id);
          return reply.redirect(`/console/catalog/imports/${id}`, 303);
        } catch (e) {
          const d = detailsOf(e, req.lang);
          if (d) return renderReview(req, reply, id, d, e instanceof AppError ? e.status : 400);
          throw e;
        }
      },
    );
  }

  async function renderEdit(
    req: FastifyRequest,
    reply: FastifyReply,
    isNew: boolean,
    form: ProcedureForm,
    errors: string[] = [],
    status = 200,
  ) {
    const { actor, center, shell: s } = await shell(req);
    if (!can(actor, 'catalog.manage', center.id)) throw new AppError('FORBIDDEN');
    const cat = await svc.catalogOf(deps, center);
    return sendPage(
      reply,
      h(ProcedureEditPage, { ...s, isNew, form, fields: cat.fields.map((f) => f.name), errors }),
      status,
    );
  }

  r.get('/console/catalog/procedures/new', page, async (req, reply) =>
    renderEdit(req, reply, true, {
      unit: 'working_days',
      level: 'commune',
      status: 'in_force',
      onlineLevel: 'none',
      sets: '1',
      channels: 'direct',
    }),
  );

  r.get(
    '/console/catalog/procedures/:code/edit',
    { schema: { ...page.schema, params: CodePage } },
    async (req, reply) => {
      const { center } = await shell(req);
      const { data } = await svc.procedureWithHistory(deps, center, req.params.code);
      return renderEdit(req, reply, false, procedureToForm(data));
    },
  );

  /** Saves the procedure form; `code` is the edited procedure's (null: a new one). */
  async function saveEdit(
    req: FastifyRequest,
    reply: FastifyReply,
    body: Record<string, unknown>,
    code: string | null,
  ) {
    const isNew = code === null;
    const { actor, center } = await shell(req);
    const edit: ProcedureForm = Object.fromEntries(
      Object.entries(body).filter((kv): kv is [string, string] => typeof kv[1] === 'string'),
    );
    if (code !== null) edit.code = code;
    const previous = isNew ? null : (await svc.procedureWithHistory(deps, center, edit.code ?? '')).data;
    try {
      const staged = await svc.stageEdit(deps, actor, center.slug, formToInput(edit, previous));
      return reply.redirect(`/console/catalog/imports/${staged.importId}`, 303);
    } catch (e) {
      const d = detailsOf(e, req.lang);
      if (d) return renderEdit(req, reply, isNew, edit, d, 400);
      throw e;
    }
  }

  r.post('/console/catalog/procedures/new', form, async (req, reply) => saveEdit(req, reply, req.body ?? {}, null));
  r.post(
    '/console/catalog/procedures/:code/edit',
    { schema: { ...form.schema, params: CodePage } },
    async (req, reply) => saveEdit(req, reply, req.body ?? {}, req.params.code),
  );
}
