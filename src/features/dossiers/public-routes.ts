/**
 * The citizen's dossier lookup page, /<centre-slug>/tra-cuu?ma=<code>&bi-mat=<secret> — the
 * address the QR code on the receipt (Form 01) encodes (forms.ts `lookupUrl`). Rate limited per
 * IP like the JSON lookup; never cached, never sent as a referrer; a wrong secret, an unknown
 * code and another centre's code all answer with the same message and status.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { sendPage } from '../../core/http/context.ts';
import { AnyQuery, SlugParams } from '../../core/http/schemas.ts';
import { getCenter } from '../centers/index.ts';
import { presentCenter } from '../centers/index.ts';
import { lookupPublic, type PublicDossierView } from './service.ts';
import { LookupPage } from './pages/lookup.tsx';

/** One query parameter as a short trimmed string ('' when absent, repeated or too long). */
function param(query: Record<string, unknown>, name: string, max: number): string {
  const v = query[name];
  if (typeof v !== 'string') return '';
  const s = v.normalize('NFC').trim();
  return s.length > max ? '' : s;
}

export function registerDossierPublicRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/:slug/tra-cuu',
    {
      schema: { hide: true, params: SlugParams, querystring: AnyQuery },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const center = await getCenter(deps, req.params.slug);
      const code = param(req.query, 'ma', 40);
      const secret = param(req.query, 'bi-mat', 16);
      reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex, nofollow');
      let result: PublicDossierView | null = null;
      let message: 'notFound' | 'missing' | null = null;
      if (code || secret) {
        if (!code || !secret) message = 'missing';
        else {
          try {
            const v = await lookupPublic(deps, code, secret);
            // A code of another centre answers exactly like an unknown one.
            if (v.center.slug === center.slug) result = v;
            else message = 'notFound';
          } catch (e) {
            if (!(e instanceof AppError && e.code === 'NOT_FOUND')) throw e;
            message = 'notFound';
          }
        }
      }
      const status = message === 'notFound' ? 404 : message === 'missing' ? 400 : 200;
      return sendPage(
        reply,
        h(LookupPage, {
          lang: req.lang,
          path: req.url,
          center: presentCenter(center),
          // Found: the code and secret as printed (what was typed may differ in case and spacing).
          code: result ? result.code : code,
          secret: result ? secret.toUpperCase().replace(/[\s-]/g, '') : secret,
          result,
          message,
        }),
        status,
      );
    },
  );
}
