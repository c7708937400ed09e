/** Surveys' line in the console's "needs attention" (src/core/attention.ts): low ratings to follow up. */
import type { Deps } from '../../core/deps.ts';
import { actorId, can, type Actor } from '../../core/auth/access.ts';
import type { Center } from '../../core/db/schema.ts';
import type { Lang } from '../../core/http/i18n.ts';
import { inLang, type AttentionItem } from '../../core/attention.ts';
import { countOpenFollowups } from './repo.ts';

export async function surveysAttention(
  deps: Deps,
  center: Center,
  actor: Actor,
  lang: Lang,
): Promise<AttentionItem | null> {
  if (!can(actor, 'surveys.read', center.id)) return null;
  const n = await countOpenFollowups(deps.db, center.id, actorId(actor));
  if (!n) return null;
  return {
    key: 'surveys',
    count: n,
    text: inLang(lang, `${n} đánh giá chưa hài lòng cần xử lý`, `${n} low satisfaction ratings to follow up`),
    href: '/console/surveys',
    urgent: false,
  };
}
