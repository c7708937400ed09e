/** The dossier list with filters and paging, and the deadline monitor (plan III.1.5). */
import { ConsoleLayout } from '../../../core/http/layout.tsx';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { STATUS_LABELS, type Status } from '../model.ts';
import type { DossierView, MonitorItem } from '../service.ts';
import type { MonitorBucket } from '../workflow/clock.ts';
import { deskMessages } from '../messages.ts';
import { dayMessages } from '../workflow/day-messages.ts';
import { atTime, dateTime, dossierHref, StatusBadge, type Shell } from './common.tsx';

function applicantName(d: DossierView): string {
  return d.applicant.kind === 'organization' && d.applicant.orgName ? d.applicant.orgName : d.applicant.fullName;
}

function dueOf(d: DossierView): string {
  return d.extendedDueAt ?? d.dueAt;
}

export interface ListFilters {
  status: string;
  field: string;
  q: string;
  /** Only the dossiers the officer holds ("Của tôi"). */
  mine?: boolean;
}

/** The list's address with these filters, at a page cursor (null: the first page). */
export function listHref(f: ListFilters, lang: Lang, cursor: string | null): string {
  const q = new URLSearchParams();
  if (f.mine) q.set('mine', '1');
  if (f.status) q.set('status', f.status);
  if (f.field) q.set('field', f.field);
  if (f.q) q.set('q', f.q);
  if (cursor) q.set('cursor', cursor);
  if (lang === 'en') q.set('lang', 'en');
  return `/console/dossiers${q.size ? `?${q.toString()}` : ''}`;
}

type ListProps = Shell & {
  filters: ListFilters;
  fields: string[];
  items: DossierView[];
  /** Keyset cursors of the older and newer pages (decision 039); null at either end. */
  next: string | null;
  prev: string | null;
  canIntake: boolean;
};

