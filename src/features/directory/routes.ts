/** Console routes of the staff directory. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { idOr404 } from '../../core/http/ids.ts';
import { AnyQuery, FormBody, IdText } from '../../core/http/schemas.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import { getCenterById } from '../centers/index.ts';
import { consoleNav } from '../console/index.ts';
import * as svc from './service.ts';
import { DirectoryConsolePage } from './pages/console.tsx';

/** With a hidden "0" before the checkbox, a ticked box sends ["0", "1"]: the last value wins. */
function lastValues(body: Record<string, unknown> | null): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>; // keys come from the request: no prototype
  for (const [k, v] of Object.entries(body ?? {})) out[k] = Array.isArray(v) ? v[v.length - 1] : v;
  return out;
}

/** A page request: its query read field by field (`AnyQuery`). */
type QReq = FastifyRequest<{ Querystring: Record<string, unknown> }>;

export function registerDirectoryRoutes(app: FastifyInstance, deps: Deps): void {
  async function render(req: QReq, reply: FastifyReply, errors: string[] = [], status = 200) {
    const actor = requireActor(req);
    const center = await getCenterById(deps, actor.homeCenterId);
    const contacts = await svc.allContacts(deps, actor, center.slug);
    return sendPage(
      reply,
      h(DirectoryConsolePage, {
        lang: req.lang,
        path: req.url,
        csrf: req.csrfToken ?? '',
        userName: actor.fullName,
        centerName: center.name,
        nav: consoleNav(req.lang, actor, '/console/directory'),
        contacts,
        errors,
      }),
      status,
    );
  }

  async function act(req: QReq, reply: FastifyReply, fn: (slug: string) => Promise<unknown>) {
    const actor = requireActor(req);
    const center = await getCenterById(deps, actor.homeCenterId);
    try {
      await fn(center.slug);
      return reply.redirect('/console/directory', 303);
    } catch (e) {
      if (e instanceof AppError && e.code === 'VALIDATION_FAILED')
        return render(
          req,
          reply,
          e.details.map((d) => d[req.lang]),
          400,
        );
      throw e;
    }
  }

  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/directory', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    render(req, reply),
  );
  r.post('/console/directory', { schema: { hide: true, querystring: AnyQuery, body: FormBody } }, async (req, reply) =>
    act(req, reply, (slug) => svc.saveContact(deps, req.actor, slug, null, lastValues(req.body))),
  );
  r.post(
    '/console/directory/:id',
    { schema: { hide: true, params: IdText, querystring: AnyQuery, body: FormBody } },
    async (req, reply) =>
      act(req, reply, (slug) => svc.saveContact(deps, req.actor, slug, idOr404(req.params.id), lastValues(req.body))),
  );
  r.post(
    '/console/directory/:id/delete',
    { schema: { hide: true, params: IdText, querystring: AnyQuery, body: FormBody } },
    async (req, reply) => act(req, reply, (slug) => svc.deleteContact(deps, req.actor, slug, idOr404(req.params.id))),
  );
}
