/** Public centre pages and the centres API. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AnyQuery, SlugParams } from '../../core/http/schemas.ts';
import { h } from 'preact';
import Type from 'typebox';
import type { Deps } from '../../core/deps.ts';
import { sendPage } from '../../core/http/context.ts';
import { formatVi, toLocal } from '../../core/calendar/index.ts';
import { calendarOf } from '../calendar/index.ts';
import { presentCenter } from './model.ts';
import { getCenter, listCenters } from './service.ts';
import { CenterHomePage, CenterListPage } from './pages/public.tsx';

const CenterSchema = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  shortName: Type.String(),
  parentBody: Type.String(),
  province: Type.String(),
  agencyCode: Type.String(),
  address: Type.String(),
  phones: Type.Array(Type.Object({ label: Type.String(), number: Type.String() })),
  email: Type.Union([Type.String(), Type.Null()]),
  website: Type.Union([Type.String(), Type.Null()]),
  workingSessions: Type.Array(Type.Object({ start: Type.String(), end: Type.String() })),
  sameDayCutoff: Type.String(),
  sameDayWeekdays: Type.Array(Type.Integer()),
});

export function registerCenterRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers',
    {
      schema: {
        operationId: 'listCenters',
        tags: ['centers'],
        summary: 'Public list of centres',
        response: { 200: Type.Object({ centers: Type.Array(CenterSchema) }) },
      },
    },
    async () => ({
      centers: (await listCenters(deps)).map(presentCenter),
    }),
  );

  r.get(
    '/api/v1/centers/:slug',
    {
      schema: {
        operationId: 'getCenter',
        tags: ['centers'],
        summary: 'Public information of one centre',
        params: Type.Object({ slug: Type.String({ maxLength: 100 }) }),
        response: { 200: CenterSchema },
      },
    },
    async (req) => presentCenter(await getCenter(deps, req.params.slug)),
  );

  r.get('/', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) => {
    const centers = await listCenters(deps);
    if (centers.length === 1) return reply.redirect(`/${centers[0]!.slug}`);
    return sendPage(reply, h(CenterListPage, { lang: req.lang, path: req.url, centers: centers.map(presentCenter) }));
  });

  r.get('/:slug', { schema: { hide: true, params: SlugParams, querystring: AnyQuery } }, async (req, reply) => {
    const center = await getCenter(deps, req.params.slug);
    const cal = await calendarOf(deps, center);
    const today = toLocal(deps.now()).date;
    const info = cal.dayInfo(today);
    return sendPage(
      reply,
      h(CenterHomePage, {
        lang: req.lang,
        path: req.url,
        center: presentCenter(center),
        today: {
          date: formatVi(today),
          working: info.working,
          makeUp: info.kind === 'make_up',
          reason: req.lang === 'vi' ? info.reason : info.reasonEn,
          next: formatVi(cal.nextWorkingDay(today)),
        },
      }),
    );
  });
}
