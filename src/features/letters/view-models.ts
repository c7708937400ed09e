/**
 * What each console page of courtesy letters renders, from one call each: the routes parse,
 * call one of these and render the page with its answer. Access and audit stay in the service.
 */
import type { Deps } from '../../core/deps.ts';
import type { Actor } from '../../core/auth/access.ts';
import { formatHm, toLocal } from '../../core/calendar/index.ts';
import { statusFilter, type LetterStatus } from './model.ts';
import * as repo from './repo.ts';
import {
  getLetter,
  getSettings,
  listFollowups,
  listLetters,
  listTemplates,
  updateFollowup,
  waitingIds,
} from './service.ts';

/** The print queue: the letters (one status or all), the counts per status, how many wait for the batch print. */
export async function queuePageModel(deps: Deps, actor: Actor, slug: string, status: unknown) {
  const filter: LetterStatus | null = statusFilter(status);
  const list = await listLetters(deps, actor, slug, { status: filter ?? undefined });
  const waiting = (await waitingIds(deps, actor, slug)).length;
  return { items: list.items, counts: list.counts, status: filter, waiting };
}

/** One letter, and "now" in Vietnam time for the handover form (its default and its maximum). */
export async function letterPageModel(deps: Deps, actor: Actor, slug: string, id: string) {
  const { letter } = await getLetter(deps, actor, slug, id);
  const lt = toLocal(deps.now());
  return { letter, nowLocal: `${lt.date}T${formatHm(lt.minute)}` };
}

export async function followupsPageModel(deps: Deps, actor: Actor, slug: string) {
  return { items: await listFollowups(deps, actor, slug) };
}

export async function templatesPageModel(deps: Deps, actor: Actor, slug: string) {
  const list = await listTemplates(deps, actor, slug);
  return { templates: list.templates, canEdit: list.canEdit };
}

/** The settings, whether the actor may change them, and the leader who signs ("—" when none is recorded). */
export async function settingsPageModel(deps: Deps, actor: Actor, slug: string) {
  const got = await getSettings(deps, actor, slug);
  const leader = [got.center.leader_title, got.center.leader_name].filter(Boolean).join(' ') || '—';
  return { settings: got.settings, canEdit: got.canEdit, leader };
}

/** Saves a follow-up from the console; the letter it belongs to (where the page goes back to). */
export async function saveFollowupFromPage(
  deps: Deps,
  actor: Actor,
  slug: string,
  id: string,
  input: Record<string, unknown>,
): Promise<{ letterId: number | null }> {
  const f = await updateFollowup(deps, actor, slug, id, input);
  return { letterId: (await repo.findFollowup(deps.db, f.id))?.letter_id ?? null };
}
