/** Public results board page: /<centre>/ket-qua?thang=YYYY-MM. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import type { Deps } from '../../../core/deps.ts';
import { sendPage } from '../../../core/http/context.ts';
import { AnyQuery, SlugParams } from '../../../core/http/schemas.ts';
import { toLocal } from '../../../core/calendar/index.ts';
import { getCenter } from '../../centers/index.ts';
import { parseMonth, resultsBoard } from './board.ts';
import { ResultsBoardPage } from '../pages/results-board.tsx';

function shiftMonth(month: string, delta: 1 | -1): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function registerResultsBoardRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/:slug/ket-qua', { schema: { hide: true, params: SlugParams, querystring: AnyQuery } }, async (req, reply) => {
    const center = await getCenter(deps, req.params.slug);
    const month = parseMonth(req.query.thang, deps.now());
    const board = await resultsBoard(deps, center, month);
    const current = toLocal(deps.now()).date.slice(0, 7);
    const next = shiftMonth(month, 1);
    return sendPage(
      reply,
      h(ResultsBoardPage, {
        lang: req.lang,
        path: req.url,
        center: { slug: center.slug, shortName: center.short_name },
        board,
        prevMonth: shiftMonth(month, -1),
        nextMonth: next <= current ? next : null,
      }),
    );
  });
}
