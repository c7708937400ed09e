/** Console routes of the staff directory. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import { getCenterById } from '../centers/service.ts';
import { consoleNav } from '../console/nav.ts';
import * as svc from './service.ts';
import { DirectoryConsolePage } from './pages/console.tsx';

/** With a hidden "0" before the checkbox, a ticked box sends ["0", "1"]: the last value wins. */
function lastValues(body: unknown): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>; // keys come from the request: no prototype
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>))
    out[k] = Array.isArray(v) ? v[v.length - 1] : v;
  return out;
}

export function registerDirectoryRoutes(app: FastifyInstance, deps: Deps): void {
  async function render(req: FastifyRequest, reply: FastifyReply, errors: string[] = [], status = 200) {
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

  async function act(req: FastifyRequest, reply: FastifyReply, fn: (slug: string) => Promise<unknown>) {
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

  const idOf = (req: FastifyRequest) => {
    const id = Number((req.params as { id: string }).id);
    if (!Number.isInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
    return id;
  };

  app.get('/console/directory', { schema: { hide: true } }, async (req, reply) => render(req, reply));
  app.post('/console/directory', { schema: { hide: true } }, async (req, reply) =>
    act(req, reply, (slug) => svc.saveContact(deps, req.actor, slug, null, lastValues(req.body))),
  );
  app.post('/console/directory/:id', { schema: { hide: true } }, async (req, reply) =>
    act(req, reply, (slug) => svc.saveContact(deps, req.actor, slug, idOf(req), lastValues(req.body))),
  );
  app.post('/console/directory/:id/delete', { schema: { hide: true } }, async (req, reply) =>
    act(req, reply, (slug) => svc.deleteContact(deps, req.actor, slug, idOf(req))),
  );
}
