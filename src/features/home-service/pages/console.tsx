/**
 * Console pages of the home service: overview (month figures, requests, new request), one request
 * (visits, scheduling, cancel), the officer's day list (prints on A4; PDF link), the visit record,
 * the register and one register entry. Server HTML, JS-free, POST-redirect-GET.
 */
import type { ComponentChildren } from 'preact';
import { ConsoleLayout } from '../../../core/http/layout.tsx';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { formatVi } from '../../../core/calendar/index.ts';
import { dateTime, described, ErrorSummary, FieldMessage, type FieldError, type Shell } from '../../dossiers/index.ts';
import { homeMessages } from '../messages.ts';
import {
  CARE_CATEGORIES,
  CATEGORY_LABELS,
  CONSENT_LABELS,
  CONSENT_METHODS,
  NEED_LABELS,
  NEEDS,
  RELATIONSHIP_LABELS,
  RELATIONSHIPS,
  REQUEST_STATUS_LABELS,
  SLOT_LABELS,
  SLOTS,
  SOURCE_LABELS,
  TASKS,
  VISIT_STATUS_LABELS,
  canReturnResult,
  hasTask,
  isOpenRequest,
  isPendingVisit,
  showsRequester,
  type Need,
  type Task,
} from '../model.ts';
import type { PersonView, RequestView, VisitView } from '../service.ts';
import type { HomeServiceFigures } from '../figures.ts';

type T = ReturnType<typeof tr>;
const tr = (lang: Lang) => translator(homeMessages, lang);
const langQ = (lang: Lang, first = false) => (lang === 'en' ? `${first ? '?' : '&'}lang=en` : '');
export const STYLE = '/console/home-service/style.css';

function Style() {
  return <link rel="stylesheet" href={STYLE} />;
}

export const requestHref = (id: number) => `/console/home-service/requests/${id}`;
export const visitHref = (id: number) => `/console/home-service/visits/${id}`;
export const personHref = (id: number) => `/console/home-service/register/${id}`;
export const dayHref = (date: string, officer?: number | null) =>
  `/console/home-service/day?date=${date}${officer ? `&officer=${officer}` : ''}`;

function needsText(needs: readonly Need[], other: string, lang: Lang): string {
  return needs
    .map((n) => (n === 'other' && other ? `${NEED_LABELS.other[lang]}: ${other}` : NEED_LABELS[n][lang]))
    .join('; ');
}
const tasksText = (tasks: readonly Task[], lang: Lang) => tasks.map((x) => NEED_LABELS[x][lang]).join('; ');

function Flash({ text }: { text: string | null }) {
  return text ? (
    <p class="status" role="status" data-testid="flash">
      {text}
    </p>
  ) : null;
}

