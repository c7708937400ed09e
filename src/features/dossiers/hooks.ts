/**
 * The desk's extension points (ARCHITECTURE §9b: the desk publishes, features subscribe; the desk
 * never imports them). Features register in `src/features/index.ts`:
 *
 * - dossier event subscribers, called by `intake` and `act` INSIDE the event's transaction, right
 *   after the event is appended (deps.db is the transaction): what a subscriber writes commits if
 *   and only if the event does. A subscriber that throws fails the dossier action (an outbox that
 *   must not lose a message wants that); one that must never block the desk catches its own errors
 *   (see letters/hook.ts, which works under a SAVEPOINT).
 * - dossier page panels: extra sections of the staff dossier page (side column), each rendered by
 *   its feature with its own access check.
 */
import type { ComponentChildren } from 'preact';
import type { Deps } from '../../core/deps.ts';
import type { Actor } from '../../core/auth/access.ts';
import type { Lang } from '../../core/http/i18n.ts';

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
}

export type DossierEventSubscriber = (deps: Deps, e: DossierEventMessage) => Promise<void>;

const subscribers = new Map<string, DossierEventSubscriber>();

/** Registers (or replaces) the subscriber called `name`. */
export function subscribeDossierEvents(name: string, fn: DossierEventSubscriber): void {
  subscribers.set(name, fn);
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

const panels = new Map<string, DossierPanel>();

export function registerDossierPanel(name: string, fn: DossierPanel): void {
  panels.set(name, fn);
}

/** The registered panels' content for one dossier page, in registration order. */
export async function dossierPanels(deps: Deps, ctx: DossierPanelContext): Promise<ComponentChildren[]> {
  const out: ComponentChildren[] = [];
  for (const fn of panels.values()) out.push(await fn(deps, ctx));
  return out;
}
