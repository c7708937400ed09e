/**
 * "Needs attention" on the console landing page: one line per kind of pending work the actor may
 * handle in their centre (letters to print, feedback past its time limit, home-service requests to
 * schedule, low satisfaction ratings to follow up, the quarterly report deadline). Counts only:
 * no personal data is read and no audit row per view; a part that fails is left out rather than failing the page.
 */
import type { Deps } from '../../core/deps.ts';
import { actorId, can, type Actor } from '../../core/auth/access.ts';
import type { Center } from '../../core/db/schema.ts';
import type { Lang } from '../../core/http/i18n.ts';
import { countByStatus } from '../letters/repo.ts';
import { overdueFeedbackCount } from '../feedback/service.ts';
import { countRequests } from '../home-service/repo.ts';
import { countOpenFollowups } from '../surveys/repo.ts';
import { reminder } from '../plan/service.ts';

export interface AttentionItem {
  key: string;
  count: number;
  text: string;
  href: string;
  urgent: boolean;
}

const L = (lang: Lang, vi: string, en: string) => (lang === 'en' ? en : vi);

export async function attentionItems(deps: Deps, actor: Actor, center: Center, lang: Lang): Promise<AttentionItem[]> {
  const items: AttentionItem[] = [];
  const safely = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (e) {
      deps.log.warn({ err: e }, 'console attention item failed');
    }
  };
  if (can(actor, 'letters.manage', center.id)) {
    await safely(async () => {
      const c = await countByStatus(deps.db, center.id);
      const n = (c.prepared ?? 0) + (c.printed ?? 0);
      if (n)
        items.push({
          key: 'letters',
          count: n,
          text: L(
            lang,
            `${n} thư chúc mừng, chia buồn chờ in hoặc trao`,
            `${n} courtesy letters to print or hand over`,
          ),
          href: '/console/letters',
          urgent: false,
        });
    });
  }
  if (can(actor, 'feedback.handle', center.id)) {
    await safely(async () => {
      const n = await overdueFeedbackCount(deps, center.id);
      if (n)
        items.push({
          key: 'feedback',
          count: n,
          text: L(lang, `${n} phản ánh, kiến nghị đã quá hạn xử lý`, `${n} feedback items past their time limit`),
          href: '/console/feedback',
          urgent: true,
        });
    });
  }
  if (can(actor, 'homeservice.manage', center.id)) {
    await safely(async () => {
      const n = await countRequests(deps.db, center.id, 'new');
      if (n)
        items.push({
          key: 'home',
          count: n,
          text: L(lang, `${n} yêu cầu hỗ trợ tại nhà chưa xếp lịch`, `${n} home-service requests to schedule`),
          href: '/console/home-service',
          urgent: false,
        });
    });
  }
  if (can(actor, 'surveys.read', center.id)) {
    await safely(async () => {
      const n = await countOpenFollowups(deps.db, center.id, actorId(actor));
      if (n)
        items.push({
          key: 'surveys',
          count: n,
          text: L(lang, `${n} đánh giá chưa hài lòng cần xử lý`, `${n} low satisfaction ratings to follow up`),
          href: '/console/surveys',
          urgent: false,
        });
    });
  }
  if (can(actor, 'plan.manage', center.id)) {
    await safely(async () => {
      const r = await reminder(deps, actor, center.slug);
      if (r.urgent) {
        items.push({
          key: 'plan',
          count: r.workingDaysLeft,
          text: L(
            lang,
            `Còn ${r.workingDaysLeft} ngày làm việc đến hạn báo cáo Quý ${r.quarter}/${r.year} (${r.deadlineVi})`,
            `${r.workingDaysLeft} working days to the Q${r.quarter} ${r.year} report deadline (${r.deadlineVi})`,
          ),
          href: '/console/plan',
          urgent: true,
        });
      }
    });
  }
  return items;
}
