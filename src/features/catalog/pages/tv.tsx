/**
 * The TV display of the waiting area (plan III.1.4 "niêm yết"): full screen, high contrast, very
 * large type. No JavaScript: each slide is its own page (`?trang=N`) and a meta refresh moves to
 * the next one, so the data is always fresh and an old smart-TV browser copes.
 *
 * Slides: today's status and hours → same-day procedures → fees, field by field → contacts.
 * Long lists are split so that every slide fits a 1080p screen without scrolling.
 */
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { formatVnd, weekdayName } from '../../../core/text/index.ts';
import type { PublicCenter } from '../../centers/index.ts';
import type { StaffContact } from '../../directory/index.ts';
import { feeUnit } from '../../boards/index.ts';
import { timeLimitText, type FeeItem, type ProcedureData } from '../model.ts';
import { joinWords, publicMessages, type PublicKey } from '../public-messages.ts';

/** Seconds each slide stays on screen. */
export const TV_SLIDE_SECONDS = 15;

export interface TvToday {
  date: string;
  weekday: number;
  working: boolean;
  reason: string;
  next: string;
}

export type TvSlide =
  | { kind: 'today' }
  | { kind: 'sameDay'; items: ProcedureData[]; part: number; parts: number }
  | {
      kind: 'fees';
      groups: { field: string; items: ProcedureData[]; continued: boolean }[];
      part: number;
      parts: number;
    }
  | { kind: 'contacts'; items: StaffContact[]; part: number; parts: number }
  | { kind: 'results'; items: TvResult[]; part: number; parts: number };

/** A result ready to collect, as the public may see it: code and initials only. */
export interface TvResult {
  code: string;
  applicant: string;
  field: string;
}

/** Splits items into pages whose summed weight stays under the budget (at least one item a page). */
export function chunkByWeight<T>(items: readonly T[], weight: (x: T) => number, budget: number): T[][] {
  const pages: T[][] = [];
  let cur: T[] = [];
  let used = 0;
  for (const x of items) {
    const w = weight(x);
    if (cur.length && used + w > budget) {
      pages.push(cur);
      cur = [];
      used = 0;
    }
    cur.push(x);
    used += w;
  }
  if (cur.length) pages.push(cur);
  return pages;
}

/**
 * Lines a text takes on the TV: at the body size (min(2.3vw, 4.1vh), 44 px on 1080p) a line of the
 * name column holds about 62–66 characters next to the amounts. Budgets are in body lines; a 1080p
 * slide has room for about 13 under its title. The browser test checks that every slide fits.
 */
const lines = (text: string, perLine: number) => Math.max(1, Math.ceil(text.length / perLine));
const SLIDE_LINES = 13;

/** The slide deck: built from the published catalogue and the public contacts. */
export function tvSlides(input: {
  procedures: readonly ProcedureData[];
  fields: readonly { name: string; procedures: readonly ProcedureData[] }[];
  contacts: readonly StaffContact[];
  ready?: readonly TvResult[];
}): TvSlide[] {
  const slides: TvSlide[] = [{ kind: 'today' }];

  // Same-day procedures: the subtitle takes a line.
  const sameDay = chunkByWeight(
    input.procedures.filter((p) => p.sameDayEligible),
    (p) => lines(p.name, 66) + 0.4,
    SLIDE_LINES - 1,
  );
  sameDay.forEach((items, i) => slides.push({ kind: 'sameDay', items, part: i + 1, parts: sameDay.length }));
  // Results ready to collect (plan III.1.3): each takes two lines (code, field), 6 a slide fit 1080p.
  const ready = chunkByWeight(input.ready ?? [], () => 1, 6);
  ready.forEach((items, i) => slides.push({ kind: 'results', items, part: i + 1, parts: ready.length }));

  // Fees: procedures that charge something, field after field, several fields on a slide.
  interface Group {
    field: string;
    items: ProcedureData[];
    continued: boolean;
  }
  const feePages: Group[][] = [];
  let page: Group[] = [];
  let used = 0;
  const HEADING = 1.4;
  for (const f of input.fields) {
    const paid = f.procedures.filter((p) => p.fees.some((x) => x.amount > 0));
    let group: Group | null = null;
    for (const p of paid) {
      const w = Math.max(lines(p.name, 62), p.fees.length) + 1.05;
      const need = w + (group ? 0 : HEADING);
      if (used + need > SLIDE_LINES && page.length) {
        feePages.push(page);
        page = [];
        used = 0;
        group = group ? { field: f.name, items: [], continued: true } : null;
        if (group) {
          page.push(group);
          used += HEADING;
        }
      }
      if (!group) {
        group = { field: f.name, items: [], continued: false };
        page.push(group);
        used += HEADING;
      }
      group.items.push(p);
      used += w;
    }
  }
  if (page.length) feePages.push(page);
  feePages.forEach((groups, i) => slides.push({ kind: 'fees', groups, part: i + 1, parts: feePages.length }));

  const contacts = chunkByWeight(
    input.contacts.filter((c) => c.phone),
    () => 1,
    6,
  );
  contacts.forEach((items, i) => slides.push({ kind: 'contacts', items, part: i + 1, parts: contacts.length }));
  return slides;
}

