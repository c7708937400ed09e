/**
 * What each queue page renders, from one call each: the routes parse, call one of these, render.
 * Public pages (kiosk, printed ticket, phone, board) take the centre's slug; console pages take
 * the signed-in actor and resolve their home centre (the shell: name, menu, slug).
 */
import type { Deps } from '../../core/deps.ts';
import type { Center } from '../../core/db/schema.ts';
import type { Actor } from '../../core/auth/access.ts';
import { AppError } from '../../core/http/errors.ts';
import type { Lang } from '../../core/http/i18n.ts';
import { toLocal } from '../../core/calendar/index.ts';
import { qrSvg } from '../../core/documents/qr.ts';
import { getCenter, getCenterById } from '../centers/index.ts';
import { consoleNav } from '../console/index.ts';
import { offload } from '../tasks.ts';
import * as svc from './service.ts';
import {
  callsFrom,
  figuresRange,
  offeredPriority,
  phoneAutoRefresh,
  type FloorState,
  type PriorityReason,
} from './model.ts';
import { queuePaths } from './pages/public.tsx';
import type { Shell } from './pages/console.tsx';

/** What a console page knows of its request. */
export interface PageRequest {
  lang: Lang;
  path: string;
  csrf: string;
}

/** The console shell of the actor's home centre (the slug the queue calls use). */
export async function queueShell(deps: Deps, actor: Actor, page: PageRequest): Promise<Shell> {
  const center = await getCenterById(deps, actor.homeCenterId);
  return {
    lang: page.lang,
    path: page.path,
    csrf: page.csrf,
    userName: actor.fullName,
    centerName: center.name,
    nav: consoleNav(page.lang, actor, '/console/queue'),
    slug: center.slug,
  };
}

/** The counter screen: the officer's counter (or the one asked for), its ticket, today's queue. */
export async function counterPageModel(deps: Deps, actor: Actor, page: PageRequest, counterId: number | null) {
  const shell = await queueShell(deps, actor, page);
  return { shell, screen: await svc.counterScreen(deps, actor, shell.slug, counterId) };
}

/** The settings page: groups, counters, target wait, the floor's settings. */
export async function setupPageModel(deps: Deps, actor: Actor, page: PageRequest) {
  const shell = await queueShell(deps, actor, page);
  return { shell, config: await svc.queueConfig(deps, actor, shell.slug) };
}

/** The figures page over the period of the query (default: the last 28 days). */
export async function figuresPageModel(deps: Deps, actor: Actor, page: PageRequest, q: Record<string, unknown>) {
  const shell = await queueShell(deps, actor, page);
  const range = figuresRange(q, toLocal(deps.now()).date);
  return { shell, figures: await svc.queueFiguresFor(deps, actor, shell.slug, range) };
}

export interface KioskModel {
  center: { slug: string; shortName: string };
  groups: (svc.GroupView & { waiting: number })[];
  priority: PriorityReason | null;
  priorityGroups: PriorityReason[];
  floor: FloorState;
}

/** The kiosk: active groups with their waiting counts, the floor's state, the priority chosen (if offered). */
export async function kioskPageModel(deps: Deps, slug: string, asked: PriorityReason | null): Promise<KioskModel> {
  const { center, groups, floor, priorityGroups } = await svc.kioskGroups(deps, slug);
  return {
    center: { slug: center.slug, shortName: center.short_name },
    groups,
    priority: offeredPriority(asked, priorityGroups),
    priorityGroups,
    floor,
  };
}

/** The full ticket behind a public code (the printed ticket needs its group and priority). */
async function printed(deps: Deps, slug: string, code: string, baseUrl: string) {
  const { center, view } = await svc.phoneView(deps, slug, code);
  const ticket = await svc.ticketByPublic(deps, center, view.publicCode);
  const phoneUrl = `${baseUrl}${queuePaths.phone(center.slug, ticket.publicCode)}`;
  return { center, ticket, ahead: view.ahead, estimateMinutes: view.estimateMinutes, phoneUrl };
}

/** The ticket page shown after the kiosk issued it: code, people ahead, estimate, QR to the phone page. */
export async function ticketPageModel(deps: Deps, slug: string, code: string, baseUrl: string) {
  const p = await printed(deps, slug, code, baseUrl);
  const svg = await qrSvg(p.phoneUrl);
  const floor = await svc.floorOf(deps, p.center);
  return {
    center: { slug: p.center.slug, name: p.center.name, shortName: p.center.short_name },
    ticket: p.ticket,
    ahead: p.ahead,
    estimateMinutes: p.estimateMinutes,
    phoneUrl: p.phoneUrl,
    qrDataUri: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    callsFrom: callsFrom(floor),
  };
}

/** The 80 mm ticket as a PDF, rendered in the task pool. */
export async function ticketPdfFile(
  deps: Deps,
  slug: string,
  code: string,
  baseUrl: string,
  lang: Lang,
): Promise<{ fileName: string; pdf: Buffer }> {
  const p = await printed(deps, slug, code, baseUrl);
  const pdf = await offload(deps, p.center.id, 'queueTicketPdf', {
    lang,
    centerName: p.center.name,
    ticket: p.ticket,
    ahead: p.ahead,
    estimateMinutes: p.estimateMinutes,
    phoneUrl: p.phoneUrl,
  });
  return { fileName: `${p.ticket.code}.pdf`, pdf };
}

export type PhoneModel =
  | { found: true; center: Center; view: svc.PhoneView; callsFrom: Date | null; refresh: boolean }
  | { found: false; center: Center };

/** The phone page: the ticket's position and estimate, or "not found" (the centre must exist). */
export async function phonePageModel(deps: Deps, slug: string, code: string): Promise<PhoneModel> {
  const center = await getCenter(deps, slug);
  try {
    const { view } = await svc.phoneView(deps, slug, code);
    const floor = await svc.floorOf(deps, center);
    return { found: true, center, view, callsFrom: callsFrom(floor), refresh: phoneAutoRefresh(view) };
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'NOT_FOUND')) throw e;
    return { found: false, center };
  }
}
