/** The desk's sections of the console home page: online dossiers to accept, my dossiers, apology drafts to approve. */
import { translator, type Lang } from '../../../core/http/i18n.ts';
import type { DeskHome } from '../workflow/day.ts';
import { dayMessages } from '../workflow/day-messages.ts';
import { deskMessages } from '../messages.ts';
import { atTime, dossierHref, StatusBadge } from './common.tsx';

/** "45 phút", "3 giờ", "2 ngày": how long an online dossier has waited. */
export function waited(ms: number, lang: Lang): string {
  const t = translator(dayMessages, lang);
  const min = Math.floor(ms / 60_000);
  if (min < 60) return t('minutes', { n: min });
  if (min < 48 * 60) return t('hours', { n: Math.floor(min / 60) });
  return t('days', { n: Math.floor(min / (24 * 60)) });
}

interface Part<K extends keyof DeskHome> {
  part: NonNullable<DeskHome[K]>;
  lang: Lang;
  en: string;
}

/** Online dossiers waiting to be accepted, the longest wait first. */
function AwaitingSection({ part, lang, en }: Part<'awaiting'>) {
  const t = translator(dayMessages, lang);
  return (
    <section aria-labelledby="home-awaiting" data-testid="home-awaiting">
      <h2 id="home-awaiting">
        {t('homeAwaiting')} <span class={part.total ? 'badge warn' : 'badge'}>{part.total}</span>
      </h2>
      {part.items.length === 0 ? (
        <p class="muted">{t('homeAwaitingNone')}</p>
      ) : (
        <ul>
          {part.items.map((d) => (
            <li data-code={d.code}>
              <a href={`${dossierHref(d.code)}${en}`}>{d.code}</a> — {d.procedureName} —{' '}
              <strong>{t('homeWaited', { time: waited(d.waitedMs, lang) })}</strong> ·{' '}
              {t('homeDue', { at: atTime(d.dueAt, lang) })} ·{' '}
              <a href={`${dossierHref(d.code)}${en}#act-accept`}>{t('homeAcceptLink')}</a>
            </li>
          ))}
          {part.total > part.items.length ? (
            <li>
              <a href={`/console/dossiers?status=1${en ? '&lang=en' : ''}`}>
                {t('homeAwaitingMore', { n: part.total - part.items.length })}
              </a>
            </li>
          ) : null}
        </ul>
      )}
    </section>
  );
}

/** The dossiers the officer holds (the overdue ones marked). */
function MineSection({ part, lang, en }: Part<'mine'>) {
  const t = translator(dayMessages, lang);
  return (
    <section aria-labelledby="home-mine" data-testid="home-mine">
      <h2 id="home-mine">
        {t('homeMine')} <span class="badge">{part.total}</span>
      </h2>
      {part.items.length === 0 ? (
        <p class="muted">{t('homeMineNone')}</p>
      ) : (
        <ul>
          {part.items.map((d) => (
            <li data-code={d.code} class={d.overdue ? 'urgent' : undefined}>
              <a href={`${dossierHref(d.code)}${en}`}>{d.code}</a> — {d.procedureName} —{' '}
              <StatusBadge status={d.status} lang={lang} /> — {d.overdue ? <strong>{t('homeOverdue')} </strong> : null}
              {t('homeDue', { at: atTime(d.dueAt, lang) })}
            </li>
          ))}
        </ul>
      )}
      {part.total ? (
        <p>
          <a href={`/console/dossiers?mine=1&status=open${en ? '&lang=en' : ''}`}>
            {t('homeMineAll', { n: part.total })}
          </a>
        </p>
      ) : null}
    </section>
  );
}

/** Apology drafts for the director (ready to approve, or still without a reason). */
function DraftsSection({ part, lang, en }: Part<'drafts'>) {
  const t = translator(dayMessages, lang);
  const desk = translator(deskMessages, lang);
  return (
    <section aria-labelledby="home-drafts" data-testid="home-drafts">
      <h2 id="home-drafts">
        {t('homeDrafts')} <span class={part.length ? 'badge warn' : 'badge'}>{part.length}</span>
      </h2>
      {part.length === 0 ? (
        <p class="muted">{t('homeDraftsNone')}</p>
      ) : (
        <ul>
          {part.map((a) => (
            <li data-code={a.code} data-ready={a.ready ? '1' : '0'}>
              <a href={`${dossierHref(a.code)}${en}#apology-title`}>{a.code}</a> — {a.procedureName} — {desk('colDue')}:{' '}
              {atTime(a.dueAt, lang)} —{' '}
              {a.ready ? (
                t('homeDraftReady', { at: atTime(a.proposedDueAt, lang) })
              ) : (
                <strong>{t('homeDraftNoReason')}</strong>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function DeskHomeSections({ home, lang }: { home: DeskHome; lang: Lang }) {
  const en = lang === 'en' ? '?lang=en' : '';
  return (
    <>
      {home.awaiting ? <AwaitingSection part={home.awaiting} lang={lang} en={en} /> : null}
      {/* The receiving officer who holds nothing does not need an empty "my dossiers" list. */}
      {home.mine && (home.mine.total > 0 || !home.awaiting) ? (
        <MineSection part={home.mine} lang={lang} en={en} />
      ) : null}
      {home.drafts ? <DraftsSection part={home.drafts} lang={lang} en={en} /> : null}
    </>
  );
}
