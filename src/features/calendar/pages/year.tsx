/** Console: a year as month grids with lunar dates, holidays, notices and the forms to record them. */
import { ConsoleLayout, type ConsoleNavItem } from '../../../core/http/layout.tsx';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { weekdayName } from '../../../core/text/index.ts';
import type { DayInfo } from '../../../core/calendar/index.ts';
import { formatVi } from '../../../core/calendar/index.ts';
import { calendarMessages } from '../messages.ts';
import { canConfirmYear, dayCellClass, isSpecialDay } from '../model.ts';

/** What the year page shows (calendar/service.ts yearPageModel builds it). */
export interface YearView {
  year: number;
  status: 'official' | 'confirmed' | 'computed';
  days: DayInfo[];
  notices: { id: number; date: string; working: number; reason: string; legal_basis: string }[];
  shippedTitles: string[];
  confirmationNote: string | null;
  canEdit: boolean;
  canConfirm: boolean;
  cultureDay: { enabled: boolean; confirmed: boolean };
  sessionsText: string;
  cutoff: string;
  saved: boolean;
  errors: string[];
}

export interface YearPageProps extends YearView {
  lang: Lang;
  path: string;
  csrf: string;
  userName: string;
  centerName: string;
  nav: ConsoleNavItem[];
}

