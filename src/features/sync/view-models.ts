/** What the sync console page renders, from one call (the routes parse, call this, render). */
import type { Deps } from '../../core/deps.ts';
import type { Actor } from '../../core/auth/access.ts';
import type { Lang } from '../../core/http/i18n.ts';
import { getCenterById } from '../centers/index.ts';
import { consoleNav } from '../console/index.ts';
import * as svc from './service.ts';
import { okFlash } from './model.ts';

/** The slug of the actor's home centre (the console's writes go to it). */
export async function syncHomeSlug(deps: Deps, actor: Actor): Promise<string> {
  return (await getCenterById(deps, actor.homeCenterId)).slug;
}

/** The sync page of the actor's home centre: health, failed and recent messages, the flash. */
export async function syncPageModel(
  deps: Deps,
  actor: Actor,
  page: { lang: Lang; path: string; csrf: string },
  ok: unknown,
) {
  const center = await getCenterById(deps, actor.homeCenterId);
  const overview = await svc.syncOverview(deps, actor, center.slug);
  return {
    lang: page.lang,
    path: page.path,
    csrf: page.csrf,
    userName: actor.fullName,
    centerName: center.name,
    nav: consoleNav(page.lang, actor, '/console/sync'),
    overview,
    ok: okFlash(ok),
  };
}
