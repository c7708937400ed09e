/** The centre's commitments and rules: read (defaults until edited) and edit (audited). */
import type { Deps } from '../../core/deps.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { actorId, assertCan, type Actor } from '../../core/auth/access.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import { getCenter } from '../centers/index.ts';
import * as repo from './repo.ts';
import { DEFAULT_TEXTS, parseTexts, textsJson, type CenterTexts } from './model.ts';

export async function textsOf(deps: Deps, centerId: number): Promise<CenterTexts> {
  const row = await repo.find(deps.db, centerId);
  return row ? textsJson.decode(row.texts) : DEFAULT_TEXTS;
}

export async function saveTexts(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  raw: Record<string, unknown>,
): Promise<void> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'commitments.manage', center.id);
  const texts = parseTexts(raw);
  const now = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    await repo.replace(tx, center.id, textsJson.encode(texts), actorId(actor), now);
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(actor),
      action: 'commitments.update',
      subject: center.slug,
      detail: JSON.stringify(texts),
      at: now,
    });
  });
}
