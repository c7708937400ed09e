/** Public pages: the list of centres and a centre's home page. Readable without JavaScript. */
import { PublicLayout } from '../../../core/http/layout.tsx';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { weekdayName } from '../../../core/text/index.ts';
import type { PublicCenter } from '../model.ts';
import { centerMessages } from '../messages.ts';
import { CenterHomeLinks, centerNav } from '../../catalog/index.ts';

export function CenterListPage(p: { lang: Lang; path: string; centers: PublicCenter[] }) {
  const t = translator(centerMessages, p.lang);
  return (
    <PublicLayout lang={p.lang} title={t('listTitle')} path={p.path}>
      <h1>{t('listTitle')}</h1>
      <p>{p.centers.length ? t('listIntro') : t('noCenters')}</p>
      <ul>
        {p.centers.map((c) => (
          <li>
            <a href={`/${c.slug}`}>{c.name}</a> — {c.parentBody}, {c.province}
          </li>
        ))}
      </ul>
    </PublicLayout>
  );
}

export interface TodayInfo {
  date: string;
  working: boolean;
  makeUp: boolean;
  reason: string;
  next: string;
}

export function CenterHomePage(p: { lang: Lang; path: string; center: PublicCenter; today: TodayInfo }) {
  const t = translator(centerMessages, p.lang);
  const c = p.center;
  const hours = c.workingSessions.map((s) => `${s.start}–${s.end}`).join(p.lang === 'vi' ? ' và ' : ' and ');
  const days = c.sameDayWeekdays.map((d) => weekdayName(d, p.lang)).join(p.lang === 'vi' ? ' và ' : ' and ');
  return (
    <PublicLayout
      lang={p.lang}
      title={c.name}
      path={p.path}
      centerName={c.shortName}
      centerSlug={c.slug}
      siteNav={centerNav(c.slug, p.lang, 'home')}
    >
      <h1>{c.name}</h1>
      <p class="muted">
        {t('under')}: {c.parentBody}, {c.province}
      </p>
      <p class={p.today.working ? 'status' : 'status closed'} data-testid="today">
        {p.today.working
          ? t(p.today.makeUp ? 'openMakeUp' : 'open', { date: p.today.date, hours })
          : t('closed', { date: p.today.date, reason: p.today.reason, next: p.today.next })}
      </p>
      <CenterHomeLinks lang={p.lang} slug={c.slug} />
      <section class="card">
        <h2>{t('hours')}</h2>
        <p>
          {t('weekdays')}: {hours}
        </p>
        {c.sameDayWeekdays.length ? (
          <>
            <h3>{t('sameDay')}</h3>
            <p>{t('sameDayText', { days, cutoff: c.sameDayCutoff })}</p>
          </>
        ) : null}
      </section>
      <section class="card">
        <h2>{t('contact')}</h2>
        <dl class="facts">
          <dt>{t('address')}</dt>
          <dd>{c.address}</dd>
          {c.phones.map((ph) => (
            <>
              <dt>{ph.label}</dt>
              <dd>
                <a href={`tel:${ph.number.replace(/[^\d+]/g, '')}`}>{ph.number}</a>
              </dd>
            </>
          ))}
          {c.email ? (
            <>
              <dt>{t('email')}</dt>
              <dd>
                <a href={`mailto:${c.email}`}>{c.email}</a>
              </dd>
            </>
          ) : null}
          <dt>{t('agency')}</dt>
          <dd>{c.agencyCode}</dd>
        </dl>
      </section>
    </PublicLayout>
  );
}