function FilterForm({ f, fields, lang }: { f: ListFilters; fields: string[]; lang: Lang }) {
  const t = translator(deskMessages, lang);
  const dt = translator(dayMessages, lang);
  return (
    <form method="get" action="/console/dossiers" class="filters" aria-label={t('filters')}>
      <div class="field">
        <label for="f-status">{t('filterStatus')}</label>
        <select id="f-status" name="status">
          <option value="">{t('allStatuses')}</option>
          <option value="open" selected={f.status === 'open'}>
            {t('openStatuses')}
          </option>
          {(Object.keys(STATUS_LABELS) as unknown as Status[]).map((s) => (
            <option value={String(s)} selected={f.status === String(s)}>
              {s}. {STATUS_LABELS[s][lang]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-field">{t('field')}</label>
        <select id="f-field" name="field">
          <option value="">{t('allFields')}</option>
          {fields.map((x) => (
            <option value={x} selected={f.field === x}>
              {x}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-q">{dt('searchLabel')}</label>
        <input
          id="f-q"
          name="q"
          type="search"
          value={f.q}
          maxLength={100}
          autocomplete="off"
          placeholder={dt('searchHint')}
          aria-describedby="f-q-hint"
        />
        <span class="visually-hidden" id="f-q-hint">
          {dt('searchHint')}
        </span>
      </div>
      <label class="choice">
        <input type="checkbox" name="mine" value="1" checked={f.mine} /> {dt('mineOnly')}
      </label>
      {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
      <button type="submit">{t('filterButton')}</button>
    </form>
  );
}

function DossierTable({ items, lang }: { items: DossierView[]; lang: Lang }) {
  const t = translator(deskMessages, lang);
  return (
    <table class="stack-table dossiers" data-testid="dossiers">
      <thead>
        <tr>
          <th scope="col">{t('colCode')}</th>
          <th scope="col">{t('colProcedure')}</th>
          <th scope="col">{t('colApplicant')}</th>
          <th scope="col">{t('colReceived')}</th>
          <th scope="col">{t('colDue')}</th>
          <th scope="col">{t('colStatus')}</th>
          <th scope="col">{t('colHolder')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((d) => (
          <tr data-code={d.code}>
            <td class="nowrap">
              <a href={dossierHref(d.code)}>{d.code}</a>
            </td>
            <td data-label={t('colProcedure')}>{d.procedureName}</td>
            <td data-label={t('colApplicant')}>{applicantName(d)}</td>
            <td data-label={t('colReceived')} class="nowrap">
              {dateTime(d.receivedAt)}
            </td>
            <td data-label={t('colDue')}>
              <span class="nowrap">{d.noAppointment ? t('noAppointment') : dateTime(dueOf(d))}</span>
              {d.sameDay ? (
                <>
                  {' '}
                  <span class="badge ok same-day">{t('sameDay')}</span>
                </>
              ) : null}
            </td>
            <td data-label={t('colStatus')}>
              <StatusBadge status={d.status} lang={lang} />
            </td>
            <td data-label={t('colHolder')}>{d.holder ?? t('holderDesk')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Pager(p: ListProps) {
  const t = translator(deskMessages, p.lang);
  const f = p.filters;
  const [newest, oldest] = [p.items.at(0), p.items.at(-1)];
  return (
    <nav class="pager" aria-label={t('pagination')} data-testid="pager">
      {p.prev ? (
        <>
          <a href={listHref(f, p.lang, null)} rel="first">
            {t('firstPage')}
          </a>{' '}
          <a href={listHref(f, p.lang, p.prev)} rel="prev">
            {t('prevPage')}
          </a>
        </>
      ) : null}
      {oldest && newest ? (
        <span>{t('receivedRange', { from: dateTime(oldest.receivedAt), to: dateTime(newest.receivedAt) })}</span>
      ) : null}
      {p.next ? (
        <a href={listHref(f, p.lang, p.next)} rel="next">
          {t('nextPage')}
        </a>
      ) : null}
    </nav>
  );
}

export function DossierListPage(p: ListProps) {
  const t = translator(deskMessages, p.lang);
  const dt = translator(dayMessages, p.lang);
  const f = p.filters;
  const title = f.mine ? dt('mineTitle') : t('listTitle');
  return (
    <ConsoleLayout {...p} title={title}>
      <h1>{title}</h1>
      {f.mine ? <p class="muted">{dt('mineIntro', { name: p.userName })}</p> : null}
      {p.canIntake ? (
        <p>
          <a class="button" href="/console/dossiers/new" accesskey="n" aria-keyshortcuts="Alt+N">
            {t('newDossier')}
          </a>
        </p>
      ) : null}
      <FilterForm f={f} fields={p.fields} lang={p.lang} />
      {f.q ? <p data-testid="search-count">{dt('searchResults', { q: f.q, n: p.items.length })}</p> : null}
      {p.items.length === 0 ? (
        <p class="notice" data-testid="empty">
          {t('empty')}
        </p>
      ) : (
        <DossierTable items={p.items} lang={p.lang} />
      )}
      {p.prev || p.next ? <Pager {...p} /> : null}
    </ConsoleLayout>
  );
}

export type Bucket = MonitorBucket;
export interface CountRow {
  name: string;
  open: number;
  overdue: number;
  today: number;
  next: number;
}

function CountsTable(p: { title: string; groupLabel: string; rows: CountRow[]; testid: string; lang: Lang }) {
  const t = translator(deskMessages, p.lang);
  return (
    <section class="counts">
      <h2>{p.title}</h2>
      <table data-testid={p.testid}>
        <thead>
          <tr>
            <th scope="col">{p.groupLabel}</th>
            <th scope="col" class="num">
              {t('colOpen')}
            </th>
            <th scope="col" class="num">
              {t('colOverdue')}
            </th>
            <th scope="col" class="num">
              {t('colToday')}
            </th>
            <th scope="col" class="num">
              {t('colNext')}
            </th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr data-group={r.name}>
              <th scope="row">{r.name}</th>
              <td class="num" data-count="open">
                {r.open}
              </td>
              <td class={`num${r.overdue ? ' late-num' : ''}`} data-count="overdue">
                {r.overdue}
              </td>
              <td class="num" data-count="today">
                {r.today}
              </td>
              <td class="num" data-count="next">
                {r.next}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The dossiers of one bucket of the monitor. */
function BucketTable({ b, items, lang }: { b: Bucket; items: MonitorItem[]; lang: Lang }) {
  const t = translator(deskMessages, lang);
  /** What the officer works to: the 766 limit (original + supplement waits); status 1 has none yet. */
  const due = (d: MonitorItem) =>
    d.state === 'awaiting_acceptance'
      ? t('verdict_awaiting')
      : d.effectiveDueAt
        ? atTime(d.effectiveDueAt, lang)
        : t('noAppointment');
  return (
    <table class="stack-table">
      <thead>
        <tr>
          <th scope="col">{t('colCode')}</th>
          <th scope="col">{t('colProcedure')}</th>
          <th scope="col">{t('colApplicant')}</th>
          <th scope="col">{t('colDue')}</th>
          <th scope="col">{t('colStatus')}</th>
          <th scope="col">{t('colHolder')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((d) => (
          <tr data-code={d.code}>
            <td class="nowrap">
              <a href={dossierHref(d.code)}>{d.code}</a>
            </td>
            <td data-label={t('colProcedure')}>{d.procedureName}</td>
            <td data-label={t('colApplicant')}>{d.applicant}</td>
            <td data-label={t('colDue')}>
              {due(d)}
              {d.currentDueAt && d.currentDueAt !== d.dueAt ? (
                <span class="block muted">
                  {t('extendedDueAt')}: {atTime(d.currentDueAt, lang)}
                </span>
              ) : null}
            </td>
            <td data-label={t('colStatus')}>
              <StatusBadge status={d.status as Status} lang={lang} />
              {b === 'paused' && (d.verdict === 'late' || d.verdict === 'overdue') ? (
                <span class="badge late">{t(`verdict_${d.verdict}`)}</span>
              ) : null}
            </td>
            <td data-label={t('colHolder')}>{d.holder ?? t('holderDesk')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DeadlinesPage(
  p: Shell & {
    today: string;
    nextDate: string;
    buckets: Record<Bucket, MonitorItem[]>;
    byField: CountRow[];
    byHolder: CountRow[];
    totalOpen: number;
  },
) {
  const t = translator(deskMessages, p.lang);
  const titles: Record<Bucket, string> = {
    overdue: t('overdue'),
    dueToday: t('dueToday'),
    dueNextWorkingDay: t('dueNext', { date: p.nextDate }),
    awaitingAcceptance: t('monitorAwaiting'),
    paused: t('monitorPaused'),
  };
  return (
    <ConsoleLayout {...p} title={t('deadlinesTitle')}>
      <h1>{t('deadlinesTitle')}</h1>
      <p class="muted">{t('deadlinesIntro', { today: p.today })}</p>
      <p data-testid="total-open">{t('totalOpen', { n: p.totalOpen })}</p>
      {(['overdue', 'dueToday', 'dueNextWorkingDay', 'awaitingAcceptance', 'paused'] as const).map((b) => (
        <section class={`bucket bucket-${b}`} data-bucket={b} aria-labelledby={`b-${b}`}>
          <h2 id={`b-${b}`}>
            {titles[b]}{' '}
            <span class={`badge${b === 'overdue' && p.buckets[b].length ? ' late' : ''}`} data-testid={`count-${b}`}>
              {p.buckets[b].length}
            </span>
          </h2>
          {p.buckets[b].length === 0 ? (
            <p class="muted">{t('noneInBucket')}</p>
          ) : (
            <BucketTable b={b} items={p.buckets[b]} lang={p.lang} />
          )}
        </section>
      ))}
      <div class="counts-grid">
        <CountsTable title={t('byField')} groupLabel={t('field')} rows={p.byField} testid="by-field" lang={p.lang} />
        <CountsTable
          title={t('byHolder')}
          groupLabel={t('holder')}
          rows={p.byHolder}
          testid="by-holder"
          lang={p.lang}
        />
      </div>
    </ConsoleLayout>
  );
}
