/** Console pages of volunteers at the desk: today (phone), weekly roster, records, month figures. */
import type { ComponentChildren } from 'preact';
import { ConsoleLayout, type ConsoleNavItem } from '../../core/http/layout.tsx';
import { translator, type Lang } from '../../core/http/i18n.ts';
import { weekdayName } from '../../core/text/index.ts';
import { addDays, formatHm, formatVi, toLocal } from '../../core/calendar/index.ts';
import { volunteerMessages } from './messages.ts';
import {
  KINDS,
  KIND_LABELS,
  MAX_PEOPLE,
  ORGANISATIONS,
  ORGANISATION_LABELS,
  SESSIONS,
  SESSION_LABELS,
  actingFor,
  hasOffDayShift,
  helpedCount,
  orgLabel,
} from './model.ts';
import type { FiguresView, Today, VolunteerView, Week } from './service.ts';

export interface Chrome {
  lang: Lang;
  path: string;
  csrf: string;
  userName: string;
  centerName: string;
  nav: ConsoleNavItem[];
}

const hm = (iso: string) => formatHm(toLocal(new Date(iso)).minute);

function Frame(p: Chrome & { title: string; children: ComponentChildren }) {
  return (
    <ConsoleLayout {...p} title={p.title}>
      <link rel="stylesheet" href="/console/volunteers/style.css" />
      {p.children}
    </ConsoleLayout>
  );
}

function Errors({ errors, lang }: { errors: string[]; lang: Lang }) {
  const t = translator(volunteerMessages, lang);
  if (!errors.length) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} data-testid="errors">
      <h2>{t('errors')}</h2>
      <ul>
        {errors.map((e) => (
          <li>{e}</li>
        ))}
      </ul>
    </div>
  );
}

function Links({ lang, manager, current }: { lang: Lang; manager: boolean; current: string }) {
  const t = translator(volunteerMessages, lang);
  const items: [string, string][] = [
    ['/console/volunteers', t('linkToday')],
    ['/console/volunteers/roster', t('linkRoster')],
    ['/console/volunteers/figures', t('linkFigures')],
    ...(manager ? ([['/console/volunteers/people', t('linkPeople')]] as [string, string][]) : []),
  ];
  return (
    <nav class="vt-links" aria-label={t('todayTitle')}>
      {items.map(([href, label]) =>
        href === current ? <span aria-current="page">{label}</span> : <a href={href}>{label}</a>,
      )}
    </nav>
  );
}

const Hidden = ({ csrf, v }: { csrf: string; v?: number | null }) => (
  <>
    <input type="hidden" name="_csrf" value={csrf} />
    {v ? <input type="hidden" name="v" value={String(v)} /> : null}
  </>
);

// ---- Today ----------------------------------------------------------------------------------

type TodayProps = Chrome & { today: Today; errors: string[]; done: string | null };
/** The volunteer a desk officer acts for (null: oneself) and the query that keeps them. */
interface Acting {
  acting: number | null;
  q: string;
}

function MyState(p: TodayProps & Acting) {
  const t = translator(volunteerMessages, p.lang);
  const d = p.today;
  return (
    <section class={d.open ? 'vt-state on' : 'vt-state'} data-testid="state">
      <p>
        <strong>{d.open ? t('stateOn', { time: hm(d.open.checkedInAt) }) : t('stateOff')}</strong>
      </p>
      <p class="muted">
        {d.myShifts.length
          ? t('shiftToday', {
              shifts: d.myShifts.map((s) => `${SESSION_LABELS[s.session][p.lang]} ${s.start}–${s.end}`).join('; '),
            })
          : t('noShiftToday')}
      </p>
      <form method="post" action={`/console/volunteers/${d.open ? 'check-out' : 'check-in'}${p.q}`}>
        <Hidden csrf={p.csrf} v={p.acting} />
        <button type="submit" class={d.open ? 'secondary' : ''}>
          {d.open ? t('checkOut') : t('checkIn')}
        </button>
      </form>
    </section>
  );
}

