/** Feedback's line in the console's "needs attention" (src/core/attention.ts): items past their time limit. */
import type { Deps } from '../../core/deps.ts';
import { can, type Actor } from '../../core/auth/access.ts';
import type { Center } from '../../core/db/schema.ts';
import type { Lang } from '../../core/http/i18n.ts';
import { inLang, type AttentionItem } from '../../core/attention.ts';
import { overdueFeedbackCount } from './service.ts';

export async function feedbackAttention(
  deps: Deps,
  center: Center,
  actor: Actor,
  lang: Lang,
): Promise<AttentionItem | null> {
  if (!can(actor, 'feedback.handle', center.id)) return null;
  const n = await overdueFeedbackCount(deps, center.id);
  if (!n) return null;
  return {
    key: 'feedback',
    count: n,
    text: inLang(lang, `${n} phản ánh, kiến nghị đã quá hạn xử lý`, `${n} feedback items past their time limit`),
    href: '/console/feedback',
    urgent: true,
  };
}
