/**
 * What each console page of the desk renders, from one function per page: the dossier's page, the
 * list, the deadline monitor, intake (search and form). Rules come from model.ts (actions offered,
 * printable forms, apology eligibility), data from the service; the routes parse, call one of these
 * and render.
 */
import type { ComponentChildren } from 'preact';
import type { Deps } from '../../core/deps.ts';
import type { Center } from '../../core/db/schema.ts';
import { can, type Actor } from '../../core/auth/access.ts';
import type { Lang } from '../../core/http/i18n.ts';
import { translator } from '../../core/http/i18n.ts';
import { weekdayName } from '../../core/text/index.ts';
import { formatVi, toLocal } from '../../core/calendar/index.ts';
import { settingsOf } from '../centers/index.ts';
import { calendarOf } from '../calendar/index.ts';
import { catalogOf, joinWords, type ProcedureData } from '../catalog/index.ts';
import { publicContacts } from '../directory/index.ts';
import {
  appointmentFor,
  canGetApology,
  canTransition,
  isStatus,
  OPEN_STATUSES,
  offeredActions,
  openActionOf,
  printableForms,
  reappointmentCount,
  type DossierAction,
  type Status,
} from './model.ts';
import * as svc from './service.ts';
import * as apologies from './apologies/apologies.ts';
import { dossierPanels } from './hooks.ts';
import { deskMessages } from './messages.ts';
import type { ListFilters, Bucket, CountRow } from './pages/list.tsx';
import type { ProcedureHit } from './pages/intake.tsx';
import type { FormLink } from './pages/dossier.tsx';
import type { ApologyView } from './apologies/apologies.ts';

/** The new appointment suggested on the extension form: this many working days after the current one. */
export const EXTEND_SUGGESTED_DAYS = 3;
const PAGE_SIZE = 50;
const SEARCH_SHOWN = 100;

// ---- One dossier ----

/** Who may do what with the dossier's apology letters (the section's forms). */
export interface ApologyRights {
  canDraft: boolean;
  canRevise: boolean;
  canDecide: boolean;
  canDeliver: boolean;
}

/** The hand-off's choices: an officer of the centre, or a unit (the centre's public contacts, the dossier's field first). */
async function handoffChoices(deps: Deps, centerId: number, field: string) {
  const users = (await svc.handoffUsers(deps, centerId)).map((u) => ({
    id: u.id,
    name: u.title ? `${u.full_name} — ${u.title}` : u.full_name,
  }));
  const contacts = await publicContacts(deps, centerId);
  const suggestions = [
    ...contacts.filter((c) => c.fields.includes(field)),
    ...contacts.filter((c) => !c.fields.includes(field)),
  ].map((c) => (c.title ? `${c.name} — ${c.title}` : c.name));
  return { users, suggestions };
}

export interface DossierPageInput {
  lang: Lang;
  csrf: string;
  /** The action form just submitted (re-rendered open with its values), if any. */
  submitted: DossierAction | null;
}

/** The dossier's page: facts, timeline, printable forms, the action forms offered, apology letters, other features' panels. */
export async function dossierPageModel(deps: Deps, actor: Actor, code: string, o: DossierPageInput) {
  const { center, dossier, events } = await svc.getDossier(deps, actor, code);
  const actions = offeredActions(dossier.status, (a) => can(actor, svc.ACTION_PERMISSION[a], center.id));
  const apologyItems: ApologyView[] = await apologies.apologiesOf(deps, actor, code);
  const forms: FormLink[] = printableForms(events).map((n) => ({ n, label: `form${n}` }));
  const handoff = actions.includes('handoff')
    ? await handoffChoices(deps, center.id, dossier.field)
    : { users: [], suggestions: [] };
  const mayProcess = can(actor, 'dossier.process', center.id);
  const rights: ApologyRights = {
    // The centre's limit counts re-appointments (extend events), as drafting does.
    canDraft: mayProcess && canGetApology(dossier.status, reappointmentCount(events), center.max_reappointments),
    canRevise: mayProcess,
    canDecide: can(actor, 'dossier.extend', center.id),
    canDeliver: can(actor, 'dossier.intake', center.id),
  };
  const panelContext = { actor, centerId: center.id, code: dossier.code, lang: o.lang, csrf: o.csrf };
  const top: ComponentChildren[] = await dossierPanels(deps, panelContext, 'top');
  const bottom: ComponentChildren[] = await dossierPanels(deps, panelContext, 'bottom');
  return {
    dossier,
    events,
    forms,
    actions,
    openAction: openActionOf(dossier.status, actions, o.submitted),
    handoffSuggestions: handoff.suggestions,
    handoffUsers: handoff.users,
    // The direct `extend` form is not offered (re-appointment goes through the apology letter).
    extendDefault: { date: '', time: '', days: EXTEND_SUGGESTED_DAYS },
    apology: { items: apologyItems, ...rights },
    panels: { top, bottom },
  };
}
export type DossierPageModel = Awaited<ReturnType<typeof dossierPageModel>>;

/**
 * Before an action posted from the page: the page the officer acted on must still be the current
 * state (`stale`: someone acted first), and the action must be allowed in it (`notNow`); null when
 * it may go ahead. The dossier's current status comes with the problem, for the message.
 */
export async function actionPrecheck(
  deps: Deps,
  actor: Actor,
  code: string,
  action: DossierAction,
  version: number | null,
): Promise<{ problem: 'stale' | 'notNow'; status: Status } | null> {
  const current = (await svc.getDossier(deps, actor, code)).dossier;
  if (version !== null && version !== current.version) return { problem: 'stale', status: current.status };
  if (!canTransition(action, current.status)) return { problem: 'notNow', status: current.status };
  return null;
}

