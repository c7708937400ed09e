/** Console page scaffolding shared by the signing room and the rooms built on it (certification). */
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../core/deps.ts';
import { requireActor } from '../../core/http/context.ts';
import { getCenterById } from '../centers/index.ts';
import { consoleNav } from '../console/index.ts';

/** A page request: its query read field by field (`AnyQuery`). */
export type ConsoleRequest = FastifyRequest<{ Querystring: Record<string, unknown> }>;

/** `?lang=en` (or `&lang=en` with sep '&') when the page is in English, else ''. */
export function langQuery(req: ConsoleRequest, sep = '?'): string {
  return req.lang === 'en' ? `${sep}lang=en` : '';
}

/** The signed-in staff member, their home centre and the console layout's props for the page at `navPath`. */
export async function consoleShell(deps: Deps, req: ConsoleRequest, navPath: string) {
  const actor = requireActor(req);
  const center = await getCenterById(deps, actor.homeCenterId);
  return {
    actor,
    center,
    base: {
      lang: req.lang,
      path: req.url,
      csrf: req.csrfToken ?? '',
      userName: actor.fullName,
      centerName: center.name,
      nav: consoleNav(req.lang, actor, navPath),
    },
  };
}
