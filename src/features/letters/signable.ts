/** A courtesy letter as a finished PDF for the signing room (issue 14). Numbered letters only; rendered in the task pool. */
import type { Deps } from '../../core/deps.ts';
import type { Actor } from '../../core/auth/access.ts';
import { offload } from '../tasks.ts';

export async function letterSignable(deps: Deps, actor: Actor, slug: string, id: string) {
  const r = await offload(deps, actor.homeCenterId, 'letterSignable', actor, slug, id);
  // Bytes come back from a child as a Uint8Array: the signing room wants a Buffer.
  return { title: r.title, fileName: r.fileName, pdf: Buffer.from(r.pdf) };
}
