/** The console menu: one entry per capability the actor may use in their centre. */
import type { Actor } from '../../core/auth/access.ts';
import { can } from '../../core/auth/access.ts';
import type { ConsoleNavItem } from '../../core/http/layout.tsx';
import { translator, type Lang } from '../../core/http/i18n.ts';
import { kernelMessages } from '../../core/http/messages.ts';

export function consoleNav(lang: Lang, actor: Actor, current: string): ConsoleNavItem[] {
  const t = translator(kernelMessages, lang);
  const items: Array<ConsoleNavItem & { show: boolean }> = [
    { href: '/console', label: t('dashboard'), show: true },
    { href: '/console/dossiers/new', label: t('desk'), show: can(actor, 'dossier.intake', actor.homeCenterId) },
    { href: '/console/dossiers', label: t('dossiers'), show: can(actor, 'dossier.read', actor.homeCenterId) },
    { href: '/console/dossiers/deadlines', label: t('deadlines'), show: can(actor, 'dossier.read', actor.homeCenterId) },
    { href: '/console/catalog', label: t('catalog'), show: can(actor, 'console.enter', actor.homeCenterId) },
    { href: '/console/directory', label: t('directory'), show: can(actor, 'directory.manage', actor.homeCenterId) },
    { href: '/console/commitments', label: t('commitments'), show: can(actor, 'commitments.manage', actor.homeCenterId) },
    { href: '/console/printables', label: t('printables'), show: can(actor, 'console.enter', actor.homeCenterId) },
    { href: '/console/notifications', label: t('notifications'), show: can(actor, 'notifications.manage', actor.homeCenterId) },
    { href: '/console/settings', label: t('settings'), show: can(actor, 'center.settings.update', actor.homeCenterId) },
    { href: '/console/calendar', label: t('calendar'), show: can(actor, 'calendar.view', actor.homeCenterId) },
  ];
  return items.filter((i) => i.show).map(({ href, label }) => ({ href, label, current: href === current }));
}