function feeText(f: FeeItem, lang: Lang): string {
  if (f.amount <= 0) return translator(publicMessages, lang)('free');
  const unit = feeUnit(f.per);
  return unit ? `${formatVnd(f.amount)}/${unit}` : formatVnd(f.amount);
}

export interface TvView {
  lang: Lang;
  center: PublicCenter;
  today: TvToday;
  slide: TvSlide;
  index: number;
  total: number;
  /** Where the meta refresh goes next. */
  nextHref: string;
  /** Address of the procedure list (printed in the footer with its QR code). */
  listUrl: string;
  qrSvg: string;
  motto: string;
  updatedAt: string;
}

type Slide<K extends TvSlide['kind']> = Extract<TvSlide, { kind: K }>;
type Tr = (key: PublicKey, vars?: Record<string, string | number>) => string;

/** The same-day weekdays in words. */
const sameDayDays = (p: TvView) =>
  joinWords(
    p.center.sameDayWeekdays.map((d) => weekdayName(d, p.lang)),
    p.lang,
  );

/** The big QR code, hidden from screen readers (its address is printed beside it). */
const hiddenQr = (svg: string) => svg.trim().replace(/^<svg\b/, '<svg aria-hidden="true" focusable="false"');

function TodaySlide({ p, t }: { p: TvView; t: Tr }) {
  const c = p.center;
  const hours = c.workingSessions.map((s) => `${s.start} – ${s.end}`);
  return (
    <div class="tv-today">
      <p class={p.today.working ? 'tv-status open' : 'tv-status closed'} data-testid="tv-status">
        {p.today.working ? t('tvOpen') : t('tvClosed', { reason: p.today.reason })}
      </p>
      {!p.today.working ? <p class="tv-next">{t('tvNext', { next: p.today.next })}</p> : null}
      <div class="tv-hours">
        <h2>{t('tvHours')}</h2>
        <p>
          {t('tvWeekdays')}: {hours.join(p.lang === 'vi' ? ' và ' : ' and ')}
        </p>
        {c.sameDayWeekdays.length ? (
          <p class="tv-sameday">{t('tvSameDaySub', { days: sameDayDays(p), cutoff: c.sameDayCutoff })}</p>
        ) : null}
      </div>
      {p.motto ? <p class="tv-motto">“{p.motto}”</p> : null}
      <figure class="tv-bigqr">
        <div dangerouslySetInnerHTML={{ __html: hiddenQr(p.qrSvg) }} />
        <figcaption>{t('tvScanBig')}</figcaption>
      </figure>
    </div>
  );
}

function SameDaySlide({ p, t, s }: { p: TvView; t: Tr; s: Slide<'sameDay'> }) {
  const c = p.center;
  return (
    <>
      {c.sameDayWeekdays.length ? (
        <p class="tv-sub">{t('tvSameDaySub', { days: sameDayDays(p), cutoff: c.sameDayCutoff })}</p>
      ) : null}
      <ol class="tv-list">
        {s.items.map((x) => {
          const paid = x.fees.find((f) => f.amount > 0);
          return (
            <li>
              <span class="tv-name">{x.name}</span>
              <span class="tv-value">{paid ? feeText(paid, p.lang) : t('noFee')}</span>
            </li>
          );
        })}
      </ol>
    </>
  );
}

