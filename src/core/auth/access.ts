/**
 * The one access-check module. An actor holds roles per centre; every check names the centre,
 * so a user of one centre can never act on another centre's data.
 */
import { AppError } from '../http/errors.ts';
import { ACTIONS, type Action, type Role } from './roles.ts';

export type Actor = {
  userId: number;
  username: string;
  fullName: string;
  homeCenterId: number;
  /** centre id → roles held there */
  roles: ReadonlyMap<number, ReadonlySet<Role>>;
  via: 'session' | 'token';
};

export function can(actor: Actor | null | undefined, action: Action, centerId: number): boolean {
  if (!actor) return false;
  const held = actor.roles.get(centerId);
  if (!held) return false;
  const allowed: readonly Role[] = ACTIONS[action];
  return allowed.some((r) => held.has(r));
}

/** Throws 401 without an actor, 403 when the actor may not do `action` in `centerId`. */
export function assertCan(actor: Actor | null | undefined, action: Action, centerId: number): asserts actor is Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (!can(actor, action, centerId)) throw new AppError('FORBIDDEN');
}

export function centersOf(actor: Actor): number[] {
  return [...actor.roles.keys()];
}
