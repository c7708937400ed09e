/** Console landing page: who you are, your roles, today's status of the centre. */
import { ConsoleLayout, type ConsoleNavItem } from '../../../core/http/layout.tsx';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { kernelMessages } from '../../../core/http/messages.ts';
import type { ComponentChildren } from 'preact';
import type { AttentionItem } from '../attention.ts';

export function ConsoleHome(p: {
  lang: Lang;
  path: string;
  csrf: string;
  userName: string;
  centerName: string;
  nav: ConsoleNavItem[];
  roles: string[];
  today: string;
  todayStatus: string;
  open: boolean;
  attention: AttentionItem[];
  /** The desk's sections (the officer's day). */
  desk?: ComponentChildren;
}) {
  const t = translator(kernelMessages, p.lang);
  return (
    <ConsoleLayout
      lang={p.lang}
      title={t('dashboard')}
      path={p.path}
      userName={p.userName}
      csrf={p.csrf}
      nav={p.nav}
      centerName={p.centerName}
    >
      <h1>{t('welcome', { name: p.userName })}</h1>
      <p class={p.open ? 'status' : 'status closed'} data-testid="today-status">
        {p.today} — {p.todayStatus}
      </p>
      <dl class="facts">
        <dt>{t('roles')}</dt>
        <dd>{p.roles.join(', ')}</dd>
      </dl>
      {p.attention.length ? (
        <section aria-labelledby="attention-title" data-testid="attention">
          <h2 id="attention-title">{p.lang === 'en' ? 'Needs attention' : 'Việc cần chú ý'}</h2>
          <ul>
            {p.attention.map((a) => (
              <li data-key={a.key} class={a.urgent ? 'urgent' : undefined}>
                <a href={`${a.href}${p.lang === 'en' ? '?lang=en' : ''}`}>
                  {a.urgent ? <strong>{a.text}</strong> : a.text}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {p.desk}
      <p class="muted">{t('consoleIntro')}</p>
    </ConsoleLayout>
  );
}