function QuickLog(p: TodayProps & Acting) {
  const t = translator(volunteerMessages, p.lang);
  return (
    <div class="vt-kinds">
      {KINDS.map((k) => (
        <form method="post" action={`/console/volunteers/log${p.q}`}>
          <Hidden csrf={p.csrf} v={p.acting} />
          <input type="hidden" name="kind" value={k} />
          <input type="hidden" name="count" value="1" />
          <button type="submit" data-kind={k}>
            <span>{KIND_LABELS[k][p.lang]}</span>
            <span class="vt-n">
              <span class="visually-hidden">{t('helped')}: </span>
              {String(p.today.myTotals[k])}
            </span>
          </button>
        </form>
      ))}
    </div>
  );
}

function FullLogForm(p: TodayProps & Acting) {
  const t = translator(volunteerMessages, p.lang);
  return (
    <details class="vt-more" open={p.errors.length > 0}>
      <summary>{t('more')}</summary>
      <form method="post" action={`/console/volunteers/log${p.q}`} class="stack">
        <Hidden csrf={p.csrf} v={p.acting} />
        <label for="kind">{t('kind')}</label>
        <select id="kind" name="kind">
          {KINDS.map((k) => (
            <option value={k}>{KIND_LABELS[k][p.lang]}</option>
          ))}
        </select>
        <label for="count">{t('count')}</label>
        <input id="count" name="count" type="number" inputmode="numeric" min="1" max={String(MAX_PEOPLE)} value="1" />
        <label for="dossierCode">{t('dossierCode')}</label>
        <p class="hint">{t('dossierHint')}</p>
        <input id="dossierCode" name="dossierCode" type="text" autocomplete="off" autocapitalize="characters" />
        <label for="note">{t('note')}</label>
        <input id="note" name="note" type="text" />
        <button type="submit">{t('save')}</button>
      </form>
    </details>
  );
}

