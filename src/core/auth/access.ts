/**
 * The one access-check module. An actor holds roles per centre; every check names the centre,
 * so a user of one centre can never act on another centre's data.
 */
import { AppError } from '../http/errors.ts';
import { ACTIONS, type Action, type Role } from './roles.ts';

export interface Actor {
  userId: number;
  username: string;
  fullName: string;
  homeCenterId: number;
  /** centre id → roles held there */
  roles: ReadonlyMap<number, ReadonlySet<Role>>;
  via: 'session' | 'token' | 'system';
  /** The province administrator (app_user.province_admin): manages centres, not their records. */
  provinceAdmin?: boolean;
  /** The user's own console language (default Vietnamese); absent for the system actor. */
  lang?: 'vi' | 'en';
}

/** The machine's administrator acting through the `motcua` CLI or start-up (demo data): may do anything. */
export const SYSTEM_ACTOR: Actor = {
  userId: 0,
  username: 'system',
  fullName: 'Hệ thống',
  homeCenterId: 0,
  roles: new Map(),
  via: 'system',
};

/** The user id to record for an action (null for the system actor). */
export function actorId(actor: Actor): number | null {
  return actor.via === 'system' ? null : actor.userId;
}

export function can(actor: Actor | null | undefined, action: Action, centerId: number): boolean {
  if (!actor) return false;
  if (actor.via === 'system') return true;
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

/** The province administrator or the machine's administrator (CLI); 401 without an actor, 403 otherwise. */
export function assertProvinceAdmin(actor: Actor | null | undefined): asserts actor is Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (actor.via !== 'system' && actor.provinceAdmin !== true) throw new AppError('FORBIDDEN');
}
