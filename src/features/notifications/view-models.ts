/** What the notifications pages render, from one call each (the routes parse, call one of these, render). */
import type { Deps } from '../../core/deps.ts';
import type { Actor } from '../../core/auth/access.ts';
import type { Lang } from '../../core/http/i18n.ts';
import { toIsoVn } from '../../core/calendar/index.ts';
import { getCenter, getCenterById, presentCenter } from '../centers/index.ts';
import { consoleNav } from '../console/index.ts';
import * as svc from './service.ts';
import { okFlash } from './model.ts';

/** What a console page knows of its request. */
export interface PageRequest {
  lang: Lang;
  path: string;
  csrf: string;
}

/** The outbox page of the actor's home centre: overview, the flash of the last action. */
export async function outboxPageModel(deps: Deps, actor: Actor, page: PageRequest, ok: string) {
  const center = await getCenterById(deps, actor.homeCenterId);
  const overview = await svc.outboxOverview(deps, actor, center.slug);
  return {
    lang: page.lang,
    path: page.path,
    csrf: page.csrf,
    userName: actor.fullName,
    centerName: center.name,
    nav: consoleNav(page.lang, actor, '/console/notifications'),
    overview,
    ok: okFlash(ok),
  };
}

/** The slug of the actor's home centre (the console's writes go to it). */
export async function homeSlug(deps: Deps, actor: Actor): Promise<string> {
  return (await getCenterById(deps, actor.homeCenterId)).slug;
}

/** The public opt-out page's centre (404 for an unknown one). */
export async function optOutCenter(deps: Deps, slug: string) {
  return presentCenter(await getCenter(deps, slug));
}

const vn = (iso: string | null) => (iso ? toIsoVn(new Date(iso)) : null);

/** A message as the JSON API gives it (instants in Vietnam time). */
export function notificationJson(n: svc.NotificationView) {
  return {
    ...n,
    createdAt: vn(n.createdAt),
    nextAttemptAt: vn(n.nextAttemptAt),
    sentAt: vn(n.sentAt),
    deliveredAt: vn(n.deliveredAt),
  };
}
