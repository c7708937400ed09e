/** The plan's line in the console's "needs attention" (src/core/attention.ts): the quarterly report deadline, when near. */
import type { Deps } from '../../core/deps.ts';
import { can, type Actor } from '../../core/auth/access.ts';
import type { Center } from '../../core/db/schema.ts';
import type { Lang } from '../../core/http/i18n.ts';
import { inLang, type AttentionItem } from '../../core/attention.ts';
import { reminder } from './service.ts';

export async function planAttention(
  deps: Deps,
  center: Center,
  actor: Actor,
  lang: Lang,
): Promise<AttentionItem | null> {
  if (!can(actor, 'plan.manage', center.id)) return null;
  const r = await reminder(deps, actor, center.slug);
  if (!r.urgent) return null;
  return {
    key: 'plan',
    count: r.workingDaysLeft,
    text: inLang(
      lang,
      `Còn ${r.workingDaysLeft} ngày làm việc đến hạn báo cáo Quý ${r.quarter}/${r.year} (${r.deadlineVi})`,
      `${r.workingDaysLeft} working days to the Q${r.quarter} ${r.year} report deadline (${r.deadlineVi})`,
    ),
    href: '/console/plan',
    urgent: true,
  };
}
