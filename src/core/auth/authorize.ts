/**
 * The one access entry point for a centre's staff: `authorizeCenter(deps, actor, slug, action)`
 * gives the centre and the (now non-null) actor, or throws:
 * - 401 without an actor;
 * - 404 exactly like an unknown centre when the actor holds no role there (staff never learn
 *   about another centre's data);
 * - 403 when they may not do `action` (omitted: membership only, the caller checks).
 */
import type { Deps } from '../deps.ts';
import type { Center } from '../db/schema.ts';
import { AppError } from '../http/errors.ts';
import { assertCan, type Actor } from './access.ts';
import type { Action } from './roles.ts';

/** A centre's path name: lower-case ASCII words joined by hyphens (the same rule the centres feature validates). */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface Authorized {
  center: Center;
  actor: Actor;
}

/** The centre of `slug` whatever the actor (public pages): 404 when there is none. */
export async function centerBySlug(deps: Deps, slug: unknown): Promise<Center> {
  const center =
    typeof slug === 'string' && slug.length <= 100 && SLUG.test(slug)
      ? await deps.db.selectFrom('center').selectAll().where('slug', '=', slug).executeTakeFirst()
      : undefined;
  if (!center) throw new AppError('CENTER_NOT_FOUND');
  return center;
}

export async function authorizeCenter(
  deps: Deps,
  actor: Actor | null | undefined,
  slug: unknown,
  action?: Action,
): Promise<Authorized> {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const center = await centerBySlug(deps, slug);
  if (actor.via !== 'system' && !actor.roles.has(center.id)) throw new AppError('CENTER_NOT_FOUND');
  if (action) assertCan(actor, action, center.id);
  return { center, actor };
}
