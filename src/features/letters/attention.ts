/** Letters' line in the console's "needs attention" (src/core/attention.ts): letters to print or hand over. */
import type { Deps } from '../../core/deps.ts';
import { can, type Actor } from '../../core/auth/access.ts';
import type { Center } from '../../core/db/schema.ts';
import type { Lang } from '../../core/http/i18n.ts';
import { inLang, type AttentionItem } from '../../core/attention.ts';
import { countByStatus } from './repo.ts';

export async function lettersAttention(
  deps: Deps,
  center: Center,
  actor: Actor,
  lang: Lang,
): Promise<AttentionItem | null> {
  if (!can(actor, 'letters.manage', center.id)) return null;
  const c = await countByStatus(deps.db, center.id);
  const n = (c.prepared ?? 0) + (c.printed ?? 0);
  if (!n) return null;
  return {
    key: 'letters',
    count: n,
    text: inLang(lang, `${n} thư chúc mừng, chia buồn chờ in hoặc trao`, `${n} courtesy letters to print or hand over`),
    href: '/console/letters',
    urgent: false,
  };
}
