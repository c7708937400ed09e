/**
 * What each page of the home service renders, from one call each: the routes parse, call one of
 * these and render the page with its answer. Access and audit stay in the service functions these
 * call; the rules are the named predicates of model.ts.
 */
import type { Deps } from '../../core/deps.ts';
import type { Actor } from '../../core/auth/access.ts';
import { can } from '../../core/auth/access.ts';
import { authorizeCenter } from '../../core/auth/authorize.ts';
import { localDateOf } from '../../core/calendar/index.ts';
import { getCenter, presentCenter } from '../centers/index.ts';
import { homeServiceFigures } from './figures.ts';
import { issueFormToken } from './form-token.ts';
import { monthOf, proposedTime, tasksFor } from './model.ts';
import { dayList, getPerson, getRequest, getVisit, listPeople, listRequests, officersOf } from './service.ts';

const todayOf = (deps: Deps) => localDateOf(deps.now());

/** The overview: this month's figures, the requests (for those who manage them; `status` filters), the links. */
export async function overviewPageModel(deps: Deps, actor: Actor, slug: string, status: unknown) {
  const { center } = await authorizeCenter(deps, actor, slug, 'homeservice.visit');
  const today = todayOf(deps);
  const month = monthOf(today);
  const figures = await homeServiceFigures(deps, [center.id], month);
  const st = typeof status === 'string' ? status : 'open';
  const requests = can(actor, 'homeservice.manage', center.id)
    ? await listRequests(deps, actor, center.slug, { status: st === 'all' ? undefined : st })
    : null;
  return {
    month: month.label,
    figures,
    requests,
    status: st,
    slug: center.slug,
    canRegister: can(actor, 'care.register.read', center.id),
    officerId: actor.userId,
    today,
  };
}

/** One request with its visits, the officers who may be sent, and the schedule form's proposal. */
export async function requestPageModel(deps: Deps, actor: Actor, slug: string, id: string) {
  const { center, request, visits } = await getRequest(deps, actor, slug, id);
  const today = todayOf(deps);
  return {
    request,
    visits,
    officers: await officersOf(deps, center.id),
    today,
    proposal: {
      officerId: '',
      date: request.preferredDate ?? today,
      time: proposedTime(request.preferredSlot),
      address: request.address,
      tasks: tasksFor(request.needs) as string[],
      dossierCode: request.dossierCode ?? '',
      notes: '',
    },
  };
}

/** The visits of one day (one officer or all), the officers to choose from, the centre's address. */
export async function dayPageModel(deps: Deps, actor: Actor, slug: string, date: unknown, officer: unknown) {
  const d = await dayList(deps, actor, slug, date, officer);
  return {
    date: d.date,
    officer: d.officer,
    officers: await officersOf(deps, d.center.id),
    visits: d.visits,
    centerAddress: d.center.address,
  };
}

export async function visitPageModel(deps: Deps, actor: Actor, slug: string, id: string) {
  return { visit: (await getVisit(deps, actor, slug, id)).visit };
}

/** The register (search without diacritics; withdrawn entries on request) and whether the actor may add. */
export async function registerPageModel(deps: Deps, actor: Actor, slug: string, q: unknown, withdrawn: unknown) {
  const { center } = await authorizeCenter(deps, actor, slug, 'care.register.read');
  const search = typeof q === 'string' ? q.slice(0, 60) : '';
  const withWithdrawn = withdrawn === '1';
  return {
    q: search,
    withdrawn: withWithdrawn,
    people: await listPeople(deps, actor, slug, { q: search, withdrawn: withWithdrawn }),
    canManage: can(actor, 'care.register.manage', center.id),
    today: todayOf(deps),
  };
}

/** One register entry, and whether the actor may withdraw it or raise a request from it. */
export async function personPageModel(deps: Deps, actor: Actor, slug: string, id: string) {
  const person = await getPerson(deps, actor, slug, id);
  const { center } = await authorizeCenter(deps, actor, slug, 'care.register.read');
  return {
    person,
    canManage: can(actor, 'care.register.manage', center.id),
    canRequest: can(actor, 'homeservice.manage', center.id),
  };
}

/** The public request form: the centre (public view), a fresh signed form token, today. */
export async function publicFormPageModel(deps: Deps, slug: string) {
  const center = await getCenter(deps, slug);
  return { center: presentCenter(center), token: await issueFormToken(deps, center.slug), today: todayOf(deps) };
}
