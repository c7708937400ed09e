/**
 * Public queue pages: the kiosk (touch screen, big buttons, priority choice, works without
 * JavaScript), the printed ticket (80 mm receipt, QR to the phone page), the display board
 * (1080p TV, live with a small script) and the phone page. Ticket codes and counters only: no
 * personal data anywhere.
 */
import { IconLinks, PublicLayout } from '../../../core/http/layout.tsx';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { formatInstantVi } from '../../../core/calendar/index.ts';
import { queueMessages } from '../messages.ts';
import { PRIORITY_LABELS, canIssue, type FloorState, type PriorityReason } from '../model.ts';
import { openingText, type BoardState, type GroupView, type PhoneView, type TicketView } from '../service.ts';

export const queuePaths = {
  kiosk: (slug: string) => `/${slug}/lay-so`,
  ticket: (slug: string, publicCode: string) => `/${slug}/lay-so/ve/${encodeURIComponent(publicCode)}`,
  board: (slug: string) => `/${slug}/man-hinh-xep-hang`,
  phone: (slug: string, publicCode: string) => `/${slug}/xep-hang/${encodeURIComponent(publicCode)}`,
};

function Head({ title }: { title: string }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title}</title>
      <link rel="stylesheet" href="/assets/app.css" />
      <link rel="stylesheet" href="/queue-assets/queue.css" />
      <IconLinks />
    </head>
  );
}

const langQ = (lang: Lang, sep = '?') => (lang === 'en' ? `${sep}lang=en` : '');

interface KioskProps {
  lang: Lang;
  center: { slug: string; shortName: string };
  groups: (GroupView & { waiting: number })[];
  priority: PriorityReason | null;
  priorityGroups: readonly PriorityReason[];
  floor: FloorState;
  csrf: string;
  errors: string[];
}

function KioskErrors(p: { lang: Lang; errors: string[] }) {
  const t = translator(queueMessages, p.lang);
  if (!p.errors.length) return null;
  return (
    <div class="error-summary" role="alert">
      <h2>{t('errorsTitle')}</h2>
      <ul>
        {p.errors.map((e) => (
          <li>{e}</li>
        ))}
      </ul>
    </div>
  );
}

/** Closed, early or lunch break: when calling starts. */
function FloorNotice(p: { lang: Lang; floor: FloorState }) {
  const t = translator(queueMessages, p.lang);
  const f = p.floor;
  if (f.kind === 'closed') {
    const issuing = canIssue(f);
    return (
      <p class={issuing ? 'kiosk-notice' : 'kiosk-notice kiosk-closed'} data-testid="kiosk-closed" role="status">
        {t(issuing ? 'kioskEarly' : f.dayOff ? 'kioskDayOff' : 'kioskClosed', { at: openingText(f.opensAt, p.lang) })}
      </p>
    );
  }
  if (f.kind === 'break')
    return (
      <p class="kiosk-notice" data-testid="kiosk-break" role="status">
        {t('kioskBreak', { at: openingText(f.resumesAt, p.lang) })}
      </p>
    );
  return null;
}

function KioskGroups(p: KioskProps) {
  const t = translator(queueMessages, p.lang);
  const kiosk = queuePaths.kiosk(p.center.slug);
  return (
    <>
      {p.priority ? (
        <p class="kiosk-notice" data-testid="priority-on">
          {t('kioskPriorityOn', { reason: PRIORITY_LABELS[p.priority][p.lang] })}
        </p>
      ) : (
        <p class="kiosk-intro">{t('kioskIntro')}</p>
      )}
      {p.groups.length === 0 ? <p class="kiosk-notice">{t('kioskNoGroups')}</p> : null}
      <div class="kiosk-groups">
        {p.groups.map((g) => (
          <form method="post" action={`${kiosk}${langQ(p.lang)}`}>
            {p.csrf ? <input type="hidden" name="_csrf" value={p.csrf} /> : null}
            <input type="hidden" name="groupId" value={String(g.id)} />
            {p.priority ? <input type="hidden" name="priority" value={p.priority} /> : null}
            <button type="submit" class="kiosk-btn" data-testid={`group-${g.letter}`}>
              <span class="letter">{g.letter}</span>
              <span class="gname">{p.lang === 'vi' ? g.name : g.nameEn}</span>
              <span class="gwait">{t('kioskWaiting', { n: g.waiting })}</span>
            </button>
          </form>
        ))}
      </div>
    </>
  );
}

function KioskPriority(p: KioskProps) {
  const t = translator(queueMessages, p.lang);
  const kiosk = queuePaths.kiosk(p.center.slug);
  if (!p.priorityGroups.length) return null;
  return (
    <section class="kiosk-priority" aria-labelledby="prio-h">
      <h2 id="prio-h">{t('kioskPriorityTitle')}</h2>
      <ul>
        {p.priorityGroups.map((r) => (
          <li>
            <a
              href={`${kiosk}?uu-tien=${r}${langQ(p.lang, '&')}`}
              aria-current={p.priority === r ? 'true' : undefined}
              data-testid={`priority-${r}`}
            >
              {PRIORITY_LABELS[r][p.lang]}
            </a>
          </li>
        ))}
        {p.priority ? (
          <li>
            <a href={`${kiosk}${langQ(p.lang)}`}>{t('kioskPriorityOff')}</a>
          </li>
        ) : null}
      </ul>
    </section>
  );
}

