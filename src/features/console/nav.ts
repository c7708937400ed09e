/** The console menu: one entry per capability the actor may use in their centre. */
import type { Actor } from '../../core/auth/access.ts';
import { can } from '../../core/auth/access.ts';
import type { ConsoleNavItem } from '../../core/http/layout.tsx';
import { translator, type Lang } from '../../core/http/i18n.ts';
import { kernelMessages } from '../../core/http/messages.ts';

export function consoleNav(lang: Lang, actor: Actor, current: string): ConsoleNavItem[] {
  const t = translator(kernelMessages, lang);
  const items: (ConsoleNavItem & { show: boolean })[] = [
    { href: '/console', label: t('dashboard'), show: true },
    { href: '/console/dossiers/new', label: t('desk'), show: can(actor, 'dossier.intake', actor.homeCenterId) },
    { href: '/console/dossiers', label: t('dossiers'), show: can(actor, 'dossier.read', actor.homeCenterId) },
    {
      // "Của tôi": the dossiers the officer holds.
      href: '/console/dossiers?mine=1&status=open',
      label: lang === 'en' ? 'My dossiers' : 'Của tôi',
      show: can(actor, 'dossier.process', actor.homeCenterId),
    },
    {
      href: '/console/dossiers/deadlines',
      label: t('deadlines'),
      show: can(actor, 'dossier.read', actor.homeCenterId),
    },
    { href: '/console/queue', label: t('queue'), show: can(actor, 'queue.serve', actor.homeCenterId) },
    { href: '/console/letters', label: t('letters'), show: can(actor, 'letters.manage', actor.homeCenterId) },
    {
      href: '/console/home-service',
      label: t('homeService'),
      show: can(actor, 'homeservice.visit', actor.homeCenterId),
    },
    { href: '/console/volunteers', label: t('volunteers'), show: can(actor, 'volunteers.log', actor.homeCenterId) },
    { href: '/console/feedback', label: t('feedback'), show: can(actor, 'feedback.handle', actor.homeCenterId) },
    { href: '/console/surveys', label: t('surveys'), show: can(actor, 'surveys.read', actor.homeCenterId) },
    { href: '/console/obstacles', label: t('obstacles'), show: can(actor, 'obstacles.raise', actor.homeCenterId) },
    { href: '/console/reports', label: t('reports'), show: can(actor, 'reports.read', actor.homeCenterId) },
    { href: '/console/province', label: t('province'), show: can(actor, 'reports.province', actor.homeCenterId) },
    { href: '/console/plan', label: t('plan'), show: can(actor, 'plan.manage', actor.homeCenterId) },
    { href: '/console/register', label: t('register'), show: can(actor, 'register.manage', actor.homeCenterId) },
    { href: '/console/facilities', label: t('facilities'), show: can(actor, 'facilities.manage', actor.homeCenterId) },
    { href: '/console/signing', label: t('signing'), show: can(actor, 'signing.sign', actor.homeCenterId) },
    {
      href: '/console/certification',
      label: t('certification'),
      show: can(actor, 'certification.read', actor.homeCenterId),
    },
    { href: '/console/catalog', label: t('catalog'), show: can(actor, 'console.enter', actor.homeCenterId) },
    { href: '/console/directory', label: t('directory'), show: can(actor, 'directory.manage', actor.homeCenterId) },
    {
      href: '/console/commitments',
      label: t('commitments'),
      show: can(actor, 'commitments.manage', actor.homeCenterId),
    },
    { href: '/console/printables', label: t('printables'), show: can(actor, 'console.enter', actor.homeCenterId) },
    {
      href: '/console/notifications',
      label: t('notifications'),
      show: can(actor, 'notifications.manage', actor.homeCenterId),
    },
    { href: '/console/sync', label: t('sync'), show: can(actor, 'sync.manage', actor.homeCenterId) },
    { href: '/console/settings', label: t('settings'), show: can(actor, 'center.settings.update', actor.homeCenterId) },
    { href: '/console/calendar', label: t('calendar'), show: can(actor, 'calendar.view', actor.homeCenterId) },
  ];
  return items.filter((i) => i.show).map(({ href, label }) => ({ href, label, current: href === current }));
}
