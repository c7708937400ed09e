/**
 * A province officer is an ordinary account whose roles include 'province' in every centre of the
 * province it follows (docs/decisions/016). Created with `motcua user add --role province` in one
 * centre, then given the other centres with `motcua user province --username u --center a --center b`.
 */
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { assertCan, type Actor } from '../../core/auth/access.ts';
import { findUserByUsername, insertAudit } from '../../core/auth/repo.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { getCenter } from '../centers/index.ts';
import * as repo from './repo.ts';

/** Gives `username` the 'province' role in each centre (by slug); returns how many grants were new. System actor (CLI) only. */
export async function grantProvinceRole(deps: Deps, actor: Actor, username: string, slugs: string[]): Promise<number> {
  if (actor.via !== 'system') throw new AppError('FORBIDDEN');
  const user = await findUserByUsername(deps.db, username);
  if (!user) throw new AppError('USER_NOT_FOUND');
  const centers: { id: number }[] = [];
  for (const s of slugs) {
    const c = await getCenter(deps, s);
    assertCan(actor, 'reports.read', c.id);
    centers.push(c);
  }
  return inTransaction(deps.db, async (tx) => {
    let added = 0;
    for (const c of centers) {
      if (await repo.grantRole(tx, user.id, c.id, 'province')) added++;
      await insertAudit(tx, {
        center_id: c.id,
        actor_user_id: null,
        action: 'user.grant_province',
        subject: username,
        detail: null,
        at: deps.now().toISOString(),
      });
    }
    return added;
  });
}