export function KioskPage(p: KioskProps) {
  const t = translator(queueMessages, p.lang);
  const kiosk = queuePaths.kiosk(p.center.slug);
  const issuing = canIssue(p.floor);
  return (
    <html lang={p.lang}>
      <Head title={`${t('kioskTitle')} · ${p.center.shortName}`} />
      <body class={p.priority ? 'kiosk priority' : 'kiosk'}>
        <header class="kiosk-head">
          <h1>{t('kioskTitle')}</h1>
          <span>
            {p.center.shortName} ·{' '}
            <a href={`${kiosk}${p.lang === 'vi' ? '?lang=en' : '?lang=vi'}`} lang={p.lang === 'vi' ? 'en' : 'vi'}>
              {p.lang === 'vi' ? 'English' : 'Tiếng Việt'}
            </a>
          </span>
        </header>
        <main class="kiosk-main" id="main">
          <KioskErrors lang={p.lang} errors={p.errors} />
          <FloorNotice lang={p.lang} floor={p.floor} />
          {issuing ? <KioskGroups {...p} /> : null}
          {issuing ? <KioskPriority {...p} /> : null}
          <p class="kiosk-foot">{t('kioskHelp')}</p>
        </main>
      </body>
    </html>
  );
}

export function TicketPage(p: {
  lang: Lang;
  center: { slug: string; name: string; shortName: string };
  ticket: TicketView;
  ahead: number;
  estimateMinutes: number;
  phoneUrl: string;
  qrDataUri: string;
  /** Set when calling has not started yet (ticket taken before opening or during the lunch break). */
  callsFrom: Date | null;
}) {
  const t = translator(queueMessages, p.lang);
  const k = p.ticket;
  return (
    <html lang={p.lang}>
      <Head title={`${k.code} · ${t('ticketTitle')}`} />
      <body class="kiosk">
        <header class="kiosk-head">
          <h1>{t('ticketTitle')}</h1>
          <span>{p.center.shortName}</span>
        </header>
        <main class="kiosk-main" id="main">
          <div class="ticket" data-testid="ticket">
            <p class="t-center">{p.center.name}</p>
            <p class="t-head">{t('ticketHeading')}</p>
            <p class="t-code" data-testid="ticket-code">
              {k.code}
            </p>
            <p class="t-group">{p.lang === 'vi' ? k.groupName : k.groupNameEn}</p>
            {k.priorityReason ? (
              <p class="t-prio">{t('ticketPriority', { reason: PRIORITY_LABELS[k.priorityReason][p.lang] })}</p>
            ) : null}
            <p>{p.ahead > 0 ? t('ticketAhead', { n: p.ahead }) : t('ticketAheadNone')}</p>
            {p.callsFrom ? (
              <p class="t-prio" data-testid="ticket-starts">
                {t('ticketStartsAt', { at: openingText(p.callsFrom, p.lang) })}
              </p>
            ) : p.ahead > 0 ? (
              <p>{t('ticketEstimate', { n: p.estimateMinutes })}</p>
            ) : null}
            <p>{t('ticketIssued', { at: formatInstantVi(new Date(k.issuedAt)) })}</p>
            <p>
              <img src={p.qrDataUri} alt={t('ticketQr')} width={120} height={120} />
            </p>
            <p class="t-note">{t('ticketQr')}</p>
            <p class="t-url">{p.phoneUrl}</p>
            <p class="t-note">{t('ticketNote')}</p>
          </div>
          <div class="ticket-actions">
            <button type="button" id="ticket-print" hidden>
              {t('ticketPrint')}
            </button>
            <a
              href={`${queuePaths.ticket(p.center.slug, k.publicCode)}/in.pdf${langQ(p.lang)}`}
              data-testid="ticket-pdf"
            >
              PDF 80 mm
            </a>
            <a href={`${queuePaths.kiosk(p.center.slug)}${langQ(p.lang)}`} data-testid="ticket-done">
              {t('ticketDone')}
            </a>
          </div>
        </main>
        <script src="/queue-assets/ticket.js" defer></script>
      </body>
    </html>
  );
}

const counterText = (lang: Lang, c: { counterName: string; counterNumber: number | null }) =>
  c.counterName || `${lang === 'vi' ? 'Quầy' : 'Counter'} ${c.counterNumber ?? ''}`;

