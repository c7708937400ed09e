/** Printable PDFs under /<centre>/in/… (public: they are what the centre posts on its walls). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { h } from 'preact';
import type { Deps } from '../../core/deps.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import { AnyQuery } from '../../core/http/schemas.ts';
import { assertCan } from '../../core/auth/access.ts';
import { getCenter, getCenterById, onSettingsChanged } from '../centers/index.ts';
import { catalogOf, onCatalogPublished } from '../catalog/index.ts';
import { consoleNav } from '../console/index.ts';
import { renderPrintable } from './service.ts';
import { renderBoardsAhead, startDailyBoards } from './ahead.ts';
import { offload } from '../tasks.ts';
import { PrintablesConsolePage } from './pages/console.tsx';

export function baseUrlOf(deps: Deps, req: FastifyRequest): string {
  return deps.config.publicUrl ?? `${req.protocol}://${req.host}`;
}

export function registerBoardRoutes(app: FastifyInstance, deps: Deps): void {
  // A publication, a settings change or a new day renders the centre's boards ahead, in the task pool (decisions 050, 053).
  onCatalogPublished('boards', (d, e) => renderBoardsAhead(d, e.center.id, e.origin));
  onSettingsChanged('boards', (d, e) => renderBoardsAhead(d, e.centerId, e.origin));
  startDailyBoards(app, deps);
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // The query is read by hand: a value that is not a string of at most 80 characters is ignored.
  const printable = {
    hide: true,
    params: Type.Object({ slug: Type.String(), file: Type.String() }),
    querystring: AnyQuery,
  };
  r.get(
    '/:slug/in/:file',
    { schema: printable, config: { rateLimit: { max: 60, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const { slug, file } = req.params;
      const center = await getCenter(deps, slug);
      const kind = file.replace(/\.pdf$/, '');
      const q = req.query;
      const str = (v: unknown) => (typeof v === 'string' && v.length <= 80 ? v : undefined);
      const opts = { field: str(q['linh-vuc']), size: str(q.kho), poster: str(q.loai) };
      const base = baseUrlOf(deps, req);
      // Served from the file rendered earlier, else rendered in the task pool (the server never loads pdfkit).
      const { pdf, filename } = await renderPrintable(deps, center, kind, opts, base, (date) =>
        offload(deps, center.id, 'printable', center.id, kind, opts, base, date),
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${filename}"`)
        .header('cache-control', 'public, max-age=300')
        .send(pdf);
    },
  );

  r.get('/console/printables', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const center = await getCenterById(deps, actor.homeCenterId);
    assertCan(actor, 'console.enter', center.id);
    const cat = await catalogOf(deps, center);
    return sendPage(
      reply,
      h(PrintablesConsolePage, {
        lang: req.lang,
        path: req.url,
        csrf: req.csrfToken ?? '',
        userName: actor.fullName,
        centerName: center.name,
        nav: consoleNav(req.lang, actor, '/console/printables'),
        slug: center.slug,
        fields: cat.fields.map((f) => ({ name: f.name, slug: f.slug, count: f.procedures.length })),
      }),
    );
  });
}