function MonthGrid({ month, days, lang }: { month: number; days: DayInfo[]; lang: Lang }) {
  const t = translator(calendarMessages, lang);
  // Weeks start on Monday, as Vietnamese wall calendars do.
  const first = days[0]!;
  const lead = (first.weekday + 6) % 7;
  const cells: (DayInfo | null)[] = [...Array.from({ length: lead }, () => null), ...days];
  while (cells.length % 7) cells.push(null);
  const weeks: (DayInfo | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const heads = [1, 2, 3, 4, 5, 6, 0].map((d) =>
    lang === 'vi' ? ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'][d] : ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'][d],
  );
  return (
    <section class="month" aria-label={t('months', { m: month })}>
      <h3>{t('months', { m: month })}</h3>
      <table>
        <thead>
          <tr>
            {heads.map((hd) => (
              <th scope="col">{hd}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr>
              {w.map((d) => {
                if (!d) return <td aria-hidden="true"></td>;
                const cls = dayCellClass(d);
                const label = `${formatVi(d.date)} — ${weekdayName(d.weekday, lang)} — ${lang === 'vi' ? d.reason : d.reasonEn} — ${t('lunar')} ${d.lunar.day}/${d.lunar.month}${d.lunar.leap ? 'N' : ''}`;
                return (
                  <td class={cls} title={label}>
                    <span class="solar">{Number(d.date.slice(8, 10))}</span>
                    <span class="lunar">
                      {d.lunar.day === 1 ? `${d.lunar.day}/${d.lunar.month}${d.lunar.leap ? 'N' : ''}` : d.lunar.day}
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

type Tr = ReturnType<typeof translator<keyof typeof calendarMessages.vi>>;

function YearStatus({ p, t }: { p: YearPageProps; t: Tr }) {
  const statusText =
    p.status === 'official'
      ? t('statusOfficial')
      : p.status === 'confirmed'
        ? t('statusConfirmed')
        : t('statusComputed');
  return (
    <p>
      <span class={`badge ${p.status === 'computed' ? 'warn' : 'ok'}`} data-testid="year-status">
        {statusText}
      </span>
      {p.shippedTitles.length ? <span class="muted"> — {p.shippedTitles.join('; ')}</span> : null}
      {p.confirmationNote ? <span class="muted"> — {p.confirmationNote}</span> : null}
    </p>
  );
}

function ConfirmForm({ p, t }: { p: YearPageProps; t: Tr }) {
  return (
    <form method="post" action="/console/calendar/confirm" class="card stack">
      <input type="hidden" name="_csrf" value={p.csrf} />
      <input type="hidden" name="year" value={String(p.year)} />
      <p>{t('confirmHelp')}</p>
      <label for="note">{t('note')}</label>
      <input id="note" name="note" type="text" maxLength={300} />
      <button type="submit">{t('confirmYear', { year: p.year })}</button>
    </form>
  );
}

function Legend({ t }: { t: Tr }) {
  return (
    <ul class="legend">
      <li>
        <span></span>
        {t('legendWork')}
      </li>
      <li>
        <span class="sw-weekend"></span>
        {t('legendWeekend')}
      </li>
      <li>
        <span class="sw-holiday"></span>
        {t('legendHoliday')}
      </li>
      <li>
        <span class="sw-makeup"></span>
        {t('legendMakeUp')}
      </li>
      <li>
        <span class="sw-pending"></span>
        {t('legendPending')}
      </li>
    </ul>
  );
}

function SpecialDays({ p, t }: { p: YearPageProps; t: Tr }) {
  return (
    <table data-testid="special-days">
      <thead>
        <tr>
          <th>{t('date')}</th>
          <th>{t('lunar')}</th>
          <th>{t('reason')}</th>
          <th>{t('source')}</th>
        </tr>
      </thead>
      <tbody>
        {p.days.filter(isSpecialDay).map((d) => (
          <tr>
            <td>
              {weekdayName(d.weekday, p.lang)}, {formatVi(d.date)}
            </td>
            <td>
              {d.lunar.day}/{d.lunar.month}
              {d.lunar.leap ? ' (nhuận)' : ''}
            </td>
            <td>
              {p.lang === 'vi' ? d.reason : d.reasonEn}
              {d.pending ? <span class="badge warn"> {t('pending')}</span> : null}
            </td>
            <td>
              {d.source === 'notice' ? t('notice') : t('computed')}
              {d.legalBasis ? ` — ${d.legalBasis}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Notices({ p, t }: { p: YearPageProps; t: Tr }) {
  if (p.notices.length === 0) return <p class="muted">{t('none')}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>{t('date')}</th>
          <th>{t('kind')}</th>
          <th>{t('reason')}</th>
          <th>{t('basis')}</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        {p.notices.map((n) => (
          <tr>
            <td>{formatVi(n.date)}</td>
            <td>{n.working ? t('kindWork') : t('kindOff')}</td>
            <td>{n.reason}</td>
            <td>{n.legal_basis}</td>
            <td>
              {p.canEdit ? (
                <form method="post" action={`/console/calendar/notices/${n.id}/delete`} class="inline">
                  <input type="hidden" name="_csrf" value={p.csrf} />
                  <input type="hidden" name="year" value={String(p.year)} />
                  <button type="submit" class="secondary">
                    {t('remove')}
                  </button>
                </form>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function NoticeForm({ p, t }: { p: YearPageProps; t: Tr }) {
  return (
    <form method="post" action="/console/calendar/notices" class="card stack">
      <h2>{t('recordNotice')}</h2>
      <p class="muted">{t('recordHelp')}</p>
      <input type="hidden" name="_csrf" value={p.csrf} />
      <label for="date">{t('date')}</label>
      <input id="date" name="date" type="date" required min={`${p.year}-01-01`} max={`${p.year}-12-31`} />
      <label for="working">{t('kind')}</label>
      <select id="working" name="working">
        <option value="0">{t('kindOff')}</option>
        <option value="1">{t('kindWork')}</option>
      </select>
      <label for="reason">{t('reason')}</label>
      <input id="reason" name="reason" type="text" required maxLength={200} placeholder="Nghỉ bù / Làm bù" />
      <label for="reasonEn">{t('reasonEn')}</label>
      <input id="reasonEn" name="reasonEn" type="text" maxLength={200} />
      <label for="legalBasis">{t('basis')}</label>
      <input
        id="legalBasis"
        name="legalBasis"
        type="text"
        required
        maxLength={300}
        placeholder="Thông báo số …/TB-BNV ngày …"
      />
      <button type="submit">{t('save')}</button>
    </form>
  );
}

function CultureDayForm({ p, t }: { p: YearPageProps; t: Tr }) {
  return (
    <form method="post" action="/console/calendar/culture-day" class="card stack">
      <h2>{t('cultureDay')}</h2>
      <p class="muted">{t('cultureHelp')}</p>
      <input type="hidden" name="_csrf" value={p.csrf} />
      <input type="hidden" name="year" value={String(p.year)} />
      <label>
        <input type="checkbox" name="enabled" value="1" checked={p.cultureDay.enabled} /> {t('cultureEnabled')}
      </label>
      <label>
        <input type="checkbox" name="confirmed" value="1" checked={p.cultureDay.confirmed} /> {t('cultureConfirmed')}
      </label>
      <button type="submit">{t('save')}</button>
    </form>
  );
}

export function YearPage(p: YearPageProps) {
  const t = translator(calendarMessages, p.lang);
  const byMonth = Array.from({ length: 12 }, (_, i) => p.days.filter((d) => Number(d.date.slice(5, 7)) === i + 1));
  return (
    <ConsoleLayout
      lang={p.lang}
      title={t('title', { year: p.year })}
      path={p.path}
      userName={p.userName}
      csrf={p.csrf}
      nav={p.nav}
      centerName={p.centerName}
    >
      <h1>{t('title', { year: p.year })}</h1>
      <p>
        <a href={`/console/calendar?year=${p.year - 1}`}>{t('prevYear', { year: p.year - 1 })}</a>
        {' · '}
        <a href={`/console/calendar?year=${p.year + 1}`}>{t('nextYear', { year: p.year + 1 })}</a>
      </p>
      <YearStatus p={p} t={t} />
      <p class="muted">{t('intro')}</p>
      <p>{t('sessions', { sessions: p.sessionsText, cutoff: p.cutoff })}</p>
      {p.saved ? (
        <p class="status" role="status">
          {t('saved')}
        </p>
      ) : null}
      {p.errors.length ? (
        <div class="error-summary" role="alert">
          <ul>
            {p.errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {canConfirmYear(p.status, p.canConfirm) ? <ConfirmForm p={p} t={t} /> : null}
      <Legend t={t} />
      <div class="year">
        {byMonth.map((days, i) => (
          <MonthGrid month={i + 1} days={days} lang={p.lang} />
        ))}
      </div>
      <h2>{t('daysOff')}</h2>
      <SpecialDays p={p} t={t} />
      <h2>{t('recorded')}</h2>
      <Notices p={p} t={t} />
      {p.canEdit ? <NoticeForm p={p} t={t} /> : <p class="muted">{t('cantEdit')}</p>}
      {p.canConfirm ? <CultureDayForm p={p} t={t} /> : null}
    </ConsoleLayout>
  );
}