function BoardCalls(p: { lang: Lang; state: BoardState }) {
  const t = translator(queueMessages, p.lang);
  const s = p.state;
  return (
    <section class="qb-left" aria-live="polite">
      <div class="qb-latest" id="qb-latest" hidden={!s.latest} data-testid="latest">
        <div class="qb-label">{t('boardCalling')}</div>
        <div class="qb-code" id="qb-latest-code" data-testid="latest-code">
          {s.latest?.code ?? ''}
        </div>
        <div class="qb-counter" id="qb-latest-counter" data-testid="latest-counter">
          {s.latest ? counterText(p.lang, s.latest) : ''}
        </div>
      </div>
      <p class="qb-label" id="qb-none" hidden={!!s.latest}>
        {t('boardNone')}
      </p>
      <div class="qb-recent">
        <h2>{t('boardRecent')}</h2>
        <ol id="qb-recent" data-testid="recent" data-empty={t('boardRecentNone')}>
          {s.calls.slice(1).map((c) => (
            <li>
              <span>{c.code}</span>
              <span>{counterText(p.lang, c)}</span>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}

function BoardWaiting(p: { lang: Lang; state: BoardState }) {
  const t = translator(queueMessages, p.lang);
  const s = p.state;
  return (
    <section class="qb-right">
      <h2>{t('boardWaiting')}</h2>
      <ul id="qb-waiting" data-testid="waiting">
        {s.waiting.map((g) => (
          <li data-letter={g.letter}>
            <span>
              <span class="qb-letter">{g.letter}</span>
              {p.lang === 'vi' ? g.name : g.nameEn}
              {g.next ? <span class="qb-next">{t('boardNext', { code: g.next })}</span> : null}
            </span>
            <span class="qb-n">{g.waiting}</span>
          </li>
        ))}
      </ul>
      <p class="qb-total" id="qb-total">
        {t('boardTotal', { n: s.totalWaiting })}
      </p>
    </section>
  );
}

export function BoardPage(p: { lang: Lang; state: BoardState }) {
  const t = translator(queueMessages, p.lang);
  const s = p.state;
  return (
    <html lang={p.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${t('boardTitle')} · ${s.center.shortName}`}</title>
        <link rel="stylesheet" href="/queue-assets/queue.css" />
        <IconLinks />
      </head>
      <body
        class="qboard"
        id="qboard"
        data-slug={s.center.slug}
        data-lang={p.lang}
        data-last-event={String(s.lastEventId)}
        data-last-call={String(s.latest?.eventId ?? 0)}
        data-connected="1"
      >
        <header class="qb-head">
          <h1>{s.center.name}</h1>
          <span class="qb-clock" id="qb-clock"></span>
        </header>
        <div class="qb-body">
          <BoardCalls lang={p.lang} state={s} />
          <BoardWaiting lang={p.lang} state={s} />
        </div>
        <p class="qb-badge" id="qb-reconnecting" data-testid="reconnecting" hidden>
          {t('boardReconnecting')}
        </p>
        <button type="button" class="qb-sound" id="qb-sound" hidden>
          {t('boardSound')}
        </button>
        <script src="/queue-assets/board.js" defer></script>
      </body>
    </html>
  );
}

export function PhonePage(p: {
  lang: Lang;
  path: string;
  center: { slug: string; shortName: string };
  view: PhoneView | null;
  callsFrom?: Date | null;
}) {
  const t = translator(queueMessages, p.lang);
  const v = p.view;
  return (
    <PublicLayout
      lang={p.lang}
      title={t('phoneTitle')}
      path={p.path}
      centerName={p.center.shortName}
      centerSlug={p.center.slug}
    >
      <link rel="stylesheet" href="/queue-assets/queue.css" />
      <div class="qphone">
        <h1>{t('phoneTitle')}</h1>
        {!v ? (
          <p class="notice">{t('notFound')}</p>
        ) : (
          <>
            <p class="q-code" data-testid="phone-code">
              {v.code}
            </p>
            <p>
              {t('phoneGroup', { name: p.lang === 'vi' ? v.groupName : v.groupNameEn })}
              {v.priority ? ` · ${t('priority')}` : ''}
            </p>
            {!v.today ? (
              <p class="notice">{t('phoneOld')}</p>
            ) : v.status === 'waiting' ? (
              <div class="status" data-testid="phone-status">
                <p class="q-big" data-testid="phone-ahead">
                  {t('phoneAhead', { n: v.ahead })}
                </p>
                {p.callsFrom ? (
                  <p class="notice" data-testid="phone-closed">
                    {t('phoneClosed', { at: openingText(p.callsFrom, p.lang) })}
                  </p>
                ) : (
                  <p>{v.ahead > 0 ? t('phoneEstimate', { n: v.estimateMinutes }) : t('phoneSoon')}</p>
                )}
              </div>
            ) : v.status === 'called' ? (
              <p class="status q-big" data-testid="phone-status">
                {t('phoneCalled', { counter: v.counterName ?? `${t('counter')} ${v.counterNumber ?? ''}` })}
              </p>
            ) : v.status === 'served' ? (
              <p class="status" data-testid="phone-status">
                {t('phoneServed')}
              </p>
            ) : (
              <p class="status closed" data-testid="phone-status">
                {t('phoneSkipped')}
              </p>
            )}
            <p class="muted">{t('ticketIssued', { at: formatInstantVi(new Date(v.issuedAt)) })}</p>
            {v.today && (v.status === 'waiting' || v.status === 'called') ? (
              <p class="muted">{t('phoneRefresh')}</p>
            ) : null}
          </>
        )}
      </div>
    </PublicLayout>
  );
}
