/** The console landing page. */
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import type { Deps } from '../../core/deps.ts';
import { assertCan } from '../../core/auth/access.ts';
import { ROLE_LABELS } from '../../core/auth/roles.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import { formatVi, toLocal } from '../../core/calendar/index.ts';
import { translator } from '../../core/http/i18n.ts';
import { weekdayName } from '../../core/text/index.ts';
import { kernelMessages } from '../../core/http/messages.ts';
import { getCenterById } from '../centers/index.ts';
import { calendarOf } from '../calendar/index.ts';
import { consoleNav } from './nav.ts';
import { ConsoleHome } from './pages/home.tsx';
import { attentionItems } from './attention.ts';
import { deskHome, DeskHomeSections } from '../dossiers/index.ts';

export function registerConsoleRoutes(app: FastifyInstance, deps: Deps): void {
  app.get('/console', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    assertCan(actor, 'console.enter', actor.homeCenterId);
    const center = await getCenterById(deps, actor.homeCenterId);
    const cal = await calendarOf(deps, center);
    const today = toLocal(deps.now()).date;
    const info = cal.dayInfo(today);
    const t = translator(kernelMessages, req.lang);
    const reason = req.lang === 'vi' ? info.reason : info.reasonEn;
    return sendPage(
      reply,
      h(ConsoleHome, {
        lang: req.lang,
        path: req.url,
        csrf: req.csrfToken ?? '',
        userName: actor.fullName,
        centerName: center.name,
        nav: consoleNav(req.lang, actor, '/console'),
        roles: [...(actor.roles.get(center.id) ?? [])].map((r) => ROLE_LABELS[r][req.lang]),
        today: `${weekdayName(info.weekday, req.lang)}, ${formatVi(today)}`,
        todayStatus: info.working ? t('openToday') : t('closedToday', { reason }),
        open: info.working,
        attention: await attentionItems(deps, actor, center, req.lang),
        // The officer's day at the desk: online dossiers to accept, my dossiers, apology drafts to approve.
        desk: h(DeskHomeSections, { home: await deskHome(deps, actor, center), lang: req.lang }),
      }),
    );
  });
}
