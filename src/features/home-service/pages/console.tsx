/**
 * Console pages of the home service: overview (month figures, requests, new request), one request
 * (visits, scheduling, cancel), the officer's day list (prints on A4; PDF link), the visit record,
 * the register and one register entry. Server HTML, JS-free, POST-redirect-GET.
 */
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
  const f = p.form;
  return (
    <ConsoleLayout {...p} title={t('title')}>
      <Style />
      <h1>{t('title')}</h1>
      <p class="lead">{t('intro')}</p>
      <Flash text={p.flash} />
      <section aria-labelledby="figs">
        <h2 id="figs">{t('monthFigures', { month: p.month })}</h2>
        <ul class="hs-figures" data-testid="figures">
          <li data-figure="requests">
            <strong>{p.figures.requests}</strong> {t('figRequests')}
          </li>
          <li data-figure="visits">
            <strong>{p.figures.visits}</strong> {t('figVisits')}
          </li>
          <li data-figure="dossiersTaken">
            <strong>{p.figures.dossiersTaken}</strong> {t('figTaken')}
          </li>
          <li data-figure="resultsReturned">
            <strong>{p.figures.resultsReturned}</strong> {t('figReturned')}
          </li>
          <li data-figure="cardsDelivered">
            <strong>{p.figures.cardsDelivered}</strong> {t('figCards')}
          </li>
        </ul>
      </section>
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
      {p.requests ? (
        <>
          <h2>{t('requestsTitle')}</h2>
          <form method="get" action="/console/home-service" class="filters">
            <div class="field">
              <label for="f-status">{t('filterStatus')}</label>
              <select id="f-status" name="status">
                <option value="open" selected={p.status === 'open'}>
                  {t('allOpen')}
                </option>
                <option value="all" selected={p.status === 'all'}>
                  {t('all')}
                </option>
                {(['new', 'scheduled', 'done', 'cancelled'] as const).map((s) => (
                  <option value={s} selected={p.status === s}>
                    {REQUEST_STATUS_LABELS[s][p.lang]}
                  </option>
                ))}
              </select>
            </div>
            {p.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
            <button type="submit">{t('filter')}</button>
          </form>
          {p.requests.length === 0 ? (
            <p class="notice">{t('noRequests')}</p>
          ) : (
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
                {p.requests.map((r) => (
                  <tr data-code={r.code} data-status={r.status}>
                    <td class="nowrap">
                      <a href={`${requestHref(r.id)}${langQ(p.lang, true)}`}>{r.code}</a>
                    </td>
                    <td data-label={t('colPerson')}>{r.personName}</td>
                    <td data-label={t('colNeeds')}>{needsText(r.needs, r.needsOther, p.lang)}</td>
                    <td data-label={t('colPreferred')}>
                      {r.preferredDate ? `${formatVi(r.preferredDate)} ` : ''}
                      {SLOT_LABELS[r.preferredSlot][p.lang]}
                    </td>
                    <td data-label={t('colSource')}>{SOURCE_LABELS[r.source][p.lang]}</td>
                    <td data-label={t('colReceived')} class="nowrap">
                      {dateTime(r.createdAt)}
                    </td>
                    <td data-label={t('colStatus')}>
                      <span class={`badge hs-${r.status}`}>{REQUEST_STATUS_LABELS[r.status][p.lang]}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <section class="card" aria-labelledby="new-request">
            <h2 id="new-request">{t('newRequestTitle')}</h2>
            <p class="hint">{t('newRequestHint')}</p>
            <ErrorSummary errors={p.errors} lang={p.lang} />
            <form method="post" action="/console/home-service/requests" class="stack wide">
              <input type="hidden" name="_csrf" value={p.csrf} />
              {p.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
              <Text id="dossierCode" label={t('dossierCode')} value={f.dossierCode} errors={p.errors} max={40} />
              <div class="row2">
                <Text id="personName" label={t('personName')} value={f.personName} errors={p.errors} max={120} />
                <div class="field">
                  <label for="relationship">{t('relationship')}</label>
                  <select id="relationship" name="relationship">
                    {RELATIONSHIPS.map((r) => (
                      <option value={r} selected={f.relationship === r}>
                        {RELATIONSHIP_LABELS[r][p.lang]}
                      </option>
                    ))}
                  </select>
                </div>
                <Text
                  id="requesterName"
                  label={t('requesterName')}
                  value={f.requesterName}
                  errors={p.errors}
                  max={120}
                />
                <Text id="phone" label={t('phone')} value={f.phone} errors={p.errors} max={20} type="tel" />
              </div>
              <Text id="address" label={t('address')} value={f.address} errors={p.errors} />
              <fieldset id="needs">
                <legend>{t('needs')}</legend>
                <FieldMessage id="needs" errors={p.errors} />
                <div class="choices">
                  {NEEDS.map((n) => (
                    <label class="choice">
                      <input type="checkbox" name="needs" value={n} checked={f.needs.includes(n)} />{' '}
                      {NEED_LABELS[n][p.lang]}
                    </label>
                  ))}
                </div>
                <Text id="needsOther" label={t('needsOther')} value={f.needsOther} errors={p.errors} max={500} />
              </fieldset>
              <div class="row2">
                <Text
                  id="preferredDate"
                  label={t('preferredDate')}
                  value={f.preferredDate}
                  errors={p.errors}
                  type="date"
                />
                <div class="field">
                  <label for="preferredSlot">{t('preferredSlot')}</label>
                  <select id="preferredSlot" name="preferredSlot">
                    {SLOTS.map((s) => (
                      <option value={s} selected={f.preferredSlot === s}>
                        {SLOT_LABELS[s][p.lang]}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <Text id="notes" label={t('notes')} value={f.notes} errors={p.errors} max={1000} />
              <button type="submit">{t('saveRequest')}</button>
            </form>
          </section>
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
  const open = r.status === 'new' || r.status === 'scheduled';
  const f = p.form;
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
      <dl class="facts card">
        <dt>{t('personName')}</dt>
        <dd>{r.personName}</dd>
        <dt>{t('relationship')}</dt>
        <dd>
          {RELATIONSHIP_LABELS[r.relationship][p.lang]}
          {r.requesterName && r.relationship !== 'self' ? ` — ${r.requesterName}` : ''}
        </dd>
        <dt>{t('phone')}</dt>
        <dd>
          <a class="tel" href={`tel:${r.phone}`}>
            {r.phone}
          </a>
        </dd>
        <dt>{t('address')}</dt>
        <dd>{r.address}</dd>
        <dt>{t('needs')}</dt>
        <dd>{needsText(r.needs, r.needsOther, p.lang)}</dd>
        <dt>{t('colPreferred')}</dt>
        <dd>
          {r.preferredDate ? `${formatVi(r.preferredDate)} ` : ''}
          {SLOT_LABELS[r.preferredSlot][p.lang]}
        </dd>
        <dt>{t('source')}</dt>
        <dd>{SOURCE_LABELS[r.source][p.lang]}</dd>
        {r.dossierCode ? (
          <>
            <dt>{t('linkedDossier')}</dt>
            <dd>
              <a href={`/console/dossiers/${encodeURIComponent(r.dossierCode)}`}>{r.dossierCode}</a>
            </dd>
          </>
        ) : null}
        <dt>{t('receivedAt')}</dt>
        <dd>{dateTime(r.createdAt)}</dd>
        {r.consentAt ? (
          <>
            <dt>{t('consentAt')}</dt>
            <dd>{dateTime(r.consentAt)}</dd>
          </>
        ) : null}
        {r.notes ? (
          <>
            <dt>{t('notes')}</dt>
            <dd>{r.notes}</dd>
          </>
        ) : null}
        {r.closedAt ? (
          <>
            <dt>{t('closedAt')}</dt>
            <dd>
              {dateTime(r.closedAt)}
              {r.closeNote ? ` — ${r.closeNote}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
      <h2>{t('visitsTitle')}</h2>
      {p.visits.length === 0 ? (
        <p class="muted">{t('noVisits')}</p>
      ) : (
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
            {p.visits.map((v) => (
              <tr data-visit={v.id} data-status={v.status}>
                <td class="nowrap">
                  {v.time} {formatVi(v.date)}
                </td>
                <td data-label={t('officer')}>{v.officer.name}</td>
                <td data-label={t('tasks')}>{tasksText(v.tasks, p.lang)}</td>
                <td data-label={t('outcome')}>{VISIT_STATUS_LABELS[v.status][p.lang]}</td>
                <td>
                  <a href={`${visitHref(v.id)}${langQ(p.lang, true)}`}>
                    {v.status === 'scheduled' ? t('openVisit') : t('viewVisit')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open ? (
        <>
          <section class="card" aria-labelledby="sched">
            <h2 id="sched">{t('scheduleTitle')}</h2>
            <ErrorSummary errors={p.errors} lang={p.lang} />
            <form method="post" action={`${requestHref(r.id)}/visits`} class="stack wide">
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
                      <input type="checkbox" name="tasks" value={x} checked={f.tasks.includes(x)} />{' '}
                      {NEED_LABELS[x][p.lang]}
                    </label>
                  ))}
                </div>
              </fieldset>
              <Text id="notes" label={t('notes')} value={f.notes} errors={p.errors} max={1000} />
              <button type="submit">{t('schedule')}</button>
            </form>
          </section>
          <details class="action">
            <summary>{t('cancelTitle')}</summary>
            <form method="post" action={`${requestHref(r.id)}/cancel`}>
              <input type="hidden" name="_csrf" value={p.csrf} />
              <label for="note">{t('cancelReason')}</label>
              <input type="text" id="note" name="note" maxLength={500} required />
              <button type="submit" class="danger">
                {t('cancel')}
              </button>
            </form>
          </details>
        </>
      ) : null}
    </ConsoleLayout>
  );
}

// ---- Day list ----

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
      <p class="no-print">
        <a class="button" href={pdf} data-testid="day-pdf">
          {t('printPdf')}
        </a>{' '}
        <span class="muted">{t('printHint')}</span>
      </p>
      {p.visits.length === 0 ? (
        <p class="notice">{t('noVisitsDay')}</p>
      ) : (
        <table class="hs-day stack-table" data-testid="day-list">
          <thead>
            <tr>
              <th scope="col">{t('colTime')}</th>
              <th scope="col">{t('colPerson')}</th>
              <th scope="col">{t('colAddress')}</th>
              <th scope="col">{t('colTasks')}</th>
              {p.officer ? null : <th scope="col">{t('colOfficer')}</th>}
              <th scope="col">{t('colResult')}</th>
            </tr>
          </thead>
          <tbody>
            {p.visits.map((v) => (
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
                    {v.requesterName && v.relationship !== 'self' ? ` (${v.requesterName})` : ''}
                  </span>
                </td>
                <td data-label={t('colAddress')}>{v.address}</td>
                <td data-label={t('colTasks')}>
                  {tasksText(v.tasks, p.lang)}
                  {v.dossierCode ? <span class="block">{v.dossierCode}</span> : null}
                  {v.notes ? <span class="block muted">{v.notes}</span> : null}
                </td>
                {p.officer ? null : <td data-label={t('colOfficer')}>{v.officer.name}</td>}
                <td data-label={t('colResult')}>
                  <span class="no-print">
                    {v.status === 'scheduled' ? (
                      <a href={`${visitHref(v.id)}${langQ(p.lang, true)}`}>{t('openVisit')}</a>
                    ) : (
                      VISIT_STATUS_LABELS[v.status][p.lang]
                    )}
                  </span>
                  <span class="hs-print-only hs-sign">{t('signLine')}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsoleLayout>
  );
}

// ---- Visit record ----

export function VisitPage(
  p: Shell & { visit: VisitView; errors: FieldError[]; flash: string | null; form: Record<string, string> },
) {
  const t = tr(p.lang);
  const v = p.visit;
  const f = p.form;
  const outcome = f.outcome ?? 'done';
  return (
    <ConsoleLayout {...p} title={t('visitTitle', { date: formatVi(v.date), time: v.time })}>
      <Style />
      <p class="crumbs">
        <a href={`${dayHref(v.date, v.officer.id)}${langQ(p.lang)}`}>← {t('dayListLink')}</a>
      </p>
      <h1>
        {t('visitTitle', { date: formatVi(v.date), time: v.time })}{' '}
        <span class="badge" data-testid="visit-status">
          {VISIT_STATUS_LABELS[v.status][p.lang]}
        </span>
      </h1>
      <Flash text={p.flash} />
      <dl class="facts card">
        <dt>{t('request')}</dt>
        <dd>{v.requestCode}</dd>
        <dt>{t('personName')}</dt>
        <dd>{v.personName}</dd>
        <dt>{t('phone')}</dt>
        <dd>
          <a class="tel" href={`tel:${v.phone}`}>
            {v.phone}
          </a>
        </dd>
        <dt>{t('address')}</dt>
        <dd>{v.address}</dd>
        <dt>{t('officer')}</dt>
        <dd>{v.officer.name}</dd>
        <dt>{t('tasks')}</dt>
        <dd>{tasksText(v.tasks, p.lang)}</dd>
        {v.dossierCode ? (
          <>
            <dt>{t('linkedDossier')}</dt>
            <dd>{v.dossierCode}</dd>
          </>
        ) : null}
        {v.notes ? (
          <>
            <dt>{t('notes')}</dt>
            <dd>{v.notes}</dd>
          </>
        ) : null}
        {v.visitedAt ? (
          <>
            <dt>{t('visitedAt')}</dt>
            <dd>{dateTime(v.visitedAt)}</dd>
          </>
        ) : null}
        {v.outcomeNote ? (
          <>
            <dt>{t('outcomeNotes')}</dt>
            <dd>{v.outcomeNote}</dd>
          </>
        ) : null}
        {v.confirmation.kind ? (
          <>
            <dt>{t('confirmation')}</dt>
            <dd data-testid="confirmation">
              {v.confirmation.kind === 'typed' ? `${v.confirmation.name ?? ''} ✓` : t('confirmPaper')}
            </dd>
          </>
        ) : null}
        {v.takenCodes.length ? (
          <>
            <dt>{t('figTaken')}</dt>
            <dd>{v.takenCodes.join(', ')}</dd>
          </>
        ) : null}
        {v.status !== 'scheduled' && v.tasks.includes('return_result') ? (
          <>
            <dt>{t('figReturned')}</dt>
            <dd>{v.resultReturned ? t('yes') : t('no')}</dd>
          </>
        ) : null}
        {v.status !== 'scheduled' && v.tasks.includes('deliver_card') ? (
          <>
            <dt>{t('figCards')}</dt>
            <dd>{v.cardDelivered ? t('yes') : t('no')}</dd>
          </>
        ) : null}
        {v.hasPhoto ? (
          <>
            <dt>{t('photo')}</dt>
            <dd>
              <a href={`${visitHref(v.id)}/photo`}>{t('photoLink')}</a>
            </dd>
          </>
        ) : null}
      </dl>
      {v.status === 'scheduled' ? (
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
                    <input type="radio" name="outcome" value={o} checked={outcome === o} />{' '}
                    {VISIT_STATUS_LABELS[o][p.lang]}
                  </label>
                ))}
              </div>
            </fieldset>
            <Text id="time" label={t('time')} value={f.time ?? v.time} errors={p.errors} type="time" />
            {v.tasks.includes('return_result') && v.dossierCode ? (
              <label class="choice" id="resultReturned">
                <input type="checkbox" name="resultReturned" value="yes" checked={f.resultReturned === 'yes'} />{' '}
                {t('resultReturned', { code: v.dossierCode })}
              </label>
            ) : null}
            {v.tasks.includes('deliver_card') ? (
              <label class="choice" id="cardDelivered">
                <input type="checkbox" name="cardDelivered" value="yes" checked={f.cardDelivered === 'yes'} />{' '}
                {t('cardDelivered')}
              </label>
            ) : null}
            {v.tasks.includes('take_dossier') ? (
              <>
                <Text
                  id="takenCodes"
                  label={t('takenCodes')}
                  value={f.takenCodes ?? ''}
                  errors={p.errors}
                  max={400}
                  hint={t('takenHint')}
                />
                <p>
                  <a href="/console/dossiers/new?channel=home">{t('intakeLink')}</a>
                </p>
              </>
            ) : null}
            <fieldset id="confirmKind">
              <legend>{t('confirmation')}</legend>
              <label class="choice">
                <input type="radio" name="confirmKind" value="typed" checked={(f.confirmKind ?? 'typed') === 'typed'} />{' '}
                {t('confirmTyped')}
              </label>
              <Text id="confirmName" label={t('confirmName')} value={f.confirmName ?? ''} errors={p.errors} max={120} />
              <label class="choice">
                <input type="checkbox" name="confirmed" value="yes" checked={f.confirmed === 'yes'} /> {t('confirmed')}
              </label>
              <label class="choice">
                <input type="radio" name="confirmKind" value="paper" checked={f.confirmKind === 'paper'} />{' '}
                {t('confirmPaper')}
              </label>
            </fieldset>
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
  const f = p.form;
  return (
    <ConsoleLayout {...p} title={t('registerTitle')}>
      <Style />
      <p class="crumbs">
        <a href={`/console/home-service${langQ(p.lang, true)}`}>{t('backToList')}</a>
      </p>
      <h1>{t('registerTitle')}</h1>
      <p class="notice">{t('registerIntro')}</p>
      <Flash text={p.flash} />
      <form method="get" action="/console/home-service/register" class="filters">
        <div class="field">
          <label for="q">{t('search')}</label>
          <input type="search" id="q" name="q" value={p.q} maxLength={60} />
        </div>
        <label class="choice">
          <input type="checkbox" name="withdrawn" value="1" checked={p.withdrawn} /> {t('showWithdrawn')}
        </label>
        {p.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        <button type="submit">{t('searchButton')}</button>
      </form>
      {p.people.length === 0 ? (
        <p class="muted">{t('noPeople')}</p>
      ) : (
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
            {p.people.map((x) => (
              <tr data-person={x.id}>
                <td>
                  <a href={`${personHref(x.id)}${langQ(p.lang, true)}`}>{x.active ? x.fullName : `#${x.id}`}</a>
                </td>
                <td data-label={t('colBirth')}>{x.birthYear ?? '—'}</td>
                <td data-label={t('colCategories')}>{categoriesText(x, p.lang)}</td>
                <td data-label={t('colAddress')}>{x.address}</td>
                <td data-label={t('colConsent')}>
                  {x.active ? formatVi(x.consent.date) : t('withdrawn', { date: dateTime(x.consent.withdrawnAt!) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {p.canManage ? (
        <section class="card" aria-labelledby="add">
          <h2 id="add">{t('addPerson')}</h2>
          <ErrorSummary errors={p.errors} lang={p.lang} />
          <form method="post" action="/console/home-service/register" class="stack wide">
            <input type="hidden" name="_csrf" value={p.csrf} />
            {p.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
            <div class="row2">
              <Text id="fullName" label={t('fullName')} value={f.fullName} errors={p.errors} max={120} required />
              <Text id="birthYear" label={t('birthYear')} value={f.birthYear} errors={p.errors} max={4} />
              <Text id="phone" label={t('phone')} value={f.phone} errors={p.errors} max={20} type="tel" />
            </div>
            <Text id="address" label={t('address')} value={f.address} errors={p.errors} required />
            <fieldset id="categories">
              <legend>{t('categories')}</legend>
              <FieldMessage id="categories" errors={p.errors} />
              <div class="choices">
                {CARE_CATEGORIES.map((c) => (
                  <label class="choice">
                    <input type="checkbox" name="categories" value={c} checked={f.categories.includes(c)} />{' '}
                    {CATEGORY_LABELS[c][p.lang]}
                  </label>
                ))}
              </div>
            </fieldset>
            <div class="row2">
              <Text id="carerName" label={t('carerName')} value={f.carerName} errors={p.errors} max={120} />
              <Text id="carerRelation" label={t('carerRelation')} value={f.carerRelation} errors={p.errors} max={60} />
              <Text
                id="carerPhone"
                label={t('carerPhone')}
                value={f.carerPhone}
                errors={p.errors}
                max={20}
                type="tel"
              />
            </div>
            <Text id="notes" label={t('notes')} value={f.notes} errors={p.errors} max={1000} />
            <fieldset>
              <legend>{t('consentTitle')}</legend>
              <div class="row2">
                <Text
                  id="consentDate"
                  label={t('consentDate')}
                  value={f.consentDate}
                  errors={p.errors}
                  type="date"
                  required
                />
                <div class="field">
                  <label for="consentMethod">{t('consentMethod')}</label>
                  <select id="consentMethod" name="consentMethod">
                    {CONSENT_METHODS.map((m) => (
                      <option value={m} selected={f.consentMethod === m}>
                        {CONSENT_LABELS[m][p.lang]}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <Text
                id="consentGivenBy"
                label={t('consentGivenBy')}
                value={f.consentGivenBy}
                errors={p.errors}
                max={120}
                required
              />
            </fieldset>
            <button type="submit">{t('savePerson')}</button>
          </form>
        </section>
      ) : null}
    </ConsoleLayout>
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
      <dl class="facts card">
        {x.active ? (
          <>
            <dt>{t('birthYear')}</dt>
            <dd>{x.birthYear ?? '—'}</dd>
            <dt>{t('address')}</dt>
            <dd>{x.address}</dd>
            <dt>{t('phone')}</dt>
            <dd>{x.phone || '—'}</dd>
            <dt>{t('categories')}</dt>
            <dd>{categoriesText(x, p.lang)}</dd>
            <dt>{t('carerName')}</dt>
            <dd>{[x.carer.name, x.carer.relation, x.carer.phone].filter(Boolean).join(' — ') || '—'}</dd>
            {x.notes ? (
              <>
                <dt>{t('notes')}</dt>
                <dd>{x.notes}</dd>
              </>
            ) : null}
          </>
        ) : null}
        <dt>{t('consentDate')}</dt>
        <dd>{formatVi(x.consent.date)}</dd>
        <dt>{t('consentMethod')}</dt>
        <dd>{CONSENT_LABELS[x.consent.method][p.lang]}</dd>
        <dt>{t('consentGivenBy')}</dt>
        <dd>{x.consent.givenBy}</dd>
        <dt>{t('recordedBy')}</dt>
        <dd>{x.consent.recordedBy ?? '—'}</dd>
        {x.consent.withdrawnNote ? (
          <>
            <dt>{t('withdrawNote')}</dt>
            <dd>{x.consent.withdrawnNote}</dd>
          </>
        ) : null}
      </dl>
      {x.active && p.canRequest ? (
        <section class="card">
          <h2>{t('requestFromPerson')}</h2>
          <form method="post" action="/console/home-service/requests" class="stack wide">
            <input type="hidden" name="_csrf" value={p.csrf} />
            <input type="hidden" name="carePersonId" value={String(x.id)} />
            <fieldset id="needs">
              <legend>{t('needs')}</legend>
              <div class="choices">
                {NEEDS.filter((n) => n !== 'other').map((n) => (
                  <label class="choice">
                    <input type="checkbox" name="needs" value={n} /> {NEED_LABELS[n][p.lang]}
                  </label>
                ))}
              </div>
            </fieldset>
            <button type="submit">{t('saveRequest')}</button>
          </form>
        </section>
      ) : null}
      {x.active && p.canManage ? (
        <details class="action">
          <summary>{t('withdrawTitle')}</summary>
          <form method="post" action={`${personHref(x.id)}/withdraw`}>
            <input type="hidden" name="_csrf" value={p.csrf} />
            <p class="hint">{t('withdrawHint')}</p>
            <label for="note">{t('withdrawNote')}</label>
            <input type="text" id="note" name="note" maxLength={300} />
            <button type="submit" class="danger">
              {t('withdraw')}
            </button>
          </form>
        </details>
      ) : null}
    </ConsoleLayout>
  );
}

export type { T };
