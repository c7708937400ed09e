/**
 * What each volunteers console page renders, from one call each (the routes parse, call one of
 * these, render), and the printables rendered in the task pool.
 */
import type { Deps } from '../../core/deps.ts';
import type { Center } from '../../core/db/schema.ts';
import type { Actor } from '../../core/auth/access.ts';
import { AppError } from '../../core/http/errors.ts';
import { translator, type Lang } from '../../core/http/i18n.ts';
import { formatHm, toIsoVn, toLocal } from '../../core/calendar/index.ts';
import { getCenterById } from '../centers/index.ts';
import { consoleNav } from '../console/index.ts';
import type { DayRange } from '../../core/figures.ts';
import { offload } from '../tasks.ts';
import * as svc from './service.ts';
import type { Chrome } from './pages.tsx';
import { volunteerMessages } from './messages.ts';
import { KIND_LABELS, isKind, monthOrDefault, monthRange } from './model.ts';

/** What a console page knows of its request. */
export interface PageRequest {
  lang: Lang;
  path: string;
  csrf: string;
}

/** The actor's home centre and the console chrome (title bar, menu) of the volunteers pages. */
export async function volunteerChrome(
  deps: Deps,
  actor: Actor,
  page: PageRequest,
): Promise<{ center: Center; c: Chrome }> {
  const center = await getCenterById(deps, actor.homeCenterId);
  const c: Chrome = {
    lang: page.lang,
    path: page.path,
    csrf: page.csrf,
    userName: actor.fullName,
    centerName: center.name,
    nav: consoleNav(page.lang, actor, '/console/volunteers'),
  };
  return { center, c };
}

/** The flash after a write on the today page (?done=in|out|undo|log). */
function todayFlash(deps: Deps, lang: Lang, q: TodayQuery, today: svc.Today): string | null {
  const t = translator(volunteerMessages, lang);
  if (q.done === 'in' && today.open)
    return t('checkedIn', { time: formatHm(toLocal(new Date(today.open.checkedInAt)).minute) });
  if (q.done === 'out') return t('checkedOut', { time: formatHm(toLocal(deps.now()).minute) });
  if (q.done === 'undo') return t('undone');
  if (q.done === 'log' && isKind(q.kind)) return t('logged', { kind: KIND_LABELS[q.kind][lang], count: q.n ?? 1 });
  return null;
}

export interface TodayQuery {
  /** The volunteer staff act for. */
  v?: number;
  done?: unknown;
  kind?: unknown;
  n?: number;
}

/** Today, on a phone: one's check-in, shifts and log (staff: everyone's, or the one picked). */
export async function todayPageModel(deps: Deps, actor: Actor, page: PageRequest, q: TodayQuery) {
  const { center, c } = await volunteerChrome(deps, actor, page);
  const today = await svc.today(deps, actor, center.slug, q.v);
  return { c, today, done: todayFlash(deps, page.lang, q, today) };
}

/** The week's roster. */
export async function rosterPageModel(deps: Deps, actor: Actor, page: PageRequest, weekOf: unknown) {
  const { center, c } = await volunteerChrome(deps, actor, page);
  const week = await svc.week(deps, actor, center.slug, weekOf);
  return { c, week, centerFullName: center.name };
}

/** The records (managers only: others get 403). */
export async function peoplePageModel(deps: Deps, actor: Actor, page: PageRequest) {
  const { center, c } = await volunteerChrome(deps, actor, page);
  const { scope, items } = await svc.listVolunteers(deps, actor, center.slug);
  if (!scope.manager) throw new AppError('FORBIDDEN');
  return { c, volunteers: items, month: toLocal(deps.now()).date.slice(0, 7) };
}

/** The month's figures (default: this month). */
export async function figuresPageModel(deps: Deps, actor: Actor, page: PageRequest, month: unknown) {
  const { center, c } = await volunteerChrome(deps, actor, page);
  const m = monthOrDefault(month, toLocal(deps.now()).date);
  const view = await svc.figures(deps, actor, center.slug, monthRange(m));
  return { c, view, month: m };
}

/** The week's roster as an A4 PDF (rendered in the task pool). */
export async function rosterPdfFile(
  deps: Deps,
  actor: Actor,
  weekOf: unknown,
): Promise<{ fileName: string; pdf: Buffer }> {
  const center = await getCenterById(deps, actor.homeCenterId);
  const week = await svc.week(deps, actor, center.slug, weekOf);
  const pdf = await offload(deps, center.id, 'volunteerRosterPdf', center, week, toLocal(deps.now()).date);
  return { fileName: `lich-truc-tinh-nguyen-${week.monday}.pdf`, pdf };
}

/** The thank-you letter to a volunteer or their organisation as a PDF (rendered in the task pool). */
export async function thankYouPdfFile(
  deps: Deps,
  actor: Actor,
  id: number,
  q: { month?: unknown; to?: unknown },
): Promise<{ fileName: string; pdf: Buffer }> {
  const center = await getCenterById(deps, actor.homeCenterId);
  const month = typeof q.month === 'string' ? q.month : toLocal(deps.now()).date.slice(0, 7);
  const to = q.to === 'organisation' ? 'organisation' : 'person';
  const letter = await svc.thankYouData(deps, actor, center.slug, id, month, to);
  const pdf = await offload(deps, center.id, 'volunteerThankYouPdf', letter);
  return { fileName: `thu-cam-on-${id}-${letter.month}.pdf`, pdf };
}

/** The range of an API query: a month, or from/to, or this month by default. */
export function rangeOf(q: { from?: string; to?: string; month?: string }, now: Date): DayRange {
  if (q.month) return monthRange(q.month);
  if (!q.from && !q.to) return monthRange(toIsoVn(now).slice(0, 7));
  return svc.parseRange(q.from, q.to ?? q.from);
}

/** The figures as the API gives them: the totals flat, one line per volunteer. */
export function figuresJson(f: svc.FiguresView) {
  return {
    from: f.range.from,
    to: f.range.to,
    of: f.of,
    ...f.figures,
    byVolunteer: f.byVolunteer.map((b) => ({
      volunteerId: b.volunteer.id,
      fullName: b.volunteer.fullName,
      organisation: b.volunteer.organisation,
      byKind: b.byKind,
      total: b.total,
    })),
  };
}
