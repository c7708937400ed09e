/**
 * Access for the plan, the document register and the facility checklist: a centre the actor
 * holds no role in answers exactly like a missing one (404); a role without the action is 403.
 */
import type { Deps } from '../../core/deps.ts';
import type { Actor } from '../../core/auth/access.ts';
import { authorizeCenter } from '../../core/auth/authorize.ts';
import type { Action } from '../../core/auth/roles.ts';
import { idOr404 } from '../../core/http/ids.ts';
import type { Center } from '../../core/db/schema.ts';
import { centerForActor } from '../centers/service.ts';

export async function authorize(
  deps: Deps,
  actor: Actor | null | undefined,
  slug: string,
  action: Action,
): Promise<{ center: Center; actor: Actor }> {
  return authorizeCenter(deps, actor, slug, action);
}

/**
 * The centre of `slug` when the actor holds a role there (401 without an actor); another centre
 * answers 404 exactly like a missing one. Follow with `assertCan` for the action (403).
 */
export const memberCenter = (deps: Deps, actor: Actor | null | undefined, slug: string): Promise<Center> =>
  centerForActor(deps, actor, slug);

/** A positive integer id (1..MAX_ID) from a path or form value; anything else is "not found". */
export function idParam(v: unknown): number {
  return idOr404(v);
}
