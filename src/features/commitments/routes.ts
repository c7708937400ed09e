/** Console routes of the commitments and rules. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { assertCan } from '../../core/auth/access.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import { AnyQuery, FormBody } from '../../core/http/schemas.ts';
import { getCenterById } from '../centers/index.ts';
import { consoleNav } from '../console/index.ts';
import { saveTexts, textsOf } from './service.ts';
import { CommitmentsConsolePage } from './pages/console.tsx';
import type { CenterTexts } from './model.ts';

export function registerCommitmentsRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/commitments', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) => {
    const actor = requireActor(req);
    const center = await getCenterById(deps, actor.homeCenterId);
    assertCan(actor, 'commitments.manage', center.id);
    const texts = await textsOf(deps, center.id);
    return sendPage(
      reply,
      h(CommitmentsConsolePage, {
        lang: req.lang,
        path: req.url,
        csrf: req.csrfToken ?? '',
        userName: actor.fullName,
        centerName: center.name,
        nav: consoleNav(req.lang, actor, '/console/commitments'),
        texts,
        saved: req.query.saved === '1',
        errors: [],
      }),
    );
  });

  r.post(
    '/console/commitments',
    { schema: { hide: true, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => {
      const actor = requireActor(req);
      const center = await getCenterById(deps, actor.homeCenterId);
      const body = req.body ?? {};
      try {
        await saveTexts(deps, actor, center.slug, body);
        return reply.redirect('/console/commitments?saved=1', 303);
      } catch (e) {
        if (!(e instanceof AppError && e.code === 'VALIDATION_FAILED')) throw e;
        const lines = (k: string) => (typeof body[k] === 'string' ? body[k].split('\n') : []);
        const texts: CenterTexts = {
          motto: typeof body.motto === 'string' ? body.motto : '',
          fourPlease: lines('fourPlease'),
          fourAlways: lines('fourAlways'),
          fiveNo: lines('fiveNo'),
          fourOnSpot: lines('fourOnSpot'),
          rules: lines('rules'),
        };
        return sendPage(
          reply,
          h(CommitmentsConsolePage, {
            lang: req.lang,
            path: req.url,
            csrf: req.csrfToken ?? '',
            userName: actor.fullName,
            centerName: center.name,
            nav: consoleNav(req.lang, actor, '/console/commitments'),
            texts,
            saved: false,
            errors: e.details.map((d) => d[req.lang]),
          }),
          400,
        );
      }
    },
  );
}
