/**
 * The desk's extension points (ARCHITECTURE §9b: the desk publishes, features subscribe; the desk
 * never imports them; decision 042). Features register in `src/features/index.ts`:
 *
 * - dossier event subscribers, called by `intake` and `act` INSIDE the event's transaction, right
 *   after the event is appended (deps.db is the transaction): what a subscriber writes commits if
 *   and only if the event does. A subscriber that throws fails the dossier action and rolls it back
 *   (the notifications outbox and the sync outbox want that: no event without its message); one
 *   that must never block the desk catches its own errors under a SAVEPOINT (letters/hook.ts).
 *   With no subscriber registered the desk works the same, it only has nobody to tell.
 * - dossier page panels: extra sections of the staff dossier page (side column), each rendered by
 *   its feature with its own access check, above or below the desk's apology section.
 * - citizen links: a link another feature asks the desk to print on the receipt (form 01, as a QR
 *   code) and show on the public lookup page, e.g. the satisfaction survey.
 */
import type { ComponentChildren } from 'preact';
import type { Deps } from '../../core/deps.ts';
import type { Actor } from '../../core/auth/access.ts';
import type { Lang } from '../../core/http/i18n.ts';
import type { Center } from '../../core/db/schema.ts';
import type { Applicant, Status } from './model.ts';

/** The dossier as it stands right after the event (read from the row the transaction wrote). */
export interface DossierEventFacts {
  code: string;
  status: Status;
  procedureCode: string;
  procedureName: string;
  applicant: Applicant;
  /** The person the dossier is about when not the applicant (a birth, a death…), else null. */
  owner: Applicant | null;
  /** ISO instants: the appointment and the re-appointment (form 04), if any. */
  dueAt: string;
  extendedDueAt: string | null;
  /** The receipt's lookup secret (for links to the citizen). */
  lookupSecret: string;
}

/** What the desk publishes for every appended dossier event. */
export interface DossierEventMessage {
  centerId: number;
  dossierId: number;
  code: string;
  /** 'received' for an intake, else the workflow action ('accept', 'handoff', …). */
  action: string;
  fromStatus: number | null;
  toStatus: number;
  /** ISO instant of the event. */
  at: string;
  /** The event's data as appended (dueAt, reason, before/after, components…). */
  data: Readonly<Record<string, unknown>>;
  /** The centre's row (the tenant of the dossier). */
  center: Center;
  dossier: DossierEventFacts;
}

export type DossierEventSubscriber = (deps: Deps, e: DossierEventMessage) => Promise<void>;

const subscribers = new Map<string, DossierEventSubscriber>();

/** Registers (or replaces) the subscriber called `name`. */
export function subscribeDossierEvents(name: string, fn: DossierEventSubscriber): void {
  subscribers.set(name, fn);
}

/** Removes the subscriber called `name` and returns it (tests: the desk with nobody listening). */
export function unsubscribeDossierEvents(name: string): DossierEventSubscriber | undefined {
  const fn = subscribers.get(name);
  subscribers.delete(name);
  return fn;
}

/** The registered subscribers' names, in the order they are called. */
export function dossierEventSubscribers(): string[] {
  return [...subscribers.keys()];
}

/** Called by the desk inside the event's transaction; subscribers run one after the other, in registration order. */
export async function publishDossierEvent(deps: Deps, e: DossierEventMessage): Promise<void> {
  for (const fn of subscribers.values()) await fn(deps, e);
}

export interface DossierPanelContext {
  actor: Actor;
  centerId: number;
  code: string;
  lang: Lang;
  csrf: string;
}
export type DossierPanel = (deps: Deps, ctx: DossierPanelContext) => Promise<ComponentChildren>;

/** Where a panel goes in the side column: above the desk's apology section or below it. */
export type PanelSlot = 'top' | 'bottom';

const panels = new Map<string, { fn: DossierPanel; slot: PanelSlot }>();

export function registerDossierPanel(name: string, fn: DossierPanel, slot: PanelSlot = 'bottom'): void {
  panels.set(name, { fn, slot });
}

/** The content of the panels registered for `slot`, for one dossier page, in registration order. */
export async function dossierPanels(
  deps: Deps,
  ctx: DossierPanelContext,
  slot: PanelSlot = 'bottom',
): Promise<ComponentChildren[]> {
  const out: ComponentChildren[] = [];
  for (const p of panels.values()) if (p.slot === slot) out.push(await p.fn(deps, ctx));
  return out;
}

export interface CitizenLinkInput {
  /** The public address ('' for a link relative to the site). */
  baseUrl: string;
  slug: string;
  code: string;
  secret: string;
  /** 'qr': printed on form 01; 'web': shown on the lookup page. */
  channel: 'qr' | 'web';
  lang: Lang;
}
export interface CitizenLink {
  /** The registration name (the lookup page's test id is `lookup-<name>`). */
  name: string;
  url: string;
  /** The words shown with the link (the caption under the QR code on paper). */
  label: string;
}
export type CitizenLinkProvider = (i: CitizenLinkInput) => { url: string; label: string };

const links = new Map<string, CitizenLinkProvider>();

export function registerCitizenLink(name: string, fn: CitizenLinkProvider): void {
  links.set(name, fn);
}

/** The registered links for one dossier, in registration order (none: form 01 has only the lookup QR code). */
export function citizenLinks(i: CitizenLinkInput): CitizenLink[] {
  return [...links.entries()].map(([name, fn]) => ({ name, ...fn(i) }));
}
