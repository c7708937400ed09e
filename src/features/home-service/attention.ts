/** Home service's line in the console's "needs attention" (src/core/attention.ts): requests to schedule. */
import type { Deps } from '../../core/deps.ts';
import { can, type Actor } from '../../core/auth/access.ts';
import type { Center } from '../../core/db/schema.ts';
import type { Lang } from '../../core/http/i18n.ts';
import { inLang, type AttentionItem } from '../../core/attention.ts';
import { countRequests } from './repo.ts';

export async function homeServiceAttention(
  deps: Deps,
  center: Center,
  actor: Actor,
  lang: Lang,
): Promise<AttentionItem | null> {
  if (!can(actor, 'homeservice.manage', center.id)) return null;
  const n = await countRequests(deps.db, center.id, 'new');
  if (!n) return null;
  return {
    key: 'home',
    count: n,
    text: inLang(lang, `${n} yêu cầu hỗ trợ tại nhà chưa xếp lịch`, `${n} home-service requests to schedule`),
    href: '/console/home-service',
    urgent: false,
  };
}
