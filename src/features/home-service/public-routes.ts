/**
 * The public request form (no account; JS-free; registered before the centre catch-all):
 *   GET  /<slug>/ho-tro-tai-nha              the request form (signed timestamp, honeypot)
 *   POST /<slug>/ho-tro-tai-nha              rate limited per IP → 303 to the confirmation
 *   GET  /<slug>/ho-tro-tai-nha/da-gui?ma=   the confirmation (code, needs, phone's last digits)
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import type { Deps } from '../../core/deps.ts';
import { AnyQuery, FormBody, SlugParams } from '../../core/http/schemas.ts';
import { acceptedSubmissionLimit, PUBLIC_FORM_FLOOD } from '../../core/http/submission-limit.ts';
import { AppError } from '../../core/http/errors.ts';
import { sendPage } from '../../core/http/context.ts';
import { translator } from '../../core/http/i18n.ts';
import { getCenter, presentCenter } from '../centers/index.ts';
import type { FieldError } from '../dossiers/index.ts';
import * as svc from './service.ts';
import { checkFormToken, type TokenVerdict } from './form-token.ts';
import { publicFormOf, toErrors, withLang, field } from './form-input.ts';
import { publicHomeMessages } from './messages.ts';
import { PUBLIC_RATE_ACCEPTED } from './model.ts';
import { publicFormPageModel } from './view-models.ts';
import {
  blankPublicForm,
  PublicDonePage,
  PublicRequestPage,
  publicFormPath,
  type PublicForm,
} from './pages/public.tsx';

type PageReq = FastifyRequest<{ Querystring: Record<string, unknown> }>;

async function publicFormPage(
  deps: Deps,
  req: PageReq,
  reply: FastifyReply,
  slug: string,
  form: PublicForm,
  errors: FieldError[],
  status: number,
) {
  reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');
  const m = await publicFormPageModel(deps, slug);
  return sendPage(
    reply,
    h(PublicRequestPage, { lang: req.lang, path: req.url, csrf: req.csrfToken, ...m, form, errors }),
    status,
  );
}

const spamMessage = (v: Exclude<TokenVerdict, 'ok'>) =>
  v === 'too_fast' ? 'spamTooFast' : v === 'expired' ? 'spamExpired' : 'spamInvalid';

export function registerPublicPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const page = { hide: true, params: SlugParams, querystring: AnyQuery };
  r.get(
    '/:slug/ho-tro-tai-nha',
    { schema: page, config: { rateLimit: { max: 60, timeWindow: '1 minute' } } },
    async (req, reply) => publicFormPage(deps, req, reply, req.params.slug, blankPublicForm(), [], 200),
  );

  // Only accepted requests count towards the 5 per 10 minutes; a form shown again with errors does not (decision 026).
  const accepted = acceptedSubmissionLimit('home-service', PUBLIC_RATE_ACCEPTED);
  r.post(
    '/:slug/ho-tro-tai-nha',
    { schema: { ...page, body: FormBody }, config: { rateLimit: { ...PUBLIC_FORM_FLOOD } } },
    async (req, reply) => {
      accepted.assertRoom(req);
      const { slug } = await getCenter(deps, req.params.slug);
      const t = translator(publicHomeMessages, req.lang);
      const b = req.body ?? {};
      const form = publicFormOf(b);
      const again = (errors: FieldError[]) => publicFormPage(deps, req, reply, slug, form, errors, 400);
      // Spam checks first: nothing is stored when one fails.
      if (field(b, 'website', 200) !== '') return again([{ message: t('spamHoneypot') }]);
      const verdict = await checkFormToken(deps, slug, field(b, '_ts', 200));
      if (verdict !== 'ok') return again([{ message: t(spamMessage(verdict)) }]);
      let to: string;
      try {
        const done = await svc.submitPublicRequest(deps, slug, { ...form, consent: form.consent ? 'yes' : '' });
        accepted.record(req);
        to = withLang(`${publicFormPath(slug)}/da-gui?ma=${done.code}`, req.lang);
      } catch (e) {
        if (e instanceof AppError && e.code === 'VALIDATION_FAILED') return again(toErrors(e.details, req.lang));
        throw e;
      }
      return reply.redirect(to, 303);
    },
  );

  r.get(
    '/:slug/ho-tro-tai-nha/da-gui',
    { schema: page, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const c = await svc.publicConfirmation(deps, req.params.slug, req.query.ma);
      reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex, nofollow');
      return sendPage(
        reply,
        h(PublicDonePage, {
          lang: req.lang,
          path: req.url,
          center: presentCenter(c.center),
          code: c.code,
          needs: c.needs,
          preferredDate: c.preferredDate,
          preferredSlot: c.preferredSlot,
          phoneEnd: c.phoneEnd,
        }),
      );
    },
  );
}