function FeesSlide({ p, t, s }: { p: TvView; t: Tr; s: Slide<'fees'> }) {
  return (
    <>
      {s.groups.map((g) => (
        <section class="tv-group">
          <h2>
            {g.field}
            {g.continued ? ` ${t('tvMore')}` : ''}
          </h2>
          <ol class="tv-list">
            {g.items.map((x) => (
              <li>
                <span class="tv-name">
                  {x.name}
                  <span class="tv-small">{timeLimitText(x.timeLimit, p.lang)}</span>
                </span>
                <span class="tv-value">
                  {x.fees.map((f) => (
                    <span class="tv-fee">{feeText(f, p.lang)}</span>
                  ))}
                </span>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}

function ResultsSlide({ s }: { s: Slide<'results'> }) {
  return (
    <ol class="tv-list">
      {s.items.map((x) => (
        <li>
          <span class="tv-name">
            {x.code}
            <span class="tv-small">{x.field}</span>
          </span>
          <span class="tv-value">{x.applicant}</span>
        </li>
      ))}
    </ol>
  );
}

function ContactsSlide({ s }: { s: Slide<'contacts'> }) {
  return (
    <ul class="tv-contacts">
      {s.items.map((x) => (
        <li>
          <span class="tv-name">{x.name}</span>
          <span class="tv-small">{x.counter || x.title}</span>
          <span class="tv-phone">{x.phone}</span>
        </li>
      ))}
    </ul>
  );
}

/** The slide's heading and body. */
function slideParts(p: TvView, t: Tr) {
  const s = p.slide;
  const more = 'parts' in s && s.parts > 1 ? ` (${s.part}/${s.parts})` : '';
  switch (s.kind) {
    case 'today':
      return {
        title: `${t('tvToday')}: ${weekdayName(p.today.weekday, p.lang)}, ${p.today.date}`,
        body: <TodaySlide p={p} t={t} />,
      };
    case 'sameDay':
      return { title: t('tvSameDay') + more, body: <SameDaySlide p={p} t={t} s={s} /> };
    case 'fees':
      return { title: t('fees') + more, body: <FeesSlide p={p} t={t} s={s} /> };
    case 'results':
      return { title: t('tvResults') + more, body: <ResultsSlide s={s} /> };
    case 'contacts':
      return { title: t('tvContacts') + more, body: <ContactsSlide s={s} /> };
  }
}

export function TvPage(p: TvView) {
  const t = translator(publicMessages, p.lang);
  const c = p.center;
  const s = p.slide;
  const { title, body } = slideParts(p, t);
  return (
    <html lang={p.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <meta http-equiv="refresh" content={`${TV_SLIDE_SECONDS};url=${p.nextHref}`} />
        <title>{`${t('tvTitle')} · ${c.shortName}`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body class="tv">
        <header class="tv-head">
          <p class="tv-center">{c.name}</p>
          <p class="tv-counter" aria-label={t('tvSlide', { n: p.index + 1, total: p.total })}>
            {t('tvSlide', { n: p.index + 1, total: p.total })}
          </p>
        </header>
        <main class="tv-main" data-slide={s.kind}>
          <h1>{title}</h1>
          {body}
        </main>
        <footer class="tv-foot">
          {s.kind !== 'today' ? <div class="tv-qr" dangerouslySetInnerHTML={{ __html: hiddenQr(p.qrSvg) }} /> : null}
          <p>
            {t('tvScan')} <strong>{p.listUrl}</strong>
            <span class="tv-small">
              {c.phones[0] ? `${c.phones[0].label}: ${c.phones[0].number} · ` : ''}
              {t('tvUpdated', { time: p.updatedAt })}
            </span>
          </p>
        </footer>
      </body>
    </html>
  );
}