// ---- List ----

export interface ListPageQuery {
  /** '' (all), 'open' or a status number, as typed. */
  status: string;
  field: string;
  q: string;
  mine: boolean;
  cursor: string;
}

/** The statuses of the list's filter: 'open' (being handled), one status, or all. */
export function statusFilter(status: string): Status[] | undefined {
  if (status === 'open') return [...OPEN_STATUSES];
  return isStatus(Number(status)) && status !== '' ? [Number(status) as Status] : undefined;
}

/** The list's filters as the page shows them (an unknown status shows as "all"). */
export function listFilters(q: ListPageQuery): ListFilters {
  return { status: statusFilter(q.status) ? q.status : '', field: q.field, q: q.q, mine: q.mine };
}

/** The list page: one keyset page of the centre's dossiers (an audited read), the catalogue's fields for the filter. */
export async function listPageModel(deps: Deps, actor: Actor, center: Center, q: ListPageQuery) {
  const page = await svc.listDossierPage(deps, actor, center.slug, {
    status: statusFilter(q.status),
    field: q.field || undefined,
    q: q.q || undefined,
    mine: q.mine,
    limit: PAGE_SIZE,
    cursor: q.cursor || undefined,
  });
  const cat = await catalogOf(deps, center);
  const fieldNames = cat.fields.map((f) => f.name);
  if (q.field && !fieldNames.includes(q.field)) fieldNames.push(q.field);
  return {
    filters: listFilters(q),
    fields: fieldNames,
    items: page.items,
    next: page.next,
    prev: page.prev,
    canIntake: can(actor, 'dossier.intake', center.id),
  };
}

// ---- Deadline monitor ----

const COUNT_COLUMN = { overdue: 'overdue', dueToday: 'today', dueNextWorkingDay: 'next' } as const;

/** The monitor's counts per field and per holder (the desk when nobody holds it), worst first. */
export function deadlineCounts(
  buckets: svc.Monitor,
  deskName: string,
): { byField: CountRow[]; byHolder: CountRow[]; totalOpen: number } {
  const byField = new Map<string, CountRow>();
  const byHolder = new Map<string, CountRow>();
  const row = (m: Map<string, CountRow>, name: string): CountRow => {
    const known = m.get(name);
    if (known) return known;
    const r = { name, open: 0, overdue: 0, today: 0, next: 0 };
    m.set(name, r);
    return r;
  };
  let totalOpen = 0;
  for (const [b, items] of Object.entries(buckets) as [Bucket | 'later', svc.MonitorItem[]][]) {
    if (b === 'awaitingAcceptance') continue;
    for (const d of items) {
      totalOpen++;
      for (const r of [row(byField, d.field), row(byHolder, d.holder ?? deskName)]) {
        r.open++;
        if (b !== 'paused' && b !== 'later') r[COUNT_COLUMN[b]]++;
      }
    }
  }
  const sortRows = (m: Map<string, CountRow>) =>
    [...m.values()].sort(
      (a, b) => b.overdue - a.overdue || b.today - a.today || b.open - a.open || a.name.localeCompare(b.name, 'vi'),
    );
  return { byField: sortRows(byField), byHolder: sortRows(byHolder), totalOpen };
}

/** The deadline monitor's page: the buckets through the one clock, today and the next working day, the counts. */
export async function deadlinesPageModel(deps: Deps, actor: Actor, center: Center, lang: Lang) {
  const buckets = await svc.deadlineMonitor(deps, actor, center.slug);
  const cal = await calendarOf(deps, center);
  const today = toLocal(deps.now()).date;
  const nextDay = cal.addWorkingDays(today, 1);
  return {
    today: `${weekdayName(cal.dayInfo(today).weekday, lang)}, ${formatVi(today)}`,
    nextDate: formatVi(nextDay),
    buckets,
    ...deadlineCounts(buckets, translator(deskMessages, lang)('holderDesk')),
  };
}

// ---- Intake ----

/** Step 1: the catalogue's procedures matching what was typed (the first hundred shown). */
export async function intakeSearchModel(deps: Deps, center: Center, q: string) {
  const cat = await catalogOf(deps, center);
  const hits = cat.search(q);
  const shown: ProcedureHit[] = [];
  for (const x of hits.slice(0, SEARCH_SHOWN)) {
    const p = cat.byCode.get(x.code);
    if (p)
      shown.push({
        code: p.code,
        name: p.name,
        field: p.field,
        timeLimit: p.timeLimit,
        sameDayEligible: p.sameDayEligible,
      });
  }
  return { hits: shown, total: hits.length };
}

/** The published procedure with this code in the centre's catalogue, if any. */
export async function intakeProcedure(deps: Deps, center: Center, code: string): Promise<ProcedureData | undefined> {
  return (await catalogOf(deps, center)).byCode.get(code);
}

/** Step 2: the form's appointment preview (as if received now) and the centre's same-day rule in words. */
export async function intakeFormModel(deps: Deps, center: Center, p: ProcedureData, lang: Lang) {
  const cal = await calendarOf(deps, center);
  const s = settingsOf(center);
  const a = appointmentFor(cal, p, deps.now(), { weekdays: s.sameDayWeekdays });
  return {
    preview: { dueAt: a.dueAt.toISOString(), sameDay: a.sameDay },
    sameDayDays: joinWords(
      s.sameDayWeekdays.map((d) => weekdayName(d, lang)),
      lang,
    ),
    cutoff: s.cutoff,
    today: toLocal(deps.now()).date,
  };
}