function MyLog(p: TodayProps & Acting) {
  const t = translator(volunteerMessages, p.lang);
  const log = p.today.myLog;
  return (
    <>
      <h2>{t('todayLog', { n: helpedCount(log) })}</h2>
      {log.length ? (
        <ul class="vt-log" data-testid="log">
          {log.map((a) => (
            <li>
              <span>
                {hm(a.at)} · {KIND_LABELS[a.kind][p.lang]} × {a.count}
                {a.dossierCode ? <span class="block muted">{a.dossierCode}</span> : null}
              </span>
              <form method="post" action={`/console/volunteers/log/${a.id}/undo${p.q}`}>
                <Hidden csrf={p.csrf} v={p.acting} />
                <button type="submit" class="secondary">
                  {t('undo')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('nothingYet')}</p>
      )}
    </>
  );
}

function MyDay(p: TodayProps & Acting & { me: NonNullable<Today['me']> }) {
  const t = translator(volunteerMessages, p.lang);
  return (
    <>
      {p.acting ? <p class="notice">{t('actingFor', { name: p.me.fullName })}</p> : null}
      <MyState {...p} />
      <h2>{t('logTitle')}</h2>
      <p class="hint">{t('logHint')}</p>
      <QuickLog {...p} />
      <FullLogForm {...p} />
      <MyLog {...p} />
    </>
  );
}

function StaffBoard(p: TodayProps) {
  const t = translator(volunteerMessages, p.lang);
  return (
    <section>
      <h2>{t('boardTitle')}</h2>
      <div class="table-scroll">
        <table class="vt-board" data-testid="board">
          <thead>
            <tr>
              <th>{t('volunteer')}</th>
              <th>{t('shifts')}</th>
              <th>{t('state')}</th>
              <th>{t('helped')}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {p.today.board.map((b) => (
              <tr>
                <td>
                  <a href={`/console/volunteers?v=${b.volunteer.id}`}>{b.volunteer.fullName}</a>
                  <span class="block muted">
                    {orgLabel(b.volunteer.organisation, b.volunteer.organisationName, p.lang)}
                  </span>
                </td>
                <td>{b.shifts.map((s) => `${s.start}–${s.end}`).join(', ') || '—'}</td>
                <td>{b.open ? t('inSince', { time: hm(b.open.checkedInAt) }) : t('out')}</td>
                <td class="num">{b.helped}</td>
                <td>
                  <form method="post" action={`/console/volunteers/${b.open ? 'check-out' : 'check-in'}`}>
                    <Hidden csrf={p.csrf} v={b.volunteer.id} />
                    <button
                      type="submit"
                      class={b.open ? 'secondary' : ''}
                      aria-label={`${b.open ? t('checkOut') : t('checkIn')}: ${b.volunteer.fullName}`}
                    >
                      {b.open ? t('checkOut') : t('checkIn')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function TodayPage(p: TodayProps) {
  const t = translator(volunteerMessages, p.lang);
  const d = p.today;
  const acting = actingFor(d.scope, d.me);
  const q = acting ? `?v=${acting}` : '';
  return (
    <Frame {...p} title={t('todayTitle')}>
      <h1>{t('todayTitle')}</h1>
      <p class="vt-date">{`${weekdayName(d.day.weekday, p.lang)}, ${formatVi(d.date)}`}</p>
      <Errors errors={p.errors} lang={p.lang} />
      {p.done ? (
        <p class="vt-done" role="status" data-testid="done">
          {p.done}
        </p>
      ) : null}
      {!d.day.working ? (
        <p class="notice">{t('offDay', { reason: p.lang === 'vi' ? d.day.reason : d.day.reasonEn })}</p>
      ) : null}
      {d.me ? (
        <MyDay {...p} me={d.me} acting={acting} q={q} />
      ) : !d.scope.forOthers ? (
        <p class="notice">{t('notLinked')}</p>
      ) : null}
      {d.scope.forOthers ? <StaffBoard {...p} /> : null}
      <Links lang={p.lang} manager={d.scope.manager} current="/console/volunteers" />
    </Frame>
  );
}

// ---- Roster ---------------------------------------------------------------------------------

type RosterProps = Chrome & { week: Week; errors: string[]; centerFullName: string };

function ShiftCell(p: RosterProps & { s: Week['days'][number]['shifts'][number] }) {
  const t = translator(volunteerMessages, p.lang);
  const s = p.s;
  return (
    <span class="vt-shift">
      {!s.workingDay ? (
        <span class="vt-flag" title={t('nonWorking')}>
          ⚠{' '}
        </span>
      ) : null}
      <strong>{s.volunteerName}</strong>
      <span class="block">
        {s.start}–{s.end}
      </span>
      <span class="block muted">{orgLabel(s.organisation, s.organisationName, p.lang)}</span>
      {p.week.scope.manager ? (
        <form
          method="post"
          action={`/console/volunteers/roster/${s.id}/delete?week=${p.week.monday}`}
          class="vt-noprint"
        >
          <input type="hidden" name="_csrf" value={p.csrf} />
          <button
            type="submit"
            class="secondary"
            aria-label={`${t('remove')} ${s.volunteerName} ${formatVi(s.date)} ${s.start}`}
          >
            {t('remove')}
          </button>
        </form>
      ) : null}
    </span>
  );
}

function RosterTable(p: RosterProps) {
  const w = p.week;
  return (
    <div class="vt-week-wrap">
      <table class="vt-week" data-testid="roster">
        <thead>
          <tr>
            {w.days.map((d) => (
              <th class={d.info.working ? '' : 'off'} scope="col">
                {weekdayName(d.info.weekday, p.lang)}
                <span class="block">{formatVi(d.info.date).slice(0, 5)}</span>
                {!d.info.working ? (
                  <span class="block muted">{p.lang === 'vi' ? d.info.reason : d.info.reasonEn}</span>
                ) : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {w.days.map((d) => (
              <td class={d.info.working ? '' : 'off'}>
                {d.shifts.length ? d.shifts.map((s) => <ShiftCell {...p} s={s} />) : <span class="muted">—</span>}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function AddShiftForm(p: RosterProps) {
  const t = translator(volunteerMessages, p.lang);
  const w = p.week;
  return (
    <details class="vt-more" open={p.errors.length > 0}>
      <summary>{t('addShift')}</summary>
      <form method="post" action={`/console/volunteers/roster?week=${w.monday}`} class="stack">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <label for="volunteerId">{t('volunteer')}</label>
        <select id="volunteerId" name="volunteerId">
          {w.volunteers.map((v) => (
            <option value={String(v.id)}>
              {v.fullName} ({orgLabel(v.organisation, v.organisationName, p.lang)})
            </option>
          ))}
        </select>
        <label for="date">{t('date')}</label>
        <input id="date" name="date" type="date" value={w.monday} />
        <label for="session">{t('session')}</label>
        <select id="session" name="session">
          {SESSIONS.map((s) => (
            <option value={s}>{SESSION_LABELS[s][p.lang]}</option>
          ))}
        </select>
        <p class="hint">{t('customHint')}</p>
        <label for="start">{t('start')}</label>
        <input id="start" name="start" type="time" />
        <label for="end">{t('end')}</label>
        <input id="end" name="end" type="time" />
        <label for="note">{t('note')}</label>
        <input id="note" name="note" type="text" />
        <button type="submit">{t('addShift')}</button>
      </form>
    </details>
  );
}

export function RosterPage(p: RosterProps) {
  const t = translator(volunteerMessages, p.lang);
  const w = p.week;
  const sunday = addDays(w.monday, 6);
  return (
    <Frame {...p} title={t('rosterTitle')}>
      <div class="vt-print-title">
        <p>
          <strong>{p.centerFullName.toLocaleUpperCase('vi')}</strong>
        </p>
        <p>
          <strong>{t('rosterPrintTitle')}</strong>
        </p>
      </div>
      <h1 class="vt-noprint">{t('rosterTitle')}</h1>
      <p>{t('weekOf', { from: formatVi(w.monday), to: formatVi(sunday) })}</p>
      <Errors errors={p.errors} lang={p.lang} />
      <p class="vt-links">
        <a href={`/console/volunteers/roster?week=${addDays(w.monday, -7)}`}>{t('prevWeek')}</a>
        <a href="/console/volunteers/roster">{t('thisWeek')}</a>
        <a href={`/console/volunteers/roster?week=${addDays(w.monday, 7)}`}>{t('nextWeek')}</a>
        <a href={`/console/volunteers/roster.pdf?week=${w.monday}`} data-testid="roster-pdf">
          {t('pdf')}
        </a>
      </p>
      {hasOffDayShift(w.days) ? (
        <p class="notice" data-testid="off-warning">
          {t('nonWorkingWarn')}
        </p>
      ) : null}
      <RosterTable {...p} />
      {w.scope.manager ? <AddShiftForm {...p} /> : null}
      <Links lang={p.lang} manager={w.scope.manager} current="/console/volunteers/roster" />
    </Frame>
  );
}

// ---- Records --------------------------------------------------------------------------------

function VolunteerForm({
  v,
  csrf,
  lang,
  action,
}: {
  v: Partial<VolunteerView>;
  csrf: string;
  lang: Lang;
  action: string;
}) {
  const t = translator(volunteerMessages, lang);
  const id = v.id ?? 'new';
  return (
    <form method="post" action={action} class="stack">
      <input type="hidden" name="_csrf" value={csrf} />
      <label for={`fullName-${id}`}>{t('fullName')}</label>
      <input id={`fullName-${id}`} name="fullName" type="text" value={v.fullName ?? ''} required />
      <label for={`organisation-${id}`}>{t('organisation')}</label>
      <select id={`organisation-${id}`} name="organisation">
        {ORGANISATIONS.map((o) => (
          <option value={o} selected={v.organisation === o}>
            {ORGANISATION_LABELS[o][lang]}
          </option>
        ))}
      </select>
      <label for={`organisationName-${id}`}>{t('organisationName')}</label>
      <input id={`organisationName-${id}`} name="organisationName" type="text" value={v.organisationName ?? ''} />
      <label for={`phone-${id}`}>{t('phone')}</label>
      <input id={`phone-${id}`} name="phone" type="tel" value={v.phone ?? ''} />
      <label for={`username-${id}`}>{t('account')}</label>
      <p class="hint">{t('accountHint')}</p>
      <input id={`username-${id}`} name="username" type="text" autocomplete="off" value={v.username ?? ''} />
      <input type="hidden" name="active" value="0" />
      <label class="choice">
        <input type="checkbox" name="active" value="1" checked={v.active ?? true} /> {t('active')}
      </label>
      <button type="submit">{v.id ? t('save') : t('add')}</button>
    </form>
  );
}

export function PeoplePage(p: Chrome & { volunteers: VolunteerView[]; errors: string[]; month: string }) {
  const t = translator(volunteerMessages, p.lang);
  return (
    <Frame {...p} title={t('peopleTitle')}>
      <h1>{t('peopleTitle')}</h1>
      <p class="muted">{t('peopleIntro')}</p>
      <Errors errors={p.errors} lang={p.lang} />
      <div class="table-scroll">
        <table data-testid="volunteers">
          <thead>
            <tr>
              <th>{t('fullName')}</th>
              <th>{t('organisation')}</th>
              <th>{t('phone')}</th>
              <th>{t('account')}</th>
              <th>{t('state')}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {p.volunteers.map((v) => (
              <tr>
                <td>{v.fullName}</td>
                <td>{orgLabel(v.organisation, v.organisationName, p.lang)}</td>
                <td>{v.phone ?? ''}</td>
                <td>{v.username ?? ''}</td>
                <td>{v.active ? t('activeYes') : t('activeNo')}</td>
                <td>
                  <details>
                    <summary>{t('edit')}</summary>
                    <VolunteerForm v={v} csrf={p.csrf} lang={p.lang} action={`/console/volunteers/people/${v.id}`} />
                  </details>
                  <span class="block">
                    {t('thankYou')}:{' '}
                    <a href={`/console/volunteers/people/${v.id}/thank-you.pdf?month=${p.month}`}>{t('thankPerson')}</a>
                    {' · '}
                    <a href={`/console/volunteers/people/${v.id}/thank-you.pdf?month=${p.month}&to=organisation`}>
                      {t('thankOrg')}
                    </a>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('add')}</h2>
      <VolunteerForm v={{}} csrf={p.csrf} lang={p.lang} action="/console/volunteers/people" />
      <Links lang={p.lang} manager current="/console/volunteers/people" />
    </Frame>
  );
}

// ---- Figures --------------------------------------------------------------------------------

export function FiguresPage(p: Chrome & { view: FiguresView; month: string }) {
  const t = translator(volunteerMessages, p.lang);
  const f = p.view.figures;
  const monthText = `${p.month.slice(5)}/${p.month.slice(0, 4)}`;
  const title = p.view.of === 'self' ? t('figuresSelf', { month: monthText }) : t('figuresTitle', { month: monthText });
  const figs: [string, number | string, string][] = [
    ['peopleHelped', f.peopleHelped, t('figPeople')],
    ['onlineSubmissionsHelped', f.onlineSubmissionsHelped, t('figOnline')],
    ['vneidHelped', f.vneidHelped, t('figVneid')],
    ['guided', f.guided, t('figGuided')],
    ['formsFilled', f.formsFilled, t('figForms')],
    ['otherHelped', f.otherHelped, t('figOther')],
    ...(p.view.of === 'center'
      ? ([['volunteers', f.volunteers, t('figVolunteers')]] as [string, number, string][])
      : []),
    ['shifts', f.shifts, t('figShifts')],
    ['checkIns', f.checkIns, t('figCheckIns')],
    ['hoursOnDuty', f.hoursOnDuty.toLocaleString(p.lang === 'vi' ? 'vi-VN' : 'en-GB'), t('figHours')],
  ];
  return (
    <Frame {...p} title={title}>
      <h1>{title}</h1>
      <form method="get" action="/console/volunteers/figures" class="filters vt-noprint">
        <div class="field">
          <label for="month">{t('month')}</label>
          <input id="month" name="month" type="text" inputmode="numeric" pattern="\d{4}-\d{2}" value={p.month} />
        </div>
        <button type="submit">{t('show')}</button>
      </form>
      <ul class="vt-figs" data-testid="figures">
        {figs.map(([key, n, label]) => (
          <li data-fig={key}>
            <strong>{String(n)}</strong>
            {label}
          </li>
        ))}
      </ul>
      {p.view.of === 'center' ? (
        <>
          <h2>{t('byVolunteer')}</h2>
          <div class="table-scroll">
            <table class="counts" data-testid="by-volunteer">
              <thead>
                <tr>
                  <th>{t('volunteer')}</th>
                  {KINDS.map((k) => (
                    <th class="num">{KIND_LABELS[k][p.lang]}</th>
                  ))}
                  <th class="num">{t('total')}</th>
                </tr>
              </thead>
              <tbody>
                {p.view.byVolunteer.map((b) => (
                  <tr>
                    <th scope="row">
                      {b.volunteer.fullName}
                      <span class="block muted">
                        {orgLabel(b.volunteer.organisation, b.volunteer.organisationName, p.lang)}
                      </span>
                    </th>
                    {KINDS.map((k) => (
                      <td class="num">{b.byKind[k]}</td>
                    ))}
                    <td class="num">
                      <strong>{b.total}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <Links lang={p.lang} manager={p.view.scope.manager} current="/console/volunteers/figures" />
    </Frame>
  );
}