function Text(p: {
  id: string;
  label: string;
  value: string;
  errors: FieldError[];
  max?: number;
  type?: 'text' | 'tel' | 'date' | 'time';
  required?: boolean;
  hint?: string;
}) {
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      {p.hint ? (
        <p class="hint" id={`${p.id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      <FieldMessage id={p.id} errors={p.errors} />
      <input
        type={(p.type ?? 'text') as 'text'}
        id={p.id}
        name={p.id}
        value={p.value}
        maxLength={p.max ?? 300}
        required={p.required}
        {...described(p.id, p.errors, !!p.hint)}
      />
    </div>
  );
}

// ---- Overview ----

export type RequestForm = Record<
  | 'dossierCode'
  | 'personName'
  | 'relationship'
  | 'requesterName'
  | 'phone'
  | 'address'
  | 'needsOther'
  | 'preferredDate'
  | 'preferredSlot'
  | 'notes',
  string
> & { needs: string[] };
export const blankRequestForm = (): RequestForm => ({
  dossierCode: '',
  personName: '',
  relationship: 'self',
  requesterName: '',
  phone: '',
  address: '',
  needsOther: '',
  preferredDate: '',
  preferredSlot: 'any',
  notes: '',
  needs: [],
});

type Figures = HomeServiceFigures;

function FiguresSection({ lang, month, figures }: { lang: Lang; month: string; figures: Figures }) {
  const t = tr(lang);
  return (
    <section aria-labelledby="figs">
      <h2 id="figs">{t('monthFigures', { month })}</h2>
      <ul class="hs-figures" data-testid="figures">
        <li data-figure="requests">
          <strong>{figures.requests}</strong> {t('figRequests')}
        </li>
        <li data-figure="visits">
          <strong>{figures.visits}</strong> {t('figVisits')}
        </li>
        <li data-figure="dossiersTaken">
          <strong>{figures.dossiersTaken}</strong> {t('figTaken')}
        </li>
        <li data-figure="resultsReturned">
          <strong>{figures.resultsReturned}</strong> {t('figReturned')}
        </li>
        <li data-figure="cardsDelivered">
          <strong>{figures.cardsDelivered}</strong> {t('figCards')}
        </li>
      </ul>
    </section>
  );
}

function OverviewLinks(p: { lang: Lang; today: string; officerId: number; canRegister: boolean; slug: string }) {
  const t = tr(p.lang);
  return (
    <>
      <h2>{t('linksTitle')}</h2>
      <ul class="link-grid">
        <li>
          <a href={`${dayHref(p.today, p.officerId)}${langQ(p.lang)}`}>{t('dayListLink')}</a>
        </li>
        {p.canRegister ? (
          <li>
            <a href={`/console/home-service/register${langQ(p.lang, true)}`}>{t('registerLink')}</a>
          </li>
        ) : null}
        <li>
          <a href={`/${p.slug}/ho-tro-tai-nha`}>{t('publicFormLink')}</a>
        </li>
      </ul>
    </>
  );
}

function RequestFilter({ lang, status }: { lang: Lang; status: string }) {
  const t = tr(lang);
  return (
    <form method="get" action="/console/home-service" class="filters">
      <div class="field">
        <label for="f-status">{t('filterStatus')}</label>
        <select id="f-status" name="status">
          <option value="open" selected={status === 'open'}>
            {t('allOpen')}
          </option>
          <option value="all" selected={status === 'all'}>
            {t('all')}
          </option>
          {(['new', 'scheduled', 'done', 'cancelled'] as const).map((s) => (
            <option value={s} selected={status === s}>
              {REQUEST_STATUS_LABELS[s][lang]}
            </option>
          ))}
        </select>
      </div>
      {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
      <button type="submit">{t('filter')}</button>
    </form>
  );
}

function RequestsTable({ lang, requests }: { lang: Lang; requests: RequestView[] }) {
  const t = tr(lang);
  return (
    <table class="stack-table" data-testid="requests">
      <thead>
        <tr>
          <th scope="col">{t('colCode')}</th>
          <th scope="col">{t('colPerson')}</th>
          <th scope="col">{t('colNeeds')}</th>
          <th scope="col">{t('colPreferred')}</th>
          <th scope="col">{t('colSource')}</th>
          <th scope="col">{t('colReceived')}</th>
          <th scope="col">{t('colStatus')}</th>
        </tr>
      </thead>
      <tbody>
        {requests.map((r) => (
          <tr data-code={r.code} data-status={r.status}>
            <td class="nowrap">
              <a href={`${requestHref(r.id)}${langQ(lang, true)}`}>{r.code}</a>
            </td>
            <td data-label={t('colPerson')}>{r.personName}</td>
            <td data-label={t('colNeeds')}>{needsText(r.needs, r.needsOther, lang)}</td>
            <td data-label={t('colPreferred')}>
              {r.preferredDate ? `${formatVi(r.preferredDate)} ` : ''}
              {SLOT_LABELS[r.preferredSlot][lang]}
            </td>
            <td data-label={t('colSource')}>{SOURCE_LABELS[r.source][lang]}</td>
            <td data-label={t('colReceived')} class="nowrap">
              {dateTime(r.createdAt)}
            </td>
            <td data-label={t('colStatus')}>
              <span class={`badge hs-${r.status}`}>{REQUEST_STATUS_LABELS[r.status][lang]}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Select<V extends string>(p: {
  id: string;
  label: string;
  value: string;
  options: readonly V[];
  labels: Record<V, { vi: string; en: string }>;
  lang: Lang;
}) {
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      <select id={p.id} name={p.id}>
        {p.options.map((o) => (
          <option value={o} selected={p.value === o}>
            {p.labels[o][p.lang]}
          </option>
        ))}
      </select>
    </div>
  );
}

function NewRequestForm({
  lang,
  csrf,
  form: f,
  errors,
}: {
  lang: Lang;
  csrf: string;
  form: RequestForm;
  errors: FieldError[];
}) {
  const t = tr(lang);
  return (
    <section class="card" aria-labelledby="new-request">
      <h2 id="new-request">{t('newRequestTitle')}</h2>
      <p class="hint">{t('newRequestHint')}</p>
      <ErrorSummary errors={errors} lang={lang} />
      <form method="post" action="/console/home-service/requests" class="stack wide">
        <input type="hidden" name="_csrf" value={csrf} />
        {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        <Text id="dossierCode" label={t('dossierCode')} value={f.dossierCode} errors={errors} max={40} />
        <div class="row2">
          <Text id="personName" label={t('personName')} value={f.personName} errors={errors} max={120} />
          <Select
            id="relationship"
            label={t('relationship')}
            value={f.relationship}
            options={RELATIONSHIPS}
            labels={RELATIONSHIP_LABELS}
            lang={lang}
          />
          <Text id="requesterName" label={t('requesterName')} value={f.requesterName} errors={errors} max={120} />
          <Text id="phone" label={t('phone')} value={f.phone} errors={errors} max={20} type="tel" />
        </div>
        <Text id="address" label={t('address')} value={f.address} errors={errors} />
        <fieldset id="needs">
          <legend>{t('needs')}</legend>
          <FieldMessage id="needs" errors={errors} />
          <div class="choices">
            {NEEDS.map((n) => (
              <label class="choice">
                <input type="checkbox" name="needs" value={n} checked={f.needs.includes(n)} /> {NEED_LABELS[n][lang]}
              </label>
            ))}
          </div>
          <Text id="needsOther" label={t('needsOther')} value={f.needsOther} errors={errors} max={500} />
        </fieldset>
        <div class="row2">
          <Text id="preferredDate" label={t('preferredDate')} value={f.preferredDate} errors={errors} type="date" />
          <Select
            id="preferredSlot"
            label={t('preferredSlot')}
            value={f.preferredSlot}
            options={SLOTS}
            labels={SLOT_LABELS}
            lang={lang}
          />
        </div>
        <Text id="notes" label={t('notes')} value={f.notes} errors={errors} max={1000} />
        <button type="submit">{t('saveRequest')}</button>
      </form>
    </section>
  );
}

export function HomeServicePage(
  p: Shell & {
    month: string;
    figures: HomeServiceFigures;
    requests: RequestView[] | null;
    status: string;
    form: RequestForm;
    errors: FieldError[];
    flash: string | null;
    slug: string;
    canRegister: boolean;
    officerId: number;
    today: string;
  },
) {
  const t = tr(p.lang);
  return (
    <ConsoleLayout {...p} title={t('title')}>
      <Style />
      <h1>{t('title')}</h1>
      <p class="lead">{t('intro')}</p>
      <Flash text={p.flash} />
      <FiguresSection lang={p.lang} month={p.month} figures={p.figures} />
      <OverviewLinks lang={p.lang} today={p.today} officerId={p.officerId} canRegister={p.canRegister} slug={p.slug} />
      {p.requests ? (
        <>
          <h2>{t('requestsTitle')}</h2>
          <RequestFilter lang={p.lang} status={p.status} />
          {p.requests.length === 0 ? (
            <p class="notice">{t('noRequests')}</p>
          ) : (
            <RequestsTable lang={p.lang} requests={p.requests} />
          )}
          <NewRequestForm lang={p.lang} csrf={p.csrf} form={p.form} errors={p.errors} />
        </>
      ) : null}
    </ConsoleLayout>
  );
}

// ---- One request ----

export interface ScheduleForm {
  officerId: string;
  date: string;
  time: string;
  address: string;
  tasks: string[];
  dossierCode: string;
  notes: string;
}

/** A term and its value in a facts list, when there is a value. */
function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

function RequestFacts({ lang, r }: { lang: Lang; r: RequestView }) {
  const t = tr(lang);
  return (
    <dl class="facts card">
      <Fact term={t('personName')}>{r.personName}</Fact>
      <Fact term={t('relationship')}>
        {RELATIONSHIP_LABELS[r.relationship][lang]}
        {showsRequester(r) ? ` — ${r.requesterName}` : ''}
      </Fact>
      <Fact term={t('phone')}>
        <a class="tel" href={`tel:${r.phone}`}>
          {r.phone}
        </a>
      </Fact>
      <Fact term={t('address')}>{r.address}</Fact>
      <Fact term={t('needs')}>{needsText(r.needs, r.needsOther, lang)}</Fact>
      <Fact term={t('colPreferred')}>
        {r.preferredDate ? `${formatVi(r.preferredDate)} ` : ''}
        {SLOT_LABELS[r.preferredSlot][lang]}
      </Fact>
      <Fact term={t('source')}>{SOURCE_LABELS[r.source][lang]}</Fact>
      {r.dossierCode ? (
        <Fact term={t('linkedDossier')}>
          <a href={`/console/dossiers/${encodeURIComponent(r.dossierCode)}`}>{r.dossierCode}</a>
        </Fact>
      ) : null}
      <Fact term={t('receivedAt')}>{dateTime(r.createdAt)}</Fact>
      {r.consentAt ? <Fact term={t('consentAt')}>{dateTime(r.consentAt)}</Fact> : null}
      {r.notes ? <Fact term={t('notes')}>{r.notes}</Fact> : null}
      {r.closedAt ? (
        <Fact term={t('closedAt')}>
          {dateTime(r.closedAt)}
          {r.closeNote ? ` — ${r.closeNote}` : ''}
        </Fact>
      ) : null}
    </dl>
  );
}

function VisitsTable({ lang, visits }: { lang: Lang; visits: VisitView[] }) {
  const t = tr(lang);
  return (
    <table class="stack-table" data-testid="visits">
      <thead>
        <tr>
          <th scope="col">{t('date')}</th>
          <th scope="col">{t('officer')}</th>
          <th scope="col">{t('tasks')}</th>
          <th scope="col">{t('outcome')}</th>
          <th scope="col"></th>
        </tr>
      </thead>
      <tbody>
        {visits.map((v) => (
          <tr data-visit={v.id} data-status={v.status}>
            <td class="nowrap">
              {v.time} {formatVi(v.date)}
            </td>
            <td data-label={t('officer')}>{v.officer.name}</td>
            <td data-label={t('tasks')}>{tasksText(v.tasks, lang)}</td>
            <td data-label={t('outcome')}>{VISIT_STATUS_LABELS[v.status][lang]}</td>
            <td>
              <a href={`${visitHref(v.id)}${langQ(lang, true)}`}>
                {isPendingVisit(v) ? t('openVisit') : t('viewVisit')}
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ScheduleVisitForm(p: {
  lang: Lang;
  csrf: string;
  requestId: number;
  officers: { id: number; full_name: string }[];
  form: ScheduleForm;
  errors: FieldError[];
}) {
  const t = tr(p.lang);
  const f = p.form;
  return (
    <section class="card" aria-labelledby="sched">
      <h2 id="sched">{t('scheduleTitle')}</h2>
      <ErrorSummary errors={p.errors} lang={p.lang} />
      <form method="post" action={`${requestHref(p.requestId)}/visits`} class="stack wide">
        <input type="hidden" name="_csrf" value={p.csrf} />
        {p.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        <div class="row2">
          <div class="field">
            <label for="officerId">{t('officer')}</label>
            <FieldMessage id="officerId" errors={p.errors} />
            <select id="officerId" name="officerId" required>
              <option value="">—</option>
              {p.officers.map((o) => (
                <option value={String(o.id)} selected={f.officerId === String(o.id)}>
                  {o.full_name}
                </option>
              ))}
            </select>
          </div>
          <Text id="date" label={t('date')} value={f.date} errors={p.errors} type="date" required />
          <Text id="time" label={t('time')} value={f.time} errors={p.errors} type="time" required />
          <Text id="dossierCode" label={t('dossierForReturn')} value={f.dossierCode} errors={p.errors} max={40} />
        </div>
        <Text id="address" label={t('address')} value={f.address} errors={p.errors} required />
        <fieldset id="tasks">
          <legend>{t('tasks')}</legend>
          <FieldMessage id="tasks" errors={p.errors} />
          <div class="choices">
            {TASKS.map((x) => (
              <label class="choice">
                <input type="checkbox" name="tasks" value={x} checked={f.tasks.includes(x)} /> {NEED_LABELS[x][p.lang]}
              </label>
            ))}
          </div>
        </fieldset>
        <Text id="notes" label={t('notes')} value={f.notes} errors={p.errors} max={1000} />
        <button type="submit">{t('schedule')}</button>
      </form>
    </section>
  );
}

function CancelRequestForm({ lang, csrf, requestId }: { lang: Lang; csrf: string; requestId: number }) {
  const t = tr(lang);
  return (
    <details class="action">
      <summary>{t('cancelTitle')}</summary>
      <form method="post" action={`${requestHref(requestId)}/cancel`}>
        <input type="hidden" name="_csrf" value={csrf} />
        <label for="note">{t('cancelReason')}</label>
        <input type="text" id="note" name="note" maxLength={500} required />
        <button type="submit" class="danger">
          {t('cancel')}
        </button>
      </form>
    </details>
  );
}

export function RequestPage(
  p: Shell & {
    request: RequestView;
    visits: VisitView[];
    officers: { id: number; full_name: string }[];
    form: ScheduleForm;
    errors: FieldError[];
    flash: string | null;
    today: string;
  },
) {
  const t = tr(p.lang);
  const r = p.request;
  return (
    <ConsoleLayout {...p} title={t('requestTitle', { code: r.code })}>
      <Style />
      <p class="crumbs">
        <a href={`/console/home-service${langQ(p.lang, true)}`}>{t('backToList')}</a>
      </p>
      <h1>
        {t('requestTitle', { code: r.code })}{' '}
        <span class={`badge hs-${r.status}`} data-testid="request-status">
          {REQUEST_STATUS_LABELS[r.status][p.lang]}
        </span>
      </h1>
      <Flash text={p.flash} />
      <RequestFacts lang={p.lang} r={r} />
      <h2>{t('visitsTitle')}</h2>
      {p.visits.length === 0 ? <p class="muted">{t('noVisits')}</p> : <VisitsTable lang={p.lang} visits={p.visits} />}
      {isOpenRequest(r) ? (
        <>
          <ScheduleVisitForm
            lang={p.lang}
            csrf={p.csrf}
            requestId={r.id}
            officers={p.officers}
            form={p.form}
            errors={p.errors}
          />
          <CancelRequestForm lang={p.lang} csrf={p.csrf} requestId={r.id} />
        </>
      ) : null}
    </ConsoleLayout>
  );
}

// ---- Day list ----

function DayFilter(p: {
  lang: Lang;
  date: string;
  officer: { id: number; name: string } | null;
  officers: { id: number; full_name: string }[];
}) {
  const t = tr(p.lang);
  return (
    <form method="get" action="/console/home-service/day" class="filters">
      <div class="field">
        <label for="date">{t('date')}</label>
        <input type="date" id="date" name="date" value={p.date} required />
      </div>
      <div class="field">
        <label for="officer">{t('officer')}</label>
        <select id="officer" name="officer">
          <option value="">{t('dayAll')}</option>
          {p.officers.map((o) => (
            <option value={String(o.id)} selected={p.officer?.id === o.id}>
              {o.full_name}
            </option>
          ))}
        </select>
      </div>
      {p.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
      <button type="submit">{t('show')}</button>
    </form>
  );
}

function DayRow({ lang, v, allOfficers }: { lang: Lang; v: VisitView; allOfficers: boolean }) {
  const t = tr(lang);
  return (
    <tr data-visit={v.id}>
      <td class="nowrap">
        <strong>{v.time}</strong>
        <span class="block muted">{v.requestCode}</span>
      </td>
      <td data-label={t('colPerson')}>
        {v.personName}
        <span class="block">
          <a class="tel" href={`tel:${v.phone}`}>
            {v.phone}
          </a>
          {showsRequester(v) ? ` (${v.requesterName})` : ''}
        </span>
      </td>
      <td data-label={t('colAddress')}>{v.address}</td>
      <td data-label={t('colTasks')}>
        {tasksText(v.tasks, lang)}
        {v.dossierCode ? <span class="block">{v.dossierCode}</span> : null}
        {v.notes ? <span class="block muted">{v.notes}</span> : null}
      </td>
      {allOfficers ? <td data-label={t('colOfficer')}>{v.officer.name}</td> : null}
      <td data-label={t('colResult')}>
        <span class="no-print">
          {isPendingVisit(v) ? (
            <a href={`${visitHref(v.id)}${langQ(lang, true)}`}>{t('openVisit')}</a>
          ) : (
            VISIT_STATUS_LABELS[v.status][lang]
          )}
        </span>
        <span class="hs-print-only hs-sign">{t('signLine')}</span>
      </td>
    </tr>
  );
}

function DayTable({ lang, visits, allOfficers }: { lang: Lang; visits: VisitView[]; allOfficers: boolean }) {
  const t = tr(lang);
  return (
    <table class="hs-day stack-table" data-testid="day-list">
      <thead>
        <tr>
          <th scope="col">{t('colTime')}</th>
          <th scope="col">{t('colPerson')}</th>
          <th scope="col">{t('colAddress')}</th>
          <th scope="col">{t('colTasks')}</th>
          {allOfficers ? <th scope="col">{t('colOfficer')}</th> : null}
          <th scope="col">{t('colResult')}</th>
        </tr>
      </thead>
      <tbody>
        {visits.map((v) => (
          <DayRow lang={lang} v={v} allOfficers={allOfficers} />
        ))}
      </tbody>
    </table>
  );
}

export function DayPage(
  p: Shell & {
    date: string;
    officer: { id: number; name: string } | null;
    officers: { id: number; full_name: string }[];
    visits: VisitView[];
    centerAddress: string;
  },
) {
  const t = tr(p.lang);
  const pdf = `/console/home-service/day.pdf?date=${p.date}${p.officer ? `&officer=${p.officer.id}` : ''}`;
  return (
    <ConsoleLayout {...p} title={t('dayTitle', { date: formatVi(p.date) })}>
      <Style />
      <p class="crumbs no-print">
        <a href={`/console/home-service${langQ(p.lang, true)}`}>{t('backToList')}</a>
      </p>
      <h1>{t('dayTitle', { date: formatVi(p.date) })}</h1>
      <p class="hs-print-only">{p.centerName}</p>
      <p data-testid="day-officer">{p.officer ? t('dayOfficer', { name: p.officer.name }) : t('dayAll')}</p>
      <DayFilter lang={p.lang} date={p.date} officer={p.officer} officers={p.officers} />
      <p class="no-print">
        <a class="button" href={pdf} data-testid="day-pdf">
          {t('printPdf')}
        </a>{' '}
        <span class="muted">{t('printHint')}</span>
      </p>
      {p.visits.length === 0 ? (
        <p class="notice">{t('noVisitsDay')}</p>
      ) : (
        <DayTable lang={p.lang} visits={p.visits} allOfficers={!p.officer} />
      )}
    </ConsoleLayout>
  );
}

// ---- Visit record ----

function VisitFacts({ lang, v }: { lang: Lang; v: VisitView }) {
  const t = tr(lang);
  const recorded = !isPendingVisit(v);
  return (
    <dl class="facts card">
      <Fact term={t('request')}>{v.requestCode}</Fact>
      <Fact term={t('personName')}>{v.personName}</Fact>
      <Fact term={t('phone')}>
        <a class="tel" href={`tel:${v.phone}`}>
          {v.phone}
        </a>
      </Fact>
      <Fact term={t('address')}>{v.address}</Fact>
      <Fact term={t('officer')}>{v.officer.name}</Fact>
      <Fact term={t('tasks')}>{tasksText(v.tasks, lang)}</Fact>
      {v.dossierCode ? <Fact term={t('linkedDossier')}>{v.dossierCode}</Fact> : null}
      {v.notes ? <Fact term={t('notes')}>{v.notes}</Fact> : null}
      {v.visitedAt ? <Fact term={t('visitedAt')}>{dateTime(v.visitedAt)}</Fact> : null}
      {v.outcomeNote ? <Fact term={t('outcomeNotes')}>{v.outcomeNote}</Fact> : null}
      {v.confirmation.kind ? (
        <>
          <dt>{t('confirmation')}</dt>
          <dd data-testid="confirmation">
            {v.confirmation.kind === 'typed' ? `${v.confirmation.name ?? ''} ✓` : t('confirmPaper')}
          </dd>
        </>
      ) : null}
      {v.takenCodes.length ? <Fact term={t('figTaken')}>{v.takenCodes.join(', ')}</Fact> : null}
      {recorded && hasTask(v, 'return_result') ? (
        <Fact term={t('figReturned')}>{v.resultReturned ? t('yes') : t('no')}</Fact>
      ) : null}
      {recorded && hasTask(v, 'deliver_card') ? (
        <Fact term={t('figCards')}>{v.cardDelivered ? t('yes') : t('no')}</Fact>
      ) : null}
      {v.hasPhoto ? (
        <Fact term={t('photo')}>
          <a href={`${visitHref(v.id)}/photo`}>{t('photoLink')}</a>
        </Fact>
      ) : null}
    </dl>
  );
}

interface RecordFormProps {
  lang: Lang;
  v: VisitView;
  form: Record<string, string>;
  errors: FieldError[];
}

/** What was done at the visit: result returned, card delivered, dossiers taken (only the visit's tasks). */
function RecordTasks({ lang, v, form: f, errors }: RecordFormProps) {
  const t = tr(lang);
  return (
    <>
      {canReturnResult(v) ? (
        <label class="choice" id="resultReturned">
          <input type="checkbox" name="resultReturned" value="yes" checked={f.resultReturned === 'yes'} />{' '}
          {t('resultReturned', { code: v.dossierCode ?? '' })}
        </label>
      ) : null}
      {hasTask(v, 'deliver_card') ? (
        <label class="choice" id="cardDelivered">
          <input type="checkbox" name="cardDelivered" value="yes" checked={f.cardDelivered === 'yes'} />{' '}
          {t('cardDelivered')}
        </label>
      ) : null}
      {hasTask(v, 'take_dossier') ? (
        <>
          <Text
            id="takenCodes"
            label={t('takenCodes')}
            value={f.takenCodes ?? ''}
            errors={errors}
            max={400}
            hint={t('takenHint')}
          />
          <p>
            <a href="/console/dossiers/new?channel=home">{t('intakeLink')}</a>
          </p>
        </>
      ) : null}
    </>
  );
}

/** How the citizen confirmed: a typed name and a box, or a signature on the paper day list. */
function ConfirmFieldset({ lang, form: f, errors }: RecordFormProps) {
  const t = tr(lang);
  return (
    <fieldset id="confirmKind">
      <legend>{t('confirmation')}</legend>
      <label class="choice">
        <input type="radio" name="confirmKind" value="typed" checked={(f.confirmKind ?? 'typed') === 'typed'} />{' '}
        {t('confirmTyped')}
      </label>
      <Text id="confirmName" label={t('confirmName')} value={f.confirmName ?? ''} errors={errors} max={120} />
      <label class="choice">
        <input type="checkbox" name="confirmed" value="yes" checked={f.confirmed === 'yes'} /> {t('confirmed')}
      </label>
      <label class="choice">
        <input type="radio" name="confirmKind" value="paper" checked={f.confirmKind === 'paper'} /> {t('confirmPaper')}
      </label>
    </fieldset>
  );
}

function RecordForm(p: RecordFormProps & { csrf: string }) {
  const t = tr(p.lang);
  const { v, form: f } = p;
  const outcome = f.outcome ?? 'done';
  return (
    <section class="card" aria-labelledby="rec">
      <h2 id="rec">{t('recordTitle')}</h2>
      <ErrorSummary errors={p.errors} lang={p.lang} />
      <form
        method="post"
        action={`${visitHref(v.id)}/record${langQ(p.lang, true)}`}
        enctype="multipart/form-data"
        class="stack wide"
      >
        <input type="hidden" name="_csrf" value={p.csrf} />
        <fieldset id="outcome">
          <legend>{t('outcome')}</legend>
          <div class="choices">
            {(['done', 'not_home', 'postponed', 'cancelled'] as const).map((o) => (
              <label class="choice">
                <input type="radio" name="outcome" value={o} checked={outcome === o} /> {VISIT_STATUS_LABELS[o][p.lang]}
              </label>
            ))}
          </div>
        </fieldset>
        <Text id="time" label={t('time')} value={f.time ?? v.time} errors={p.errors} type="time" />
        <RecordTasks {...p} />
        <ConfirmFieldset {...p} />
        <div class="field">
          <label for="photo">{t('photo')}</label>
          <FieldMessage id="photo" errors={p.errors} />
          <input type="file" id="photo" name="photo" accept="image/jpeg,image/png" capture="environment" />
        </div>
        <div class="field">
          <label for="notes">{t('outcomeNotes')}</label>
          <textarea id="notes" name="notes" rows={3} maxLength={1000}>
            {f.notes ?? ''}
          </textarea>
        </div>
        <button type="submit" class="big">
          {t('record')}
        </button>
      </form>
    </section>
  );
}

export function VisitPage(
  p: Shell & { visit: VisitView; errors: FieldError[]; flash: string | null; form: Record<string, string> },
) {
  const t = tr(p.lang);
  const v = p.visit;
  const title = t('visitTitle', { date: formatVi(v.date), time: v.time });
  return (
    <ConsoleLayout {...p} title={title}>
      <Style />
      <p class="crumbs">
        <a href={`${dayHref(v.date, v.officer.id)}${langQ(p.lang)}`}>← {t('dayListLink')}</a>
      </p>
      <h1>
        {title}{' '}
        <span class="badge" data-testid="visit-status">
          {VISIT_STATUS_LABELS[v.status][p.lang]}
        </span>
      </h1>
      <Flash text={p.flash} />
      <VisitFacts lang={p.lang} v={v} />
      {isPendingVisit(v) ? (
        <RecordForm lang={p.lang} csrf={p.csrf} v={v} form={p.form} errors={p.errors} />
      ) : (
        <p>
          <a href={`${requestHref(v.requestId)}${langQ(p.lang, true)}`}>{t('backToRequest')}</a>
        </p>
      )}
    </ConsoleLayout>
  );
}

// ---- Register ----

export type PersonForm = Record<
  | 'fullName'
  | 'birthYear'
  | 'address'
  | 'phone'
  | 'carerName'
  | 'carerRelation'
  | 'carerPhone'
  | 'notes'
  | 'consentDate'
  | 'consentMethod'
  | 'consentGivenBy',
  string
> & { categories: string[] };
export const blankPersonForm = (today: string): PersonForm => ({
  fullName: '',
  birthYear: '',
  address: '',
  phone: '',
  carerName: '',
  carerRelation: '',
  carerPhone: '',
  notes: '',
  consentDate: today,
  consentMethod: 'written',
  consentGivenBy: '',
  categories: [],
});

function categoriesText(p: PersonView, lang: Lang) {
  return p.categories.map((c) => CATEGORY_LABELS[c][lang]).join(', ');
}

function RegisterSearch({ lang, q, withdrawn }: { lang: Lang; q: string; withdrawn: boolean }) {
  const t = tr(lang);
  return (
    <form method="get" action="/console/home-service/register" class="filters">
      <div class="field">
        <label for="q">{t('search')}</label>
        <input type="search" id="q" name="q" value={q} maxLength={60} />
      </div>
      <label class="choice">
        <input type="checkbox" name="withdrawn" value="1" checked={withdrawn} /> {t('showWithdrawn')}
      </label>
      {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
      <button type="submit">{t('searchButton')}</button>
    </form>
  );
}

function RegisterTable({ lang, people }: { lang: Lang; people: PersonView[] }) {
  const t = tr(lang);
  return (
    <table class="stack-table" data-testid="register">
      <thead>
        <tr>
          <th scope="col">{t('colName')}</th>
          <th scope="col">{t('colBirth')}</th>
          <th scope="col">{t('colCategories')}</th>
          <th scope="col">{t('colAddress')}</th>
          <th scope="col">{t('colConsent')}</th>
        </tr>
      </thead>
      <tbody>
        {people.map((x) => (
          <tr data-person={x.id}>
            <td>
              <a href={`${personHref(x.id)}${langQ(lang, true)}`}>{x.active ? x.fullName : `#${x.id}`}</a>
            </td>
            <td data-label={t('colBirth')}>{x.birthYear ?? '—'}</td>
            <td data-label={t('colCategories')}>{categoriesText(x, lang)}</td>
            <td data-label={t('colAddress')}>{x.address}</td>
            <td data-label={t('colConsent')}>
              {x.active ? formatVi(x.consent.date) : t('withdrawn', { date: dateTime(x.consent.withdrawnAt!) })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ConsentFieldset({ lang, form: f, errors }: { lang: Lang; form: PersonForm; errors: FieldError[] }) {
  const t = tr(lang);
  return (
    <fieldset>
      <legend>{t('consentTitle')}</legend>
      <div class="row2">
        <Text id="consentDate" label={t('consentDate')} value={f.consentDate} errors={errors} type="date" required />
        <Select
          id="consentMethod"
          label={t('consentMethod')}
          value={f.consentMethod}
          options={CONSENT_METHODS}
          labels={CONSENT_LABELS}
          lang={lang}
        />
      </div>
      <Text
        id="consentGivenBy"
        label={t('consentGivenBy')}
        value={f.consentGivenBy}
        errors={errors}
        max={120}
        required
      />
    </fieldset>
  );
}

function AddPersonForm({
  lang,
  csrf,
  form: f,
  errors,
}: {
  lang: Lang;
  csrf: string;
  form: PersonForm;
  errors: FieldError[];
}) {
  const t = tr(lang);
  return (
    <section class="card" aria-labelledby="add">
      <h2 id="add">{t('addPerson')}</h2>
      <ErrorSummary errors={errors} lang={lang} />
      <form method="post" action="/console/home-service/register" class="stack wide">
        <input type="hidden" name="_csrf" value={csrf} />
        {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        <div class="row2">
          <Text id="fullName" label={t('fullName')} value={f.fullName} errors={errors} max={120} required />
          <Text id="birthYear" label={t('birthYear')} value={f.birthYear} errors={errors} max={4} />
          <Text id="phone" label={t('phone')} value={f.phone} errors={errors} max={20} type="tel" />
        </div>
        <Text id="address" label={t('address')} value={f.address} errors={errors} required />
        <fieldset id="categories">
          <legend>{t('categories')}</legend>
          <FieldMessage id="categories" errors={errors} />
          <div class="choices">
            {CARE_CATEGORIES.map((c) => (
              <label class="choice">
                <input type="checkbox" name="categories" value={c} checked={f.categories.includes(c)} />{' '}
                {CATEGORY_LABELS[c][lang]}
              </label>
            ))}
          </div>
        </fieldset>
        <div class="row2">
          <Text id="carerName" label={t('carerName')} value={f.carerName} errors={errors} max={120} />
          <Text id="carerRelation" label={t('carerRelation')} value={f.carerRelation} errors={errors} max={60} />
          <Text id="carerPhone" label={t('carerPhone')} value={f.carerPhone} errors={errors} max={20} type="tel" />
        </div>
        <Text id="notes" label={t('notes')} value={f.notes} errors={errors} max={1000} />
        <ConsentFieldset lang={lang} form={f} errors={errors} />
        <button type="submit">{t('savePerson')}</button>
      </form>
    </section>
  );
}

export function RegisterPage(
  p: Shell & {
    q: string;
    withdrawn: boolean;
    people: PersonView[];
    canManage: boolean;
    form: PersonForm;
    errors: FieldError[];
    flash: string | null;
  },
) {
  const t = tr(p.lang);
  return (
    <ConsoleLayout {...p} title={t('registerTitle')}>
      <Style />
      <p class="crumbs">
        <a href={`/console/home-service${langQ(p.lang, true)}`}>{t('backToList')}</a>
      </p>
      <h1>{t('registerTitle')}</h1>
      <p class="notice">{t('registerIntro')}</p>
      <Flash text={p.flash} />
      <RegisterSearch lang={p.lang} q={p.q} withdrawn={p.withdrawn} />
      {p.people.length === 0 ? <p class="muted">{t('noPeople')}</p> : <RegisterTable lang={p.lang} people={p.people} />}
      {p.canManage ? <AddPersonForm lang={p.lang} csrf={p.csrf} form={p.form} errors={p.errors} /> : null}
    </ConsoleLayout>
  );
}

function PersonFacts({ lang, x }: { lang: Lang; x: PersonView }) {
  const t = tr(lang);
  return (
    <dl class="facts card">
      {x.active ? (
        <>
          <Fact term={t('birthYear')}>{x.birthYear ?? '—'}</Fact>
          <Fact term={t('address')}>{x.address}</Fact>
          <Fact term={t('phone')}>{x.phone || '—'}</Fact>
          <Fact term={t('categories')}>{categoriesText(x, lang)}</Fact>
          <Fact term={t('carerName')}>
            {[x.carer.name, x.carer.relation, x.carer.phone].filter(Boolean).join(' — ') || '—'}
          </Fact>
          {x.notes ? <Fact term={t('notes')}>{x.notes}</Fact> : null}
        </>
      ) : null}
      <Fact term={t('consentDate')}>{formatVi(x.consent.date)}</Fact>
      <Fact term={t('consentMethod')}>{CONSENT_LABELS[x.consent.method][lang]}</Fact>
      <Fact term={t('consentGivenBy')}>{x.consent.givenBy}</Fact>
      <Fact term={t('recordedBy')}>{x.consent.recordedBy ?? '—'}</Fact>
      {x.consent.withdrawnNote ? <Fact term={t('withdrawNote')}>{x.consent.withdrawnNote}</Fact> : null}
    </dl>
  );
}

function RequestFromPersonForm({ lang, csrf, personId }: { lang: Lang; csrf: string; personId: number }) {
  const t = tr(lang);
  return (
    <section class="card">
      <h2>{t('requestFromPerson')}</h2>
      <form method="post" action="/console/home-service/requests" class="stack wide">
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="carePersonId" value={String(personId)} />
        <fieldset id="needs">
          <legend>{t('needs')}</legend>
          <div class="choices">
            {TASKS.map((n) => (
              <label class="choice">
                <input type="checkbox" name="needs" value={n} /> {NEED_LABELS[n][lang]}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit">{t('saveRequest')}</button>
      </form>
    </section>
  );
}

function WithdrawForm({ lang, csrf, personId }: { lang: Lang; csrf: string; personId: number }) {
  const t = tr(lang);
  return (
    <details class="action">
      <summary>{t('withdrawTitle')}</summary>
      <form method="post" action={`${personHref(personId)}/withdraw`}>
        <input type="hidden" name="_csrf" value={csrf} />
        <p class="hint">{t('withdrawHint')}</p>
        <label for="note">{t('withdrawNote')}</label>
        <input type="text" id="note" name="note" maxLength={300} />
        <button type="submit" class="danger">
          {t('withdraw')}
        </button>
      </form>
    </details>
  );
}

export function PersonPage(
  p: Shell & {
    person: PersonView;
    canManage: boolean;
    canRequest: boolean;
    flash: string | null;
    errors: FieldError[];
  },
) {
  const t = tr(p.lang);
  const x = p.person;
  return (
    <ConsoleLayout {...p} title={t('personTitle', { id: x.id })}>
      <Style />
      <p class="crumbs">
        <a href={`/console/home-service/register${langQ(p.lang, true)}`}>← {t('registerLink')}</a>
      </p>
      <h1>{x.active ? x.fullName : t('personTitle', { id: x.id })}</h1>
      <Flash text={p.flash} />
      <ErrorSummary errors={p.errors} lang={p.lang} />
      {!x.active ? (
        <p class="notice" data-testid="withdrawn">
          {t('withdrawn', { date: dateTime(x.consent.withdrawnAt!) })}
        </p>
      ) : null}
      <PersonFacts lang={p.lang} x={x} />
      {x.active && p.canRequest ? <RequestFromPersonForm lang={p.lang} csrf={p.csrf} personId={x.id} /> : null}
      {x.active && p.canManage ? <WithdrawForm lang={p.lang} csrf={p.csrf} personId={x.id} /> : null}
    </ConsoleLayout>
  );
}

export type { T };
